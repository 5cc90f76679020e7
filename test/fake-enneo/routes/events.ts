import type { Router } from '../http';
import { HttpError } from '../http';
import { presentEvent } from '../events';
import type { FakeState, Row } from '../state';
import { queryFlag, queryInt } from '../validate';

/** Indexed sort fields and filter keys of POST /event/search (enneo-api.md §11). */
const ORDER_FIELDS = [
	'e.id',
	'e.type',
	'e.subType',
	'e.contractId',
	'e.ticketId',
	'e.status',
	'e.createdAt',
	'e.createdBy',
];
const FILTER_KEYS = [...ORDER_FIELDS, 'q'];
const COMPARATORS = ['=', '!=', '>', '<', '>=', '<=', 'in', 'between', 'not between'];
const QUERY_KEYS = [
	'offset',
	'limit',
	'orderByField',
	'orderByDirection',
	'includeTraces',
	'format',
];
/** The docs cap a page at 100 (the plugin says 500): the fake accepts up to 500 and answers at most 100. */
const MAX_LIMIT = 500;
const PAGE_CAP = 100;

/** Event types of GET /event/getEventTypes; the response shape is not documented (§11), this one is invented. */
export const FAKE_EVENT_TYPES = [
	'ticketCreated',
	'ticketUpdated',
	'ticketRouted',
	'ticketResponse',
	'ticketForwarded',
	'ticketRefresh',
	'ticketClosedDueToInactivity',
	'ticketDueByOverdue',
	'nonAiTicketCreated',
	'ticketDeleted',
	'newReply',
	'newNote',
	'conversationCreated',
	'callStarted',
	'callCompleted',
	'agentRoutingStatusChanged',
	'cortexProcessTicket',
	'autoProcessIntent',
	'sendEmail',
];

function fieldOf(event: Row, key: string): unknown {
	if (key === 'e.createdBy') return (event.user as Row | null)?.id ?? null;
	return event[key.slice(2)];
}

function compare(
	actual: unknown,
	comparator: string,
	filter: Record<string, unknown>,
	key: string,
): boolean {
	const numeric = ['e.id', 'e.ticketId', 'e.createdBy'].includes(key);
	const norm = (value: unknown) => (numeric ? Number(value) : String(value));
	if (actual === null || actual === undefined)
		return comparator === '!=' || comparator === 'not between';
	const a = norm(actual);
	switch (comparator) {
		case '=':
			return a === norm(filter.value);
		case '!=':
			return a !== norm(filter.value);
		case '>':
			return a > norm(filter.value);
		case '<':
			return a < norm(filter.value);
		case '>=':
			return a >= norm(filter.value);
		case '<=':
			return a <= norm(filter.value);
		case 'in':
			return (filter.values as unknown[]).map(norm).includes(a);
		default: {
			const inside = a >= norm(filter.from) && a <= norm(filter.to);
			return comparator === 'between' ? inside : !inside;
		}
	}
}

function checkFilter(filter: Record<string, unknown>, index: number): void {
	const where = `POST /event/search: filters[${index}]`;
	for (const field of Object.keys(filter)) {
		if (!['key', 'comparator', 'value', 'values', 'from', 'to'].includes(field))
			throw new HttpError(400, `${where}: unknown field '${field}'`, 'invalid_filter');
	}
	if (!FILTER_KEYS.includes(String(filter.key)))
		throw new HttpError(
			400,
			`${where}: unknown filter key ${JSON.stringify(filter.key)}`,
			'invalid_filter',
		);
	if (filter.key === 'q') return;
	const comparator = String(filter.comparator ?? '');
	if (!COMPARATORS.includes(comparator))
		throw new HttpError(
			400,
			`${where}: invalid comparator ${JSON.stringify(filter.comparator)}`,
			'invalid_filter',
		);
	if (comparator === 'in' && !Array.isArray(filter.values))
		throw new HttpError(400, `${where}: 'in' needs a values array`, 'invalid_filter');
	if (comparator.includes('between') && (filter.from === undefined || filter.to === undefined))
		throw new HttpError(400, `${where}: '${comparator}' needs from and to`, 'invalid_filter');
	if (!['in', 'between', 'not between'].includes(comparator) && filter.value === undefined)
		throw new HttpError(400, `${where}: '${comparator}' needs a value`, 'invalid_filter');
}

/** Repeated conditions on one key are OR, different keys AND (§11). */
function matches(event: Row, filters: Array<Record<string, unknown>>): boolean {
	const byKey = new Map<string, Array<Record<string, unknown>>>();
	for (const filter of filters)
		byKey.set(String(filter.key), [...(byKey.get(String(filter.key)) ?? []), filter]);
	for (const [key, conditions] of byKey) {
		const ok = conditions.some((filter) =>
			key === 'q'
				? JSON.stringify([event.data, event.outcome])
						.toLowerCase()
						.includes(String(filter.value ?? '').toLowerCase())
				: compare(fieldOf(event, key), String(filter.comparator), filter, key),
		);
		if (!ok) return false;
	}
	return true;
}

