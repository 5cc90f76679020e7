import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { EnneoTicket } from '../enneoApi/types';
import { checkRetention, readCursor, saveCursor } from './cursor';
import { EVENT_PAGE_SIZE } from './description';
import type { EnneoEvent } from './fetchEvents';
import { eventsAfter, latestEvents, newestEventId } from './fetchEvents';
import { eventItem } from './output';
import type { TriggerSettings } from './settings';
import { readSettings } from './settings';
import { searchTicketsById } from '../enneoApi/ticketsById';
import { workflowZone } from '../values/dates';

/** Pages a manual run looks back through for an event that passes the filters. */
const MANUAL_PAGES = 3;

const ticketIdOf = (event: EnneoEvent): number | null => {
	const value = Number(event.ticketId);
	return Number.isSafeInteger(value) && value > 0 ? value : null;
};

/** Items for these events, oldest first: filtered on their tickets and with the ticket added when asked (one search per 500 tickets). */
async function toItems(
	this: IPollFunctions,
	events: EnneoEvent[],
	settings: TriggerSettings,
): Promise<INodeExecutionData[]> {
	const zone = workflowZone(this);
	const filtered = settings.ticketFilters.length > 0;
	if (!filtered && !settings.includeTicket) return events.map((event) => eventItem(event, zone));
	const ids = events.map(ticketIdOf).filter((ticketId): ticketId is number => ticketId !== null);
	const tickets = ids.length
		? await searchTicketsById.call(this, ids, { filters: settings.ticketFilters })
		: new Map<number, EnneoTicket>();
	const items: INodeExecutionData[] = [];
	for (const event of events) {
		const ticketId = ticketIdOf(event);
		const ticket = ticketId === null ? undefined : tickets.get(ticketId);
		// A filter is about the ticket: events without one (ticketDeleted) or whose ticket does not match are left out.
		if (filtered && !ticket) continue;
		items.push(
			eventItem(
				event,
				zone,
				settings.includeTicket ? { value: ticket, simplify: settings.simplifyTicket } : undefined,
			),
		);
	}
	return items;
}

/** Manual run in the editor: the newest matching event of each chosen type, so fields can be mapped. */
async function manualRun(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<INodeExecutionData[][]> {
	let beforeId: number | undefined;
	for (let page = 0; page < MANUAL_PAGES; page++) {
		const events = await latestEvents.call(this, settings.types, EVENT_PAGE_SIZE, beforeId);
		const newestPerType = events.filter(
			(event, index) => events.findIndex((other) => other.type === event.type) === index,
		);
		const items = await toItems.call(
			this,
			settings.ticketFilters.length ? events : newestPerType,
			settings,
		);
		if (items.length) {
			const seen = new Set<unknown>();
			const perType = items.filter((item) => !seen.has(item.json.type) && seen.add(item.json.type));
			return [perType.reverse()];
		}
		if (events.length < EVENT_PAGE_SIZE) break;
		beforeId = events[events.length - 1].id;
	}
	throw new NodeOperationError(
		this.getNode(),
		`No matching event in Enneo yet for: ${settings.types.join(', ').slice(0, 300)}`,
		{
			description:
				'Enneo has no recent event of the chosen types whose ticket passes the Filters. Cause one in Enneo (e.g. create a test ticket), then fetch again, or widen Events and Filters.',
		},
	);
}

/**
 * One poll: everything new since the saved event ID, oldest first, at most Max Events per Poll.
 * The position moves only after every request of the poll succeeded, so a failed poll is repeated
 * in full at the next poll. The first poll of a published workflow only notes where Enneo is now.
 */
export async function pollEvents(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings.call(this);
	if (this.getMode() === 'manual') return await manualRun.call(this, settings);

	const cursor = readCursor.call(this);
	if (!cursor) {
		saveCursor.call(this, { lastEventId: await newestEventId.call(this) });
		return null;
	}
	const batch = await eventsAfter.call(
		this,
		settings.types,
		cursor.lastEventId,
		settings.maxEventsPerPoll,
	);
	if (
		checkRetention.call(
			this,
			batch.events,
			cursor.lastEventId,
			settings.retentionGap,
			workflowZone(this),
		) === 'restart'
	) {
		saveCursor.call(this, { lastEventId: await newestEventId.call(this) });
		return null;
	}
	const items = await toItems.call(this, batch.events, settings);
	saveCursor.call(this, { lastEventId: batch.lastEventId });
	return items.length ? [items] : null;
}
