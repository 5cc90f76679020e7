import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../../../values/itemError';
import { enneoApiRequest } from '../../../enneoApi/request';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import { buildTicketFilters, ticketFilterOptions } from '../../../fields/ticketFilters';
import { optionsCollection } from '../../../fields/collections';

export const properties: INodeProperties[] = [
	{
		displayName: 'Direction',
		name: 'preferredDirection',
		type: 'options',
		options: [
			{
				name: 'Earliest',
				value: 'earliest',
				description: "The first ticket in the API user's routing queue",
			},
			{ name: 'Next', value: 'next', description: 'The ticket after the current one in the queue' },
			{
				name: 'Previous',
				value: 'previous',
				description: 'The ticket before the current one in the queue',
			},
		],
		default: 'earliest',
		description: "Where to move in the API user's routing queue",
	},
	ticketIdLocator({
		displayName: 'Current Ticket',
		description: 'The ticket to move from; required for Next and Previous',
		displayOptions: { show: { preferredDirection: ['previous', 'next'] } },
	}),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only consider queue tickets matching all of these',
		options: ticketFilterOptions,
	},
	optionsCollection([], { timeout: true }),
];

/**
 * Enneo does not document this response (docs/enneo-api-notes.md#undocumented-responses): keep it as sent and make sure
 * `ticketId` is there whether Enneo answered a bare number, `{ticketId}` or `{id}`.
 */
export function normaliseNextTicket(response: unknown): IDataObject {
	if (
		typeof response === 'number' ||
		(typeof response === 'string' && /^\d+$/.test(response.trim()))
	) {
		return { ticketId: Number(response) };
	}
	if (!response || typeof response !== 'object' || Array.isArray(response))
		return { ticketId: null, response: response as IDataObject };
	const body = response as IDataObject;
	if (body.ticketId !== undefined) return body;
	const nested =
		body.ticket && typeof body.ticket === 'object' ? (body.ticket as IDataObject).id : undefined;
	return { ticketId: body.id ?? nested ?? null, ...body };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const preferredDirection = this.getNodeParameter(
		'preferredDirection',
		itemIndex,
		'earliest',
	) as string;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const body: IDataObject = { preferredDirection };
	if (preferredDirection === 'previous' || preferredDirection === 'next') {
		const raw = this.getNodeParameter('ticketId', itemIndex, '', { extractValue: true });
		// An untouched locator can still arrive as its default `{mode, value}` object.
		const current = raw && typeof raw === 'object' ? (raw as IDataObject).value : raw;
		if (current === '' || current === undefined || current === null) {
			throw itemError(
				this.getNode(),
				`"Current Ticket" is required when the direction is "${preferredDirection}"`,
				itemIndex,
				'Enneo moves from the current ticket. Set "Current Ticket", or choose the direction "Earliest".',
			);
		}
		body.ticketId = getTicketId.call(this, itemIndex);
	}
	const searchFilters = buildTicketFilters.call(this, filters, ticketFilterOptions, itemIndex);
	if (searchFilters.length) body.filters = searchFilters;
	// Reading the queue position changes nothing, so a retry is harmless.
	const response = await enneoApiRequest.call(this, 'POST', '/ticket/getLatest', {
		body,
		idempotent: true,
		itemIndex,
		area: 'ticket',
	});
	return normaliseNextTicket(response);
}
