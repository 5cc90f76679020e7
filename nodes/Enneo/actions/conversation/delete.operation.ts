import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { deletedOutput, withoutKeys } from '../../../shaping/response';
import { enneoApiRequest } from '../../../enneoApi/request';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import { conversationIdField, getConversationId } from '../../../fields/conversation';
import { isVersion, SINGLE_TICKET_INPUT_VERSION } from '../../../fields/versions';
import { optionsCollection } from '../../../fields/collections';

export const properties: INodeProperties[] = [
	ticketIdLocator(),
	conversationIdField,
	optionsCollection([], { timeout: true }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ticketId = getTicketId.call(this, itemIndex);
	const conversationId = getConversationId.call(this, itemIndex);
	const response = await enneoApiRequest.call(
		this,
		'DELETE',
		`/ticket/${ticketId}/conversation/${conversationId}`,
		{
			itemIndex,
			area: 'conversation',
		},
	);
	if (isVersion(this, SINGLE_TICKET_INPUT_VERSION))
		return deletedOutput({ ticketId, conversationId });
	// Versions 1 and 2 also passed on whatever Enneo answered besides `success`.
	const rest = withoutKeys(
		response && typeof response === 'object' ? (response as IDataObject) : {},
		'success',
	);
	return { deleted: true, ticketId, conversationId, ...rest };
}
