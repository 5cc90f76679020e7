import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { enneoApiRequest } from '../enneoApi/request';
import { EVENT_PAGE_SIZE } from './description';

/** An event row of POST /event/search (docs/enneo-api-notes.md#events, `format=formatted`). */
export interface EnneoEvent extends IDataObject {
	id: number;
	type: string;
	ticketId?: number | null;
	createdAt?: string;
}

interface SearchPage {
	events: EnneoEvent[];
	/** Enneo sorted by something else than asked (over 10,000 matching rows, docs/enneo-api-notes.md#events). */
	sortChanged: boolean;
}

/** Sorting on a non-indexed combination over more than this many rows falls back to e.createdAt (docs/enneo-api-notes.md#events). */
const SORT_FALLBACK_ROWS = 10_000;

async function searchEvents(
	this: IPollFunctions,
	filters: IDataObject[],
	limit: number,
	direction: 'asc' | 'desc',
): Promise<SearchPage> {
	const response = (await enneoApiRequest.call(this, 'POST', '/event/search', {
		qs: {
			offset: 0,
			limit,
			orderByField: 'e.id',
			orderByDirection: direction,
			includeTraces: 'false',
		},
		body: { filters },
		idempotent: true,
		area: 'event',
	})) as IDataObject | undefined;
	const rows = Array.isArray(response?.events) ? (response.events as unknown[]) : [];
	const events = rows.filter(
		(row): row is EnneoEvent =>
			!!row &&
			typeof row === 'object' &&
			Number.isSafeInteger((row as IDataObject).id) &&
			typeof (row as IDataObject).type === 'string',
	);
	const warnings = Array.isArray(response?.warnings) ? (response.warnings as IDataObject[]) : [];
	return {
		events,
		sortChanged: warnings.some((warning) => warning && warning.type === 'sort-field-changed'),
	};
}

const typeFilter = (types: string[]): IDataObject => ({
	key: 'e.type',
	comparator: 'in',
	values: types,
});

/** The highest event ID Enneo has now (of any type): where a new trigger starts. 0 when there is none. */
export async function newestEventId(this: IPollFunctions): Promise<number> {
	const { events } = await searchEvents.call(
		this,
		[{ key: 'e.id', comparator: '>', value: 0 }],
		1,
		'desc',
	);
	return events.length ? events[0].id : 0;
}

/** The newest events of these types, newest first, one page: what a manual run shows. */
export async function latestEvents(
	this: IPollFunctions,
	types: string[],
	limit: number,
	beforeId?: number,
): Promise<EnneoEvent[]> {
	const filters = [typeFilter(types)];
	if (beforeId !== undefined) filters.push({ key: 'e.id', comparator: '<', value: beforeId });
	const { events } = await searchEvents.call(this, filters, limit, 'desc');
	return events.sort((a, b) => b.id - a.id);
}

export interface NewEvents {
	/** Oldest first, each ID once, all above the cursor. */
	events: EnneoEvent[];
	/** Where the next poll goes on: the highest ID read (or skipped past). */
	lastEventId: number;
}

/**
 * Everything of these types after `afterId`, in ascending ID order, at most `cap` events. Pages by
 * ID (`e.id > last seen`, offset 0) rather than by offset, so events written during the poll move
 * no page and are read now or at the next poll, never twice and never skipped.
 */
export async function eventsAfter(
	this: IPollFunctions,
	types: string[],
	afterId: number,
	cap: number,
): Promise<NewEvents> {
	const maxRequests = Math.ceil(cap / EVENT_PAGE_SIZE) * 2 + 2;
	const events: EnneoEvent[] = [];
	let cursor = afterId;
	let windowEnd: number | undefined;
	let requests = 0;
	while (events.length < cap) {
		if (requests >= maxRequests) break;
		const limit = Math.min(EVENT_PAGE_SIZE, cap - events.length);
		// Repeated conditions on one key are OR in Enneo's search (docs/enneo-api-notes.md#events): a window is one `between`.
		const idFilter: IDataObject =
			windowEnd === undefined
				? { key: 'e.id', comparator: '>', value: cursor }
				: { key: 'e.id', comparator: 'between', from: cursor + 1, to: windowEnd };
		const page = await searchEvents.call(this, [idFilter, typeFilter(types)], limit, 'asc');
		requests++;
		if (page.sortChanged) {
			if (windowEnd !== undefined) {
				throw new NodeOperationError(
					this.getNode(),
					'Enneo did not sort the events by ID, so new events cannot be read in order',
					{
						description: `Enneo answered with the warning "sort-field-changed" even for a window of ${SORT_FALLBACK_ROWS - 1} event IDs after event ${cursor}. Choose fewer Events, or contact Enneo support about sorting events by e.id.`,
					},
				);
			}
			// Over 10,000 matches Enneo may sort by time instead: read a window of IDs small enough to sort by ID.
			windowEnd = cursor + SORT_FALLBACK_ROWS - 1;
			continue;
		}
		const fresh = page.events
			.filter((event) => event.id > cursor && (windowEnd === undefined || event.id <= windowEnd))
			.sort((a, b) => a.id - b.id);
		if (page.events.length && !fresh.length) {
			throw new NodeOperationError(
				this.getNode(),
				`Enneo returned events at or below event ${cursor} for "e.id > ${cursor}"`,
				{
					description:
						'The instance ignored the event ID filter, so this trigger cannot tell new events from old ones. Contact Enneo support; the trigger stays at its position.',
				},
			);
		}
		for (const event of fresh) {
			if (events.length && event.id === events[events.length - 1].id) continue;
			events.push(event);
		}
		if (fresh.length) cursor = fresh[fresh.length - 1].id;
		if (page.events.length < limit) {
			if (windowEnd === undefined) break;
			// The window is read to its end; more than 10,000 newer matches exist beyond it.
			cursor = Math.max(cursor, windowEnd);
			windowEnd = undefined;
		}
	}
	return { events: events.slice(0, cap), lastEventId: Math.max(afterId, cursor) };
}
