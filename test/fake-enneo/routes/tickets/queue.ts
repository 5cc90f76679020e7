import type { Router } from '../../http';
import { HttpError } from '../../http';
import type { FakeState, Row } from '../../state';
import type { Schema } from '../../validate';
import { validateBody } from '../../validate';
import { findTicket, matchesFilter, SPAM } from './shared';

const GET_LATEST_SCHEMA: Schema = {
	preferredDirection: { type: 'string', enum: ['earliest', 'previous', 'next'] },
	ticketId: { type: 'integer', nullable: true },
	filters: { type: 'object[]' },
};

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

/** The open work: ticket stats, the agent queue, the next ticket to work on (getLatest). */
export function registerTicketQueueRoutes(router: Router<FakeState>): void {
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
}
