import type { IDataObject } from 'n8n-workflow';

import type { EnneoTicket } from '../enneoApi/types';

/** Simplified outputs: at most 10 fields per object (n8n's guideline), the ones people and AI agents route and branch on. */

const tagNamesOf = (tags: unknown): string[] =>
	Array.isArray(tags)
		? tags
				.filter((tag): tag is IDataObject => typeof tag === 'object' && tag !== null)
				.map((tag) => String(tag.name ?? ''))
		: [];

/** The fields every simplified ticket starts with, in both versions. */
const ticketBasics = (ticket: EnneoTicket): IDataObject => ({
	id: ticket.id,
	subject: ticket.subject ?? null,
	summary: ticket.summary ?? null,
	status: ticket.status ?? null,
	priority: ticket.priority ?? null,
	channel: ticket.channel ?? null,
});

export function simplifyTicket(ticket: EnneoTicket): IDataObject {
	return {
		...ticketBasics(ticket),
		customerId: ticket.customerId ?? null,
		agentId: ticket.agentId ?? null,
		tagNames: tagNamesOf(ticket.tags),
		dueBy: ticket.dueBy ?? null,
	};
}

/** The message text: plain body, else the content message, else the (HTML) body. */
function messageText(conversation: IDataObject): string | null {
	const content = conversation.content as IDataObject | undefined;
	const text = conversation.bodyPlain ?? content?.message ?? conversation.body;
	return typeof text === 'string' ? text : null;
}

export function simplifyConversation(conversation: IDataObject): IDataObject {
	return {
		id: conversation.id ?? null,
		ticketId: conversation.ticketId ?? null,
		type: conversation.type ?? null,
		direction: conversation.direction ?? null,
		private: conversation.private ?? null,
		isDraft: conversation.isDraft ?? null,
		from: conversation.fromEmail ?? (conversation.sender as IDataObject | undefined)?.email ?? null,
		agentId: conversation.agentId ?? null,
		text: messageText(conversation),
		createdAt: conversation.createdAt ?? null,
	};
}

/** A customer after shapeCustomer (fullName, tagNames, isVip already set). */
export function simplifyCustomer(customer: IDataObject): IDataObject {
	const out: IDataObject = {
		id: customer.id ?? null,
		fullName: customer.fullName ?? null,
		email: customer.email ?? null,
		phone: customer.phone ?? null,
		company: customer.company ?? null,
		address: customer.address ?? null,
		tagNames: customer.tagNames ?? [],
		isVip: customer.isVip ?? false,
		contractIds: customer.contractIds ?? [],
	};
	if (customer.matchedPhone !== undefined) out.matchedPhone = customer.matchedPhone;
	return out;
}

/**
 * From version 4: the customer's names as the routing rules spell them ({firstName}, {lastName}),
 * for a greeting by first name; company and address are left to Raw (fullName falls back to the
 * company). `found` tells a customer from Customer → Search's "nobody matched" item.
 */
export function simplifyCustomerWithNames(customer: IDataObject): IDataObject {
	const out: IDataObject = {
		id: customer.id ?? null,
		firstName: customer.firstname ?? null,
		lastName: customer.lastname ?? null,
		fullName: customer.fullName ?? null,
		email: customer.email ?? null,
		phone: customer.phone ?? null,
		tagNames: customer.tagNames ?? [],
		isVip: customer.isVip ?? false,
		contractIds: customer.contractIds ?? [],
	};
	if (customer.found !== undefined) out.found = customer.found;
	if (customer.matchedPhone !== undefined) out.matchedPhone = customer.matchedPhone;
	return out;
}

/** Version 1's simplified ticket (kept for saved workflows); version 2 uses simplifyTicket. */
export function simplifyTicketV1(ticket: EnneoTicket): IDataObject {
	const tags = Array.isArray(ticket.tags) ? ticket.tags : [];
	return {
		...ticketBasics(ticket),
		direction: ticket.direction ?? null,
		from: ticket.from ?? null,
		fromName: ticket.fromName ?? null,
		agentId: ticket.agentId ?? null,
		customerId: ticket.customerId ?? null,
		contractId: ticket.contractId ?? null,
		aiSupportLevel: ticket.aiSupportLevel ?? null,
		sentiment: ticket.sentiment ?? null,
		tagIds: ticket.tagIds ?? tags.map((tag) => tag.id),
		tagNames: tags.map((tag) => tag.name),
		dueBy: ticket.dueBy ?? null,
		createdAt: ticket.createdAt ?? null,
		modifiedAt: ticket.modifiedAt ?? null,
	};
}
