import type { INodeProperties } from 'n8n-workflow';

import type { EnneoResource } from '../../types';
import * as agentConnected from './agentConnected.operation';
import * as callCompleted from './callCompleted.operation';
import * as callReceived from './callReceived.operation';
import * as getRouting from './getRouting.operation';
import * as routingAvailability from './routingAvailability.operation';

export const telephonyOperations: EnneoResource = {
	agentConnected,
	callCompleted,
	callReceived,
	getRouting,
	routingAvailability,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['telephony'] } },
		options: [
			{
				name: 'Agent Connected',
				value: 'agentConnected',
				action: 'Report an agent connected to a call',
				description: "Tell Enneo a user took the call; their Enneo window opens the call's ticket",
			},
			{
				name: 'Call Completed',
				value: 'callCompleted',
				action: 'Report a completed call',
				description: 'Store the final transcript and call durations',
			},
			{
				name: 'Call Received',
				value: 'callReceived',
				action: 'Report a received call',
				description: 'Create the phone ticket for an inbound or outbound call',
			},
			{
				name: 'Get Routing',
				value: 'getRouting',
				action: 'Get the routing status of a call',
				description: 'Queue position and assigned agent of a call routed by Enneo',
			},
			{
				name: 'Get Routing Availability',
				value: 'routingAvailability',
				action: 'Get agents routing availability',
				description: "Agents' call and chat routing status, skills and tickets",
			},
		],
		default: 'callReceived',
	},
	...callReceived.description,
	...agentConnected.description,
	...callCompleted.description,
	...getRouting.description,
	...routingAvailability.description,
];
