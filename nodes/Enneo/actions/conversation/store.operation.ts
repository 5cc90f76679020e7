// Longer than most operations because Store takes every field of Enneo's store request
// (docs/enneo-api-notes.md#conversation-store); most lines are field declarations.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../../../values/itemError';
import { readEnneoDate } from '../../../values/dates';
import { isBlank, optionalId, readJsonObject, readList, toIdList } from '../../../values/values';
import { withoutKeys } from '../../../shaping/response';
import { enneoApiRequest } from '../../../enneoApi/request';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import {
	addressesField,
	conversationTypeField,
	intentIdsField,
	subjectField,
} from '../../../fields/conversation';
import { directionOptions, processModeOptions } from '../../../enneoApi/vocabulary';
import { attachmentFields, readAttachments } from '../../../fields/attachments';
import { additionalFieldsCollection, optionsCollection } from '../../../fields/collections';
import {
	agentField,
	priorityField,
	readSubchannelId,
	statusField,
	subchannelField,
} from '../../../fields/ticket';

const subchannel = subchannelField(
	'Subchannel Name or ID',
	"Mailbox or chat channel; must belong to the ticket's channel",
);

export const properties: INodeProperties[] = [
	{
		displayName:
			'Stores a message on the ticket without sending anything, e.g. a reply that was sent or received in another system. Use Reply to send a message to the customer.',
		name: 'storeNotice',
		type: 'notice',
		default: '',
	},
	ticketIdLocator(),
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		options: directionOptions,
		default: 'in',
		description:
			'Inbound = from the customer, Outbound = to the customer, Internal = e.g. an email from another department',
	},
	{
		displayName: 'Body (HTML)',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description:
			'HTML body of the message. Enneo derives the plain and clean bodies from it unless they are set below.',
	},
	{
		displayName: 'AI Processing',
		name: 'process',
		type: 'options',
		options: processModeOptions,
		default: 'batch',
		description:
			'When Enneo runs its AI on the stored message. Sent as "process" in the request body.',
	},
	additionalFieldsCollection([
		agentField('Agent Name or ID', 'agentId', 'Agent who authored the message'),
		...attachmentFields,
		addressesField('BCC', 'bccEmails', 'BCC', undefined, 'e.g. archive@example.com'),
		{
			displayName: 'Body (Clean)',
			name: 'bodyClean',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'Body without HTML; defaults to the HTML body stripped of tags',
		},
		{
			displayName: 'Body (Plain)',
			name: 'bodyPlain',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'Plain-text body; defaults to the HTML body stripped of tags',
		},
		addressesField(
			'CC',
			'ccEmails',
			'CC',
			'entries may include a display name',
			'e.g. Jane Doe <jane@example.com>, team@example.com',
		),
		{
			displayName: 'Content Message',
			name: 'contentMessage',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'Text sent as the structured content object (content.message)',
		},
		{
			displayName: 'Contract ID',
			name: 'contractId',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Created At',
			name: 'createdAt',
			type: 'dateTime',
			default: '',
			description: 'When the message was written; defaults to now',
			hint: "Sent as wall time in the workflow's time zone; a value with an offset (or {{ $now }}) is converted to it",
		},
		{
			displayName: 'CRM Notification ID',
			name: 'crmNotificationId',
			type: 'string',
			default: '',
			description: 'ID of the notification in an external CRM',
		},
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Due By',
			name: 'dueBy',
			type: 'dateTime',
			default: '',
			description: 'If set, the ticket due date is updated',
			hint: "Sent as wall time in the workflow's time zone; a value with an offset (or {{ $now }}) is converted to it",
		},
		{
			displayName: 'External Conversation ID',
			name: 'externalConversationId',
			type: 'string',
			default: '',
			placeholder: 'e.g. abc-123',
			description: 'ID of the message in the other system, for tracking',
		},
		{
			displayName: 'First Response Due By',
			name: 'firstResponseDueBy',
			type: 'dateTime',
			default: '',
			description: 'If set, the ticket first-response due date is updated',
			hint: "Sent as wall time in the workflow's time zone; a value with an offset (or {{ $now }}) is converted to it",
		},
		{
			displayName: 'From',
			name: 'from',
			type: 'string',
			default: '',
			placeholder: 'e.g. john@smith.com',
			description: 'Sender email address',
		},
		{
			displayName: 'From Name',
			name: 'fromName',
			type: 'string',
			default: '',
			placeholder: 'e.g. John Smith',
		},
		intentIdsField,
		priorityField('medium', { description: 'If set, the ticket priority is updated' }),
		{
			displayName: 'Private (Internal Note)',
			name: 'private',
			type: 'boolean',
			default: false,
			description: 'Whether the message is an internal note by an agent',
		},
		{
			displayName: 'Raw Data (JSON)',
			name: 'rawData',
			type: 'json',
			default: '{}',
			description: 'Custom metadata stored with the message, e.g. {"myObjectId": 123}',
		},
		{
			displayName: 'Sender (JSON)',
			name: 'sender',
			type: 'json',
			default: '{}',
			description:
				'Sender information object, e.g. {"name": "John Smith", "email": "john@smith.com"}',
		},
		statusField({ description: 'If set, the ticket status is updated' }),
		subchannel,
		subjectField,
		addressesField('To', 'to', 'Recipient', undefined, 'e.g. customer@web.de'),
		conversationTypeField,
	]),
	optionsCollection([], { timeout: true }),
];

