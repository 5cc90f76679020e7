import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyConversation } from '../../../shaping/simplify';
import { enneoApiRequest } from '../../../enneoApi/request';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import { conversationIdField, getConversationId } from '../../../fields/conversation';
import { outputProperties, shapeOutput } from '../../../fields/output';
import { unwrapConversation } from '../../../shaping/response';
import { optionsCollection, includeRawDataOption } from '../../../fields/collections';

export const properties: INodeProperties[] = [
	ticketIdLocator(),
	conversationIdField,
	optionsCollection(
		[includeRawDataOption('Whether to include the original source payload of the message')],
		{ timeout: true },
	),
];

properties.push(...outputProperties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ticketId = getTicketId.call(this, itemIndex);
	const conversationId = getConversationId.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (options.includeRawData === true) qs.includeRawData = 'true';
	const response = await enneoApiRequest.call(
		this,
		'GET',
		`/ticket/${ticketId}/conversation/${conversationId}`,
		{
			qs,
			itemIndex,
			area: 'conversation',
		},
	);
	const conversation = unwrapConversation(response);
	return shapeOutput.call(this, itemIndex, conversation, simplifyConversation);
}
