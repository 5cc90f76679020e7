import { emitEvent } from '../events';
import type { Router } from '../http';
import { HttpError, reply } from '../http';
import type { FakeState, Row } from '../state';
import { sqlDate } from '../state';
import type { Schema } from '../validate';
import { assertKnown, ENUMS, queryFlag, queryInt, validateBody } from '../validate';

/** A ticket row as the API shows it: tag objects resolved, customer reduced unless asked for. */
export function presentTicket(
	state: FakeState,
	row: Row,
	options: { includeCustomer?: boolean; compact?: boolean } = {},
): Row {
	const tagIds = (row.tagIds as number[] | undefined) ?? [];
	const tags = tagIds.map((id) => state.tags.get(id)).filter(Boolean);
	const customer = row.customerId ? state.customers.get(Number(row.customerId)) : undefined;
	const customerTags = (customer?.tags as Row[] | undefined) ?? [];
	const out: Row = {
		...row,
		tags,
		customer:
			options.includeCustomer && customer
				? customer
				: { tagIds: customerTags.map((t) => t.id), tags: customerTags },
	};
	if (options.compact) {
		for (const key of ['body', 'bodyPlain', 'bodyClean', 'attachments', 'template', 'workitem'])
			delete out[key];
	}
	return out;
}

/** Looks a ticket up the way every `/ticket/{id}…` route does: 404 unknown, 403 hidden. */
export function findTicket(state: FakeState, id: string | number): Row {
	const ticketId = Number(id);
	if (!Number.isInteger(ticketId))
		throw new HttpError(400, `ticketId must be an integer, got ${String(id)}`, 'invalid_id');
	const ticket = state.tickets.get(ticketId);
	if (!ticket) throw new HttpError(404, `Ticket ${ticketId} not found`, 'ticket_not_found');
	if (state.hiddenTicketIds.has(ticketId)) {
		throw new HttpError(
			403,
			'You are not allowed to see this ticket (required tag missing)',
			'ticket_not_visible',
		);
	}
	return ticket;
}

const ORDER_FIELDS = [
	't.id',
	't.channel',
	't.channelId',
	't.subchannelId',
	't.direction',
	't.status',
	't.priority',
	't.agentId',
	't.customerId',
	't.contractId',
	't.partnerId',
	't.isCustomerActive',
	't.aiSupportLevel',
	't.sentiment',
	't.language',
	't.languageCode',
	't.from',
	't.createdAt',
	't.modifiedAt',
	't.firstResponseDueBy',
	't.dueBy',
	't.lastMessageAt',
	't.lastCustomerMessageAt',
	'i.aiAgentId',
	'tt.tagId',
	'relevance',
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
		const ms = { DAY: 86_400_000, HOUR: 3_600_000, MINUTE: 60_000 }[
			rel[2] as 'DAY' | 'HOUR' | 'MINUTE'
		];
		return sqlDate(new Date(Date.now() + Number(rel[1]) * ms));
	}
	if (/^\d{4}-\d{2}-\d{2}$/.test(String(value))) return `${String(value)} 00:00:00`;
	if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(String(value))) return String(value);
	throw new HttpError(400, `invalid date filter value ${JSON.stringify(value)}`, 'invalid_filter');
}

