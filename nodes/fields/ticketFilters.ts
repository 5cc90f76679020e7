import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../values/itemError';
import { toEnneoFilterDate, workflowZone } from '../values/dates';
import { toStringList } from '../values/values';
import {
	aiSupportLevelOptions,
	channelOptions,
	directionOptions,
	priorityOptions,
	sentimentOptions,
	statusOptions,
} from '../enneoApi/vocabulary';
import { multiOptionsFilter } from './ticket';

/**
 * The ticket search filters (POST /ticket/search, docs/enneo-api-notes.md#ticket-search): their
 * fields and the reader that turns them into Enneo filter objects. Shared by Get Many and Get Next.
 */

/** Search filters shared by Get Many and Get Next to Work On; read with buildTicketFilters. */
/** How the tags filter matches: values of the search's tag comparators. */
const tagMatchOptions = [
	{ name: 'Any of the Tags', value: 'any' },
	{ name: 'All of the Tags', value: 'all' },
	{ name: 'Exactly These Tags', value: 'exact' },
];

export const ticketFilterOptions: INodeProperties[] = [
	multiOptionsFilter('AI Support Level', 'aiSupportLevel', aiSupportLevelOptions),
	{
		displayName: 'Assigned Agent Names or IDs',
		name: 'agentIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getAgents' },
		default: [],
		description:
			'Tickets assigned to any of these agents. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	multiOptionsFilter('Channel', 'channel', channelOptions),
	{
		displayName: 'Contract ID',
		name: 'contractId',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Created After',
		name: 'createdAfter',
		type: 'dateTime',
		default: '',
	},
	{
		displayName: 'Created Before',
		name: 'createdBefore',
		type: 'dateTime',
		default: '',
	},
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
	},
	multiOptionsFilter('Direction', 'direction', directionOptions),
	{
		displayName: 'Due After',
		name: 'dueAfter',
		type: 'dateTime',
		default: '',
	},
	{
		displayName: 'Due Before',
		name: 'dueBefore',
		type: 'dateTime',
		default: '',
		description: 'E.g. the current time to find tickets that are past due.',
		hint: "Sent as wall time in the workflow's time zone; a value with an offset (or {{ $now }}) is converted to it",
	},
	{
		displayName: 'External Ticket ID',
		name: 'externalTicketId',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Modified After',
		name: 'modifiedAfter',
		type: 'dateTime',
		default: '',
	},
	{
		displayName: 'Modified Before',
		name: 'modifiedBefore',
		type: 'dateTime',
		default: '',
	},
	multiOptionsFilter('Priority', 'priority', priorityOptions),
	{
		displayName: 'Search Text',
		name: 'query',
		type: 'string',
		default: '',
		description:
			'Full-text search over subject, summary, body and history; a number also matches ticket, contract and customer IDs. Enneo needs at least 4 characters.',
	},
	multiOptionsFilter('Sentiment', 'sentiment', sentimentOptions),
	multiOptionsFilter('Status', 'status', statusOptions),
	{
		displayName: 'Tag Match',
		name: 'tagMatch',
		type: 'options',
		options: tagMatchOptions,
		default: 'any',
		description: 'How the tags filter matches',
	},
	{
		displayName: 'Tag Names or IDs',
		name: 'tagIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTags' },
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	{
		displayName: 'Unassigned Only',
		name: 'unassigned',
		type: 'boolean',
		default: false,
		description:
			'Whether to return only tickets that no agent is assigned to (combined with the agents above as "or")',
	},
];

function inFilter(key: string, values: unknown): IDataObject | undefined {
	const list = Array.isArray(values) ? values : toStringList(values);
	return list.length ? { key, comparator: 'in', values: list } : undefined;
}

function dateRange(
	this: IExecuteFunctions,
	key: string,
	label: string,
	after: unknown,
	before: unknown,
	itemIndex: number,
): IDataObject | undefined {
	const zone = workflowZone(this);
	const from = toEnneoFilterDate(after, zone);
	const to = toEnneoFilterDate(before, zone);
	for (const [value, converted, which] of [
		[after, from, 'After'],
		[before, to, 'Before'],
	] as const) {
		if (converted === null) {
			throw itemError(
				this.getNode(),
				`"${label} ${which}" is not a date: ${JSON.stringify(value)}`,
				itemIndex,
				'Use a date such as 2026-01-31 or 2026-01-31T08:00:00, or an expression like {{ $now.minus({ days: 7 }) }}.',
			);
		}
	}
	if (from && to) return { key, comparator: 'between', from, to };
	if (from) return { key, comparator: '>=', value: from };
	if (to) return { key, comparator: '<=', value: to };
	return undefined;
}

/** Turns the node's Filters collection into Enneo search filter objects (AND-combined). */
export function buildTicketFilters(
	this: IExecuteFunctions,
	filters: IDataObject,
	itemIndex: number,
): IDataObject[] {
	const result: Array<IDataObject | undefined> = [
		inFilter('t.status', filters.status),
		inFilter('t.channel', filters.channel),
		inFilter('t.direction', filters.direction),
		inFilter('t.priority', filters.priority),
		inFilter('t.aiSupportLevel', filters.aiSupportLevel),
		inFilter('t.sentiment', filters.sentiment),
	];
	const agents: Array<string | number> = (
		Array.isArray(filters.agentIds) ? filters.agentIds : toStringList(filters.agentIds)
	).map((id) => (/^\d+$/.test(String(id)) ? Number(id) : String(id)));
	if (filters.unassigned === true) agents.push('unassigned');
	result.push(inFilter('t.agentId', agents));

	const tagIds = (
		Array.isArray(filters.tagIds) ? filters.tagIds : toStringList(filters.tagIds)
	).map(Number);
	if (tagIds.length) {
		const key = {
			any: 'tt_matchAny.tagId',
			all: 'tt_matchAll.tagId',
			exact: 'tt_matchExact.tagId',
		}[String(filters.tagMatch ?? 'any') as 'any' | 'all' | 'exact'];
		result.push({ key, comparator: 'in', values: tagIds });
	}
	for (const [field, key] of [
		['customerId', 't.customerId'],
		['contractId', 't.contractId'],
		['externalTicketId', 't.externalTicketId'],
	]) {
		const value = String(filters[field] ?? '').trim();
		if (value) result.push({ key, comparator: '=', value });
	}
	result.push(
		dateRange.call(
			this,
			't.createdAt',
			'Created',
			filters.createdAfter,
			filters.createdBefore,
			itemIndex,
		),
	);
	result.push(
		dateRange.call(
			this,
			't.modifiedAt',
			'Modified',
			filters.modifiedAfter,
			filters.modifiedBefore,
			itemIndex,
		),
	);
	result.push(
		dateRange.call(this, 't.dueBy', 'Due', filters.dueAfter, filters.dueBefore, itemIndex),
	);

	const query = String(filters.query ?? '').trim();
	if (query) result.push({ key: 'q', value: query });
	return result.filter((filter): filter is IDataObject => filter !== undefined);
}
