import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../../../values/itemError';
import { toId } from '../../../values/values';
import { withoutKeys } from '../../../shaping/response';
import { enneoApiRequest } from '../../../enneoApi/request';
import { hookNotice } from '../../../fields/telephony';
import { ticketIdOfCall } from '../../../enneoApi/callTickets';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import {
	beforeVersion,
	CONTRACT_VERSION,
	fromVersion,
	isVersion,
	SINGLE_TICKET_INPUT_VERSION,
} from '../../../fields/versions';
import { optionsCollection } from '../../../fields/collections';

const lookUpBy: INodeProperties = {
	displayName: 'Look Up By',
	name: 'lookUpBy',
	type: 'options',
	options: [
		{ name: 'Ticket ID', value: 'ticketId' },
		{
			name: 'Call ID (Channel ID)',
			value: 'channelId',
			description: 'The node finds the call ticket by its Call ID, then asks for its routing',
		},
		{
			name: 'Queue ID',
			value: 'queueId',
			description: "No longer taken by Enneo's API: choose Ticket ID or Call ID",
		},
	],
	default: 'ticketId',
	description: "Enneo's API answers by the call ticket; a Call ID is looked up to its ticket first",
};

export const properties: INodeProperties[] = [
	hookNotice,
	// Version 4 no longer offers Queue ID (docs/enneo-api-notes.md#telephony-contract).
	{ ...lookUpBy, displayOptions: { show: beforeVersion(CONTRACT_VERSION) } },
	{
		...lookUpBy,
		options: lookUpBy.options?.filter((option) => 'value' in option && option.value !== 'queueId'),
		displayOptions: { show: fromVersion(CONTRACT_VERSION) },
	},
	{
		displayName: 'Value',
		name: 'lookUpValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2142',
		description: 'The ticket ID or call ID of the call',
		displayOptions: { show: beforeVersion(SINGLE_TICKET_INPUT_VERSION) },
	},
	{
		displayName: 'Value',
		name: 'lookUpValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. call_123abc456',
		description: 'The call ID of the call',
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
	optionsCollection(
		[
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
		],
		{ timeout: true },
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const lookUpBy = this.getNodeParameter('lookUpBy', itemIndex, 'ticketId') as
		| 'ticketId'
		| 'channelId'
		| 'queueId';
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	// GET /telephony/getRouting takes the ticket only (docs/enneo-api-notes.md#telephony-contract).
	if (lookUpBy === 'queueId') {
		throw itemError(
			this.getNode(),
			`"Look Up By" Queue ID is no longer taken by Enneo's API`,
			itemIndex,
			'Choose Ticket ID (the ticket Call Received returned) or Call ID (Channel ID).',
		);
	}
	if (lookUpBy === 'ticketId' && isVersion(this, SINGLE_TICKET_INPUT_VERSION)) {
		qs.ticketId = getTicketId.call(this, itemIndex);
	} else if (lookUpBy === 'channelId') {
		const channelId = readLookUpValue.call(this, lookUpBy, itemIndex) as string;
		qs.ticketId = await ticketIdOfCall.call(this, channelId, itemIndex);
	} else {
		qs.ticketId = readLookUpValue.call(this, lookUpBy, itemIndex);
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

/** The Value field: a call ID, or (versions 1 and 2) the ticket ID. */
function readLookUpValue(
	this: IExecuteFunctions,
	lookUpBy: 'ticketId' | 'channelId',
	itemIndex: number,
): string | number {
	const raw = String(this.getNodeParameter('lookUpValue', itemIndex, '') ?? '').trim();
	const labels = { ticketId: 'Ticket ID', channelId: 'Call ID (Channel ID)' };
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
