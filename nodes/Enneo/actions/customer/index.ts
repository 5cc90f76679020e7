import type { INodeProperties } from 'n8n-workflow';

import type { EnneoResource } from '../../types';
import * as contractSearch from './contractSearch.operation';
import * as get from './get.operation';
import * as getContract from './getContract.operation';
import * as search from './search.operation';
import * as updateTags from './updateTags.operation';

export const customerOperations: EnneoResource = {
	contractSearch,
	get,
	getContract,
	search,
	updateTags,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a customer',
				description: 'Get a customer by customer ID, contract ID or ticket, with VIP flags',
			},
			{
				name: 'Get Contract',
				value: 'getContract',
				action: 'Get a contract',
				description: 'Get a contract by its ID',
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search customers',
				description: 'Find customers by name, email, phone number or ID, with VIP flags',
			},
			{
				name: 'Search Contracts',
				value: 'contractSearch',
				action: 'Search contracts',
				description: 'Find the best matching contract by structured fields (identification)',
			},
			{
				name: 'Update Tags',
				value: 'updateTags',
				action: 'Update customer tags',
				description: 'Add, remove or replace the tags of a customer (e.g. mark as VIP)',
			},
		],
		default: 'get',
	},
	...search.description,
	...get.description,
	...updateTags.description,
	...contractSearch.description,
	...getContract.description,
];
