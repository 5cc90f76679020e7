import { defineResource } from '../defineResource';
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

/** The resource's operations: the router's map, the Operation options and the parameters come from here. */
export const { operations: ticketOperations, description } = defineResource({
	resource: 'ticket',
	defaultOperation: 'get',
	operations: {
		autoExecute: {
			module: autoExecute,
			name: 'Auto-Execute',
			action: 'Auto execute a ticket',
			description:
				"Run the ticket's AI agent automatically. A run that reports failure (HTTP 207) is output with success false, not as an error.",
		},
		create: {
			module: create,
			name: 'Create',
			action: 'Create a ticket',
			description: 'Create a ticket (or update the one with the same External Ticket ID)',
		},
		delete: {
			module: del,
			name: 'Delete',
			action: 'Delete a ticket',
			description: 'Permanently erase a ticket and everything on it (GDPR). Cannot be undone.',
		},
		deleteAttachment: {
			module: deleteAttachment,
			name: 'Delete Attachment',
			action: 'Delete a ticket attachment',
			description: 'Permanently remove one attachment from a ticket',
		},
		forward: {
			module: forward,
			name: 'Forward',
			action: 'Forward a ticket',
			description: 'Forward a ticket by email with a note',
		},
		get: {
			module: get,
			name: 'Get',
			action: 'Get a ticket',
			description: 'Get a ticket by ID or URL',
		},
		getActivity: {
			module: getActivity,
			name: 'Get Activity',
			action: 'Get ticket activity',
			description:
				'Get the processing timeline of a ticket (customer detection, tags, routing, AI decisions)',
		},
		getAgentQueueStatus: {
			module: getAgentQueueStatus,
			name: 'Get Agent Queue Status',
			action: 'Get agent queue status',
			description: 'Get how busy the agents are and whether a live chat is possible now',
		},
		getHistory: {
			module: getHistory,
			name: 'Get History',
			action: 'Get ticket history',
			description:
				"Get the customer's earlier tickets and events for a ticket. Deprecated by Enneo, which suggests the contract history instead.",
		},
		getMany: {
			module: getMany,
			name: 'Get Many',
			action: 'Get many tickets',
			description: 'Search tickets with filters',
		},
		getNext: {
			module: getNext,
			name: 'Get Next to Work On',
			action: 'Get next ticket to work on',
			description:
				"Get the ID of the earliest, next or previous ticket in the API user's routing queue",
		},
		getStats: {
			module: getStats,
			name: 'Get Stats',
			action: 'Get ticket stats',
			description: 'Get the number of open tickets with breakdowns by AI agent and tag',
		},
		getVariables: {
			module: getVariables,
			name: 'Get Variables',
			action: 'Get ticket variables',
			description: 'Get the variables templates and AI agent conditions see for a ticket',
		},
		ping: {
			module: ping,
			name: 'Ping',
			action: 'Ping a ticket',
			description:
				'Mark the API user as working on a ticket and keep its time tracking running. Has side effects; not a health check.',
		},
		update: {
			module: update,
			name: 'Update',
			action: 'Update a ticket',
			description: 'Change fields of one ticket',
		},
		updateMany: {
			module: updateMany,
			name: 'Update Many',
			action: 'Update many tickets',
			description: 'Change many tickets in bulk requests (one request per batch of input items)',
		},
	},
});
