// Longer than the other operations on purpose: one bulk operation reads current tags, batches the
// documented element, sends Spam Status per ticket and reads back when asked; each step is its own function.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assertTicketChanges } from '../../../fields/ticketRules';
import { copySetFields, isBlank } from '../../../values/values';
import { enneoApiRequest } from '../../../enneoApi/request';
import type { EnneoTicket } from '../../../enneoApi/types';
import { asNodeError, continueOnFailItem } from '../failedItem';
import { currentTagIds, searchTicketsById } from '../../../enneoApi/ticketsById';
import {
	NEEDS_TECHNICAL_PERMISSION,
	readSubjectAndSummary,
	readTicketChanges,
	subjectAndSummaryFields,
	ticketUpdateFieldOptions,
	includeInWorklogOption,
} from '../../../fields/ticketUpdate';
import { channelOptions, sentimentOptions } from '../../../enneoApi/vocabulary';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import {
	beforeVersion,
	fromVersion,
	isVersion,
	SINGLE_TICKET_INPUT_VERSION,
} from '../../../fields/versions';
import { optionsCollection, updateFieldsCollection } from '../../../fields/collections';
import { readSubchannelId, subchannelField } from '../../../fields/ticket';

export const DEFAULT_BATCH_SIZE = 100;

/** How the shared Update fields read in Update Many, where PATCH /ticket takes the bulk element (docs/enneo-api-notes.md#bulk-update). */
const bulkDescriptions: Record<string, string> = {
	spamStatus:
		'Not a key of the bulk request (the documented bulk element does not list it), so it is sent for each ticket on its own with PATCH /ticket/{ID}: one extra request per ticket',
	tagIds:
		'Tags to add, remove or set, as chosen in "Tags Mode". The bulk request carries the resulting full tag list ("tags"); to add or remove, the tickets\' current tags are read first (one search per 500 tickets). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	tagsMode:
		'How the tags above change the ticket. Add and Remove read the current tags first; a tag changed in Enneo between that read and the update is overwritten. Replace with an empty list removes all tags.',
};

/**
 * Fields of the bulk element beyond the agent set (docs/enneo-api-notes.md#bulk-update), one list
 * per way they are sent: the editor shows them and readTechnicalFields sends them from these lists.
 * Subject and Summary (subjectAndSummaryFields) go as written; these go trimmed.
 */
const technicalTrimmedFields: INodeProperties[] = [
	{
		displayName: 'Language (Technical)',
		name: 'language',
		type: 'string',
		default: '',
		placeholder: 'e.g. English',
		description: `Language name as Enneo shows it. ${NEEDS_TECHNICAL_PERMISSION}.`,
	},
	{
		displayName: 'Language Code (Technical)',
		name: 'languageCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. en',
		description: `Two-letter language code as Enneo shows it. ${NEEDS_TECHNICAL_PERMISSION}.`,
	},
	{
		displayName: 'Channel (Technical)',
		name: 'channel',
		type: 'options',
		options: channelOptions,
		default: 'email',
		description: `The ticket's channel. ${NEEDS_TECHNICAL_PERMISSION}.`,
	},
	{
		displayName: 'Sentiment (Technical)',
		name: 'sentiment',
		type: 'options',
		options: sentimentOptions,
		default: 'neutral',
		description: `The customer's sentiment as Enneo shows it. ${NEEDS_TECHNICAL_PERMISSION}.`,
	},
];

/** Sent as lists (comma separated, or an array from an expression). */
const technicalListFields: INodeProperties[] = [
	{
		displayName: 'To (Technical)',
		name: 'to',
		type: 'string',
		default: '',
		placeholder: 'e.g. service@example.com',
		description: `Recipients of the ticket (the mailbox it was sent to, or a phone number / chat group depending on the channel), separated by commas. ${NEEDS_TECHNICAL_PERMISSION}.`,
	},
	{
		displayName: 'CC (Technical)',
		name: 'ccEmails',
		type: 'string',
		default: '',
		placeholder: 'e.g. secondlevel@example.com',
		description: `CC addresses of the ticket, separated by commas (or an array from an expression). ${NEEDS_TECHNICAL_PERMISSION}.`,
	},
];

