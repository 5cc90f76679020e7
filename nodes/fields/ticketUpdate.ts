import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readEnneoDate } from '../values/dates';
import { tagChanges } from './ticketRules';
import { copySetFields, isBlank, toIdList } from '../values/values';
import { aiSupportLevelOptions, spamStatusOptions } from '../enneoApi/vocabulary';
import { agentField, priorityField, statusField, tagsField } from './ticket';

/** Ticket fields any agent may change (docs/enneo-api-notes.md#ticket-update); shared by Update and Update Many. */
export const ticketUpdateFieldOptions: INodeProperties[] = [
	{
		displayName: 'AI Support Level',
		name: 'aiSupportLevel',
		type: 'options',
		options: aiSupportLevelOptions,
		default: 'human',
	},
	agentField('Assigned Agent Name or ID', 'agentId', 'The agent the ticket is assigned to'),
	{
		displayName: 'Contract ID',
		name: 'contractId',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Customer Legitimation',
		name: 'customerLegitimation',
		type: 'options',
		options: [
			{ name: '0 – Not Identified', value: 0 },
			{ name: '10 – Identified, Rules Not Passed', value: 10 },
			{ name: '12 – No Email in ERP / Sender Email Not Found', value: 12 },
			{ name: '13 – Contract or Customer ID and Last Name Found', value: 13 },
			{ name: '15 – Contract and Customer ID Found', value: 15 },
			{ name: '20 – Legitimated by Rules', value: 20 },
			{ name: '30 – Confirmed by Agent or Bot', value: 30 },
			{ name: '40 – Explicit Human Verification', value: 40 },
		],
		default: 30,
		description:
			'How well the customer is identified. From 20 on Enneo may process the ticket automatically; 30 and 40 are set by agents or bots.',
	},
	{
		displayName: 'Due By',
		name: 'dueBy',
		type: 'dateTime',
		default: '',
		description:
			'Resolution deadline. Required (in the future) when setting the status to Pending.',
		hint: "Sent as wall time in the workflow's time zone; a value with an offset (or {{ $now }}) is converted to it",
	},
	{
		displayName: 'First Response Due By',
		name: 'firstResponseDueBy',
		type: 'dateTime',
		default: '',
	},
	priorityField('medium'),
	{
		displayName: 'Spam Status',
		name: 'spamStatus',
		type: 'options',
		options: spamStatusOptions,
		default: 'manual_clean',
	},
	statusField(),
	tagsField('Tags to add, remove or set, as chosen in "Tags Mode"'),
	{
		displayName: 'Tags Mode',
		name: 'tagsMode',
		type: 'options',
		options: [
			{ name: 'Add to Existing Tags', value: 'add' },
			{ name: 'Remove From Existing Tags', value: 'remove' },
			{ name: 'Replace All Tags', value: 'replace' },
		],
		default: 'add',
		description:
			'How the tags above change the ticket. Replace with an empty list removes all tags.',
	},
];

/** Ends the description of each technical field (a field outside the agent set). */
export const NEEDS_TECHNICAL_PERMISSION =
	'Needs the updateTechnicalTicketFields permission in Enneo (otherwise Enneo answers 403)';

/** Subject and Summary, the technical text fields Update and Update Many both offer. */
export const subjectAndSummaryFields: INodeProperties[] = [
	{
		displayName: 'Subject (Technical)',
		name: 'subject',
		type: 'string',
		default: '',
		description: `The subject line. ${NEEDS_TECHNICAL_PERMISSION}.`,
	},
	{
		displayName: 'Summary (Technical)',
		name: 'summary',
		type: 'string',
		default: '',
		description: `The AI summary shown as the ticket title. ${NEEDS_TECHNICAL_PERMISSION}.`,
	},
];

/** Subject and Summary as sent: the text as written (see copySetFields). */
export function readSubjectAndSummary(fields: IDataObject): IDataObject {
	return copySetFields(
		fields,
		subjectAndSummaryFields.map((field) => field.name),
		'text',
	);
}

/** Reads Update Fields into Enneo's PATCH body: dates converted, tags mapped, IDs checked. */
export function readTicketChanges(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const changes: IDataObject = {};
	for (const key of [
		'status',
		'priority',
		'aiSupportLevel',
		'spamStatus',
		'customerLegitimation',
	]) {
		if (!isBlank(fields[key])) changes[key] = fields[key];
	}
	Object.assign(changes, copySetFields(fields, ['customerId', 'contractId'], 'trimmed'));
	if (!isBlank(fields.agentId)) {
		const [agentId] = toIdList.call(this, [fields.agentId], 'Assigned Agent', itemIndex);
		changes.agentId = agentId;
	}
	for (const [key, label] of [
		['dueBy', 'Due By'],
		['firstResponseDueBy', 'First Response Due By'],
	]) {
		const converted = readEnneoDate.call(this, fields[key], label, itemIndex);
		if (converted !== undefined) changes[key] = converted;
	}
	if (fields.tagIds !== undefined || fields.tagsMode === 'replace') {
		const tagIds = toIdList.call(this, fields.tagIds, 'Tags', itemIndex);
		Object.assign(changes, tagChanges(String(fields.tagsMode ?? 'add'), tagIds));
	}
	return changes;
}

/** Options → Include in Worklog of Update and Update Many. */
export const includeInWorklogOption: INodeProperties = {
	displayName: 'Include in Worklog',
	name: 'includeInWorklog',
	type: 'boolean',
	default: true,
	description:
		'Whether the change counts in time tracking and handling-time statistics. Turn off e.g. when closing spam.',
};
