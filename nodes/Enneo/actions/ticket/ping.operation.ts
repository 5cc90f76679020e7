import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { enneoApiRequest } from '../../../enneoApi/request';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import { optionsCollection } from '../../../fields/collections';

export const properties: INodeProperties[] = [
	ticketIdLocator(),
	optionsCollection([], { timeout: true }),
];

/** Not a health check: it records the API user as working on the ticket and keeps time tracking running. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ticketId = getTicketId.call(this, itemIndex);
	const response = (await enneoApiRequest.call(this, 'GET', `/ticket/${ticketId}/ping`, {
		itemIndex,
		area: 'ticket',
	})) as IDataObject;
	return { ticketId, ...response };
}
