import type { Router } from '../../http';
import type { FakeState, Row } from '../../state';
import { sqlDate } from '../../state';
import { queryFlag, queryInt } from '../../validate';
import { findTicket, requirePermission } from './shared';

const toSeconds = (sql: unknown) =>
	typeof sql === 'string' ? Math.floor(Date.parse(`${sql.replace(' ', 'T')}Z`) / 1000) : null;

/** What is known about one ticket: variables, history, who works on it (ping), activity. */
export function registerTicketDetailRoutes(router: Router<FakeState>): void {
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
}
