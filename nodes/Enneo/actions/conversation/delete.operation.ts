import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toId } from '../../../values/values';
import { withoutKeys } from '../../../shaping/response';
import { enneoApiRequest } from '../../../enneoApi/request';
import { getTicketId, ticketIdLocator } from '../../fields/ticketId';
import { conversationIdField } from '../../fields/conversation';

const properties: INodeProperties[] = [ticketIdLocator(), conversationIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ticketId = getTicketId.call(this, itemIndex);
	const conversationId = toId.call(
		this,
		this.getNodeParameter('conversationId', itemIndex),
		'Conversation ID',
		itemIndex,
	);
	const response = (await enneoApiRequest.call(
		this,
		'DELETE',
		`/ticket/${ticketId}/conversation/${conversationId}`,
		{
			itemIndex,
			area: 'conversation',
		},
	)) as IDataObject;
	const rest = withoutKeys(response && typeof response === 'object' ? response : {}, 'success');
	// Enneo documents no response body; report what was deleted so the item stays useful downstream.
	return { deleted: true, ticketId, conversationId, ...rest };
}
