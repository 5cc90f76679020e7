import { emitEvent } from '../../events';
import type { Router } from '../../http';
import type { FakeState } from '../../state';
import type { Schema } from '../../validate';
import { ENUMS, queryFlag, validateBody } from '../../validate';
import { applyTicketChanges, findTicket, presentTicket, requirePermission } from './shared';

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

/** Fields of PATCH /ticket/{id} only users with updateTechnicalTicketFields may write (docs/enneo-api-notes.md#ticket-update). */
const TECHNICAL_FIELDS = [
	'subject',
	'summary',
	'body',
	'externalTicketId',
	'additionalData',
	'subchannelId',
];

/** One ticket by its ID: get, update, delete. */
export function registerTicketByIdRoutes(router: Router<FakeState>): void {
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
}
