import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../../../values/itemError';
import type { PhoneForm } from '../../../values/phone';
import { looksLikePhoneNumber, phoneSearchForms } from '../../../values/phone';
import { simplifyCustomer, simplifyCustomerWithNames } from '../../../shaping/simplify';
import { beforeVersion, CONTRACT_VERSION, fromVersion, isVersion } from '../../../fields/versions';
import { enneoApiRequestAllItems } from '../../../enneoApi/pagination';
import { lacksTags, shapeCustomer } from '../../../shaping/customer';
import { withCustomerTags } from '../../../enneoApi/customers';
import { readVipRule, vipOptions } from '../../../fields/customer';
import { outputProperties, outputShaper } from '../../../fields/output';
import { readReturnAllAndLimit, returnAllAndLimit } from '../../../fields/paging';
import { optionsCollection, includeRawDataOption } from '../../../fields/collections';
import { countryCodeOption } from '../../../fields/telephony';

/** Page size for customer search: Enneo's default, within its 1–1000 range (docs/enneo-api-notes.md#customer-search). */
const CUSTOMER_SEARCH_PAGE = 100;

/** Longest search text sent; a name, e-mail, phone number or ID is far shorter. */
const MAX_QUERY_LENGTH = 256;

const searchText: INodeProperties = {
	displayName: 'Search Text',
	name: 'query',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Sterling, victoria@example.com, 83771 or +49 151 12345678',
};

export const properties: INodeProperties[] = [
	{
		...searchText,
		description:
			'Name, email, phone number, customer ID or contract ID. Empty (e.g. an anonymous caller) finds no one.',
		displayOptions: { show: beforeVersion(CONTRACT_VERSION) },
	},
	{
		...searchText,
		description: 'Name, email, phone number, customer ID or contract ID',
		hint: 'Each customer found is an item with found = true. When nobody matches (or the text is empty, e.g. an anonymous caller), one item with found = false comes out, so the next node can route unknown callers.',
		displayOptions: { show: fromVersion(CONTRACT_VERSION) },
	},
	...returnAllAndLimit,
	optionsCollection(
		[
			countryCodeOption(
				'Country calling code used to normalize national phone numbers such as 0151 12345678',
			),
			{
				...includeRawDataOption(
					"Not sent: Enneo's customer search takes no raw data switch. Kept so saved workflows open unchanged.",
				),
				displayOptions: { show: beforeVersion(CONTRACT_VERSION) },
			},
			{
				displayName: 'Normalize Phone Numbers',
				name: 'normalizePhone',
				type: 'boolean',
				default: true,
				description:
					'Whether a search text that looks like a phone number (starts with + or 0) is searched the way Enneo stores phones (digits, e.g. 4915112345678), then as +4915112345678 and 015112345678 until one finds someone (at most 3 searches). Found customers carry matchedPhone.',
			},
			...vipOptions,
		],
		{ timeout: true },
	),
];

properties.push(...outputProperties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const raw = this.getNodeParameter('query', itemIndex, '') as unknown;
	// An empty value (an anonymous or withheld caller mapped from the trigger) finds no one: no request, no error.
	const query = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	const reportsNotFound = isVersion(this, CONTRACT_VERSION);
	// From version 4 "nobody matched" is an item, so a workflow goes on without n8n's Always Output Data.
	const nobody = (): IDataObject[] =>
		reportsNotFound ? [{ found: false, query, isVip: false }] : [];
	if (!query) return nobody();
	if (query.length > MAX_QUERY_LENGTH) {
		throw itemError(
			this.getNode(),
			`"Search Text" is longer than ${MAX_QUERY_LENGTH} characters`,
			itemIndex,
			'Search for one name, email, phone number or ID.',
		);
	}
	const { returnAll, limit } = readReturnAllAndLimit.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const vip = readVipRule.call(this, options, itemIndex);
	// GET /customer/search takes q, limit and offset only.
	const search = async (q: string) =>
		await enneoApiRequestAllItems.call(this, 'GET', '/customer/search', {
			pageIn: 'qs',
			qs: { q },
			returnAll,
			limit,
			maxPageSize: CUSTOMER_SEARCH_PAGE,
			itemIndex,
			area: 'customer',
		});

	let customers: IDataObject[] = [];
	let match: PhoneForm | undefined;
	const forms =
		options.normalizePhone !== false && looksLikePhoneNumber(query)
			? phoneSearchForms(query, options.defaultCountryCode as string | undefined)
			: [];
	if (forms.length) {
		// Enneo stores phones as digits and searches text as given: try the stored form first, then the others.
		for (const form of forms) {
			customers = await search(form.query);
			if (customers.length) {
				match = form;
				break;
			}
		}
	} else {
		customers = await search(query);
	}
	const shaped: IDataObject[] = [];
	for (const customer of customers) {
		// VIP flags need the tags; a row without them is completed from the customer record.
		const row = lacksTags(customer)
			? await withCustomerTags.call(this, customer, { itemIndex })
			: customer;
		const shapedRow = shapeCustomer(row, vip);
		if (match) shapedRow.matchedPhone = { form: match.form, query: match.query };
		shaped.push(shapedRow);
	}
	if (!reportsNotFound) return shaped.map(outputShaper.call(this, itemIndex, simplifyCustomer));
	if (!shaped.length) return nobody();
	const shape = outputShaper.call(this, itemIndex, simplifyCustomerWithNames);
	return shaped.map((customer) => shape({ ...customer, found: true }));
}
