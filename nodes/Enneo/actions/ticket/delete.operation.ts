import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { enneoApiRequest } from '../../../enneoApi/request';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import { deletedOutput } from '../../../shaping/response';
import { isVersion, SINGLE_TICKET_INPUT_VERSION } from '../../../fields/versions';
import { optionsCollection } from '../../../fields/collections';

export const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting is permanent and cannot be undone: Enneo erases the ticket with its conversations, attachments, AI results, events and time tracking (GDPR erasure). Needs the deleteTicket permission.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	ticketIdLocator(),
	optionsCollection([], { timeout: true }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ticketId = getTicketId.call(this, itemIndex);
	await enneoApiRequest.call(this, 'DELETE', `/ticket/${ticketId}`, { itemIndex, area: 'ticket' });
	if (!isVersion(this, SINGLE_TICKET_INPUT_VERSION)) return { id: ticketId, deleted: true };
	return deletedOutput({ ticketId });
}
