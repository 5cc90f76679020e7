import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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
