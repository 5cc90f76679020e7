import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toId } from '../helpers/values';

/** Ticket ID as a resource locator: pick from a list, type the ID, or paste the ticket's URL. */
export function ticketIdLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Ticket',
		name: 'ticketId',
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description: 'The Enneo ticket',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchTickets', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 376189',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Not a ticket ID (digits only)' } }],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://yourcompany.enneo.ai/ticket/376189',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^https?://.+/tickets?/(\\d+)',
							errorMessage: 'Not an Enneo ticket URL (…/ticket/<ID>)',
						},
					},
				],
				extractValue: { type: 'regex', regex: '^https?://.+/tickets?/(\\d+)' },
			},
		],
		...overrides,
	};
}

/** Reads the ticket locator and returns the numeric ticket ID, or throws naming the field. */
export function getTicketId(this: IExecuteFunctions, itemIndex: number, parameterName = 'ticketId'): number {
	const value = this.getNodeParameter(parameterName, itemIndex, undefined, { extractValue: true });
	return toId.call(this, value, 'Ticket', itemIndex);
}

export const processModeOptions = [
	{ name: 'Batch (AI Runs Asynchronously)', value: 'batch' },
	{ name: 'Realtime (AI Runs Before Enneo Answers)', value: 'realtime' },
	{ name: 'None (No AI Processing Now)', value: 'false' },
];

export const statusOptions = [
	{ name: 'Open', value: 'open' },
	{ name: 'Pending', value: 'pending' },
	{ name: 'Closed', value: 'closed' },
];

export const priorityOptions = [
	{ name: 'Low', value: 'low' },
	{ name: 'Medium', value: 'medium' },
	{ name: 'High', value: 'high' },
	{ name: 'Urgent', value: 'urgent' },
];

export const channelOptions = [
	{ name: 'Chat', value: 'chat' },
	{ name: 'Email', value: 'email' },
	{ name: 'Letter', value: 'letter' },
	{ name: 'Phone', value: 'phone' },
	{ name: 'Portal', value: 'portal' },
	{ name: 'System', value: 'system' },
	{ name: 'Walk-In', value: 'walkIn' },
];

export const directionOptions = [
	{ name: 'Inbound', value: 'in' },
	{ name: 'Outbound', value: 'out' },
	{ name: 'Internal', value: 'internal' },
];

export const aiSupportLevelOptions = [
	{ name: 'Automated', value: 'automated' },
	{ name: 'Bot', value: 'bot' },
	{ name: 'Human', value: 'human' },
	{ name: 'Unprocessed', value: 'unprocessed' },
];

export const sentimentOptions = [
	{ name: 'Negative', value: 'negative' },
	{ name: 'Neutral', value: 'neutral' },
	{ name: 'Positive', value: 'positive' },
];
