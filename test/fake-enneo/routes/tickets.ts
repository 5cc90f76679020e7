import type { Router } from '../http';
import { HttpError } from '../http';
import type { FakeState, Row } from '../state';
import { sqlDate } from '../state';
import type { Schema } from '../validate';
import { ENUMS, queryFlag, validateBody } from '../validate';

/** A ticket row as the API shows it: tag objects resolved, customer reduced unless asked for. */
export function presentTicket(state: FakeState, row: Row, options: { includeCustomer?: boolean; compact?: boolean } = {}): Row {
	const tagIds = (row.tagIds as number[] | undefined) ?? [];
	const tags = tagIds.map((id) => state.tags.get(id)).filter(Boolean);
	const customer = row.customerId ? state.customers.get(Number(row.customerId)) : undefined;
	const customerTags = (customer?.tags as Row[] | undefined) ?? [];
	const out: Row = {
		...row,
		tags,
		customer: options.includeCustomer && customer ? customer : { tagIds: customerTags.map((t) => t.id), tags: customerTags },
	};
	if (options.compact) {
		for (const key of ['body', 'bodyPlain', 'bodyClean', 'attachments', 'template', 'workitem']) delete out[key];
	}
	return out;
}

/** Looks a ticket up the way every `/ticket/{id}…` route does: 404 unknown, 403 hidden. */
export function findTicket(state: FakeState, id: string | number): Row {
	const ticketId = Number(id);
	if (!Number.isInteger(ticketId)) throw new HttpError(400, `ticketId must be an integer, got ${String(id)}`, 'invalid_id');
	const ticket = state.tickets.get(ticketId);
	if (!ticket) throw new HttpError(404, `Ticket ${ticketId} not found`, 'ticket_not_found');
	if (state.hiddenTicketIds.has(ticketId)) {
		throw new HttpError(403, 'You are not allowed to see this ticket (required tag missing)', 'ticket_not_visible');
	}
	return ticket;
}

const ORDER_FIELDS = [
	't.id', 't.channel', 't.channelId', 't.subchannelId', 't.direction', 't.status', 't.priority', 't.agentId', 't.customerId',
	't.contractId', 't.partnerId', 't.isCustomerActive', 't.aiSupportLevel', 't.sentiment', 't.language', 't.languageCode', 't.from',
	't.createdAt', 't.modifiedAt', 't.firstResponseDueBy', 't.dueBy', 't.lastMessageAt', 't.lastCustomerMessageAt', 'i.aiAgentId',
	'tt.tagId', 'relevance',
];

const SEARCH_SCHEMA: Schema = {
	filters: { type: 'object[]' },
	limit: { type: 'integer' },
	offset: { type: 'integer' },
	orderByField: { type: 'string', enum: ORDER_FIELDS },
	orderByDirection: { type: 'string', enum: ['asc', 'desc'] },
	ticketScope: { type: 'string', enum: ['all', 'skills'] },
};

const COMPARATORS = ['in', 'not in', '=', '!=', '>', '<', '>=', '<=', 'between', 'not between'];
const SCALAR_COMPARE: Record<string, (a: string | number, b: string | number) => boolean> = {
	'=': (a, b) => String(a) === String(b),
	'!=': (a, b) => String(a) !== String(b),
	'>': (a, b) => a > b,
	'<': (a, b) => a < b,
	'>=': (a, b) => a >= b,
	'<=': (a, b) => a <= b,
};

