import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../../../values/itemError';
import { readPhoneNumber } from '../../../values/phone';
import { isBlank, toId } from '../../../values/values';
import { withoutKeys } from '../../../shaping/response';
import { enneoApiRequest } from '../../../enneoApi/request';
import {
	channelIdDescription,
	defaultCountryCodeOption,
	hookNotice,
	readTranscript,
	transcriptFields,
} from '../../../fields/telephony';
import { statusOptions, callDirectionOptions } from '../../../enneoApi/vocabulary';
import { additionalFieldsCollection, optionsCollection } from '../../../fields/collections';
import { agentField } from '../../../fields/ticket';

export const properties: INodeProperties[] = [
	hookNotice,
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		options: callDirectionOptions,
		default: 'in',
		description: 'Outbound calls need the called number and the initiating agent (or a user)',
	},
	{
		displayName: 'Routing',
		name: 'routing',
		type: 'options',
		options: [
			{
				name: 'None (Log the Call Only)',
				value: 'none',
				description:
					'Ticket is created closed and no AI runs, unless Status / Trigger AI Processing say otherwise',
			},
			{
				name: 'External (Your Telephony Routes the Call)',
				value: 'external',
				description:
					'Ticket is created open and processed by AI; connect the agent with User or a later Agent Connected',
			},
			{
				name: 'Native (Enneo Routes the Call)',
				value: 'native',
				description:
					'Ticket is created open, processed by AI and queued; poll Get Routing for the assigned agent',
			},
		],
		default: 'none',
		description:
			'Who routes the call to an agent. Also sets the defaults of Status and Trigger AI Processing.',
	},
	{
		displayName: 'Caller Phone Number',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +49 30 123456',
		description:
			"The caller's number; Enneo identifies the customer by it on inbound calls. Any common format works (030 1234-56 with a Default Country Code, 0049 30…, +49 (0)30…); it is sent as E.164.",
	},
	{
		displayName: 'Called Number (To)',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +49 151 12345678',
		description:
			'The customer number being called; Enneo identifies the customer by it. Sent as E.164.',
		displayOptions: { show: { direction: ['out'] } },
	},
	agentField(
		'Initiating Agent Name or ID',
		'agentId',
		'Agent who starts the call; assigned to the ticket and queue entry. Required unless "User" is set under Additional Fields',
		{ displayOptions: { show: { direction: ['out'] } } },
	),
	{
		displayName: 'AI Agent (Voicebot) Name or ID',
		name: 'aiAgentId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getAiAgents' },
		default: '',
		description:
			'AI agent that conducts the outbound call; the human agent then stays available. Only for outbound calls (Enneo ignores it for inbound calls, so it is not offered there). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { direction: ['out'] } },
	},
	additionalFieldsCollection([
		{
			displayName: 'Call ID (Channel ID)',
			name: 'channelId',
			type: 'string',
			default: '',
			placeholder: 'e.g. call_123abc456',
			description: channelIdDescription,
		},
		{
			displayName: 'Caller Name',
			name: 'callerName',
			type: 'string',
			default: '',
			description: "Becomes the ticket's From Name",
		},
		{
			displayName: 'Contract ID',
			name: 'contractId',
			type: 'string',
			default: '',
			description: 'Identifies the customer by contract (takes precedence over the phone number)',
		},
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			default: '',
			description: 'Identifies the customer directly (takes precedence over the phone number)',
		},
		{
			displayName: 'External Ticket ID',
			name: 'externalTicketId',
			type: 'string',
			default: '',
			placeholder: 'e.g. ext-123',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: statusOptions,
			default: 'open',
			description:
				'Status of the new ticket. If not set, Enneo uses Closed for routing None and Open for External and Native.',
		},
		{
			displayName: 'Subchannel (Phone Line) Name or ID',
			name: 'subchannelId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getPhoneSubchannels' },
			default: '',
			description:
				'The call line as defined in Enneo. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		...transcriptFields,
		{
			displayName: 'Trigger AI Processing',
			name: 'triggerAiProcessing',
			type: 'boolean',
			default: true,
			description:
				'Whether Enneo runs its AI on the ticket. If not set, Enneo runs it for routing External and Native and not for None.',
		},
		agentField(
			'User Name or ID',
			'userId',
			'User to connect right away: their open Enneo window jumps to the new ticket (same as a later Agent Connected). Only with routing None or External',
		),
	]),
	optionsCollection([defaultCountryCodeOption], { timeout: true }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const direction = this.getNodeParameter('direction', itemIndex, 'in') as 'in' | 'out';
	const routing = this.getNodeParameter('routing', itemIndex, 'none') as string;
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const countryCode = options.defaultCountryCode as string | undefined;

	const body: IDataObject = { routing, direction };
	const phone = readPhoneNumber.call(
		this,
		this.getNodeParameter('phone', itemIndex, ''),
		'Caller Phone Number',
		itemIndex,
		countryCode,
	);
	if (phone) body.phone = phone;
	if (!isBlank(fields.userId)) body.userId = toId.call(this, fields.userId, 'User', itemIndex);

	if (direction === 'out') {
		const to = readPhoneNumber.call(
			this,
			this.getNodeParameter('to', itemIndex, ''),
			'Called Number (To)',
			itemIndex,
			countryCode,
		);
		if (!to) {
			throw itemError(
				this.getNode(),
				`"Called Number (To)" is required for outbound calls`,
				itemIndex,
				'Enter the customer number being called, e.g. +49 151 12345678.',
			);
		}
		body.to = to;
		const agentId = this.getNodeParameter('agentId', itemIndex, '');
		if (!isBlank(agentId)) body.agentId = toId.call(this, agentId, 'Initiating Agent', itemIndex);
		if (body.agentId === undefined && body.userId === undefined) {
			throw itemError(
				this.getNode(),
				`Outbound calls need "Initiating Agent" or "User"`,
				itemIndex,
				'Choose the agent who starts the call, or set "User" under Additional Fields.',
			);
		}
		const aiAgentId = this.getNodeParameter('aiAgentId', itemIndex, '');
		if (!isBlank(aiAgentId))
			body.aiAgentId = toId.call(this, aiAgentId, 'AI Agent (Voicebot)', itemIndex);
	}
	if (body.userId !== undefined && routing === 'native') {
		throw itemError(
			this.getNode(),
			`"User" only works with routing None or External, not Native`,
			itemIndex,
			'With Native routing Enneo picks the agent itself. Remove "User", or choose routing External if your telephony connects the user.',
		);
	}

	for (const key of ['contractId', 'customerId', 'channelId', 'callerName', 'externalTicketId']) {
		if (!isBlank(fields[key])) body[key] = String(fields[key]).trim();
	}
	if (!isBlank(fields.status)) body.status = fields.status;
	if (typeof fields.triggerAiProcessing === 'boolean')
		body.triggerAiProcessing = fields.triggerAiProcessing;
	if (!isBlank(fields.subchannelId))
		body.subchannelId = toId.call(this, fields.subchannelId, 'Subchannel (Phone Line)', itemIndex);
	const transcript = readTranscript.call(this, fields, itemIndex);
	if (transcript) body.transcript = transcript;

	const response = (await enneoApiRequest.call(this, 'POST', '/telephony/callReceived', {
		body,
		itemIndex,
		area: 'telephonyHook',
	})) as IDataObject;
	return withoutKeys(response, 'success');
}
