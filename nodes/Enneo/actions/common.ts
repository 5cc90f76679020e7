import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../helpers/itemError';
import { toId } from '../helpers/values';

/** Ticket ID as a resource locator: pick from a list, type the ID, or paste the ticket's URL. */
export function ticketIdLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Ticket',
		name: 'ticketId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
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
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Not a ticket ID (digits only)' },
					},
				],
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
export function getTicketId(
	this: IExecuteFunctions,
	itemIndex: number,
	parameterName = 'ticketId',
): number {
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

/** Return All + Limit, the way every n8n Get Many offers them. */
export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export function readReturnAllAndLimit(
	this: IExecuteFunctions,
	itemIndex: number,
): { returnAll: boolean; limit?: number } {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return {
		returnAll,
		limit: returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number),
	};
}

/** Attachments Enneo downloads from a URL (`{name, url}`); shared by Ticket Create and Conversation Store/Reply. */
export function urlAttachmentsProperty(
	name: string,
	displayName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attachment',
		default: {},
		description,
		options: [
			{
				displayName: 'Attachment',
				name: 'attachment',
				values: [
					{
						displayName: 'File Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. invoice.pdf',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://example.com/files/invoice.pdf',
						description: 'Publicly reachable URL Enneo downloads the file from',
					},
				],
			},
		],
	};
}

/** Reads a urlAttachmentsProperty value; an entry without an http(s) URL is an error naming entry and item. */
export function readUrlAttachments(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): IDataObject[] {
	const list = ((value as IDataObject | undefined)?.attachment as IDataObject[] | undefined) ?? [];
	return list.map((entry, position) => {
		const url = String(entry.url ?? '').trim();
		if (!/^https?:\/\/\S+$/i.test(url)) {
			throw itemError(
				this.getNode(),
				`"${label}" entry ${position + 1} needs a URL starting with http:// or https://, got ${JSON.stringify(entry.url ?? '')}`,
				itemIndex,
				'Enter a full URL such as https://example.com/file.pdf (Enneo downloads the file from it), or remove the entry.',
			);
		}
		const name =
			String(entry.name ?? '').trim() ||
			decodeURIComponent(url.split('?')[0].split('/').pop() ?? '') ||
			'attachment';
		return { name, url };
	});
}
