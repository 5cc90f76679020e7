import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { enneoApiRequest } from '../../../enneoApi/request';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import { optionsCollection } from '../../../fields/collections';

export const properties: INodeProperties[] = [
	ticketIdLocator(),
	optionsCollection([], { timeout: true }),
];

/** The response shape is undocumented (docs/enneo-api-notes.md#undocumented-responses): pass it on, tagged with the ticket. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ticketId = getTicketId.call(this, itemIndex);
	const response = await enneoApiRequest.call(this, 'GET', `/ticket/${ticketId}/variables`, {
		itemIndex,
		area: 'ticket',
	});
	if (response && typeof response === 'object' && !Array.isArray(response))
		return { ticketId, ...(response as IDataObject) };
	return { ticketId, variables: response as IDataObject };
}