const DATE_KEYS = [
	't.createdAt',
	't.modifiedAt',
	't.firstResponseDueBy',
	't.dueBy',
	't.lastMessageAt',
	't.lastCustomerMessageAt',
	't.closedAt',
];
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
		if (/^\d+$/.test(q))
			return [ticket.id, ticket.contractId, ticket.customerId].map(String).includes(q);
		if (q.replace(/\d/g, '').length < 4) return false;
		return ['subject', 'summary', 'bodyPlain'].some((f) =>
			String(ticket[f] ?? '')
				.toLowerCase()
				.includes(q),
		);
	}
	const comparator = String(filter.comparator ?? '');
	if (!COMPARATORS.includes(comparator))
		throw new HttpError(
			400,
			`invalid comparator ${JSON.stringify(filter.comparator)}`,
			'invalid_filter',
		);
	if (key.startsWith('tt_') || key === 'tt.tagId') {
		const wanted = ((filter.values as unknown[]) ?? [filter.value]).map(Number);
		const has = (ticket.tagIds as number[]) ?? [];
		if (key === 'tt_matchAll.tagId') return wanted.every((id) => has.includes(id));
		if (key === 'tt_matchExact.tagId')
			return wanted.length === has.length && wanted.every((id) => has.includes(id));
		return wanted.some((id) => has.includes(id));
	}
	const field = key.replace(/^t\./, '');
	if (!key.startsWith('t.'))
		throw new HttpError(400, `unknown filter key ${key}`, 'invalid_filter');
	if (ENUM_KEYS[key] && Array.isArray(filter.values)) {
		const bad = (filter.values as unknown[]).find((v) => !ENUM_KEYS[key].includes(String(v)));
		if (bad !== undefined)
			throw new HttpError(
				400,
				`invalid value ${JSON.stringify(bad)} for filter ${key}`,
				'invalid_filter',
			);
	}
	const actual = ticket[field];
	if (comparator === 'in' || comparator === 'not in') {
		if (!Array.isArray(filter.values))
			throw new HttpError(
				400,
				`filter ${key} with '${comparator}' needs a values array`,
				'invalid_filter',
			);
		let values = (filter.values as unknown[]).map(String);
		if (key === 't.channel' && values.includes('all')) return comparator === 'in';
		const hit =
			values.includes(String(actual)) ||
			(key === 't.agentId' &&
				values.includes('unassigned') &&
				(actual === null || actual === undefined));
		values = [];
		return comparator === 'in' ? hit : !hit;
	}
	if (DATE_KEYS.includes(key)) {
		if (actual === null || actual === undefined) return false;
		if (comparator === 'between' || comparator === 'not between') {
			const inside =
				String(actual) >= filterDate(filter.from) && String(actual) <= filterDate(filter.to);
			return comparator === 'between' ? inside : !inside;
		}
		return SCALAR_COMPARE[comparator](String(actual), filterDate(filter.value));
	}
	if (comparator === 'between' || comparator === 'not between')
		throw new HttpError(400, `'${comparator}' only works on date keys`, 'invalid_filter');
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

/** Writable ticket fields of PATCH /ticket/{id} (docs/enneo-api-notes.md#ticket-update); PATCH /ticket takes the bulk element instead. */
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

/**
 * One element of PATCH /ticket: exactly the keys of Enneo's example element (a whole ticket
 * object), with its types (docs/enneo-api-notes.md#bulk-update). Keys the example does not show (`tagIds`, `addTagIds`,
 * `removeTagIds`, `spamStatus`, …) are unknown here and answer 400.
 */
const BULK_ELEMENT_SCHEMA: Schema = {
	id: { type: 'integer', required: true },
	from: { type: 'string', nullable: true },
	fromName: { type: 'string', nullable: true },
	to: { type: 'string[]' },
	ccEmails: { type: 'string[]' },
	replyCcEmails: { type: 'string[]' },
	subchannelId: { type: 'integer' },
	sentiment: { type: 'string', enum: ['positive', 'neutral', 'negative'] },
	language: { type: 'string' },
	languageCode: { type: 'string' },
	autoExecuteAt: { type: 'string', format: 'iso8601', nullable: true },
	aiSupportLevel: { type: 'string', enum: ENUMS.aiSupportLevel },
	isCustomerActive: { type: 'boolean' },
	interface: { type: 'string' },
	priority: { type: 'string', enum: ENUMS.priority },
	channel: { type: 'string', enum: ENUMS.channel },
	channelId: { type: 'string', nullable: true },
	status: { type: 'string', enum: ENUMS.status },
	summary: { type: 'string' },
	subject: { type: 'string' },
	bodyPlain: { type: 'string' },
	body: { type: 'string' },
	isEscalated: { type: 'boolean' },
	createdAt: { type: 'string' },
	modifiedAt: { type: 'string', nullable: true },
	firstResponseDueBy: { type: 'string', format: 'datetime', nullable: true },
	dueBy: { type: 'string', format: 'datetime', nullable: true },
	closedAt: { type: 'string', nullable: true },
	customer: { type: 'object', nullable: true },
	customerId: { type: 'string', nullable: true },
	contractId: { type: 'string', nullable: true },
	partnerId: { type: 'integer', nullable: true },
	customerLegitimation: { type: 'integer', enum: ENUMS.customerLegitimation },
	responderId: { type: 'integer', nullable: true },
	agentId: { type: 'integer', nullable: true },
	agent: { type: 'object', nullable: true },
	assignedAgentIds: { type: 'integer[]' },
	assignedAgents: { type: 'object[]' },
	workedOnByIds: { type: 'integer[]' },
	workedOnBy: { type: 'object[]', nullable: true },
	attachments: { type: 'object[]' },
	additionalData: { type: 'object', nullable: true },
	template: { type: 'string' },
	tags: { type: 'object[]' },
	agentSkillsMatch: { type: 'boolean' },
};

/** Keys of the example element that describe the ticket rather than change it: accepted, not applied. */
const BULK_READ_ONLY = [
	'createdAt',
	'modifiedAt',
	'closedAt',
	'customer',
	'agent',
	'assignedAgents',
	'workedOnByIds',
	'workedOnBy',
	'attachments',
	'template',
	'agentSkillsMatch',
];

