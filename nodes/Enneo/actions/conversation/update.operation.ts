import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../../../values/itemError';
import { withoutKeys } from '../../../shaping/response';
import { enneoApiRequest } from '../../../enneoApi/request';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import { conversationIdField, getConversationId } from '../../../fields/conversation';
import { updateFieldsCollection, optionsCollection } from '../../../fields/collections';
import { isBlank } from '../../../values/values';

export const properties: INodeProperties[] = [
	{
		displayName:
			'Only internal notes and drafts can be updated; messages already sent to or received from the customer cannot be changed. Turning "Draft" off publishes (sends) the draft.',
		name: 'updateNotice',
		type: 'notice',
		default: '',
	},
	ticketIdLocator(),
	conversationIdField,
	updateFieldsCollection([
		{
			displayName: 'Draft',
			name: 'isDraft',
			type: 'boolean',
			default: false,
			description:
				'Whether the message stays a draft. Off publishes the draft, which sends it to the customer.',
		},
		{
			displayName: 'Message',
			name: 'message',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'New text of the note or draft',
		},
	]),
	optionsCollection([], { timeout: true }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ticketId = getTicketId.call(this, itemIndex);
	const conversationId = getConversationId.call(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (!isBlank(fields.message)) body.content = { message: String(fields.message) };
	if (fields.isDraft !== undefined) body.isDraft = fields.isDraft === true;
	if (!Object.keys(body).length) {
		throw itemError(
			this.getNode(),
			`Nothing to update for conversation ${conversationId}`,
			itemIndex,
			'Add "Message" or "Draft" under Update Fields.',
		);
	}
	const response = (await enneoApiRequest.call(
		this,
		'PATCH',
		`/ticket/${ticketId}/conversation/${conversationId}`,
		{
			body,
			itemIndex,
			area: 'conversation',
		},
	)) as IDataObject;
	return { ticketId, conversationId, ...withoutKeys(response, 'success') };
}
