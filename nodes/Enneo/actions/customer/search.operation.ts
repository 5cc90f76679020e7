import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { looksLikePhoneNumber, toE164 } from '../../helpers/phone';
import { enneoApiRequestAllItems } from '../../transport/pagination';
import { enneoApiRequest } from '../../transport/request';
import { readVipRule, shapeCustomer, vipOptions } from './shape';
import { readReturnAllAndLimit, returnAllAndLimit } from '../common';

/** Page size for customer search; Enneo's default is 10 and no maximum is documented. */
const CUSTOMER_SEARCH_PAGE = 100;

/** Longest search text sent; a name, e-mail, phone number or ID is far shorter. */
const MAX_QUERY_LENGTH = 256;

const properties: INodeProperties[] = [
	{
		displayName: 'Search Text',
		name: 'query',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Sterling, victoria@example.com, 83771 or +49 151 12345678',
		description: 'Name, email, phone number, customer ID or contract ID. Empty (e.g. an anonymous caller) finds no one.',
	},
	...returnAllAndLimit,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Default Country Code',
				name: 'defaultCountryCode',
				type: 'string',
				default: '',
				placeholder: 'e.g. 49',
				description: 'Country calling code used to normalize national phone numbers such as 0151 12345678',
			},
			{
				displayName: 'Include Raw Data',
				name: 'includeRawData',
				type: 'boolean',
				default: false,
				description: 'Whether to include the ERP source data of each customer',
			},
			{
				displayName: 'Normalize Phone Numbers',
				name: 'normalizePhone',
				type: 'boolean',
				default: true,
				description:
					'Whether a search text that looks like a phone number (starts with + or 0) is sent in E.164 form (+4915112345678), the way Enneo stores numbers',
			},
			...vipOptions,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['search'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const raw = this.getNodeParameter('query', itemIndex, '') as unknown;
	// An empty value (an anonymous or withheld caller mapped from the trigger) finds no one: no request, no error.
	let query = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	if (!query) return [];
	if (query.length > MAX_QUERY_LENGTH) {
		throw new NodeOperationError(this.getNode(), `"Search Text" is longer than ${MAX_QUERY_LENGTH} characters (item ${itemIndex})`, {
			itemIndex,
			description: 'Search for one name, email, phone number or ID.',
		});
	}
	const { returnAll, limit } = readReturnAllAndLimit.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const vip = readVipRule.call(this, options, itemIndex);
	if (options.normalizePhone !== false && looksLikePhoneNumber(query)) {
		// Only rewritten when it really is a number; otherwise the text is searched as typed.
		query = toE164(query, options.defaultCountryCode as string | undefined) ?? query;
	}
	const qs: IDataObject = { q: query };
	if (options.includeRawData === true) qs.includeRawData = 'true';

	const customers = await enneoApiRequestAllItems.call(this, 'GET', '/customer/search', {
		pageIn: 'qs',
		qs,
		returnAll,
		limit,
		maxPageSize: CUSTOMER_SEARCH_PAGE,
		itemIndex,
		area: 'customer',
	});
	const shaped: IDataObject[] = [];
	for (const customer of customers) {
		let row = customer;
		// VIP flags need the tags; a row without them is completed from the customer record.
		if (!Array.isArray(row.tags) && !Array.isArray(row.tagIds) && row.id !== undefined && row.id !== null) {
			const full = (await enneoApiRequest.call(this, 'GET', `/customer/byCustomerId/${encodeURIComponent(String(row.id))}`, {
				itemIndex,
				area: 'customer',
			})) as IDataObject;
			row = { ...row, tags: Array.isArray(full.tags) ? full.tags : [] };
		}
		shaped.push(shapeCustomer(row, vip));
	}
	return shaped;
}