/** Example-element keys any agent may change (the agent set, docs/enneo-api-notes.md#ticket-update); every other applied key needs updateTechnicalTicketFields. */
const BULK_AGENT_FIELDS = [
	'status',
	'priority',
	'agentId',
	'assignedAgentIds',
	'dueBy',
	'firstResponseDueBy',
	'contractId',
	'customerId',
	'customerLegitimation',
	'aiSupportLevel',
	'tags',
];

/** A validated bulk element as the change set it makes: read-only keys dropped, `tags` objects → tag IDs. */
function bulkChanges(
	state: FakeState,
	element: Record<string, unknown>,
	where: string,
): Record<string, unknown> {
	const changes: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(element)) {
		if (BULK_READ_ONLY.includes(key) || state.bulkIgnoredFields.includes(key)) continue;
		changes[key] = value;
	}
	const technical = Object.keys(changes).filter((key) => !BULK_AGENT_FIELDS.includes(key));
	if (technical.length)
		requirePermission(
			state,
			'updateTechnicalTicketFields',
			`${where}: changing ${technical.join(', ')}`,
		);
	if (changes.tags !== undefined) {
		const tagIds = (changes.tags as Array<Record<string, unknown>>).map((tag, index) => {
			if (!Number.isInteger(tag.id))
				throw new HttpError(400, `${where}: tags[${index}].id must be an integer`, 'invalid_type', {
					field: 'tags',
				});
			return tag.id as number;
		});
		delete changes.tags;
		changes.tagIds = [...new Set(tagIds)];
	}
	assertKnown(
		state.subchannels,
		changes.subchannelId,
		where,
		'subchannel id',
		'unknown_subchannel',
	);
	return changes;
}

