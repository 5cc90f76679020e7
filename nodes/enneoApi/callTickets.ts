import type { IExecuteFunctions } from 'n8n-workflow';

import { itemError } from '../values/itemError';
import { enneoApiRequest } from './request';
import { searchTicketsById } from './ticketsById';
import type { EnneoTicket } from './types';

/**
 * A call's Call ID (Enneo's `channelId`) and its call ticket name each other. Enneo's telephony
 * hooks take one of them only: Call Completed needs the Call ID and Get Routing the ticket
 * (docs/enneo-api-notes.md#telephony-contract), so the node looks up the other with a ticket search.
 */
export async function callIdOfTicket(
	this: IExecuteFunctions,
	ticketId: number,
	ticketLabel: string,
	itemIndex: number,
): Promise<string> {
	const ticket = (await searchTicketsById.call(this, [ticketId], { itemIndex })).get(ticketId);
	const channelId = typeof ticket?.channelId === 'string' ? ticket.channelId.trim() : '';
	if (!ticket || !channelId) {
		throw itemError(
			this.getNode(),
			ticket
				? `Ticket ${ticketId} ("${ticketLabel}") has no Call ID: it was not created by Call Received`
				: `Ticket ${ticketId} ("${ticketLabel}") was not found`,
			itemIndex,
			'Set "Call ID (Channel ID)" to the ID your telephony system sent with Call Received.',
		);
	}
	return channelId;
}

/** The call ticket Call Received created for this Call ID. */
export async function ticketIdOfCall(
	this: IExecuteFunctions,
	channelId: string,
	itemIndex: number,
): Promise<number> {
	const response = (await enneoApiRequest.call(this, 'POST', '/ticket/search', {
		body: {
			filters: [{ key: 't.channelId', comparator: 'in', values: [channelId] }],
			limit: 1,
			offset: 0,
			orderByField: 't.id',
			orderByDirection: 'desc',
		},
		idempotent: true,
		itemIndex,
		area: 'ticket',
	})) as { tickets?: EnneoTicket[] } | undefined;
	const ticket = Array.isArray(response?.tickets) ? response.tickets[0] : undefined;
	const ticketId = Number(ticket?.id);
	if (!ticket || ticket.channelId !== channelId || !Number.isSafeInteger(ticketId)) {
		throw itemError(
			this.getNode(),
			`No call ticket has the Call ID ${JSON.stringify(channelId)} ("Value")`,
			itemIndex,
			'Use the Call ID sent with Call Received, or look up by the ticket ID Call Received returned.',
		);
	}
	return ticketId;
}
