import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../../../values/itemError';
import { readPathId, toIdList } from '../../../values/values';
import { withoutKeys } from '../../../shaping/response';
import { enneoApiRequest } from '../../../enneoApi/request';
import { customerIdField } from '../../../fields/customer';
import { optionsCollection } from '../../../fields/collections';

export const properties: INodeProperties[] = [
	customerIdField(),
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Add the tags and keep the existing ones (e.g. mark as VIP)',
			},
			{ name: 'Remove', value: 'remove', description: 'Remove the tags and keep the others' },
			{
				name: 'Replace',
				value: 'replace',
				description:
					"Set exactly these tags (tags hidden from the API key's user are kept by Enneo)",
			},
		],
		default: 'add',
		description: 'Add and Remove read the customer first and write back the full tag list',
	},
	{
		displayName: 'Tag Names or IDs',
		name: 'tagIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCustomerTags' },
		required: true,
		default: [],
		description:
			'Customer tags (type customerProperty). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	optionsCollection([], { timeout: true }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const customerId = readPathId.call(
		this,
		this.getNodeParameter('customerId', itemIndex, ''),
		'Customer ID',
		itemIndex,
	);
	const mode = this.getNodeParameter('mode', itemIndex, 'add') as 'add' | 'remove' | 'replace';
	const tagIds = toIdList.call(
		this,
		this.getNodeParameter('tagIds', itemIndex, []),
		'Tag Names or IDs',
		itemIndex,
	);
	if (!tagIds.length) {
		throw itemError(
			this.getNode(),
			`"Tag Names or IDs" is empty`,
			itemIndex,
			'Choose at least one tag. To clear all tags, use Mode "Remove" with the tags to take off.',
		);
	}

	let previousTagIds: number[] | undefined;
	let next = [...new Set(tagIds)];
	if (mode !== 'replace') {
		// Enneo only accepts the complete list (PATCH replaces it), so read what the customer has now.
		const customer = (await enneoApiRequest.call(
			this,
			'GET',
			`/customer/byCustomerId/${customerId}`,
			{ itemIndex, area: 'customer' },
		)) as IDataObject;
		const tags = Array.isArray(customer.tags) ? (customer.tags as IDataObject[]) : [];
		previousTagIds = tags.map((tag) => Number(tag.id));
		next =
			mode === 'add'
				? [...new Set([...previousTagIds, ...tagIds])]
				: previousTagIds.filter((id) => !tagIds.includes(id));
		const unchanged =
			next.length === previousTagIds.length && next.every((id) => previousTagIds!.includes(id));
		if (unchanged)
			return {
				customerId: decodeURIComponent(customerId),
				tagIds: next,
				previousTagIds,
				changed: false,
			};
	}
	const response = (await enneoApiRequest.call(this, 'PATCH', `/customer/${customerId}`, {
		body: { tagIds: next },
		itemIndex,
		area: 'customer',
	})) as IDataObject;
	const rest = withoutKeys(response, 'success');
	return {
		customerId: decodeURIComponent(customerId),
		tagIds: next,
		...(previousTagIds ? { previousTagIds } : {}),
		changed: true,
		...rest,
	};
}
