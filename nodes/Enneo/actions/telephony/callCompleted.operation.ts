import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../../../values/itemError';
import { withoutKeys } from '../../../shaping/response';
import { enneoApiRequest } from '../../../enneoApi/request';
import {
	callReferenceFields,
	hookNotice,
	readCallReference,
	readTranscript,
	ticketLabel,
	transcriptFields,
} from '../../../fields/telephony';
import { callIdOfTicket } from '../../../enneoApi/callTickets';
import { additionalFieldsCollection, optionsCollection } from '../../../fields/collections';

/** The call's durations Enneo stores: field name → label and description. */
const durations = {
	botDurationSeconds: ['Bot Duration (Seconds)', 'Time the caller spent with the voicebot'],
	humanDurationSeconds: ['Human Duration (Seconds)', 'Time the caller talked to a human agent'],
	queueDurationSeconds: ['Queue Duration (Seconds)', 'Time the caller waited for an agent'],
	totalDurationSeconds: ['Total Duration (Seconds)', 'Whole call, from start to end'],
} as const;
type DurationName = keyof typeof durations;

const durationField = (name: DurationName): INodeProperties => ({
	displayName: durations[name][0],
	name,
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description: durations[name][1],
});

export const properties: INodeProperties[] = [
	hookNotice,
	...callReferenceFields,
	additionalFieldsCollection([
		durationField('botDurationSeconds'),
		durationField('humanDurationSeconds'),
		durationField('queueDurationSeconds'),
		...transcriptFields,
		durationField('totalDurationSeconds'),
	]),
	optionsCollection([], { timeout: true }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = readCallReference.call(this, itemIndex);
	// Enneo requires channelId and transcript (docs/enneo-api-notes.md#telephony-contract): a call
	// named by its ticket gets the Call ID from the ticket, and no transcript is sent as an empty one.
	body.transcript = readTranscript.call(this, fields, itemIndex) ?? [];
	for (const [name, [displayName]] of Object.entries(durations)) {
		const value = fields[name];
		if (value === undefined || value === '' || value === null) continue;
		const seconds = Number(value);
		if (!Number.isFinite(seconds) || seconds < 0) {
			throw itemError(
				this.getNode(),
				`"${displayName}" must be a number of seconds >= 0, got ${JSON.stringify(value)}`,
				itemIndex,
				'Enter the duration in whole seconds, e.g. 185.',
			);
		}
		body[name] = Math.round(seconds);
	}
	if (body.channelId === undefined)
		body.channelId = await callIdOfTicket.call(
			this,
			body.ticketId as number,
			ticketLabel(this),
			itemIndex,
		);
	const response = (await enneoApiRequest.call(this, 'POST', '/telephony/callCompleted', {
		body,
		itemIndex,
		area: 'telephonyHook',
	})) as IDataObject;
	return { ...withoutKeys(body, 'transcript'), ...response };
}