/** Resolves `-7 DAY` / `CURRENT_DATE` and plain dates to comparable `YYYY-MM-DD HH:MM:SS`. */
function filterDate(value: unknown): string {
	const text = String(value).trim().toUpperCase();
	if (text === 'CURRENT_DATE') return sqlDate().slice(0, 10) + ' 00:00:00';
	if (text === 'CURRENT_TIME') return sqlDate();
	const rel = /^(-?\d+)\s+(DAY|HOUR|MINUTE)S?$/.exec(text);
	if (rel) {
		const ms = { DAY: 86_400_000, HOUR: 3_600_000, MINUTE: 60_000 }[rel[2] as 'DAY' | 'HOUR' | 'MINUTE'];
		return sqlDate(new Date(Date.now() + Number(rel[1]) * ms));
	}
	if (/^\d{4}-\d{2}-\d{2}$/.test(String(value))) return `${String(value)} 00:00:00`;
	if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(String(value))) return String(value);
	throw new HttpError(400, `invalid date filter value ${JSON.stringify(value)}`, 'invalid_filter');
}

const DATE_KEYS = ['t.createdAt', 't.modifiedAt', 't.firstResponseDueBy', 't.dueBy', 't.lastMessageAt', 't.lastCustomerMessageAt', 't.closedAt'];
const ENUM_KEYS: Record<string, string[]> = {
	't.status': ENUMS.status,
	't.channel': [...ENUMS.channel, 'all'],
	't.direction': ENUMS.direction,
	't.priority': ENUMS.priority,
	't.aiSupportLevel': ENUMS.aiSupportLevel,
	't.sentiment': ['positive', 'neutral', 'negative'],
};

function matchesFilter(state: FakeState, ticket: Row, filter: Record<string, unknown>): boolean {
	const key = String(filter.key);
	if (key === 'q') {
		const q = String(filter.value ?? '').toLowerCase();
		if (/^\d+$/.test(q)) return [ticket.id, ticket.contractId, ticket.customerId].map(String).includes(q);
		if (q.replace(/\d/g, '').length < 4) return false;
		return ['subject', 'summary', 'bodyPlain'].some((f) => String(ticket[f] ?? '').toLowerCase().includes(q));
	}
	const comparator = String(filter.comparator ?? '');
	if (!COMPARATORS.includes(comparator)) throw new HttpError(400, `invalid comparator ${JSON.stringify(filter.comparator)}`, 'invalid_filter');
	if (key.startsWith('tt_') || key === 'tt.tagId') {
		const wanted = ((filter.values as unknown[]) ?? [filter.value]).map(Number);
		const has = (ticket.tagIds as number[]) ?? [];
		if (key === 'tt_matchAll.tagId') return wanted.every((id) => has.includes(id));
		if (key === 'tt_matchExact.tagId') return wanted.length === has.length && wanted.every((id) => has.includes(id));
		return wanted.some((id) => has.includes(id));
	}
	const field = key.replace(/^t\./, '');
	if (!key.startsWith('t.')) throw new HttpError(400, `unknown filter key ${key}`, 'invalid_filter');
	if (ENUM_KEYS[key] && Array.isArray(filter.values)) {
		const bad = (filter.values as unknown[]).find((v) => !ENUM_KEYS[key].includes(String(v)));
		if (bad !== undefined) throw new HttpError(400, `invalid value ${JSON.stringify(bad)} for filter ${key}`, 'invalid_filter');
	}
	const actual = ticket[field];
	if (comparator === 'in' || comparator === 'not in') {
		if (!Array.isArray(filter.values)) throw new HttpError(400, `filter ${key} with '${comparator}' needs a values array`, 'invalid_filter');
		let values = (filter.values as unknown[]).map(String);
		if (key === 't.channel' && values.includes('all')) return comparator === 'in';
		const hit =
			values.includes(String(actual)) || (key === 't.agentId' && values.includes('unassigned') && (actual === null || actual === undefined));
		values = [];
		return comparator === 'in' ? hit : !hit;
	}
	if (DATE_KEYS.includes(key)) {
		if (actual === null || actual === undefined) return false;
		if (comparator === 'between' || comparator === 'not between') {
			const inside = String(actual) >= filterDate(filter.from) && String(actual) <= filterDate(filter.to);
			return comparator === 'between' ? inside : !inside;
		}
		return SCALAR_COMPARE[comparator](String(actual), filterDate(filter.value));
	}
	if (comparator === 'between' || comparator === 'not between') throw new HttpError(400, `'${comparator}' only works on date keys`, 'invalid_filter');
	return SCALAR_COMPARE[comparator](actual as string, filter.value as string);
}

