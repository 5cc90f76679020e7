import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { toEnneoFilterDate, workflowZone } from '../../helpers/dates';
import { simplifyTicket } from '../../helpers/simplify';
import { toStringList } from '../../helpers/values';
import { enneoApiRequestAllItems } from '../../transport/pagination';
import type { EnneoTicket } from '../../types';
import {
	aiSupportLevelOptions,
	channelOptions,
	directionOptions,
	priorityOptions,
	readReturnAllAndLimit,
	returnAllAndLimit,
	sentimentOptions,
	statusOptions,
} from '../common';

/** Enneo caps `limit` on POST /ticket/search at 500 (docs/enneo-api-notes.md#limits). */
export const TICKET_SEARCH_MAX_PAGE = 500;

/** Sort fields Enneo accepts; anything else is a 400 (docs/enneo-api-notes.md#ticket-search). */
const sortFields = [
	{ name: 'AI Support Level', value: 't.aiSupportLevel' },
	{ name: 'Assigned Agent', value: 't.agentId' },
	{ name: 'Channel', value: 't.channel' },
	{ name: 'Contract ID', value: 't.contractId' },
	{ name: 'Created At', value: 't.createdAt' },
	{ name: 'Customer ID', value: 't.customerId' },
	{ name: 'Direction', value: 't.direction' },
	{ name: 'Due By', value: 't.dueBy' },
	{ name: 'First Response Due By', value: 't.firstResponseDueBy' },
	{ name: 'ID', value: 't.id' },
	{ name: 'Last Customer Message At', value: 't.lastCustomerMessageAt' },
	{ name: 'Last Message At', value: 't.lastMessageAt' },
	{ name: 'Modified At', value: 't.modifiedAt' },
	{ name: 'Priority', value: 't.priority' },
	{ name: 'Relevance (Full-Text Search)', value: 'relevance' },
	{ name: 'Sentiment', value: 't.sentiment' },
	{ name: 'Status', value: 't.status' },
];

/** Search filters shared by Get Many and Get Next to Work On; read with buildTicketFilters. */
export const ticketFilterOptions: INodeProperties[] = [
	{
		displayName: 'AI Support Level',
		name: 'aiSupportLevel',
		type: 'multiOptions',
		options: aiSupportLevelOptions,
		default: [],
	},
	{
		displayName: 'Assigned Agent Names or IDs',
		name: 'agentIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getAgents' },
		default: [],
		description:
			'Tickets assigned to any of these agents. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'multiOptions',
		options: channelOptions,
		default: [],
	},
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
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'multiOptions',
		options: directionOptions,
		default: [],
	},
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
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'multiOptions',
		options: priorityOptions,
		default: [],
	},
	{
		displayName: 'Search Text',
		name: 'query',
		type: 'string',
		default: '',
		description:
			'Full-text search over subject, summary, body and history; a number also matches ticket, contract and customer IDs. Enneo needs at least 4 characters.',
	},
	{
		displayName: 'Sentiment',
		name: 'sentiment',
		type: 'multiOptions',
		options: sentimentOptions,
		default: [],
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'multiOptions',
		options: statusOptions,
		default: [],
	},
	{
		displayName: 'Tag Match',
		name: 'tagMatch',
		type: 'options',
		options: [
			{ name: 'Any of the Tags', value: 'any' },
			{ name: 'All of the Tags', value: 'all' },
			{ name: 'Exactly These Tags', value: 'exact' },
		],
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
		description: 'Whether to return only tickets that no agent is assigned to (combined with the agents above as "or")',
	},
];

const scopeOption: INodeProperties = {
	displayName: 'Only Tickets in My Routing Scope',
	name: 'skillsScope',
	type: 'boolean',
	default: false,
	description: "Whether to search only the API user's routing view (excludes spam and tickets outside the user's skills)",
};

const sortByOption: INodeProperties = { displayName: 'Sort By', name: 'orderByField', type: 'options', options: sortFields, default: 't.id' };

const sortDirectionOption: INodeProperties = {
	displayName: 'Sort Direction',
	name: 'orderByDirection',
	type: 'options',
	options: [
		{ name: 'Ascending', value: 'asc' },
		{ name: 'Descending', value: 'desc' },
	],
	default: 'desc',
};

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: ticketFilterOptions,
	},
	{
		// Version 1 kept the sort fields among the options.
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { '@version': [1] } },
		options: [scopeOption, sortByOption, sortDirectionOption],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { '@version': [2] } },
		options: [scopeOption],
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'collection',
		placeholder: 'Add Sort Rule',
		default: {},
		displayOptions: { show: { '@version': [2] } },
		options: [
			{ ...sortByOption, name: 'field' },
			{ ...sortDirectionOption, name: 'direction' },
		],
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['getMany'] } }, properties);

