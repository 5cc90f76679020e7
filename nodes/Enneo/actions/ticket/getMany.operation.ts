import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyTicket, simplifyTicketV1 } from '../../../shaping/simplify';
import { enneoApiRequestAllItems } from '../../../enneoApi/pagination';
import type { EnneoTicket } from '../../../enneoApi/types';
import { buildTicketFilters, ticketFilterOptions } from '../../../fields/ticketFilters';
import { readReturnAllAndLimit, returnAllAndLimit } from '../../../fields/paging';
import {
	beforeVersion,
	fromVersion,
	isVersion,
	OUTPUT_VERSION,
	SIMPLIFY_VERSION,
} from '../../../fields/versions';
import { outputChoice, outputShaper } from '../../../fields/output';
import { optionsCollection } from '../../../fields/collections';
import { sortDirectionOptions } from '../../../enneoApi/vocabulary';

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

const scopeOption: INodeProperties = {
	displayName: 'Only Tickets in My Routing Scope',
	name: 'skillsScope',
	type: 'boolean',
	default: false,
	description:
		"Whether to search only the API user's routing view (excludes spam and tickets outside the user's skills)",
};

const sortByOption: INodeProperties = {
	displayName: 'Sort By',
	name: 'orderByField',
	type: 'options',
	options: sortFields,
	default: 't.id',
};

const sortDirectionOption: INodeProperties = {
	displayName: 'Sort Direction',
	name: 'orderByDirection',
	type: 'options',
	options: sortDirectionOptions,
	default: 'desc',
};

export const properties: INodeProperties[] = [
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: ticketFilterOptions,
	},
	// Version 1 kept the sort fields among the options.
	optionsCollection([scopeOption, sortByOption, sortDirectionOption], {
		displayOptions: { show: beforeVersion(SIMPLIFY_VERSION) },
		timeout: true,
	}),
	optionsCollection([scopeOption], {
		displayOptions: { show: fromVersion(SIMPLIFY_VERSION) },
		timeout: true,
	}),
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'collection',
		placeholder: 'Add Sort Rule',
		default: {},
		displayOptions: { show: fromVersion(SIMPLIFY_VERSION) },
		options: [
			{ ...sortByOption, name: 'field' },
			{ ...sortDirectionOption, name: 'direction' },
		],
	},
	{
		// Versions 1–3 (version 1 with its own simplified ticket); Output from version 4.
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		displayOptions: { hide: fromVersion(OUTPUT_VERSION) },
	},
	...outputChoice,
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { returnAll, limit } = readReturnAllAndLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const sort = isVersion(this, SIMPLIFY_VERSION)
		? (this.getNodeParameter('sort', itemIndex, {}) as IDataObject)
		: { field: options.orderByField, direction: options.orderByDirection };
	const body: IDataObject = {
		filters: buildTicketFilters.call(this, filters, ticketFilterOptions, itemIndex),
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
	if (isVersion(this, OUTPUT_VERSION))
		return tickets.map(outputShaper.call(this, itemIndex, (t) => simplifyTicket(t as EnneoTicket)));
	if (this.getNodeParameter('simplify', itemIndex, true) === false) return tickets;
	return isVersion(this, SIMPLIFY_VERSION)
		? tickets.map(simplifyTicket)
		: tickets.map(simplifyTicketV1);
}