/** Applies one validated change set to a ticket, enforcing the documented rules. */
export function applyTicketChanges(
	state: FakeState,
	ticket: Row,
	changes: Record<string, unknown>,
	where: string,
): void {
	if ('tagIds' in changes && ('addTagIds' in changes || 'removeTagIds' in changes)) {
		throw new HttpError(
			400,
			`${where}: tagIds cannot be combined with addTagIds/removeTagIds`,
			'invalid_tags',
		);
	}
	const status = changes.status ?? ticket.status;
	if (changes.status === 'pending') {
		const due = changes.dueBy as string | undefined;
		if (!due || due <= sqlDate())
			throw new HttpError(
				400,
				`${where}: status pending requires dueBy in the future`,
				'pending_requires_due_by',
			);
	}
	for (const id of [
		...((changes.tagIds as number[]) ?? []),
		...((changes.addTagIds as number[]) ?? []),
	]) {
		assertKnown(state.tags, id, where, 'tag id', 'unknown_tag');
	}
	// null unassigns the ticket.
	assertKnown(state.profiles, changes.agentId ?? undefined, where, 'agent id', 'unknown_agent');
	const { addTagIds, removeTagIds, ...plain } = changes;
	for (const key of ['refreshMode', 'intentId', 'isSync']) delete plain[key];
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

/** Ticket routes (docs/enneo-api-notes.md). */
export function registerTicketRoutes(router: Router<FakeState>): void {
	// Fixed paths first: GET /ticket/stats would otherwise match GET /ticket/:ticketId.
	registerTicketCollectionRoutes(router);

	router.post('/ticket/search', ({ state, body }) => {
		const request = validateBody(body ?? {}, SEARCH_SCHEMA, 'POST /ticket/search');
		const limit = (request.limit as number | undefined) ?? 100;
		const offset = (request.offset as number | undefined) ?? 0;
		if (limit < 1 || limit > 500)
			throw new HttpError(400, `limit must be between 1 and 500, got ${limit}`, 'invalid_limit');
		if (offset < 0) throw new HttpError(400, 'offset must be >= 0', 'invalid_offset');
		const filters = (request.filters as Array<Record<string, unknown>> | undefined) ?? [];
		let list = [...state.tickets.values()].filter((t) =>
			filters.every((f) => matchesFilter(state, t, f)),
		);
		if (request.ticketScope === 'skills')
			list = list.filter(
				(t) => !['auto_spam', 'auto_programmatic', 'manual_spam'].includes(String(t.spamStatus)),
			);
		list = sortTickets(
			list,
			String(request.orderByField ?? 't.id'),
			String(request.orderByDirection ?? 'desc'),
		);
		if (state.ignoresOffset)
			return {
				tickets: list.slice(0, limit).map((t) => presentTicket(state, t, { compact: true })),
				success: true,
			};
		const page = list
			.slice(offset, offset + limit)
			.map((t) => presentTicket(state, t, { compact: true }));
		return { tickets: page, total: list.length, offset, limit, success: true };
	});

	router.get('/ticket/:ticketId', ({ state, params, query }) => {
		const ticket = findTicket(state, params.ticketId);
		const viewing = queryFlag(query.viewing, 'viewing') ?? true;
		const includeCustomer = queryFlag(query.includeCustomer, 'includeCustomer') ?? false;
		for (const flag of [
			'includeIntents',
			'includeRawData',
			'erpCacheOnly',
			'refresh',
			'includeSessions',
		])
			queryFlag(query[flag], flag);
		if (viewing) {
			// A human "open": the caller joins workedOnBy (what automations must avoid).
			const workedOn = new Set((ticket.workedOnByIds as number[]) ?? []);
			workedOn.add(state.me.id);
			ticket.workedOnByIds = [...workedOn];
		}
		const out = presentTicket(state, ticket, { includeCustomer });
		if (queryFlag(query.includeIntents, 'includeIntents'))
			out.intents = (ticket.intents as unknown[]) ?? [];
		if (queryFlag(query.includeRawData, 'includeRawData')) out.rawData = ticket.rawData ?? null;
		return { ...out, success: true };
	});

	router.patch('/ticket', ({ state, body, query }) => {
		queryFlag(query.includeInWorklog, 'includeInWorklog');
		if (!Array.isArray(body))
			throw new HttpError(
				400,
				'PATCH /ticket: the body must be a JSON array of ticket objects',
				'invalid_body',
			);
		if (!body.length) throw new HttpError(400, 'PATCH /ticket: the array is empty', 'invalid_body');
		// Validate everything first: one bad element fails the whole batch, nothing is half-applied.
		const changes = body.map((element, index) => {
			const where = `PATCH /ticket [${index}]`;
			const { id, ...rest } = validateBody(element, BULK_ELEMENT_SCHEMA, where) as Record<
				string,
				unknown
			> & { id: number };
			const ticket = findTicket(state, id);
			return { ticket, rest: bulkChanges(state, rest, where), where };
		});
		for (const { ticket, rest, where } of changes) {
			const copy = { ...ticket };
			applyTicketChanges(state, copy, rest, where);
		}
		for (const { ticket, rest, where } of changes) {
			applyTicketChanges(state, ticket, rest, where);
			emitEvent(state, {
				type: 'ticketUpdated',
				ticketId: ticket.id,
				data: { changedFields: Object.keys(rest) },
			});
		}
		return { success: true };
	});

	registerSingleTicketRoutes(router);
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const toSeconds = (sql: unknown) =>
	typeof sql === 'string' ? Math.floor(Date.parse(`${sql.replace(' ', 'T')}Z`) / 1000) : null;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SPAM = ['auto_spam', 'auto_programmatic', 'manual_spam'];

/** Whether the API key's user holds a permission beyond the agent default (state.me.permissions). */
function requirePermission(state: FakeState, permission: string, what: string): void {
	const granted = (state.me.permissions as string[] | undefined) ?? [];
	if (!granted.includes(permission)) {
		throw new HttpError(
			403,
			`${what} requires the permission '${permission}'`,
			'missing_permission',
			{ permission },
		);
	}
}

/** Fields of PATCH /ticket/{id} only users with updateTechnicalTicketFields may write (docs/enneo-api-notes.md#ticket-update). */
const TECHNICAL_FIELDS = [
	'subject',
	'summary',
	'body',
	'externalTicketId',
	'additionalData',
	'subchannelId',
];

/** POST /ticket body (docs/enneo-api-notes.md#ticket-create). */
const CREATE_SCHEMA: Schema = {
	channel: { type: 'string', enum: ENUMS.channel, required: true },
	status: { type: 'string', enum: ENUMS.status },
	priority: { type: 'string', enum: ENUMS.priority },
	from: { type: 'string', nullable: true },
	fromName: { type: 'string', nullable: true },
	subchannelId: { type: 'integer' },
	to: { type: 'string[]' },
	cc: { type: 'string[]' },
	bcc: { type: 'string[]' },
	subject: { type: 'string' },
	body: { type: 'string' },
	createdAt: { type: 'string', format: 'datetime' },
	firstResponseDueBy: { type: 'string', format: 'datetime' },
	dueBy: { type: 'string', format: 'datetime' },
	attachments: { type: 'object[]' },
	tags: { type: 'integer[]' },
	contractId: { type: 'string', nullable: true },
	externalTicketId: { type: 'string', nullable: true },
	rawData: { type: 'any', nullable: true },
	templateId: { type: 'integer', nullable: true },
	templateData: { type: 'object', nullable: true },
};

const GET_LATEST_SCHEMA: Schema = {
	preferredDirection: { type: 'string', enum: ['earliest', 'previous', 'next'] },
	ticketId: { type: 'integer', nullable: true },
	filters: { type: 'object[]' },
};

const FORWARD_SCHEMA: Schema = {
	toEmail: { type: 'string', required: true },
	body: { type: 'string' },
	subject: { type: 'string' },
	cc: { type: ['string', 'string[]'] },
	bcc: { type: ['string', 'string[]'] },
	subchannelId: { type: 'integer' },
};

function emailList(value: unknown, field: string, where: string): string[] {
	const list = value === undefined ? [] : ([] as string[]).concat(value as string | string[]);
	const bad = list.find((address) => !EMAIL.test(address));
	if (bad !== undefined)
		throw new HttpError(
			400,
			`${where}: '${field}' contains an invalid email address ${JSON.stringify(bad)}`,
			'invalid_email',
			{ field },
		);
	return list;
}

/** The caller's routing queue: open, non-spam, visible tickets that are unassigned or theirs, in ID order. */
function routingQueue(state: FakeState, filters: Array<Record<string, unknown>>): Row[] {
	return [...state.tickets.values()]
		.filter(
			(t) =>
				t.status === 'open' &&
				!SPAM.includes(String(t.spamStatus)) &&
				!state.hiddenTicketIds.has(t.id) &&
				(t.agentId === null || t.agentId === undefined || t.agentId === state.me.id) &&
				filters.every((f) => matchesFilter(state, t, f)),
		)
		.sort((a, b) => a.id - b.id);
}

let attachmentCounter = 103013960646;

/** Ticket routes without a ticket ID: stats, routing queue, create, agent queue. */
function registerTicketCollectionRoutes(router: Router<FakeState>): void {
	router.get('/ticket/stats', ({ state }) => {
		const open = [...state.tickets.values()].filter(
			(t) => t.status === 'open' && !SPAM.includes(String(t.spamStatus)),
		);
		const tagCounts = new Map<number, number>();
		for (const ticket of open)
			for (const id of (ticket.tagIds as number[]) ?? [])
				tagCounts.set(id, (tagCounts.get(id) ?? 0) + 1);
		const tags = [...tagCounts]
			.map(([tagId, count]) => ({ tagId, name: state.tags.get(tagId)?.name ?? null, count }))
			.sort((a, b) => a.tagId - b.tagId);
		const intents = [...state.aiAgents.values()]
			.map((agent) => ({
				aiAgentId: agent.id,
				name: agent.name,
				count: tagCounts.get(agent.tagId as number) ?? 0,
			}))
			.filter((entry) => entry.count > 0);
		return { success: true, open: open.length, intents, tags };
	});

	router.get('/agents/queue', ({ state }) => {
		// Waiting chats per available human agent; -1 when nobody can take a chat (docs/enneo-api-notes.md#ticket-other).
		const agents = [...state.profiles.values()].filter(
			(p) => p.type === 'enneo' && p.chatRoutingStatus !== 'offline',
		).length;
		const waiting = [...state.tickets.values()].filter(
			(t) =>
				t.channel === 'chat' &&
				t.status === 'open' &&
				(t.agentId === null || t.agentId === undefined),
		).length;
		const agentQueue = agents ? Math.round((waiting / agents) * 100) / 100 : -1;
		return {
			agentQueue,
			liveConversationPossible: { chat: agents > 0 },
			expectedWaitingTime: { chat: agents ? Math.round(agentQueue * 120) : -1 },
			success: true,
		};
	});

	router.post('/ticket/getLatest', ({ state, body }) => {
		const request = validateBody(body ?? {}, GET_LATEST_SCHEMA, 'POST /ticket/getLatest');
		const direction = String(request.preferredDirection ?? 'earliest');
		const queue = routingQueue(
			state,
			(request.filters as Array<Record<string, unknown>> | undefined) ?? [],
		);
		if (direction === 'earliest') return { success: true, ticketId: queue[0]?.id ?? null };
		if (request.ticketId === undefined || request.ticketId === null) {
			throw new HttpError(
				400,
				`POST /ticket/getLatest: ticketId is required for preferredDirection '${direction}'`,
				'missing_field',
				{ field: 'ticketId' },
			);
		}
		const current = findTicket(state, request.ticketId as number).id;
		const found =
			direction === 'next'
				? queue.find((t) => t.id > current)
				: [...queue].reverse().find((t) => t.id < current);
		return { success: true, ticketId: found?.id ?? null };
	});

	router.post('/ticket', ({ state, body, query }) => {
		const where = 'POST /ticket';
		if (query.process !== undefined && !ENUMS.process.includes(String(query.process))) {
			throw new HttpError(
				400,
				`${where}: invalid process ${JSON.stringify(query.process)}, allowed: ${ENUMS.process.join(', ')}`,
				'invalid_enum',
			);
		}
		const request = validateBody(body, CREATE_SCHEMA, where);
		const attachments = ((request.attachments as Row[] | undefined) ?? []).map(
			(attachment, index) => {
				validateBody(
					attachment,
					{ name: { type: 'string' }, url: { type: 'string', required: true } },
					`${where} attachments[${index}]`,
				);
				if (!/^https?:\/\//.test(String(attachment.url)))
					throw new HttpError(
						400,
						`${where}: attachments[${index}].url must be an http(s) URL`,
						'invalid_url',
					);
				const name = String(attachment.name ?? 'attachment');
				return {
					id: String(attachmentCounter++),
					name,
					url: attachment.url,
					size: 0,
					inline: false,
					fileEnding: name.split('.').pop() ?? '',
					contentType: 'application/octet-stream',
				};
			},
		);
		if (request.channel === 'letter' && attachments.length !== 1)
			throw new HttpError(
				400,
				`${where}: a letter needs exactly one attachment`,
				'invalid_attachments',
			);
		if (request.status === 'pending' && (!request.dueBy || String(request.dueBy) <= sqlDate())) {
			throw new HttpError(
				400,
				`${where}: status pending requires dueBy in the future`,
				'pending_requires_due_by',
			);
		}
		for (const id of (request.tags as number[] | undefined) ?? [])
			assertKnown(state.tags, id, where, 'tag id', 'unknown_tag');
		assertKnown(
			state.subchannels,
			request.subchannelId,
			where,
			'subchannel id',
			'unknown_subchannel',
		);
		for (const key of ['to', 'cc', 'bcc'] as const)
			if (key !== 'to' || request.channel === 'email') emailList(request[key], key, where);

		const { cc, bcc, tags, ...plain } = request;
		const fields: Record<string, unknown> = { ...plain };
		delete fields.attachments;
		if (cc !== undefined) fields.ccEmails = cc;
		if (bcc !== undefined) fields.bccEmails = bcc;
		if (tags !== undefined) fields.tagIds = tags;
		if (attachments.length) fields.attachments = attachments;
		if (typeof request.body === 'string') fields.bodyPlain = request.body.replace(/<[^>]+>/g, '');

		// externalTicketId is an upsert key: the existing ticket is updated, not duplicated.
		const existing = request.externalTicketId
			? [...state.tickets.values()].find((t) => t.externalTicketId === request.externalTicketId)
			: undefined;
		if (existing) {
			Object.assign(existing, fields, { modifiedAt: sqlDate() });
			emitEvent(state, {
				type: 'ticketUpdated',
				ticketId: existing.id,
				data: { changedFields: Object.keys(fields) },
			});
			return { success: true, ticket: presentTicket(state, existing) };
		}
		const id = state.nextId.ticket++;
		const now = sqlDate();
		const ticket: Row = {
			id,
			direction: 'in',
			status: 'open',
			priority: 'low',
			aiSupportLevel: query.process === 'false' ? 'human' : 'unprocessed',
			interface: 'internal',
			from: null,
			fromName: null,
			to: [],
			subject: '',
			summary: '',
			body: '',
			bodyPlain: '',
			agentId: null,
			customerId: null,
			contractId: null,
			tagIds: [],
			externalTicketId: null,
			spamStatus: null,
			customerLegitimation: 0,
			attachments: [],
			additionalData: {},
			dueBy: null,
			firstResponseDueBy: null,
			closedAt: null,
			...fields,
			createdAt: (request.createdAt as string | undefined) ?? now,
			modifiedAt: now,
		};
		state.tickets.set(id, ticket);
		emitEvent(state, {
			type: 'ticketCreated',
			ticketId: id,
			data: { channel: ticket.channel ?? null, subchannelId: ticket.subchannelId ?? null },
		});
		return { success: true, ticket: presentTicket(state, ticket) };
	});
}

/** Routes on one ticket: update, variables, history, forward, auto-execute, ping, activity, delete. */
function registerSingleTicketRoutes(router: Router<FakeState>): void {
	router.patch('/ticket/:ticketId', ({ state, params, body, query }) => {
		const where = `PATCH /ticket/${params.ticketId}`;
		const ticket = findTicket(state, params.ticketId);
		queryFlag(query.includeInWorklog, 'includeInWorklog');
		queryFlag(query.forceAgentReassignment, 'forceAgentReassignment');
		const changes = validateBody(body, TICKET_PATCH_SCHEMA, where);
		const technical = Object.keys(changes).filter((key) => TECHNICAL_FIELDS.includes(key));
		if (technical.length)
			requirePermission(state, 'updateTechnicalTicketFields', `Changing ${technical.join(', ')}`);
		const before = { status: ticket.status, agentId: ticket.agentId };
		applyTicketChanges(state, ticket, changes, where);
		emitEvent(state, {
			type: 'ticketUpdated',
			ticketId: ticket.id,
			data: { changedFields: Object.keys(changes) },
		});
		if (changes.agentId !== undefined && changes.agentId !== before.agentId)
			emitEvent(state, {
				type: 'ticketRouted',
				ticketId: ticket.id,
				data: { agentId: ticket.agentId },
			});
		return { success: true, ticket: presentTicket(state, ticket) };
	});

	router.get('/ticket/:ticketId/variables', ({ state, params }) => {
		const ticket = findTicket(state, params.ticketId);
		const customer = ticket.customerId
			? (state.customers.get(Number(ticket.customerId)) ?? null)
			: null;
		const contract = ticket.contractId
			? (state.contracts.get(Number(ticket.contractId)) ?? null)
			: null;
		const tags = ((ticket.tagIds as number[]) ?? [])
			.map((id) => state.tags.get(id)?.name)
			.filter(Boolean);
		const { id, channel, status, priority, subject, summary, from, fromName, createdAt, dueBy } =
			ticket;
		return {
			success: true,
			ticket: { id, channel, status, priority, subject, summary, from, fromName, createdAt, dueBy },
			customer,
			contract,
			tag: tags,
		};
	});

	router.get('/ticket/:ticketId/history', ({ state, params, query }) => {
		const ticket = findTicket(state, params.ticketId);
		const limit = queryInt(query.limit, 'limit', 1, 1000) ?? 100;
		const offset = queryInt(query.offset, 'offset', 0) ?? 0;
		const related = [...state.tickets.values()]
			.filter(
				(t) => t.id === ticket.id || (ticket.customerId && t.customerId === ticket.customerId),
			)
			.sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)) || b.id - a.id);
		const history = related.map((t) => ({
			id: t.id,
			type: 'ticket',
			channel: t.channel,
			subChannel: null,
			status: t.status === 'closed' ? 'closed' : 'active',
			subject: t.subject,
			url: null,
			createdAt: toSeconds(t.createdAt),
		}));
		return {
			success: true,
			total: history.length,
			totalOpenedTickets: related.filter((t) => t.status !== 'closed').length,
			history: history.slice(offset, offset + limit),
		};
	});

	router.post('/ticket/:ticketId/forward', ({ state, params, body }) => {
		const where = `POST /ticket/${params.ticketId}/forward`;
		const ticket = findTicket(state, params.ticketId);
		const request = validateBody(body, FORWARD_SCHEMA, where);
		// One address (a string in the contract); kept as a list like a conversation's toEmail.
		const to = emailList(request.toEmail, 'toEmail', where);
		const cc = emailList(request.cc, 'cc', where);
		emailList(request.bcc, 'bcc', where);
		if (
			request.subchannelId !== undefined &&
			state.subchannels.get(request.subchannelId as number)?.channel !== 'email'
		) {
			throw new HttpError(
				400,
				`${where}: subchannel ${String(request.subchannelId)} is not an email subchannel`,
				'invalid_subchannel',
			);
		}
		// The forward is an outbound email on the ticket.
		const id = state.nextId.conversation++;
		state.conversations.set(id, {
			id,
			ticketId: ticket.id,
			type: 'html',
			direction: 'out',
			private: false,
			isDraft: false,
			agentId: state.me.id,
			toEmail: to,
			ccEmails: cc,
			body: `${String(request.body ?? '')}<hr>${String(ticket.body ?? '')}`,
			bodyPlain: `${String(request.body ?? '')}\n\n${String(ticket.bodyPlain ?? '')}`,
			subject: request.subject ?? `Fwd: ${String(ticket.subject ?? '')}`,
			createdAt: nowSeconds(),
			modifiedAt: nowSeconds(),
		});
		ticket.modifiedAt = sqlDate();
		emitEvent(state, {
			type: 'ticketForwarded',
			ticketId: ticket.id,
			data: { toEmail: to, conversationId: id },
		});
		return { success: true };
	});

	router.post('/ticket/:ticketId/autoexecute', ({ state, params, query, request }) => {
		const where = `POST /ticket/${params.ticketId}/autoexecute`;
		const ticket = findTicket(state, params.ticketId);
		if (request.rawBody) throw new HttpError(400, `${where}: takes no body`, 'invalid_body');
		const agentId = queryInt(query.executeAgentId, 'executeAgentId', 1);
		if (agentId !== undefined && !state.aiAgents.has(agentId))
			throw new HttpError(400, `${where}: unknown AI agent ${agentId}`, 'unknown_ai_agent');
		queryFlag(query.allowMultipleIntents, 'allowMultipleIntents');
		queryFlag(query.allowWithReplies, 'allowWithReplies');
		// A run that happens but fails answers 207 (docs/enneo-api-notes.md#auto-execute); the reason goes to the activity log.
		if (state.autoExecuteFailingIds.has(ticket.id)) {
			return reply(207, {
				success: false,
				message: 'Auto-execution failed: the AI agent could not complete its actions',
			});
		}
		if (ticket.status !== 'open' || SPAM.includes(String(ticket.spamStatus))) {
			return reply(207, {
				success: false,
				message: `Auto-execution failed: ticket is ${String(ticket.status)}${ticket.spamStatus ? ` (${String(ticket.spamStatus)})` : ''}`,
			});
		}
		ticket.aiSupportLevel = 'automated';
		ticket.status = 'closed';
		ticket.closedAt = sqlDate();
		ticket.modifiedAt = sqlDate();
		return { success: true, executedAiAgentId: agentId ?? null };
	});

	router.get('/ticket/:ticketId/ping', ({ state, params }) => {
		const ticket = findTicket(state, params.ticketId);
		// Pinging records the caller as working on the ticket (time tracking): not a read-only call.
		const workedOn = new Set((ticket.workedOnByIds as number[]) ?? []);
		workedOn.add(state.me.id);
		ticket.workedOnByIds = [...workedOn];
		const lastSeen = sqlDate();
		const workedOnBy = [...workedOn]
			.map((id) => state.profiles.get(id))
			.filter((p): p is Row => Boolean(p))
			.map((p) => ({
				...p,
				phone: p.phone ?? null,
				lastSeen,
				isSsoOnly: 0,
				lang: 'en',
				nameAlias: null,
				externalId: null,
			}));
		return { success: true, workedOnBy };
	});

	router.get('/ticket/:ticketId/activity', ({ state, params, query }) => {
		const ticket = findTicket(state, params.ticketId);
		const technical =
			queryFlag(query.showTechnicalInformation, 'showTechnicalInformation') ?? false;
		if (technical) requirePermission(state, 'accessTechnicalEvents', 'showTechnicalInformation');
		const at = toSeconds(ticket.createdAt);
		const activity: Row[] = [
			{ id: 1, type: 'ticketCreated', createdAt: at, data: { channel: ticket.channel } },
		];
		if (ticket.customerId)
			activity.push({
				id: 2,
				type: 'customerIdentified',
				createdAt: at,
				data: { customerId: ticket.customerId, contractId: ticket.contractId },
			});
		activity.push({
			id: 3,
			type: 'tagsDetected',
			createdAt: at,
			data: { tagIds: ticket.tagIds ?? [] },
		});
		if (ticket.agentId)
			activity.push({
				id: 4,
				type: 'ticketAssigned',
				createdAt: at,
				data: { agentId: ticket.agentId },
			});
		if (ticket.closedAt)
			activity.push({
				id: 5,
				type: 'ticketClosed',
				createdAt: toSeconds(ticket.closedAt),
				data: {},
			});
		if (technical)
			activity.push({
				id: 6,
				type: 'modelRun',
				technical: true,
				createdAt: at,
				data: { cortexRequestId: `req-${ticket.id}` },
			});
		return { success: true, activity };
	});

	router.delete('/ticket/:ticketId', ({ state, params }) => {
		const ticket = findTicket(state, params.ticketId);
		// GDPR erasure: the ticket and everything hanging off it is gone.
		state.tickets.delete(ticket.id);
		for (const [id, conversation] of state.conversations)
			if (Number(conversation.ticketId) === ticket.id) state.conversations.delete(id);
		// The GDPR purge's event names no ticket (docs/enneo-api-notes.md#events), only who deleted.
		emitEvent(state, { type: 'ticketDeleted', ticketId: null, data: { deletedBy: state.me.id } });
		return { success: true };
	});

	router.delete('/ticket/:ticketId/attachment/:attachmentId', ({ state, params }) => {
		const ticket = findTicket(state, params.ticketId);
		requirePermission(state, 'updateTechnicalTicketFields', 'Deleting an attachment');
		const attachments = (ticket.attachments as Row[] | undefined) ?? [];
		const index = attachments.findIndex((a) => String(a.id) === params.attachmentId);
		if (index < 0)
			throw new HttpError(
				404,
				`Attachment ${params.attachmentId} not found on ticket ${ticket.id}`,
				'attachment_not_found',
			);
		attachments.splice(index, 1);
		ticket.modifiedAt = sqlDate();
		return { success: true };
	});
}
