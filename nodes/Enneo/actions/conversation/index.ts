import { defineResource } from '../defineResource';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as reply from './reply.operation';
import * as store from './store.operation';
import * as update from './update.operation';

/** The resource's operations: the router's map, the Operation options and the parameters come from here. */
export const { operations: conversationOperations, description } = defineResource({
	resource: 'conversation',
	defaultOperation: 'store',
	operations: {
		delete: {
			module: del,
			name: 'Delete',
			action: 'Delete a conversation',
			description: 'Delete a message or note from a ticket',
		},
		get: {
			module: get,
			name: 'Get',
			action: 'Get a conversation',
			description: 'Get one message or note of a ticket',
		},
		getMany: {
			module: getMany,
			name: 'Get Many',
			action: 'Get many conversations',
			description: 'Get the messages and notes of a ticket',
		},
		reply: {
			module: reply,
			name: 'Reply',
			action: 'Reply to a ticket',
			description: 'Send a reply to the customer (or save it as a draft or internal note)',
		},
		store: {
			module: store,
			name: 'Store',
			action: 'Store a conversation',
			description: 'Record a message on a ticket without sending it',
		},
		update: {
			module: update,
			name: 'Update',
			action: 'Update a conversation',
			description: 'Change an internal note or draft, or publish a draft',
		},
	},
});
