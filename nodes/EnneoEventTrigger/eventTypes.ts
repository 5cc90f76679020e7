import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { enneoApiRequest } from '../enneoApi/request';

/**
 * Event types a workflow usually starts on (docs/enneo-api-notes.md#events). The editor
 * lists the instance's own types from GET /event/getEventTypes and falls back to these.
 */
export const KNOWN_EVENT_TYPES: INodePropertyOptions[] = [
	{
		name: 'Agent Routing Status Changed',
		value: 'agentRoutingStatusChanged',
		description: 'An agent became available, busy or offline',
	},
	{ name: 'Call Completed', value: 'callCompleted', description: 'A phone call ended' },
	{
		name: 'Call Started',
		value: 'callStarted',
		description: 'A phone call was received or placed',
	},
	{
		name: 'Closed Due to Inactivity',
		value: 'ticketClosedDueToInactivity',
		description: 'Enneo closed a ticket nobody answered',
	},
	{
		name: 'Conversation Created',
		value: 'conversationCreated',
		description: 'A message was stored on a ticket',
	},
	{
		name: 'Customer Replied',
		value: 'ticketResponse',
		description: 'The customer (or another external party) answered on a ticket',
	},
	{
		name: 'Due Date Overdue',
		value: 'ticketDueByOverdue',
		description: "A ticket's due date passed",
	},
	{ name: 'New Note', value: 'newNote', description: 'An internal note was added' },
	{ name: 'New Reply', value: 'newReply', description: 'An agent or AI agent replied' },
	{
		name: 'Non-AI Ticket Created',
		value: 'nonAiTicketCreated',
		description: 'A ticket was created without AI processing',
	},
	{ name: 'Ticket Created', value: 'ticketCreated' },
	{
		name: 'Ticket Deleted',
		value: 'ticketDeleted',
		description: 'A ticket was erased (GDPR); the event has no ticket ID',
	},
	{ name: 'Ticket Forwarded', value: 'ticketForwarded' },
	{
		name: 'Ticket Refreshed',
		value: 'ticketRefresh',
		description: 'Enneo re-ran AI processing on a ticket',
	},
	{
		name: 'Ticket Routed',
		value: 'ticketRouted',
		description: 'A ticket was assigned to an agent or queue',
	},
	{
		name: 'Ticket Updated',
		value: 'ticketUpdated',
		description: 'Status, priority, tags, agent or other fields changed',
	},
];

/** What an event type value must look like (Enneo's camelCase names); anything else is refused before a request. */
export const EVENT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** Most event types one trigger watches; far above the known list, low enough to keep the filter small. */
export const MAX_EVENT_TYPES = 100;

const MAX_LISTED_TYPES = 500;

/** `ticketResponse` → `Ticket Response`, for types the static list does not name. */
function labelFor(type: string): string {
	const known = KNOWN_EVENT_TYPES.find((option) => option.value === type);
	if (known) return known.name;
	const words = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_.-]+/g, ' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The response shape of GET /event/getEventTypes is not documented (docs/enneo-api-notes.md#events): accept a list
 * of names, a list of objects naming the type, either wrapped in `eventTypes`/`types`/`events`, or a
 * map keyed by type.
 */
export function eventTypesFrom(response: unknown): string[] {
	let list: unknown = response;
	if (list && typeof list === 'object' && !Array.isArray(list)) {
		const record = list as IDataObject;
		const wrapped = record.eventTypes ?? record.types ?? record.events;
		list = wrapped ?? Object.keys(record).filter((key) => key !== 'success');
	}
	if (list && typeof list === 'object' && !Array.isArray(list))
		list = Object.keys(list as IDataObject);
	if (!Array.isArray(list)) return [];
	const types = new Set<string>();
	for (const entry of list.slice(0, MAX_LISTED_TYPES)) {
		const record = entry as IDataObject | null;
		const value =
			typeof entry === 'string'
				? entry
				: record && typeof record === 'object'
					? (record.type ?? record.name ?? record.id)
					: undefined;
		if (typeof value === 'string' && EVENT_TYPE_PATTERN.test(value))
			types.add(value.charAt(0).toLowerCase() + value.slice(1));
	}
	return [...types];
}

/** The Events dropdown: the instance's event types, else the static list (no key yet, no permission, old instance). */
export async function getEventTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	let types: string[] = [];
	try {
		types = eventTypesFrom(
			await enneoApiRequest.call(this, 'GET', '/event/getEventTypes', { area: 'event' }),
		);
	} catch {
		types = [];
	}
	if (!types.length) return KNOWN_EVENT_TYPES;
	const options = types.map((type) => {
		const known = KNOWN_EVENT_TYPES.find((option) => option.value === type);
		return known ?? { name: labelFor(type), value: type };
	});
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