/** Sent as a boolean (also when an expression gives "true"). */
const technicalEscalatedField: INodeProperties = {
	displayName: 'Is Escalated (Technical)',
	name: 'isEscalated',
	type: 'boolean',
	default: true,
	description: `Whether the ticket is marked as escalated. ${NEEDS_TECHNICAL_PERMISSION}.`,
};

/** Sent as an ID (readSubchannelId). */
const technicalSubchannel = subchannelField(
	'Subchannel (Technical) Name or ID',
	`Mailbox, chat channel or phone line of the ticket. ${NEEDS_TECHNICAL_PERMISSION}`,
);

const technicalFieldOptions: INodeProperties[] = [
	...subjectAndSummaryFields,
	...technicalTrimmedFields,
	...technicalListFields,
	technicalEscalatedField,
	technicalSubchannel,
];

const names = (list: INodeProperties[]) => list.map((field) => field.name);

export const properties: INodeProperties[] = [
	{
		displayName: 'Ticket ID',
		name: 'ticketId',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		description:
			'ID of the ticket this input item changes. By default the "ID" field of each input item.',
		displayOptions: { show: beforeVersion(SINGLE_TICKET_INPUT_VERSION) },
	},
	ticketIdLocator({
		default: { mode: 'id', value: '={{ $json.id }}' },
		description:
			'The ticket this input item changes. By default the "ID" field of each input item.',
		displayOptions: { show: fromVersion(SINGLE_TICKET_INPUT_VERSION) },
	}),
	updateFieldsCollection(
		[
			...ticketUpdateFieldOptions.map((field) =>
				bulkDescriptions[field.name]
					? { ...field, description: bulkDescriptions[field.name] }
					: field,
			),
			...technicalFieldOptions,
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	),
	optionsCollection(
		[
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: DEFAULT_BATCH_SIZE,
				description: 'How many tickets are changed per request to Enneo',
			},
			{
				displayName: 'Check Changes',
				name: 'checkChanges',
				type: 'boolean',
				default: false,
				description:
					'Whether to read the tickets back after the update (one search per 500 tickets) and list, per ticket, the fields that do not show the sent value. Enneo answers a bulk update only with "success", not with what it changed.',
			},
			includeInWorklogOption,
		],
		{ timeout: true },
	),
];

/** One input item's change, as read from its parameters. */
interface PlannedChange {
	itemIndex: number;
	id: number;
	/** The PATCH /ticket element (keys: docs/enneo-api-notes.md#bulk-update), before the tag list is known. */
	element: IDataObject;
	tags?: { mode: 'add' | 'remove' | 'replace'; ids: number[] };
	spamStatus?: string;
	batch?: number;
}

/** Bulk-element keys beyond the agent set, read from Update Fields. */
function readTechnicalFields(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const element: IDataObject = {
		...readSubjectAndSummary(fields),
		...copySetFields(fields, names(technicalTrimmedFields), 'trimmed'),
		...copySetFields(fields, names(technicalListFields), 'list'),
	};
	const escalated = fields[technicalEscalatedField.name];
	if (!isBlank(escalated))
		element[technicalEscalatedField.name] = escalated === true || escalated === 'true';
	const subchannelId = readSubchannelId.call(this, fields, technicalSubchannel, itemIndex);
	if (subchannelId !== undefined) element.subchannelId = subchannelId;
	return element;
}

function plan(this: IExecuteFunctions, itemIndex: number): PlannedChange {
	const id = getTicketId.call(
		this,
		itemIndex,
		'ticketId',
		isVersion(this, SINGLE_TICKET_INPUT_VERSION) ? 'Ticket' : 'Ticket ID',
	);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const { tagIds, addTagIds, removeTagIds, spamStatus, ...agentFields } = readTicketChanges.call(
		this,
		fields,
		itemIndex,
	);
	const element: IDataObject = {
		id,
		...agentFields,
		...readTechnicalFields.call(this, fields, itemIndex),
	};
	const change: PlannedChange = { itemIndex, id, element };
	if (tagIds !== undefined) change.tags = { mode: 'replace', ids: tagIds as number[] };
	else if (addTagIds !== undefined) change.tags = { mode: 'add', ids: addTagIds as number[] };
	else if (removeTagIds !== undefined)
		change.tags = { mode: 'remove', ids: removeTagIds as number[] };
	if (spamStatus !== undefined) change.spamStatus = String(spamStatus);
	const changesSomething =
		Object.keys(element).length > 1 || Boolean(change.tags) || Boolean(change.spamStatus);
	assertTicketChanges.call(this, id, changesSomething, element, itemIndex);
	return change;
}

