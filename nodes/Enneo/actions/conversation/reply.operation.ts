import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../../../values/itemError';
import { copySetFields, readList, toIdList } from '../../../values/values';
import { withoutKeys } from '../../../shaping/response';
import { enneoApiRequest } from '../../../enneoApi/request';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import {
	addressesField,
	conversationTypeField,
	intentIdsField,
	subjectField,
} from '../../../fields/conversation';
import { processModeOptions, replyDirectionOptions } from '../../../enneoApi/vocabulary';
import { attachmentFields, readAttachments } from '../../../fields/attachments';
import { additionalFieldsCollection, optionsCollection } from '../../../fields/collections';
import { readSubchannelId, subchannelField } from '../../../fields/ticket';

const subchannel = subchannelField('Subchannel Name or ID', 'Mailbox to send from');

export const properties: INodeProperties[] = [
	{
		displayName:
			'This SENDS the message to the customer (email, letter or chat, depending on the ticket) unless "Save as Draft" or "Private (Internal Note)" is set. To only record a message, use Store.',
		name: 'replyNotice',
		type: 'notice',
		default: '',
	},
	ticketIdLocator(),
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 5 },
		required: true,
		default: '',
		description: 'Text of the reply (HTML allowed when the type is html)',
	},
	additionalFieldsCollection([
		{
			displayName: 'AI Processing',
			name: 'process',
			type: 'options',
			options: processModeOptions,
			default: 'batch',
			description: 'When Enneo runs its AI on the reply',
		},
		...attachmentFields,
		addressesField('BCC', 'bcc', 'BCC'),
		addressesField('CC', 'cc', 'CC', "overrides the ticket's CC"),
		{
			displayName: 'Channel ID',
			name: 'channelId',
			type: 'string',
			default: '',
			description: 'Channel-specific conversation ID (e.g. of a chat session) to reply into',
		},
		{
			displayName: 'Direction',
			name: 'direction',
			type: 'options',
			options: replyDirectionOptions,
			default: 'out',
		},
		{
			displayName: 'Include Quoted History',
			name: 'includeQuotedHistory',
			type: 'boolean',
			default: true,
			description: 'Whether the sent email quotes the earlier messages of the thread',
		},
		intentIdsField,
		{
			displayName: 'Private (Internal Note)',
			name: 'private',
			type: 'boolean',
			default: false,
			description:
				'Whether to add an internal note instead of sending (nothing reaches the customer)',
		},
		{
			displayName: 'Save as Draft',
			name: 'isDraft',
			type: 'boolean',
			default: false,
			description: 'Whether to save the reply as a draft for approval instead of sending it',
		},
		subchannel,
		subjectField,
		addressesField('To', 'to', 'Recipient', "overrides the ticket's recipient"),
		conversationTypeField,
	]),
	optionsCollection([], { timeout: true }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ticketId = getTicketId.call(this, itemIndex);
	const message = String(this.getNodeParameter('message', itemIndex, '') ?? '');
	if (!message.trim()) {
		throw itemError(
			this.getNode(),
			`"Message" is empty`,
			itemIndex,
			'Enter the text of the reply, or map it from a previous node.',
		);
	}
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { content: { message } };
	Object.assign(body, copySetFields(fields, ['type', 'direction', 'subject', 'channelId'], 'text'));
	if (fields.private !== undefined) body.private = fields.private === true;
	if (fields.isDraft !== undefined) body.isDraft = fields.isDraft === true;
	// Reply names the copies `cc`/`bcc` (store calls them `ccEmails`/`bccEmails`).
	for (const key of ['to', 'cc', 'bcc']) {
		const list = readList(fields[key]);
		if (list) body[key] = list;
	}
	const intentIds = toIdList.call(this, fields.intentIds, 'Intent IDs', itemIndex);
	if (intentIds.length) body.intentIds = intentIds;
	const subchannelId = readSubchannelId.call(this, fields, subchannel, itemIndex);
	if (subchannelId !== undefined) body.subchannelId = subchannelId;
	const attachments = await readAttachments.call(this, fields, itemIndex);
	if (attachments.length) body.attachments = attachments;

	const qs: IDataObject = { process: fields.process ?? 'batch' };
	if (fields.includeQuotedHistory !== undefined)
		qs.includeQuotedHistory = fields.includeQuotedHistory === true ? 'true' : 'false';

	const response = (await enneoApiRequest.call(
		this,
		'POST',
		`/ticket/${ticketId}/conversation/reply`,
		{
			qs,
			body,
			itemIndex,
			area: 'conversation',
		},
	)) as IDataObject;
	return withoutKeys(response, 'success');
}
