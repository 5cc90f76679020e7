import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { enneoApiRequestAllItems } from '../../../enneoApi/pagination';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import { readReturnAllAndLimit, returnAllAndLimit } from '../../../fields/paging';
import { optionsCollection } from '../../../fields/collections';

/** Enneo accepts `limit` 1…1000 on ticket history (docs/enneo-api-notes.md#limits). */
export const HISTORY_MAX_PAGE = 1000;

export const properties: INodeProperties[] = [
	ticketIdLocator(),
	...returnAllAndLimit,
	optionsCollection([], { timeout: true }),
];

/** One output item per history entry (earlier tickets, deliveries, grid messages of the same customer). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const ticketId = getTicketId.call(this, itemIndex);
	const { returnAll, limit } = readReturnAllAndLimit.call(this, itemIndex);
	return await enneoApiRequestAllItems.call(this, 'GET', `/ticket/${ticketId}/history`, {
		propertyName: 'history',
		pageIn: 'qs',
		returnAll,
		limit,
		maxPageSize: HISTORY_MAX_PAGE,
		itemIndex,
		area: 'ticket',
	});
}
