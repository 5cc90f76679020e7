/** In-memory state of the fake Enneo instance. Shapes follow docs/enneo-api-notes.md. */
export type Row = Record<string, unknown> & { id: number };

export interface FakeState {
	tickets: Map<number, Row>;
	conversations: Map<number, Row>;
	customers: Map<number, Row>;
	contracts: Map<number, Row>;
	tags: Map<number, Row>;
	profiles: Map<number, Row>;
	aiAgents: Map<number, Row>;
	subchannels: Map<number, Row>;
	queue: Map<number, Row>;
	/** The user the API key belongs to (GET /profile). */
	me: Row;
	/** Tickets the key's user may not see (required tag): every route reaching them answers 403. */
	hiddenTicketIds: Set<number>;
	/** Tickets whose auto-execution reports failure (HTTP 207). */
	autoExecuteFailingIds: Set<number>;
	/** When true, the telephony lifecycle hooks answer 403 as on instances with Enneo's own ACD. */
	telephonyHooksForbidden: boolean;
	/** Fault mode: list routes ignore `offset` (always the first page) and send no `total`. */
	ignoresOffset: boolean;
	/** Fault mode: PATCH /ticket accepts these element keys but does not apply them (Enneo does not say which it applies: docs/enneo-api-notes.md#bulk-update). */
	bulkIgnoredFields: string[];
	nextId: { ticket: number; conversation: number; queue: number; event: number };
	/** Events, oldest first (../events.ts emits them, POST /event/search reads them). */
	events: Row[];
	/** Fault mode: over this many matching events, POST /event/search sorts by e.createdAt and warns `sort-field-changed`. */
	eventSortFallbackOver?: number;
}

export function emptyState(): FakeState {
	return {
		tickets: new Map(),
		conversations: new Map(),
		customers: new Map(),
		contracts: new Map(),
		tags: new Map(),
		profiles: new Map(),
		aiAgents: new Map(),
		subchannels: new Map(),
		queue: new Map(),
		// `events`: the key of an n8n event trigger needs it (docs/enneo-api-notes.md#events); tests revoke it for the 403.
		me: { id: 1, firstName: 'Api', lastName: 'User', permissions: ['events'] },
		hiddenTicketIds: new Set(),
		autoExecuteFailingIds: new Set(),
		telephonyHooksForbidden: false,
		ignoresOffset: false,
		bulkIgnoredFields: [],
		nextId: { ticket: 1000, conversation: 5000, queue: 100, event: 9000 },
		events: [],
	};
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, as Enneo stores ticket timestamps. */
export function sqlDate(date = new Date()): string {
	return date.toISOString().slice(0, 19).replace('T', ' ');
}
