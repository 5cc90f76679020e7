// Longer than most operations because Create takes every documented ticket field
// (docs/enneo-api-notes.md#ticket-create); most lines are field declarations.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../../../values/itemError';
import { readEnneoDate } from '../../../values/dates';
import { beforeVersion, CONTRACT_VERSION } from '../../../fields/versions';
import { assertPendingHasFutureDueBy } from '../../../fields/ticketRules';
import {
	copySetFields,
	isBlank,
	optionalId,
	readJsonObject,
	toId,
	toIdList,
} from '../../../values/values';
import { unwrapTicket } from '../../../shaping/response';
import { enneoApiRequest } from '../../../enneoApi/request';
import {
	channelOptions,
	directionOptions,
	processModeOptions,
	interfaceOptions,
} from '../../../enneoApi/vocabulary';
import { readUrlAttachments, urlAttachmentsProperty } from '../../../fields/attachments';
import { additionalFieldsCollection, optionsCollection } from '../../../fields/collections';
import {
	agentField,
	priorityField,
	statusField,
	tagsField,
	readSubchannelId,
	subchannelField,
} from '../../../fields/ticket';

const subchannel = subchannelField(
	'Subchannel Name or ID',
	'Mailbox, chat bot or phone line the ticket was received on or is sent from',
);

export const properties: INodeProperties[] = [
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		options: channelOptions,
		default: 'email',
		required: true,
		description:
			'Channel the ticket came in on (or goes out on). Letters need exactly one attachment; Enneo reads subject and body from it.',
	},
	{
		displayName: 'AI Processing',
		name: 'process',
		type: 'options',
		options: processModeOptions,
		default: 'batch',
		description: 'When Enneo runs its AI (customer detection, tags, AI agents) on the new ticket',
	},
	additionalFieldsCollection([
		agentField('Assigned Agent Name or ID', 'agentId', 'Agent the ticket is assigned to'),
		urlAttachmentsProperty(
			'attachments',
			'Attachments',
			'Files Enneo downloads from a URL and attaches to the ticket',
		),
		{
			displayName: 'BCC',
			name: 'bcc',
			type: 'string',
			default: '',
			description: 'Email addresses, separated by commas',
		},
		{
			displayName: 'Body',
			name: 'body',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'Message text; HTML preferred, plain text allowed',
		},
		{
			displayName: 'CC',
			name: 'cc',
			type: 'string',
			default: '',
			description: 'Email addresses, separated by commas',
		},
		{
			displayName: 'Contract ID',
			name: 'contractId',
			type: 'string',
			default: '',
			description: 'Leave empty to let Enneo detect the contract',
		},
		{
			displayName: 'Created At',
			name: 'createdAt',
			type: 'dateTime',
			default: '',
			description:
				'When the request was received (default: now), e.g. when importing from another system',
			hint: "Sent as wall time in the workflow's time zone; a value with an offset (or {{ $now }}) is converted to it",
		},
		{
			displayName: 'Direction',
			name: 'direction',
			type: 'options',
			options: directionOptions,
			default: 'in',
			description:
				"Enneo's Create a Ticket takes no direction: new tickets are inbound, and other values are refused",
			displayOptions: { show: beforeVersion(CONTRACT_VERSION) },
		},
		{
			displayName: 'Due By',
			name: 'dueBy',
			type: 'dateTime',
			default: '',
			description: 'Resolution deadline. Required (in the future) when the status is Pending.',
			hint: "Sent as wall time in the workflow's time zone; a value with an offset (or {{ $now }}) is converted to it",
		},
		{
			displayName: 'External Ticket ID',
			name: 'externalTicketId',
			type: 'string',
			default: '',
			description:
				'ID of the ticket in another system. If a ticket with this external ID already exists, Enneo updates it instead of creating a duplicate.',
		},
		{
			displayName: 'First Response Due By',
			name: 'firstResponseDueBy',
			type: 'dateTime',
			default: '',
		},
		{
			displayName: 'From',
			name: 'from',
			type: 'string',
			default: '',
			placeholder: 'e.g. customer@example.com',
			description: "Requester's email address or ID (inbound tickets)",
		},
		{
			displayName: 'From Name',
			name: 'fromName',
			type: 'string',
			default: '',
			description:
				"Inbound: the requester's name. Outbound: the sender name (empty uses the mailbox name).",
		},
		{
			displayName: 'Interface',
			name: 'interface',
			type: 'options',
			options: interfaceOptions,
			default: 'internal',
			description:
				"Enneo's Create a Ticket takes no interface: tickets from the API are Internal, and other values are refused",
			displayOptions: { show: beforeVersion(CONTRACT_VERSION) },
		},
		priorityField('low'),
		{
			displayName: 'Raw Data (JSON)',
			name: 'rawData',
			type: 'json',
			default: '',
			description: 'Original source payload, stored with the ticket for later use',
		},
		statusField(),
		subchannel,
		{
			displayName: 'Subject',
			name: 'subject',
			type: 'string',
			default: '',
		},
		tagsField('Tags to set on the new ticket', 'tags'),
		{
			displayName: 'Template Data (JSON)',
			name: 'templateData',
			type: 'json',
			default: '',
			description: 'Values the template is rendered with, e.g. {"firstName": "Anna"}',
		},
		{
			displayName: 'Template ID',
			name: 'templateId',
			type: 'number',
			default: 0,
			description: 'Enneo template rendered into the body with Template Data',
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'string',
			default: '',
			description:
				'Inbound: the mailbox it was sent to. Outbound: the customer address. Several values separated by commas, or an array in an expression.',
		},
	]),
	optionsCollection([], { timeout: true }),
];

