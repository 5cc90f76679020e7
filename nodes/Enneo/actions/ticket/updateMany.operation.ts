import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { assertPendingHasFutureDueBy } from '../../helpers/ticketRules';
import { toId } from '../../helpers/values';
import { enneoApiRequest } from '../../transport/request';
import { asNodeError, errorItem } from '../errorItem';
import { readTicketChanges, ticketUpdateFieldOptions } from './updateFields';

export const DEFAULT_BATCH_SIZE = 100;

const properties: INodeProperties[] = [
	{
		displayName: 'Ticket ID',
		name: 'ticketId',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		description: 'ID of the ticket this input item changes. By default the "ID" field of each input item.',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: ticketUpdateFieldOptions,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: DEFAULT_BATCH_SIZE,
				description: 'How many tickets are changed per request to Enneo',
			},
			{
				displayName: 'Include in Worklog',
				name: 'includeInWorklog',
				type: 'boolean',
				default: true,
				description: 'Whether the change counts in time tracking and handling-time statistics. Turn off e.g. when closing spam.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['updateMany'] } }, properties);

/**
 * Bulk update: all input items become `PATCH /ticket` calls with one array body per batch, so
 * 1,000 items cost ceil(1000 / batch size) requests. Each output item pairs with its input item.
 */
export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = new Array(items.length);
	const pending: Array<{ itemIndex: number; change: IDataObject }> = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const id = toId.call(this, this.getNodeParameter('ticketId', itemIndex), 'Ticket ID', itemIndex);
			const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
			const changes = readTicketChanges.call(this, fields, itemIndex);
			if (!Object.keys(changes).length) {
				throw new NodeOperationError(this.getNode(), `Nothing to update for ticket ${id} (item ${itemIndex})`, {
					itemIndex,
					description: 'Add at least one field under "Update Fields".',
				});
			}
			assertPendingHasFutureDueBy.call(this, changes, itemIndex);
			pending.push({ itemIndex, change: { id, ...changes } });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, itemIndex);
			output[itemIndex] = errorItem(error as Error, itemIndex);
		}
	}

	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const batchSize = Math.max(1, Math.floor(Number(options.batchSize ?? DEFAULT_BATCH_SIZE)));
	const qs: IDataObject = options.includeInWorklog === false ? { includeInWorklog: 'false' } : {};

	for (let start = 0, batch = 1; start < pending.length; start += batchSize, batch++) {
		const slice = pending.slice(start, start + batchSize);
		try {
			await enneoApiRequest.call(this, 'PATCH', '/ticket', {
				body: slice.map((entry) => entry.change),
				qs,
				area: 'ticket',
				itemIndex: slice[0].itemIndex,
			});
			for (const { itemIndex, change } of slice) {
				output[itemIndex] = { json: { ...change, success: true, batch }, pairedItem: { item: itemIndex } };
			}
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, slice[0].itemIndex);
			for (const { itemIndex, change } of slice) {
				const failed = errorItem(error as Error, itemIndex);
				failed.json = { id: change.id, ...failed.json, batch };
				output[itemIndex] = failed;
			}
		}
	}
	return output;
}
