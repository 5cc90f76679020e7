import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { toId } from '../../helpers/values';
import { enneoApiRequest } from '../../transport/request';
import { hookNotice } from './shared';

const properties: INodeProperties[] = [
	hookNotice,
	{
		displayName: 'User Name or ID',
		name: 'userId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getAgents' },
		required: true,
		default: '',
		description:
			'User who accepted the call; their open Enneo window jumps to the call ticket. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Call ID (Channel ID)',
		name: 'channelId',
		type: 'string',
		default: '',
		placeholder: 'e.g. call_123abc456',
		description: 'ID of the call in your telephony system (Enneo calls it channelId), as sent with Call Received. Set this or Ticket ID.',
	},
	{
		displayName: 'Ticket ID',
		name: 'ticketId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2142',
		description: 'The call ticket returned by Call Received. Set this or Call ID.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['telephony'], operation: ['agentConnected'] } }, properties);

/** Reads the "Call ID or Ticket ID" pair the hooks identify a call by; one of them is required. */
export function readCallReference(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const channelId = String(this.getNodeParameter('channelId', itemIndex, '') ?? '').trim();
	const ticketId = this.getNodeParameter('ticketId', itemIndex, '');
	const reference: IDataObject = {};
	if (channelId) reference.channelId = channelId;
	if (ticketId !== '' && ticketId !== undefined && ticketId !== null) reference.ticketId = toId.call(this, ticketId, 'Ticket ID', itemIndex);
	if (!Object.keys(reference).length) {
		throw new NodeOperationError(this.getNode(), `Set "Call ID (Channel ID)" or "Ticket ID" to identify the call (item ${itemIndex})`, {
			itemIndex,
			description: 'Use the Call ID your telephony system sent with Call Received, or the ticket ID Call Received returned.',
		});
	}
	return reference;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const userId = toId.call(this, this.getNodeParameter('userId', itemIndex, ''), 'User', itemIndex);
	const body: IDataObject = { userId, ...readCallReference.call(this, itemIndex) };
	const response = (await enneoApiRequest.call(this, 'POST', '/telephony/agentConnected', {
		body,
		itemIndex,
		area: 'telephonyHook',
	})) as IDataObject;
	return { ...body, ...response };
}
