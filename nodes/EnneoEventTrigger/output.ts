import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { simplifyTicket } from '../shaping/simplify';
import { parseDateTime } from '../values/dates';
import type { EnneoTicket } from '../enneoApi/types';
import { boundedCopy } from '../values/boundedCopy';
import type { EnneoEvent } from './fetchEvents';

/** Event data is Enneo's own JSON, but n8n stores every item with the execution: keep it bounded. */
const DATA_LIMITS = { maxDepth: 8, maxStringLength: 20_000, maxEntries: 200, maxNodes: 2_000 };
const TEXT_LIMIT = 1_000;

const text = (value: unknown, limit = TEXT_LIMIT): string | null =>
	typeof value === 'string' ? value.slice(0, limit) : null;
const id = (value: unknown): number | null => {
	const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : null;
};

/** Who did it: Enneo's `user` object (formatted events) or the bare `createdBy` ID (raw rows). */
function actorOf(event: EnneoEvent): IDataObject | null {
	const user =
		event.user && typeof event.user === 'object' ? (event.user as IDataObject) : undefined;
	if (user) {
		const name = [text(user.firstName, 200), text(user.lastName, 200)].filter(Boolean).join(' ');
		return {
			id: id(user.id),
			type: text(user.type, 64),
			name: name || null,
			email: text(user.email, 320),
		};
	}
	const createdBy = id(event.createdBy);
	return createdBy === null ? null : { id: createdBy, type: null, name: null, email: null };
}

/** One output item per event: what happened, when (ISO 8601), to which ticket, by whom, and its data. */
export function eventItem(
	event: EnneoEvent,
	zone: string,
	ticket?: { value: EnneoTicket | undefined; simplify: boolean },
): INodeExecutionData {
	const time = parseDateTime(event.createdAt, zone);
	const json: IDataObject = {
		id: event.id,
		type: text(event.type, 64),
		subType: text(event.subType, 64),
		status: text(event.status, 64),
		createdAt: time ? time.toISO() : null,
		enneoCreatedAt: text(event.createdAt, 64),
		// ticketDeleted and non-ticket events carry no ticket ID.
		ticketId: id(event.ticketId),
		actor: actorOf(event),
		activity: text(event.activity),
		data: (boundedCopy(event.data ?? null, DATA_LIMITS).value ?? null) as IDataObject | null,
	};
	if (ticket)
		json.ticket = ticket.value
			? ticket.simplify
				? simplifyTicket(ticket.value)
				: ticket.value
			: null;
	return { json };
}
