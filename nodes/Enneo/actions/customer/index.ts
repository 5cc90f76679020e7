import { defineResource } from '../defineResource';
import * as contractSearch from './contractSearch.operation';
import * as get from './get.operation';
import * as getContract from './getContract.operation';
import * as search from './search.operation';
import * as updateTags from './updateTags.operation';

/** The resource's operations: the router's map, the Operation options and the parameters come from here. */
export const { operations: customerOperations, description } = defineResource({
	resource: 'customer',
	defaultOperation: 'get',
	operations: {
		contractSearch: {
			module: contractSearch,
			name: 'Search Contracts',
			action: 'Search contracts',
			description: 'Find the best matching contract by structured fields (identification)',
		},
		get: {
			module: get,
			name: 'Get',
			action: 'Get a customer',
			description: 'Get a customer by customer ID, contract ID or ticket, with VIP flags',
		},
		getContract: {
			module: getContract,
			name: 'Get Contract',
			action: 'Get a contract',
			description: 'Get a contract by its ID',
		},
		search: {
			module: search,
			name: 'Search',
			action: 'Search customers',
			description: 'Find customers by name, email, phone number or ID, with VIP flags',
		},
		updateTags: {
			module: updateTags,
			name: 'Update Tags',
			action: 'Update customer tags',
			description: 'Add, remove or replace the tags of a customer (e.g. mark as VIP)',
		},
	},
});
