import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as conversation from './actions/conversation';
import * as customer from './actions/customer';
import * as inboundCall from './actions/inboundCall';
import { router } from './actions/router';
import * as telephony from './actions/telephony';
import * as ticket from './actions/ticket';
import { listSearch, loadOptions } from './methods';
import { DEFAULT_NODE_VERSION, NODE_VERSIONS } from '../fields/versions';

export class Enneo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Enneo',
		name: 'enneo',
		icon: { light: 'file:enneo.svg', dark: 'file:enneo.dark.svg' },
		group: ['transform'],
		// What each version changed: fields/versions.ts.
		version: NODE_VERSIONS,
		defaultVersion: DEFAULT_NODE_VERSION,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Work with tickets, conversations, customers and calls in Enneo',
		// The editor's Docs link; it appends a query to codex links, which would break the section anchor.
		documentationUrl: 'https://github.com/enneo-ai/n8n-nodes-enneo#operations',
		defaults: { name: 'Enneo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Inbound Call → Respond answers the ringing call and sends nothing to Enneo.
		credentials: [
			{ name: 'enneoApi', required: true, displayOptions: { hide: { resource: ['inboundCall'] } } },
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Conversation', value: 'conversation' },
					{ name: 'Customer', value: 'customer' },
					{ name: 'Inbound Call', value: 'inboundCall' },
					{ name: 'Telephony', value: 'telephony' },
					{ name: 'Ticket', value: 'ticket' },
				],
				default: 'ticket',
			},
			...ticket.description,
			...conversation.description,
			...telephony.description,
			...customer.description,
			...inboundCall.description,
		],
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
