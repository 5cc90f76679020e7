import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toId } from '../../values/values';

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
