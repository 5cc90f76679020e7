import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { enneoApiRequestAllItems } from '../../transport/pagination';
import { getTicketId, ticketIdLocator } from '../common';

/** Enneo accepts `limit` 1…1000 on ticket history (enneo-api.md §2.10). */
export const HISTORY_MAX_PAGE = 1000;

const properties: INodeProperties[] = [
	ticketIdLocator(),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['getHistory'] } }, properties);

/** One output item per history entry (earlier tickets, deliveries, grid messages of the same customer). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const ticketId = getTicketId.call(this, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
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