/** The tag list to send: the chosen tags (replace), or the current tags with them added or removed. */
function resultingTags(change: PlannedChange, current: Map<number, EnneoTicket>): IDataObject[] {
	const { mode, ids } = change.tags!;
	if (mode === 'replace') return [...new Set(ids)].map((id) => ({ id }));
	const ticket = current.get(change.id);
	const before = ticket ? currentTagIds(ticket) : undefined;
	if (!before)
		throw new Error(
			`Ticket ${change.id} was not returned by the ticket search, so its current tags are unknown; nothing was sent for it`,
		);
	const after =
		mode === 'add' ? [...new Set([...before, ...ids])] : before.filter((id) => !ids.includes(id));
	return after.map((id) => ({ id }));
}

/** `YYYY-MM-DD HH:MM:SS` and ISO 8601 in UTC compare equal. */
function comparableDate(value: unknown): string {
	return String(value)
		.replace('T', ' ')
		.replace(/(\.\d+)?(Z|[+-]00:?00)?$/, '')
		.slice(0, 19);
}

const DATE_FIELDS = ['dueBy', 'firstResponseDueBy'];

function sameSet(a: unknown[], b: unknown[]): boolean {
	const left = new Set(a.map(String));
	const right = new Set(b.map(String));
	return left.size === right.size && [...left].every((value) => right.has(value));
}

/** Compares what was sent with the ticket as the search shows it now. */
function compare(
	sent: IDataObject,
	ticket: EnneoTicket,
): { unchanged: IDataObject[]; notReturned: string[] } {
	const unchanged: IDataObject[] = [];
	const notReturned: string[] = [];
	for (const [field, value] of Object.entries(sent)) {
		if (field === 'id') continue;
		if (field === 'tags') {
			const current = currentTagIds(ticket);
			const wanted = (value as IDataObject[]).map((tag) => Number(tag.id));
			if (!current) notReturned.push(field);
			else if (!sameSet(wanted, current)) unchanged.push({ field: 'tags', sent: wanted, current });
			continue;
		}
		if (!(field in ticket)) {
			notReturned.push(field);
			continue;
		}
		const current = ticket[field];
		let same: boolean;
		if (Array.isArray(value)) same = Array.isArray(current) && sameSet(value, current);
		else if (value === null || current === null || current === undefined)
			same = value === current || (value === null && current === undefined);
		else if (DATE_FIELDS.includes(field)) same = comparableDate(value) === comparableDate(current);
		else same = String(value) === String(current);
		if (!same)
			unchanged.push({
				field,
				sent: value as IDataObject,
				current: (current ?? null) as IDataObject,
			});
	}
	return { unchanged, notReturned };
}