/** Builds the POST /ticket/{id}/conversation/store body from the node's fields (names: docs/enneo-api-notes.md#conversation-store). */
export async function buildStoreBody(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject> {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		process: this.getNodeParameter('process', itemIndex, 'batch') as string,
		direction: this.getNodeParameter('direction', itemIndex, 'in') as string,
	};
	const html = this.getNodeParameter('body', itemIndex, '') as string;
	if (html) body.body = html;
	for (const key of [
		'bodyPlain',
		'bodyClean',
		'subject',
		'from',
		'fromName',
		'externalConversationId',
		'crmNotificationId',
		'contractId',
		'customerId',
		'type',
	]) {
		if (!isBlank(fields[key])) body[key] = String(fields[key]);
	}
	for (const key of ['status', 'priority']) if (fields[key]) body[key] = fields[key];
	if (fields.private !== undefined) body.private = fields.private === true;
	for (const key of ['to', 'ccEmails', 'bccEmails']) {
		const list = readList(fields[key]);
		if (list) body[key] = list;
	}
	const labels: Record<string, string> = {
		createdAt: 'Created At',
		firstResponseDueBy: 'First Response Due By',
		dueBy: 'Due By',
	};
	for (const key of Object.keys(labels)) {
		const date = readEnneoDate.call(this, fields[key], labels[key], itemIndex);
		if (date) body[key] = date;
	}
	const agentId = optionalId.call(this, fields.agentId, 'Agent Name or ID', itemIndex);
	if (agentId !== undefined) body.agentId = agentId;
	const subchannelId = readSubchannelId.call(this, fields, subchannel, itemIndex);
	if (subchannelId !== undefined) body.subchannelId = subchannelId;
	const intentIds = toIdList.call(this, fields.intentIds, 'Intent IDs', itemIndex);
	if (intentIds.length) body.intentIds = intentIds;
	const rawData = readJsonObject.call(this, fields.rawData, 'Raw Data (JSON)', itemIndex);
	if (rawData && Object.keys(rawData).length) body.rawData = rawData;
	const sender = readJsonObject.call(this, fields.sender, 'Sender (JSON)', itemIndex);
	if (sender && Object.keys(sender).length) body.sender = sender;
	if (fields.contentMessage) body.content = { message: String(fields.contentMessage) };
	const attachments = await readAttachments.call(this, fields, itemIndex);
	if (attachments.length) body.attachments = attachments;

	if (!body.body && !body.bodyPlain && !body.bodyClean && !body.content && !attachments.length) {
		throw itemError(
			this.getNode(),
			`Nothing to store: "Body (HTML)" is empty`,
			itemIndex,
			'Enter the message in "Body (HTML)", or add a plain body, a content message or an attachment under Additional Fields.',
		);
	}
	return body;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ticketId = getTicketId.call(this, itemIndex);
	const body = await buildStoreBody.call(this, itemIndex);
	// `process` travels in the JSON body, where Enneo's store page documents it (docs/enneo-api-notes.md#conversation-store), not as ?process=.
	const response = (await enneoApiRequest.call(
		this,
		'POST',
		`/ticket/${ticketId}/conversation/store`,
		{
			body,
			itemIndex,
			area: 'conversation',
		},
	)) as IDataObject;
	return withoutKeys(response, 'success');
}
