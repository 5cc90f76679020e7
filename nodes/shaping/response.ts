import type { IDataObject } from 'n8n-workflow';

/**
 * A copy of an Enneo answer without the keys named. Enneo adds `success: true` to most answers,
 * which says nothing once the request has succeeded, so operations drop it from their output.
 */
export function withoutKeys(
	response: IDataObject | null | undefined,
	...keys: string[]
): IDataObject {
	const copy: IDataObject = { ...(response ?? {}) };
	for (const key of keys) delete copy[key];
	return copy;
}

/** Enneo returns the ticket at top level with `success`; tolerate a `{ticket}` wrapper too. */
export function unwrapTicket(response: unknown): IDataObject {
	const body = (response ?? {}) as IDataObject;
	const ticket =
		body.ticket && typeof body.ticket === 'object' ? (body.ticket as IDataObject) : body;
	return withoutKeys(ticket, 'success');
}

/** Enneo wraps single conversations as `{conversation, success}`; return the object itself. */
export function unwrapConversation(response: unknown): IDataObject {
	const body = (response ?? {}) as IDataObject;
	if (body.conversation && typeof body.conversation === 'object')
		return body.conversation as IDataObject;
	return withoutKeys(body, 'success');
}

/**
 * What every delete answers from node version 3 on: `deleted: true` and the IDs of what was
 * deleted (`ticketId`, then `conversationId` or `attachmentId`). Enneo's own answer to a delete
 * carries nothing more.
 */
export function deletedOutput(ids: IDataObject): IDataObject {
	return { deleted: true, ...ids };
}
