import type { IDataObject } from 'n8n-workflow';

import type { EnneoContext } from './request';
import { enneoApiRequest } from './request';
import type { EnneoTicket } from './types';

/** Enneo caps `limit` on POST /ticket/search at 500 (docs/enneo-api-notes.md#limits). */
const IDS_PER_SEARCH = 500;

/**
 * Reads tickets by ID with POST /ticket/search and a `t.id in [...]` filter, plus `filters`
 * (buildTicketFilters) when given: one request per 500 distinct IDs. Rows are the search's compact
 * tickets (no body, attachments); IDs the search does not return (deleted, hidden from the key's
 * user, not matching the filters) are missing from the map. Used by the Enneo node and the Enneo
 * Event Trigger.
 */
export async function searchTicketsById(
	this: EnneoContext,
	ids: number[],
	options: { filters?: IDataObject[]; itemIndex?: number } = {},
): Promise<Map<number, EnneoTicket>> {
	const unique = [...new Set(ids)];
	const found = new Map<number, EnneoTicket>();
	for (let start = 0; start < unique.length; start += IDS_PER_SEARCH) {
		const chunk = unique.slice(start, start + IDS_PER_SEARCH);
		const response = (await enneoApiRequest.call(this, 'POST', '/ticket/search', {
			body: {
				filters: [{ key: 't.id', comparator: 'in', values: chunk }, ...(options.filters ?? [])],
				limit: chunk.length,
				offset: 0,
				orderByField: 't.id',
				orderByDirection: 'asc',
			},
			idempotent: true,
			itemIndex: options.itemIndex,
			area: 'ticket',
		})) as IDataObject | undefined;
		const rows = Array.isArray(response?.tickets) ? (response.tickets as EnneoTicket[]) : [];
		for (const row of rows)
			if (row && chunk.includes(Number(row.id))) found.set(Number(row.id), row);
	}
	return found;
}

/** A ticket's tag IDs: `tagIds` (all tags, never filtered) when Enneo sends it, else the IDs of `tags`. */
export function currentTagIds(ticket: EnneoTicket): number[] | undefined {
	if (Array.isArray(ticket.tagIds)) return ticket.tagIds.map(Number);
	if (Array.isArray(ticket.tags)) return ticket.tags.map((tag) => Number(tag.id));
	return undefined;
}
