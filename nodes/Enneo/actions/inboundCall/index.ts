import { defineResource } from '../defineResource';
import * as respond from './respond.operation';

/** Operation value (saved in workflows) → module and its entry in the Operation list. */
const inboundCall = defineResource('inboundCall', 'respond', {
	respond: {
		module: respond,
		name: 'Respond',
		action: 'Respond to inbound call',
		description: 'Tell the telephony platform how to route the ringing call that started this workflow',
	},
});

export const inboundCallOperations = inboundCall.operations;
export const description = inboundCall.description;
