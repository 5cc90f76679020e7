import type { INodeProperties } from 'n8n-workflow';

import type { EnneoResource } from '../../types';
import * as respond from './respond.operation';

export const inboundCallOperations: EnneoResource = {
	respond,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inboundCall'] } },
		options: [
			{
				name: 'Respond',
				value: 'respond',
				action: 'Respond to inbound call',
				description: 'Tell the telephony platform how to route the ringing call that started this workflow',
			},
		],
		default: 'respond',
	},
	...respond.description,
];
