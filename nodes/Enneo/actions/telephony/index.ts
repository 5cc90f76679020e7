import { defineResource } from '../defineResource';
import * as agentConnected from './agentConnected.operation';
import * as callCompleted from './callCompleted.operation';
import * as callReceived from './callReceived.operation';
import * as getRouting from './getRouting.operation';
import * as routingAvailability from './routingAvailability.operation';

/** The resource's operations: the router's map, the Operation options and the parameters come from here. */
export const { operations: telephonyOperations, description } = defineResource({
	resource: 'telephony',
	defaultOperation: 'callReceived',
	operations: {
		agentConnected: {
			module: agentConnected,
			name: 'Agent Connected',
			action: 'Report an agent connected to a call',
			description: "Tell Enneo a user took the call; their Enneo window opens the call's ticket",
		},
		callCompleted: {
			module: callCompleted,
			name: 'Call Completed',
			action: 'Report a completed call',
			description: 'Store the final transcript and call durations',
		},
		callReceived: {
			module: callReceived,
			name: 'Call Received',
			action: 'Report a received call',
			description: 'Create the phone ticket for an inbound or outbound call',
		},
		getRouting: {
			module: getRouting,
			name: 'Get Routing',
			action: 'Get the routing status of a call',
			description: 'Queue position and assigned agent of a call routed by Enneo',
		},
		routingAvailability: {
			module: routingAvailability,
			name: 'Get Routing Availability',
			action: 'Get agents routing availability',
			description: "Agents' call and chat routing status, skills and tickets",
		},
	},
});
