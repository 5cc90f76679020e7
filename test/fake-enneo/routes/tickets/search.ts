import type { Router } from '../../http';
import { HttpError } from '../../http';
import type { FakeState, Row } from '../../state';
import type { Schema } from '../../validate';
import { validateBody } from '../../validate';
import { matchesFilter, presentTicket } from './shared';

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

/** POST /ticket/search. */
export function registerTicketSearchRoutes(router: Router<FakeState>): void {
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
}
