import type { INodeProperties } from 'n8n-workflow';

import type { EnneoResource } from '../../types';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as reply from './reply.operation';
import * as store from './store.operation';
import * as update from './update.operation';

export const conversationOperations: EnneoResource = {
	delete: del,
	get,
	getMany,
	reply,
	store,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversation'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a conversation',
				description: 'Delete a message or note from a ticket',
			},
			{ name: 'Get', value: 'get', action: 'Get a conversation', description: 'Get one message or note of a ticket' },
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many conversations',
				description: 'Get the messages and notes of a ticket',
			},
			{
				name: 'Reply',
				value: 'reply',
				action: 'Reply to a ticket',
				description: 'Send a reply to the customer (or save it as a draft or internal note)',
			},
			{
				name: 'Store',
				value: 'store',
				action: 'Store a conversation',
				description: 'Record a message on a ticket without sending it',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a conversation',
				description: 'Change an internal note or draft, or publish a draft',
			},
		],
		default: 'store',
	},
	...store.description,
	...reply.description,
	...getMany.description,
	...get.description,
	...update.description,
	...del.description,
];