export function registerEventRoutes(router: Router<FakeState>): void {
	router.get('/event/getEventTypes', ({ state }) => {
		requireEventsPermission(state);
		return {
			success: true,
			eventTypes: FAKE_EVENT_TYPES.map((type) => ({
				type,
				triggerableBy: type.startsWith('ticket') || type.startsWith('call') ? ['client'] : [],
			})),
		};
	});

	router.post('/event/search', ({ state, query, body }) => {
		requireEventsPermission(state);
		for (const key of Object.keys(query))
			if (!QUERY_KEYS.includes(key))
				throw new HttpError(
					400,
					`POST /event/search: unknown query parameter '${key}'`,
					'invalid_query',
				);
		const limit = queryInt(query.limit, 'limit', 1) ?? 20;
		if (limit > MAX_LIMIT)
			throw new HttpError(
				400,
				`limit must be between 1 and ${MAX_LIMIT}, got ${limit}`,
				'invalid_limit',
			);
		const offset = queryInt(query.offset, 'offset', 0) ?? 0;
		const orderByField = String(query.orderByField ?? 'e.createdAt');
		if (!ORDER_FIELDS.includes(orderByField))
			throw new HttpError(
				400,
				`orderByField must be one of ${ORDER_FIELDS.join(', ')}`,
				'invalid_order',
			);
		const direction = String(query.orderByDirection ?? 'desc');
		if (!['asc', 'desc'].includes(direction))
			throw new HttpError(400, `orderByDirection must be asc or desc`, 'invalid_order');
		const includeTraces = queryFlag(query.includeTraces, 'includeTraces') ?? true;
		const format = String(query.format ?? 'formatted');
		if (!['formatted', 'raw'].includes(format))
			throw new HttpError(400, `format must be formatted or raw`, 'invalid_format');

		const request = (body ?? {}) as Record<string, unknown>;
		if (typeof request !== 'object' || Array.isArray(request))
			throw new HttpError(
				400,
				'POST /event/search: the body must be a JSON object',
				'invalid_body',
			);
		for (const key of Object.keys(request))
			if (key !== 'filters')
				throw new HttpError(400, `POST /event/search: unknown field '${key}'`, 'unknown_field');
		const filters = (request.filters ?? []) as Array<Record<string, unknown>>;
		if (!Array.isArray(filters))
			throw new HttpError(400, 'POST /event/search: filters must be an array', 'invalid_filter');
		filters.forEach(checkFilter);
		const keys = filters.map((f) => String(f.key));
		if (keys.includes('e.subType') && !keys.includes('e.type'))
			throw new HttpError(400, 'e.subType can only be used together with e.type', 'invalid_filter');
		if (keys.includes('q') && keys.every((k) => k === 'q'))
			throw new HttpError(400, "'q' needs another filter", 'invalid_filter');

		// Events of tickets the key's user may not see are left out.
		const list = state.events.filter(
			(e) =>
				!(e.ticketId !== null && state.hiddenTicketIds.has(Number(e.ticketId))) &&
				matches(e, filters),
		);
		let field = orderByField;
		const warnings: Array<Record<string, unknown>> = [];
		if (
			state.eventSortFallbackOver !== undefined &&
			list.length > state.eventSortFallbackOver &&
			field !== 'e.createdAt'
		) {
			field = 'e.createdAt';
			warnings.push({
				type: 'sort-field-changed',
				message: `Sorting by ${orderByField} over ${list.length} rows is not supported; sorted by e.createdAt`,
			});
		}
		const sign = direction === 'asc' ? 1 : -1;
		list.sort((a, b) => {
			const x = fieldOf(a, field) as string | number;
			const y = fieldOf(b, field) as string | number;
			return (x === y ? a.id - b.id : x > y ? 1 : -1) * sign;
		});
		const page = list.slice(offset, offset + Math.min(limit, PAGE_CAP)).map((event) => {
			const shown = presentEvent(event);
			if (format === 'raw') {
				shown.createdBy = (shown.user as Row | null)?.id ?? null;
				for (const key of ['user', 'activity', 'details', 'tabs', 'showToUser']) delete shown[key];
			} else delete shown.outcome;
			if (includeTraces) shown.eventTraces = [{ id: 1, message: 'trace', data: 'x'.repeat(1000) }];
			return shown;
		});
		return {
			events: page,
			pagination: { total: list.length, offset, limit },
			...(warnings.length ? { warnings } : {}),
		};
	});
}

function requireEventsPermission(state: FakeState): void {
	if (!((state.me.permissions as string[] | undefined) ?? []).includes('events')) {
		throw new HttpError(
			403,
			"Reading events requires the permission 'events'",
			'missing_permission',
			{ permission: 'events' },
		);
	}
}
