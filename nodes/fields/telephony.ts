import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';

import { itemError } from '../values/itemError';
import { toIsoDateTime, workflowZone } from '../values/dates';
import type { TranscriptEntry } from '../enneoApi/types';
import { getOptionalTicketId, optionalTicketIdLocator } from './ticketId';
import { beforeVersion, fromVersion, isVersion, SINGLE_TICKET_INPUT_VERSION } from './versions';

/** Transcript fields shared by Call Received and Call Completed (placed inside Additional Fields). */
export const transcriptFields: INodeProperties[] = [
	{
		displayName: 'Transcript',
		name: 'transcript',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Entry',
		description: 'What was said so far, in order',
		options: [
			{
				displayName: 'Entry',
				name: 'entry',
				values: [
					{
						displayName: 'Message',
						name: 'message',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Speaker',
						name: 'speaker',
						type: 'string',
						default: 'bot',
						placeholder: 'e.g. bot, agent, customer',
						description: 'Who spoke (Enneo examples use bot and agent)',
					},
					{
						displayName: 'Timestamp',
						name: 'timestamp',
						type: 'dateTime',
						default: '',
						description:
							'When it was said; sent as ISO 8601. Left empty, the entry is sent without a timestamp (not with the time of the run).',
					},
				],
			},
		],
	},
	{
		displayName: 'Transcript (JSON)',
		name: 'transcriptJson',
		type: 'json',
		default: '[]',
		description:
			'Transcript as a JSON array of {"speaker", "message", "timestamp"} objects, e.g. mapped from a voicebot. Entries are sent after those of "Transcript". An entry without "timestamp" is sent without one.',
	},
];

function invalid(
	this: IExecuteFunctions,
	field: string,
	problem: string,
	itemIndex: number,
): NodeOperationError {
	return itemError(
		this.getNode(),
		`"${field}" ${problem}`,
		itemIndex,
		'Each transcript entry needs a speaker (e.g. bot, agent, customer), a message and optionally an ISO 8601 timestamp.',
	);
}

/** Reads both transcript inputs into Enneo's `{speaker, message, timestamp}` entries. */
export function readTranscript(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): TranscriptEntry[] | undefined {
	const fromUi =
		((fields.transcript as IDataObject | undefined)?.entry as IDataObject[] | undefined) ?? [];
	let fromJson: unknown = fields.transcriptJson;
	if (typeof fromJson === 'string') {
		const text = fromJson.trim();
		try {
			fromJson = text ? jsonParse(text) : [];
		} catch (error) {
			throw invalid.call(
				this,
				'Transcript (JSON)',
				`is not valid JSON: ${(error as Error).message}`,
				itemIndex,
			);
		}
	}
	if (fromJson === undefined || fromJson === null) fromJson = [];
	if (!Array.isArray(fromJson))
		throw invalid.call(this, 'Transcript (JSON)', 'must be a JSON array of entries', itemIndex);

	const entries: TranscriptEntry[] = [];
	const sources: Array<[string, unknown[]]> = [
		['Transcript', fromUi],
		['Transcript (JSON)', fromJson as unknown[]],
	];
	for (const [field, list] of sources) {
		list.forEach((raw, index) => {
			const entry = (raw ?? {}) as IDataObject;
			if (typeof raw !== 'object' || Array.isArray(raw))
				throw invalid.call(this, field, `entry ${index + 1} is not an object`, itemIndex);
			const speaker = String(entry.speaker ?? '').trim();
			const message = String(entry.message ?? '');
			if (!speaker) throw invalid.call(this, field, `entry ${index + 1} has no speaker`, itemIndex);
			if (!message.trim())
				throw invalid.call(this, field, `entry ${index + 1} has no message`, itemIndex);
			// No timestamp given: the entry goes without one (neither callReceived page requires it: docs/enneo-api-notes.md#telephony-call-received), never with the run's time.
			if (entry.timestamp === undefined || entry.timestamp === null || entry.timestamp === '') {
				entries.push({ speaker, message });
				return;
			}
			const timestamp = toIsoDateTime(entry.timestamp, workflowZone(this));
			if (!timestamp)
				throw invalid.call(
					this,
					field,
					`entry ${index + 1} has an unreadable timestamp ${JSON.stringify(entry.timestamp)}`,
					itemIndex,
				);
			entries.push({ speaker, message, timestamp });
		});
	}
	return entries.length ? entries : undefined;
}

/** The call ID Enneo calls `channelId`: the third-party telephony system's ID of this call. */
export const channelIdDescription =
	'ID of the call in your telephony system (Enneo calls it channelId). Set it on Call Received to refer to the call later.';

/** Shown on the four lifecycle hooks, which some instances keep for Enneo's own telephony. */
export const hookNotice: INodeProperties = {
	displayName:
		"This is a telephony lifecycle hook. Some Enneo instances reserve it for Enneo's built-in telephony; there it answers 403 and your Enneo admin has to enable it for API keys.",
	name: 'hookNotice',
	type: 'notice',
	default: '',
};

/** Default Country Code: the calling code for phone numbers written without one. */
export function countryCodeOption(description: string): INodeProperties {
	return {
		displayName: 'Default Country Code',
		name: 'defaultCountryCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. 49',
		description,
	};
}

export const defaultCountryCodeOption = countryCodeOption(
	'Country calling code for numbers written without one (e.g. 030 123456 becomes +4930123456 with 49). Without it, national numbers are refused.',
);

/** The "Call ID or Ticket ID" pair Agent Connected and Call Completed identify a call by. */
export const callReferenceFields: INodeProperties[] = [
	{
		displayName: 'Call ID (Channel ID)',
		name: 'channelId',
		type: 'string',
		default: '',
		placeholder: 'e.g. call_123abc456',
		description:
			'ID of the call in your telephony system (Enneo calls it channelId), as sent with Call Received. Set this or Ticket.',
	},
	{
		displayName: 'Ticket ID',
		name: 'ticketId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2142',
		description: 'The call ticket returned by Call Received. Set this or Call ID.',
		displayOptions: { show: beforeVersion(SINGLE_TICKET_INPUT_VERSION) },
	},
	optionalTicketIdLocator({
		description: 'The call ticket returned by Call Received. Set this or Call ID.',
		displayOptions: { show: fromVersion(SINGLE_TICKET_INPUT_VERSION) },
	}),
];

/** The Ticket field as the editor names it: the locator from version 3, a text field before. */
export function ticketLabel(context: IExecuteFunctions): string {
	return isVersion(context, SINGLE_TICKET_INPUT_VERSION) ? 'Ticket' : 'Ticket ID';
}

/** Reads the "Call ID or Ticket ID" pair the hooks identify a call by; one of them is required. */
export function readCallReference(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const channelId = String(this.getNodeParameter('channelId', itemIndex, '') ?? '').trim();
	const label = ticketLabel(this);
	const ticketId = getOptionalTicketId.call(this, itemIndex, 'ticketId', label);
	const reference: IDataObject = {};
	if (channelId) reference.channelId = channelId;
	if (ticketId !== undefined) reference.ticketId = ticketId;
	if (!Object.keys(reference).length) {
		throw itemError(
			this.getNode(),
			`Set "Call ID (Channel ID)" or "${label}" to identify the call`,
			itemIndex,
			'Use the Call ID your telephony system sent with Call Received, or the ticket ID Call Received returned.',
		);
	}
	return reference;
}
