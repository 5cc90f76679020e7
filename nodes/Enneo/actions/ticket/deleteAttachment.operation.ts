import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../../../values/itemError';
import { enneoApiRequest } from '../../../enneoApi/request';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import { deletedOutput } from '../../../shaping/response';
import { optionsCollection } from '../../../fields/collections';

export const properties: INodeProperties[] = [
	ticketIdLocator(),
	{
		displayName: 'Attachment ID',
		name: 'attachmentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 103013960646',
		description:
			'The "ID" of the attachment as listed in the ticket\'s attachments. Removal is permanent and needs the updateTechnicalTicketFields permission.',
	},
	optionsCollection([], { timeout: true }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ticketId = getTicketId.call(this, itemIndex);
	const attachmentId = String(this.getNodeParameter('attachmentId', itemIndex, '') ?? '').trim();
	// Attachment IDs are alphanumeric strings; anything else would change the path.
	if (!/^[A-Za-z0-9_-]+$/.test(attachmentId)) {
		throw itemError(
			this.getNode(),
			`"Attachment ID" must be the attachment's alphanumeric ID, got ${JSON.stringify(attachmentId)}`,
			itemIndex,
			'Use the "id" of an entry in the ticket\'s attachments, e.g. from a Get operation before this node.',
		);
	}
	await enneoApiRequest.call(
		this,
		'DELETE',
		`/ticket/${ticketId}/attachment/${encodeURIComponent(attachmentId)}`,
		{ itemIndex, area: 'ticket' },
	);
	return deletedOutput({ ticketId, attachmentId });
}