/**
 * Bulk update: all input items become `PATCH /ticket` calls with one array body per batch, so
 * 1,000 items cost ceil(1000 / batch size) requests. Each element carries only keys Enneo's documented
 * bulk element shows (docs/enneo-api-notes.md#bulk-update) (tags as `tags: [{id}]` objects); Spam Status, which it does not show, goes per
 * ticket to PATCH /ticket/{id}. Each output item pairs with its input item and says what was sent.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = new Array(items.length);
	const fail = (itemIndex: number, error: unknown, extra: IDataObject = {}) => {
		if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, itemIndex);
		const failed = continueOnFailItem(error as Error, itemIndex);
		failed.json = { ...extra, ...failed.json };
		output[itemIndex] = failed;
	};

	let planned: PlannedChange[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			planned.push(plan.call(this, itemIndex));
		} catch (error) {
			fail(itemIndex, error);
		}
	}

	// Add/Remove need the current tags: one search per 500 tickets, before anything is changed.
	const needTags = planned.filter((change) => change.tags && change.tags.mode !== 'replace');
	let current = new Map<number, EnneoTicket>();
	if (needTags.length) {
		try {
			current = await searchTicketsById.call(
				this,
				needTags.map((change) => change.id),
				{ itemIndex: needTags[0].itemIndex },
			);
		} catch (error) {
			for (const change of needTags) fail(change.itemIndex, error, { id: change.id });
			planned = planned.filter((change) => !needTags.includes(change));
		}
	}
	planned = planned.filter((change) => {
		if (!change.tags) return true;
		try {
			change.element.tags = resultingTags(change, current);
			return true;
		} catch (error) {
			fail(
				change.itemIndex,
				new NodeOperationError(this.getNode(), error as Error, { itemIndex: change.itemIndex }),
				{ id: change.id },
			);
			return false;
		}
	});

	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const batchSize = Math.max(1, Math.floor(Number(options.batchSize ?? DEFAULT_BATCH_SIZE)));
	const qs: IDataObject = options.includeInWorklog === false ? { includeInWorklog: 'false' } : {};
	const done: PlannedChange[] = [];

	const bulk = planned.filter((change) => Object.keys(change.element).length > 1);
	for (let start = 0, batch = 1; start < bulk.length; start += batchSize, batch++) {
		const slice = bulk.slice(start, start + batchSize);
		try {
			await enneoApiRequest.call(this, 'PATCH', '/ticket', {
				body: slice.map((change) => change.element),
				qs,
				area: 'ticket',
				itemIndex: slice[0].itemIndex,
			});
			for (const change of slice) change.batch = batch;
		} catch (error) {
			for (const change of slice)
				fail(change.itemIndex, error, { id: change.id, batch, sent: change.element });
		}
	}

	for (const change of planned) {
		const inBulk = Object.keys(change.element).length > 1;
		if (inBulk && change.batch === undefined) continue;
		if (change.spamStatus !== undefined) {
			try {
				await enneoApiRequest.call(this, 'PATCH', `/ticket/${change.id}`, {
					body: { spamStatus: change.spamStatus },
					qs,
					area: 'ticket',
					itemIndex: change.itemIndex,
				});
			} catch (error) {
				fail(change.itemIndex, error, {
					id: change.id,
					...(inBulk ? { batch: change.batch, sent: change.element } : {}),
				});
				continue;
			}
		}
		done.push(change);
	}

	for (const change of done) {
		// The changed fields stay at the top level as in earlier versions, so saved workflows reading
		// e.g. {{ $json.status }} after Update Many keep working; `sent` is the exact element sent.
		const json: IDataObject = {
			...(change.batch !== undefined ? change.element : {}),
			...(change.spamStatus !== undefined ? { spamStatus: change.spamStatus } : {}),
			id: change.id,
			success: true,
		};
		if (change.batch !== undefined) {
			json.batch = change.batch;
			json.sent = change.element;
		}
		if (change.spamStatus !== undefined) json.spamStatusSent = change.spamStatus;
		output[change.itemIndex] = { json, pairedItem: { item: change.itemIndex } };
	}

	if (options.checkChanges === true && done.length) {
		let after: Map<number, EnneoTicket>;
		try {
			after = await searchTicketsById.call(
				this,
				done.map((change) => change.id),
				{ itemIndex: done[0].itemIndex },
			);
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, done[0].itemIndex);
			for (const change of done)
				output[change.itemIndex].json.checkError = (error as Error).message;
			return output;
		}
		for (const change of done) {
			const json = output[change.itemIndex].json;
			const ticket = after.get(change.id);
			const sent: IDataObject = { ...(change.batch !== undefined ? change.element : {}) };
			if (change.spamStatus !== undefined) sent.spamStatus = change.spamStatus;
			if (!ticket) {
				json.changed = false;
				json.unchanged = [];
				json.notReturned = Object.keys(sent).filter((key) => key !== 'id');
				json.checkError = `Ticket ${change.id} was not returned by the ticket search after the update (deleted, or hidden from this API key's user)`;
				continue;
			}
			const { unchanged, notReturned } = compare(sent, ticket);
			json.changed = unchanged.length === 0;
			json.unchanged = unchanged;
			json.notReturned = notReturned;
		}
	}
	return output;
}