/** Reads the node's fields into Enneo's POST /ticket body (docs/enneo-api-notes.md#ticket-create). */
export function buildCreateBody(
	this: IExecuteFunctions,
	channel: string,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const body: IDataObject = {
		channel,
		...copySetFields(fields, ['status', 'priority'], 'value'),
		...copySetFields(fields, ['from', 'fromName', 'subject', 'body'], 'text'),
		...copySetFields(fields, ['contractId', 'externalTicketId'], 'trimmed'),
		...copySetFields(fields, ['to', 'cc', 'bcc'], 'list'),
	};
	for (const [key, label] of [
		['createdAt', 'Created At'],
		['firstResponseDueBy', 'First Response Due By'],
		['dueBy', 'Due By'],
	]) {
		const converted = readEnneoDate.call(this, fields[key], label, itemIndex);
		if (converted !== undefined) body[key] = converted;
	}
	const subchannelId = readSubchannelId.call(this, fields, subchannel, itemIndex);
	if (subchannelId !== undefined) body.subchannelId = subchannelId;
	if (fields.templateId)
		body.templateId = toId.call(this, fields.templateId, 'Template ID', itemIndex);
	const tags = toIdList.call(this, fields.tags, 'Tags', itemIndex);
	if (tags.length) body.tags = tags;
	const attachments = readUrlAttachments.call(this, fields.attachments, 'Attachments', itemIndex);
	if (attachments.length) body.attachments = attachments;
	const rawData = readJsonObject.call(this, fields.rawData, 'Raw Data', itemIndex);
	if (rawData) body.rawData = rawData;
	const templateData = readJsonObject.call(
		this,
		fields.templateData,
		'Template Data',
		itemIndex,
		'{"firstName": "Anna"}',
	);
	if (templateData) body.templateData = templateData;
	return body;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const channel = this.getNodeParameter('channel', itemIndex, '') as string;
	if (!channel) {
		throw itemError(
			this.getNode(),
			`"Channel" is required to create a ticket`,
			itemIndex,
			'Choose the channel, e.g. Email, or map one of email, portal, phone, letter, system, chat, walkIn.',
		);
	}
	if (!channelOptions.some((option) => option.value === channel)) {
		throw itemError(
			this.getNode(),
			`"Channel" must be one of ${channelOptions.map((o) => o.value).join(', ')}, got ${JSON.stringify(channel)}`,
			itemIndex,
			'Choose the channel from the list or map one of the values above.',
		);
	}
	const processMode = this.getNodeParameter('process', itemIndex, 'batch') as string;
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body = buildCreateBody.call(this, channel, fields, itemIndex);
	assertPendingHasFutureDueBy.call(this, body, itemIndex, Date.now(), 'Additional Fields');
	const agentId = readAssignedAgent.call(this, fields, itemIndex);
	// POST /ticket is never retried (a repeat could create a second ticket): the transport's default for POST.
	const response = await enneoApiRequest.call(this, 'POST', '/ticket', {
		qs: { process: processMode },
		body,
		itemIndex,
		area: 'ticket',
	});
	const ticket = unwrapTicket(response);
	if (agentId === undefined) return ticket;
	// POST /ticket takes no agentId (docs/enneo-api-notes.md#ticket-create): the new ticket is assigned
	// with an update, like Ticket → Update would.
	const updated = await enneoApiRequest.call(this, 'PATCH', `/ticket/${String(ticket.id)}`, {
		body: { agentId },
		itemIndex,
		area: 'ticket',
	});
	return unwrapTicket(updated);
}

/**
 * Direction and Interface (versions 1–3) are not part of POST /ticket: the defaults (Inbound,
 * Internal) are what Enneo does anyway; anything else is refused with the way to get it.
 * Assigned Agent is sent as an update after the ticket exists.
 */
function readAssignedAgent(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): number | undefined {
	const notTaken: Array<[string, string, string, string]> = [
		[
			'direction',
			'Direction',
			'in',
			'Remove Direction: tickets are created inbound. For an outbound message reply on the ticket (Conversation → Reply); for an outbound call use Telephony → Call Received with Direction Outbound.',
		],
		[
			'interface',
			'Interface',
			'internal',
			'Remove Interface: Enneo creates tickets through its API as Internal.',
		],
	];
	for (const [name, label, enneoDefault, fix] of notTaken) {
		if (isBlank(fields[name]) || fields[name] === enneoDefault) continue;
		throw itemError(
			this.getNode(),
			`"${label}" ${JSON.stringify(fields[name])} is not taken by Enneo's Create a Ticket`,
			itemIndex,
			fix,
		);
	}
	return optionalId.call(this, fields.agentId, 'Assigned Agent Name or ID', itemIndex);
}