function sortTickets(list: Row[], field: string, direction: string): Row[] {
	const key = field === 'relevance' ? 'id' : field.replace(/^(t|i|tt)\./, '');
	const sign = direction === 'asc' ? 1 : -1;
	return list.sort((a, b) => {
		const x = a[key] as string | number;
		const y = b[key] as string | number;
		if (x === y) return (a.id - b.id) * sign;
		if (x === null || x === undefined) return 1;
		if (y === null || y === undefined) return -1;
		return (x > y ? 1 : -1) * sign;
	});
}

/** Writable ticket fields of PATCH /ticket and PATCH /ticket/{id} (enneo-api.md §2.8). */
export const TICKET_PATCH_SCHEMA: Schema = {
	status: { type: 'string', enum: ENUMS.status },
	priority: { type: 'string', enum: ENUMS.priority },
	agentId: { type: 'integer', nullable: true },
	assignedAgentIds: { type: 'integer[]' },
	workedOnBy: { type: 'array', nullable: true },
	dueBy: { type: 'string', format: 'datetime', nullable: true },
	firstResponseDueBy: { type: 'string', format: 'datetime', nullable: true },
	tagIds: { type: 'integer[]' },
	addTagIds: { type: 'integer[]' },
	removeTagIds: { type: 'integer[]' },
	contractId: { type: 'string', nullable: true },
	customerId: { type: 'string', nullable: true },
	customerLegitimation: { type: 'integer', enum: ENUMS.customerLegitimation },
	aiSupportLevel: { type: 'string', enum: ENUMS.aiSupportLevel },
	spamStatus: { type: 'string', enum: ENUMS.spamStatus, nullable: true },
	refreshMode: { type: 'string', enum: ['full', 'summaryAndText', 'customer', 'tags', 'agents'] },
	intentId: { type: 'integer' },
	isSync: { type: 'boolean' },
	subject: { type: 'string' },
	summary: { type: 'string' },
	body: { type: 'string' },
	externalTicketId: { type: 'string', nullable: true },
	additionalData: { type: 'object', nullable: true },
	subchannelId: { type: 'integer' },
};

/** Applies one validated change set to a ticket, enforcing the documented rules. */
export function applyTicketChanges(state: FakeState, ticket: Row, changes: Record<string, unknown>, where: string): void {
	if ('tagIds' in changes && ('addTagIds' in changes || 'removeTagIds' in changes)) {
		throw new HttpError(400, `${where}: tagIds cannot be combined with addTagIds/removeTagIds`, 'invalid_tags');
	}
	const status = changes.status ?? ticket.status;
	if (changes.status === 'pending') {
		const due = changes.dueBy as string | undefined;
		if (!due || due <= sqlDate()) throw new HttpError(400, `${where}: status pending requires dueBy in the future`, 'pending_requires_due_by');
	}
	for (const id of [...((changes.tagIds as number[]) ?? []), ...((changes.addTagIds as number[]) ?? [])]) {
		if (!state.tags.has(id)) throw new HttpError(400, `${where}: unknown tag id ${id}`, 'unknown_tag');
	}
	if (changes.agentId !== undefined && changes.agentId !== null && !state.profiles.has(changes.agentId as number)) {
		throw new HttpError(400, `${where}: unknown agent id ${String(changes.agentId)}`, 'unknown_agent');
	}
	const { addTagIds, removeTagIds, refreshMode: _r, intentId: _i, isSync: _s, ...plain } = changes;
	Object.assign(ticket, plain);
	if (addTagIds || removeTagIds) {
		const tags = new Set((ticket.tagIds as number[]) ?? []);
		for (const id of (addTagIds as number[]) ?? []) tags.add(id);
		for (const id of (removeTagIds as number[]) ?? []) tags.delete(id);
		ticket.tagIds = [...tags];
	}
	if (changes.spamStatus === 'manual_spam') ticket.status = 'closed';
	if (status === 'closed' && !ticket.closedAt) ticket.closedAt = sqlDate();
	ticket.modifiedAt = sqlDate();
}

