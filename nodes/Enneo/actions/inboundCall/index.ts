import { defineResource } from '../defineResource';
import * as respond from './respond.operation';

/** The resource's operations: the router's map, the Operation options and the parameters come from here. */
export const { operations: inboundCallOperations, description } = defineResource({
	resource: 'inboundCall',
	defaultOperation: 'respond',
	operations: {
		respond: {
			module: respond,
			name: 'Respond',
			action: 'Respond to inbound call',
			description:
				'Tell the telephony platform how to route the ringing call that started this workflow',
		},
	},
});
