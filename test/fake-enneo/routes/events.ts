import type { Router } from '../http';
import { HttpError } from '../http';
import { checkFilter, fieldOf, matches, ORDER_FIELDS } from '../eventFilters';
import { presentEvent } from '../events';
import type { FakeState, Row } from '../state';
import { queryFlag, queryInt } from '../validate';

const QUERY_KEYS = [
	'offset',
	'limit',
	'orderByField',
	'orderByDirection',
	'includeTraces',
	'format',
];
/** Enneo's reference caps a page at 100 (limit maximum 100, default 20); the plugin's 500 is not the contract. */
const MAX_LIMIT = 100;

/** Event types of GET /event/getEventTypes; the response shape is not documented (docs/enneo-api-notes.md#events), this one is invented. */
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
		const page = list.slice(offset, offset + limit).map((event) => {
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