/** Ticket routes (enneo-api.md §2). */
export function registerTicketRoutes(router: Router<FakeState>): void {
	router.post('/ticket/search', ({ state, body }) => {
		const request = validateBody(body ?? {}, SEARCH_SCHEMA, 'POST /ticket/search');
		const limit = (request.limit as number | undefined) ?? 100;
		const offset = (request.offset as number | undefined) ?? 0;
		if (limit < 1 || limit > 500) throw new HttpError(400, `limit must be between 1 and 500, got ${limit}`, 'invalid_limit');
		if (offset < 0) throw new HttpError(400, 'offset must be >= 0', 'invalid_offset');
		const filters = (request.filters as Array<Record<string, unknown>> | undefined) ?? [];
		let list = [...state.tickets.values()].filter((t) => filters.every((f) => matchesFilter(state, t, f)));
		if (request.ticketScope === 'skills') list = list.filter((t) => !['auto_spam', 'auto_programmatic', 'manual_spam'].includes(String(t.spamStatus)));
		list = sortTickets(list, String(request.orderByField ?? 't.id'), String(request.orderByDirection ?? 'desc'));
		const page = list.slice(offset, offset + limit).map((t) => presentTicket(state, t, { compact: true }));
		return { tickets: page, total: list.length, offset, limit, success: true };
	});

	router.get('/ticket/:ticketId', ({ state, params, query }) => {
		const ticket = findTicket(state, params.ticketId);
		const viewing = queryFlag(query.viewing, 'viewing') ?? true;
		const includeCustomer = queryFlag(query.includeCustomer, 'includeCustomer') ?? false;
		for (const flag of ['includeIntents', 'includeRawData', 'erpCacheOnly', 'refresh', 'includeSessions']) queryFlag(query[flag], flag);
		if (viewing) {
			// A human "open": the caller joins workedOnBy (what automations must avoid).
			const workedOn = new Set((ticket.workedOnByIds as number[]) ?? []);
			workedOn.add(state.me.id);
			ticket.workedOnByIds = [...workedOn];
		}
		const out = presentTicket(state, ticket, { includeCustomer });
		if (queryFlag(query.includeIntents, 'includeIntents')) out.intents = (ticket.intents as unknown[]) ?? [];
		if (queryFlag(query.includeRawData, 'includeRawData')) out.rawData = ticket.rawData ?? null;
		return { ...out, success: true };
	});

	router.patch('/ticket', ({ state, body, query }) => {
		queryFlag(query.includeInWorklog, 'includeInWorklog');
		if (!Array.isArray(body)) throw new HttpError(400, 'PATCH /ticket: the body must be a JSON array of ticket objects', 'invalid_body');
		if (!body.length) throw new HttpError(400, 'PATCH /ticket: the array is empty', 'invalid_body');
		// Validate everything first: one bad element fails the whole batch, nothing is half-applied.
		const changes = body.map((element, index) => {
			const where = `PATCH /ticket [${index}]`;
			const { id, ...rest } = validateBody(element, { ...TICKET_PATCH_SCHEMA, id: { type: 'integer', required: true } }, where) as Record<string, unknown> & { id: number };
			const ticket = findTicket(state, id);
			return { ticket, rest, where };
		});
		for (const { ticket, rest, where } of changes) {
			const copy = { ...ticket };
			applyTicketChanges(state, copy, rest, where);
		}
		for (const { ticket, rest, where } of changes) applyTicketChanges(state, ticket, rest, where);
		return { success: true };
	});
}
