import type { INodeProperties } from 'n8n-workflow';

import type { EnneoResource } from '../../types';
import * as autoExecute from './autoExecute.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as deleteAttachment from './deleteAttachment.operation';
import * as forward from './forward.operation';
import * as get from './get.operation';
import * as getActivity from './getActivity.operation';
import * as getAgentQueueStatus from './getAgentQueueStatus.operation';
import * as getHistory from './getHistory.operation';
import * as getMany from './getMany.operation';
import * as getNext from './getNext.operation';
import * as getStats from './getStats.operation';
import * as getVariables from './getVariables.operation';
import * as ping from './ping.operation';
import * as update from './update.operation';
import * as updateMany from './updateMany.operation';

export const ticketOperations: EnneoResource = {
	autoExecute,
	create,
	delete: del,
	deleteAttachment,
	forward,
	get,
	getActivity,
	getAgentQueueStatus,
	getHistory,
	getMany,
	getNext,
	getStats,
	getVariables,
	ping,
	update,
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
			{
				name: 'Auto-Execute',
				value: 'autoExecute',
				action: 'Auto execute a ticket',
				description:
					"Run the ticket's AI agent automatically. A run that reports failure (HTTP 207) is output with success false, not as an error.",
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a ticket',
				description: 'Create a ticket (or update the one with the same External Ticket ID)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a ticket',
				description: 'Permanently erase a ticket and everything on it (GDPR). Cannot be undone.',
			},
			{
				name: 'Delete Attachment',
				value: 'deleteAttachment',
				action: 'Delete a ticket attachment',
				description: 'Permanently remove one attachment from a ticket',
			},
			{
				name: 'Forward',
				value: 'forward',
				action: 'Forward a ticket',
				description: 'Forward a ticket by email with a note',
			},
			{ name: 'Get', value: 'get', action: 'Get a ticket', description: 'Get a ticket by ID or URL' },
			{
				name: 'Get Activity',
				value: 'getActivity',
				action: 'Get ticket activity',
				description: 'Get the processing timeline of a ticket (customer detection, tags, routing, AI decisions)',
			},
			{
				name: 'Get Agent Queue Status',
				value: 'getAgentQueueStatus',
				action: 'Get agent queue status',
				description: 'Get how busy the agents are and whether a live chat is possible now',
			},
			{
				name: 'Get History',
				value: 'getHistory',
				action: 'Get ticket history',
				description:
					"Get the customer's earlier tickets and events for a ticket. Deprecated by Enneo, which suggests the contract history instead.",
			},
			{ name: 'Get Many', value: 'getMany', action: 'Get many tickets', description: 'Search tickets with filters' },
			{
				name: 'Get Next to Work On',
				value: 'getNext',
				action: 'Get next ticket to work on',
				description: "Get the ID of the earliest, next or previous ticket in the API user's routing queue",
			},
			{
				name: 'Get Stats',
				value: 'getStats',
				action: 'Get ticket stats',
				description: 'Get the number of open tickets with breakdowns by AI agent and tag',
			},
			{
				name: 'Get Variables',
				value: 'getVariables',
				action: 'Get ticket variables',
				description: 'Get the variables templates and AI agent conditions see for a ticket',
			},
			{
				name: 'Ping',
				value: 'ping',
				action: 'Ping a ticket',
				description:
					'Mark the API user as working on a ticket and keep its time tracking running. Has side effects; not a health check.',
			},
			{ name: 'Update', value: 'update', action: 'Update a ticket', description: 'Change fields of one ticket' },
			{
				name: 'Update Many',
				value: 'updateMany',
				action: 'Update many tickets',
				description: 'Change many tickets in bulk requests (one request per batch of input items)',
			},
		],
		default: 'get',
	},
	...autoExecute.description,
	...create.description,
	...del.description,
	...deleteAttachment.description,
	...forward.description,
	...get.description,
	...getActivity.description,
	...getAgentQueueStatus.description,
	...getHistory.description,
	...getMany.description,
	...getNext.description,
	...getStats.description,
	...getVariables.description,
	...ping.description,
	...update.description,
	...updateMany.description,
];
