import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { enneoApiRequest } from '../../transport/request';
import { readCallReference } from './agentConnected.operation';
import { hookNotice, readTranscript, transcriptFields } from './shared';

const durations: Array<[string, string, string]> = [
	['botDurationSeconds', 'Bot Duration (Seconds)', 'Time the caller spent with the voicebot'],
	['humanDurationSeconds', 'Human Duration (Seconds)', 'Time the caller talked to a human agent'],
	['queueDurationSeconds', 'Queue Duration (Seconds)', 'Time the caller waited for an agent'],
	['totalDurationSeconds', 'Total Duration (Seconds)', 'Whole call, from start to end'],
];

const properties: INodeProperties[] = [
	hookNotice,
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
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...durations.slice(0, 3).map(
				([name, displayName, text]): INodeProperties => ({
					displayName,
					name,
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description: text,
				}),
			),
			...transcriptFields,
			...durations.slice(3).map(
				([name, displayName, text]): INodeProperties => ({
					displayName,
					name,
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description: text,
				}),
			),
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['telephony'], operation: ['callCompleted'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = readCallReference.call(this, itemIndex);
	const transcript = readTranscript.call(this, fields, itemIndex);
	if (transcript) body.transcript = transcript;
	for (const [name, displayName] of durations) {
		const value = fields[name];
		if (value === undefined || value === '' || value === null) continue;
		const seconds = Number(value);
		if (!Number.isFinite(seconds) || seconds < 0) {
			throw new NodeOperationError(this.getNode(), `"${displayName}" must be a number of seconds >= 0, got ${JSON.stringify(value)} (item ${itemIndex})`, {
				itemIndex,
				description: 'Enter the duration in whole seconds, e.g. 185.',
			});
		}
		body[name] = Math.round(seconds);
	}
	const response = (await enneoApiRequest.call(this, 'POST', '/telephony/callCompleted', {
		body,
		itemIndex,
		area: 'telephonyHook',
	})) as IDataObject;
	const { transcript: _transcript, ...sent } = body;
	return { ...sent, ...response };
}
