import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../../../values/itemError';
import { toId } from '../../../values/values';
import { withoutKeys } from '../../../shaping/response';
import { enneoApiRequest } from '../../../enneoApi/request';
import { hookNotice } from '../../../fields/telephony';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import {
	beforeVersion,
	fromVersion,
	isVersion,
	SINGLE_TICKET_INPUT_VERSION,
} from '../../../fields/versions';
import { optionsCollection } from '../../../fields/collections';

export const properties: INodeProperties[] = [
	hookNotice,
	{
		displayName: 'Look Up By',
		name: 'lookUpBy',
		type: 'options',
		options: [
			{ name: 'Ticket ID', value: 'ticketId' },
			{
				name: 'Call ID (Channel ID)',
				value: 'channelId',
				description: 'Only on instances that still accept it (older API)',
			},
			{
				name: 'Queue ID',
				value: 'queueId',
				description: 'Only on instances that still accept it (older API)',
			},
		],
		default: 'ticketId',
		description: 'Current Enneo versions require the ticket ID returned by Call Received',
	},
	{
		displayName: 'Value',
		name: 'lookUpValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2142',
		description: 'The ticket ID, call ID or queue ID of the call',
		displayOptions: { show: beforeVersion(SINGLE_TICKET_INPUT_VERSION) },
	},
	{
		displayName: 'Value',
		name: 'lookUpValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. call_123abc456',
		description: 'The call ID or queue ID of the call',
		displayOptions: {
			show: { lookUpBy: ['channelId', 'queueId'], ...fromVersion(SINGLE_TICKET_INPUT_VERSION) },
		},
	},
	ticketIdLocator({
		description: 'The call ticket returned by Call Received',
		displayOptions: {
			show: { lookUpBy: ['ticketId'], ...fromVersion(SINGLE_TICKET_INPUT_VERSION) },
		},
	}),
	optionsCollection([
		{
			displayName: 'Clean State',
			name: 'cleanState',
			type: 'boolean',
			default: false,
			description:
				'Whether to reset the routing state of all user agents before evaluating (for testing)',
		},
		{
			displayName: 'Force Re-Evaluation',
			name: 'forceReEvaluation',
			type: 'boolean',
			default: false,
			description:
				'Whether Enneo evaluates the routing again instead of answering the stored state',
		},
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const lookUpBy = this.getNodeParameter('lookUpBy', itemIndex, 'ticketId') as
		| 'ticketId'
		| 'channelId'
		| 'queueId';
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (lookUpBy === 'ticketId' && isVersion(this, SINGLE_TICKET_INPUT_VERSION)) {
		qs.ticketId = getTicketId.call(this, itemIndex);
	} else {
		qs[lookUpBy] = readLookUpValue.call(this, lookUpBy, itemIndex);
	}
	for (const flag of ['forceReEvaluation', 'cleanState'])
		if (options[flag] === true) qs[flag] = 'true';
	const response = (await enneoApiRequest.call(this, 'GET', '/telephony/getRouting', {
		qs,
		itemIndex,
		area: 'telephonyHook',
	})) as IDataObject;
	return withoutKeys(response, 'success');
}

/** The Value field: a call or queue ID, or (versions 1 and 2) the ticket ID. */
function readLookUpValue(
	this: IExecuteFunctions,
	lookUpBy: 'ticketId' | 'channelId' | 'queueId',
	itemIndex: number,
): string | number {
	const raw = String(this.getNodeParameter('lookUpValue', itemIndex, '') ?? '').trim();
	const labels = { ticketId: 'Ticket ID', channelId: 'Call ID (Channel ID)', queueId: 'Queue ID' };
	if (!raw) {
		throw itemError(
			this.getNode(),
			`"Value" is empty: enter the ${labels[lookUpBy]} of the call`,
			itemIndex,
			'Map it from the output of Call Received, e.g. {{ $json.ticketId }}.',
		);
	}
	return lookUpBy === 'channelId' ? raw : toId.call(this, raw, labels[lookUpBy], itemIndex);
}
