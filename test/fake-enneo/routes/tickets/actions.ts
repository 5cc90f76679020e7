import { emitEvent } from '../../events';
import type { Router } from '../../http';
import { HttpError, reply } from '../../http';
import type { FakeState } from '../../state';
import { sqlDate } from '../../state';
import type { Schema } from '../../validate';
import { queryFlag, queryInt, validateBody } from '../../validate';
import { emailList, findTicket, SPAM } from './shared';

const nowSeconds = () => Math.floor(Date.now() / 1000);

const FORWARD_SCHEMA: Schema = {
	toEmail: { type: 'string', required: true },
	body: { type: 'string' },
	subject: { type: 'string' },
	cc: { type: ['string', 'string[]'] },
	bcc: { type: ['string', 'string[]'] },
	subchannelId: { type: 'integer' },
};

/** What is done to one ticket: forward it, auto-execute its AI agent. */
export function registerTicketActionRoutes(router: Router<FakeState>): void {
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
}
