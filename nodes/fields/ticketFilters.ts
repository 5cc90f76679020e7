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

/** Subchannel filter (Get Many, Get Next to Work On, the Enneo Event Trigger). */
export const subchannelFilter: INodeProperties = {
	displayName: 'Subchannel Names or IDs',
	name: 'subchannelIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getSubchannels' },
	default: [],
	description:
		'Mailboxes, chat bots or phone lines. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

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
	subchannelFilter,
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

/** Most values one filter takes (tags, subchannels, …); a list this long is a mistake, not a filter. */
export const MAX_FILTER_VALUES = 200;

/** The list filters, in the order they are sent: the field's name → Enneo's search key (tags: by Tag Match). */
const LIST_FILTER_KEYS: Record<string, string> = {
	status: 't.status',
	channel: 't.channel',
	direction: 't.direction',
	priority: 't.priority',
	aiSupportLevel: 't.aiSupportLevel',
	sentiment: 't.sentiment',
	agentIds: 't.agentId',
	subchannelIds: 't.subchannelId',
	tagIds: 'tt_matchAny.tagId',
};
const TAG_MATCH_KEYS: Record<string, string> = {
	any: 'tt_matchAny.tagId',
	all: 'tt_matchAll.tagId',
	exact: 'tt_matchExact.tagId',
};

/** What reading filters needs: the node (for errors) and the workflow's time zone (for dates). */
export type FilterContext = Pick<IExecuteFunctions, 'getNode' | 'getTimezone'>;

function dateRange(
	this: FilterContext,
	key: string,
	label: string,
	after: unknown,
	before: unknown,
	itemIndex: number | undefined,
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

/**
 * Turns a Filters collection into Enneo search filter objects (AND-combined). `fields` are the
 * collection's options as the editor shows them: they name the fields in errors and say which
 * values a list filter takes (its fixed options, or numeric IDs for a list loaded from Enneo).
 * Shared by Ticket → Get Many, Get Next to Work On and the Enneo Event Trigger.
 */
export function buildTicketFilters(
	this: FilterContext,
	filters: IDataObject,
	fields: INodeProperties[],
	itemIndex?: number,
): IDataObject[] {
	const result: Array<IDataObject | undefined> = [];
	for (const [name, key] of Object.entries(LIST_FILTER_KEYS)) {
		const field = fields.find((option) => option.name === name && option.type === 'multiOptions');
		if (!field) continue;
		const values = toStringList(filters[field.name]);
		if (field.name === 'agentIds' && filters.unassigned === true) values.push('unassigned');
		const allowed = field.options?.map((option) => String((option as { value: unknown }).value));
		checkListFilter.call(this, field.displayName, values, allowed, itemIndex);
		if (!values.length) continue;
		const typed = allowed ? values : values.map((v) => (v === 'unassigned' ? v : Number(v)));
		const searchKey =
			field.name === 'tagIds' ? (TAG_MATCH_KEYS[String(filters.tagMatch ?? 'any')] ?? key) : key;
		result.push({ key: searchKey, comparator: 'in', values: typed });
	}
	for (const [field, key] of [
		['customerId', 't.customerId'],
		['contractId', 't.contractId'],
		['externalTicketId', 't.externalTicketId'],
	]) {
		const value = String(filters[field] ?? '').trim();
		if (value) result.push({ key, comparator: '=', value });
	}
	for (const [name, key, label] of [
		['created', 't.createdAt', 'Created'],
		['modified', 't.modifiedAt', 'Modified'],
		['due', 't.dueBy', 'Due'],
	]) {
		result.push(
			dateRange.call(
				this,
				key,
				label,
				filters[`${name}After`],
				filters[`${name}Before`],
				itemIndex,
			),
		);
	}
	const query = String(filters.query ?? '').trim();
	if (query) result.push({ key: 'q', value: query });
	return result.filter((filter): filter is IDataObject => filter !== undefined);
}

/** At most MAX_FILTER_VALUES values, each a fixed option or (for lists loaded from Enneo) an ID. */
function checkListFilter(
	this: FilterContext,
	label: string,
	values: string[],
	allowed: string[] | undefined,
	itemIndex: number | undefined,
): void {
	if (values.length > MAX_FILTER_VALUES) {
		throw itemError(
			this.getNode(),
			`Filters → ${label} has ${values.length} values; at most ${MAX_FILTER_VALUES} are allowed`,
			itemIndex,
			`Choose fewer values in Filters → ${label}.`,
		);
	}
	const bad = values.find((value) =>
		allowed ? !allowed.includes(value) : value !== 'unassigned' && !/^\d{1,12}$/.test(value),
	);
	if (bad !== undefined) {
		throw itemError(
			this.getNode(),
			`Filters → ${label} has an invalid value: ${JSON.stringify(bad.slice(0, 64))}`,
			itemIndex,
			allowed
				? `Allowed: ${allowed.join(', ')}.`
				: 'Use numeric Enneo IDs, e.g. 12, or pick from the list.',
		);
	}
}