/** Version 1's simplified ticket (kept for saved workflows); version 2 uses helpers/simplify. */
export function simplifyTicketV1(ticket: EnneoTicket): IDataObject {
	const tags = Array.isArray(ticket.tags) ? ticket.tags : [];
	return {
		id: ticket.id,
		subject: ticket.subject ?? null,
		summary: ticket.summary ?? null,
		status: ticket.status ?? null,
		priority: ticket.priority ?? null,
		channel: ticket.channel ?? null,
		direction: ticket.direction ?? null,
		from: ticket.from ?? null,
		fromName: ticket.fromName ?? null,
		agentId: ticket.agentId ?? null,
		customerId: ticket.customerId ?? null,
		contractId: ticket.contractId ?? null,
		aiSupportLevel: ticket.aiSupportLevel ?? null,
		sentiment: ticket.sentiment ?? null,
		tagIds: ticket.tagIds ?? tags.map((tag) => tag.id),
		tagNames: tags.map((tag) => tag.name),
		dueBy: ticket.dueBy ?? null,
		createdAt: ticket.createdAt ?? null,
		modifiedAt: ticket.modifiedAt ?? null,
	};
}

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
			throw new NodeOperationError(this.getNode(), `"${label} ${which}" is not a date: ${JSON.stringify(value)} [item ${itemIndex}]`, {
				itemIndex,
				description: 'Use a date such as 2026-01-31 or 2026-01-31T08:00:00, or an expression like {{ $now.minus({ days: 7 }) }}.',
			});
		}
	}
	if (from && to) return { key, comparator: 'between', from, to };
	if (from) return { key, comparator: '>=', value: from };
	if (to) return { key, comparator: '<=', value: to };
	return undefined;
}

/** Turns the node's Filters collection into Enneo search filter objects (AND-combined). */
export function buildTicketFilters(this: IExecuteFunctions, filters: IDataObject, itemIndex: number): IDataObject[] {
	const result: Array<IDataObject | undefined> = [
		inFilter('t.status', filters.status),
		inFilter('t.channel', filters.channel),
		inFilter('t.direction', filters.direction),
		inFilter('t.priority', filters.priority),
		inFilter('t.aiSupportLevel', filters.aiSupportLevel),
		inFilter('t.sentiment', filters.sentiment),
	];
	const agents: Array<string | number> = (Array.isArray(filters.agentIds) ? filters.agentIds : toStringList(filters.agentIds)).map(
		(id) => (/^\d+$/.test(String(id)) ? Number(id) : String(id)),
	);
	if (filters.unassigned === true) agents.push('unassigned');
	result.push(inFilter('t.agentId', agents));

	const tagIds = (Array.isArray(filters.tagIds) ? filters.tagIds : toStringList(filters.tagIds)).map(Number);
	if (tagIds.length) {
		const key = { any: 'tt_matchAny.tagId', all: 'tt_matchAll.tagId', exact: 'tt_matchExact.tagId' }[
			String(filters.tagMatch ?? 'any') as 'any' | 'all' | 'exact'
		];
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
	result.push(dateRange.call(this, 't.createdAt', 'Created', filters.createdAfter, filters.createdBefore, itemIndex));
	result.push(dateRange.call(this, 't.modifiedAt', 'Modified', filters.modifiedAfter, filters.modifiedBefore, itemIndex));
	result.push(dateRange.call(this, 't.dueBy', 'Due', filters.dueAfter, filters.dueBefore, itemIndex));

	const query = String(filters.query ?? '').trim();
	if (query) result.push({ key: 'q', value: query });
	return result.filter((filter): filter is IDataObject => filter !== undefined);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { returnAll, limit } = readReturnAllAndLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;

	const sort = (this.getNode().typeVersion ?? 1) >= 2 ? (this.getNodeParameter('sort', itemIndex, {}) as IDataObject) : { field: options.orderByField, direction: options.orderByDirection };
	const body: IDataObject = {
		filters: buildTicketFilters.call(this, filters, itemIndex),
		orderByField: sort.field ?? 't.id',
		orderByDirection: sort.direction ?? 'desc',
	};
	if (options.skillsScope === true) body.ticketScope = 'skills';

	const tickets = (await enneoApiRequestAllItems.call(this, 'POST', '/ticket/search', {
		propertyName: 'tickets',
		pageIn: 'body',
		body,
		returnAll,
		limit,
		maxPageSize: TICKET_SEARCH_MAX_PAGE,
		idempotent: true,
		itemIndex,
		area: 'ticket',
	})) as EnneoTicket[];
	if (!simplify) return tickets;
	return (this.getNode().typeVersion ?? 1) >= 2 ? tickets.map(simplifyTicket) : tickets.map(simplifyTicketV1);
}
