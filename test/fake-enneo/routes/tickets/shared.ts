import { HttpError } from '../../http';
import type { FakeState, Row } from '../../state';
import { sqlDate } from '../../state';
import { assertKnown, ENUMS } from '../../validate';

// Helpers more than one ticket route group uses (each exists once, here).

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

/** Whether the API key's user holds a permission beyond the agent default (state.me.permissions). */
export function requirePermission(state: FakeState, permission: string, what: string): void {
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

export const SPAM = ['auto_spam', 'auto_programmatic', 'manual_spam'];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailList(value: unknown, field: string, where: string): string[] {
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

/** Whether a ticket passes one filter of POST /ticket/search or POST /ticket/getLatest. */
export function matchesFilter(
	state: FakeState,
	ticket: Row,
	filter: Record<string, unknown>,
): boolean {
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
