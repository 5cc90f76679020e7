import type { INodeProperties } from 'n8n-workflow';

import type { EnneoResource } from '../../types';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as updateMany from './updateMany.operation';

export const ticketOperations: EnneoResource = {
	get,
	getMany,
	updateMany,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ticket'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a ticket', description: 'Get a ticket by ID or URL' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many tickets', description: 'Search tickets with filters' },
			{
				name: 'Update Many',
				value: 'updateMany',
				action: 'Update many tickets',
				description: 'Change many tickets in bulk requests (one request per batch of input items)',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
	...updateMany.description,
];
