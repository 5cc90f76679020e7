/**
 * Events of the fake Enneo (docs/enneo-api-notes.md#events): the routes append one row per key activity
 * (emitEvent), POST /event/search reads them. Tests insert events in bulk (insertEvents) and move
 * time forward (ageEvents) to reach the 30-day retention.
 */
import type { FakeState, Row } from './state';
import { sqlDate } from './state';

/** Enneo keeps event details (data/outcome) for 30 days. */
export const EVENT_RETENTION_DAYS = 30;

export interface EventInput {
	type: string;
	subType?: string | null;
	/** Omitted for events without a ticket (ticketDeleted, agentRoutingStatusChanged). */
	ticketId?: number | null;
	data?: Record<string, unknown> | null;
	/** The acting user's profile ID; null for the customer or the system. Default: the API key's user. */
	userId?: number | null;
	activity?: string;
	status?: string;
	createdAt?: string;
}

const ACTIVITY: Record<string, string> = {
	ticketCreated: 'created the ticket',
	ticketUpdated: 'updated the ticket',
	ticketRouted: 'routed the ticket',
	ticketResponse: 'replied to the ticket',
	ticketForwarded: 'forwarded the ticket',
	ticketDeleted: 'deleted a ticket',
	conversationCreated: 'added a message',
	newReply: 'sent a reply',
	newNote: 'added an internal note',
	callStarted: 'started a call',
	callCompleted: 'completed a call',
};

function userOf(state: FakeState, userId: number | null | undefined): Row | null {
	if (userId === null) return null;
	const profile = state.profiles.get(userId ?? Number(state.me.id)) ?? state.me;
	return {
		id: profile.id,
		email: profile.email ?? null,
		firstName: profile.firstName ?? null,
		lastName: profile.lastName ?? null,
		type: 'user',
	};
}

/** Appends one event row as the routes' side effect; returns it. */
export function emitEvent(state: FakeState, input: EventInput): Row {
	const ticketId = input.ticketId ?? null;
	const ticket = ticketId !== null ? state.tickets.get(ticketId) : undefined;
	const row: Row = {
		id: state.nextId.event++,
		type: input.type,
		subType: input.subType ?? null,
		status: input.status ?? 'closed',
		data: input.data ?? null,
		outcome: null,
		user: userOf(state, input.userId),
		createdAt: input.createdAt ?? sqlDate(),
		activity: input.activity ?? ACTIVITY[input.type] ?? input.type,
		ticketId,
		contractId: (ticket?.contractId as string | null | undefined) ?? null,
		details: [],
		tabs: [],
		showToUser: true,
	};
	state.events.push(row);
	return row;
}

/** Inserts `count` events (e.g. 250 ticketCreated on existing tickets) as if they had just happened; returns their IDs. */
export function insertEvents(
	state: FakeState,
	count: number,
	input: Omit<EventInput, 'ticketId'> & { ticketIds?: number[] },
): number[] {
	const ids: number[] = [];
	for (let index = 0; index < count; index++) {
		const ticketId = input.ticketIds?.length
			? input.ticketIds[index % input.ticketIds.length]
			: null;
		ids.push(emitEvent(state, { ...input, ticketId, data: input.data ?? { index } }).id);
	}
	return ids;
}

/** Fast-forward: every event so far happened `days` earlier (so a test reaches the 30-day retention without waiting). */
export function ageEvents(state: FakeState, days: number): void {
	const shift = days * 86_400_000;
	for (const event of state.events) {
		const at = Date.parse(`${String(event.createdAt).replace(' ', 'T')}Z`);
		event.createdAt = sqlDate(new Date(at - shift));
	}
}

/** An event as the search answers it: past the retention its data and outcome are gone. */
export function presentEvent(event: Row, now = Date.now()): Row {
	const at = Date.parse(`${String(event.createdAt).replace(' ', 'T')}Z`);
	const expired = now - at > EVENT_RETENTION_DAYS * 86_400_000;
	return expired ? { ...event, data: null, outcome: null } : { ...event };
}
