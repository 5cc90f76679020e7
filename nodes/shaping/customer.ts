import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../values/itemError';
import type { EnneoContext, EnneoRequestOptions } from '../enneoApi/request';
import { enneoApiRequest } from '../enneoApi/request';
import { beforeVersion, CONTRACT_VERSION, fromVersion, isVersion } from '../fields/versions';
import { isBlank } from '../values/values';

/** How a customer counts as VIP: a tag with this name (case-insensitive) or this tag ID. */
export interface VipRule {
	tagName: string;
	tagId?: number;
}

/** Options added to every operation that outputs customers. */
export const vipOptions: INodeProperties[] = [
	{
		displayName: 'VIP Tag Name',
		name: 'vipTagName',
		type: 'string',
		default: 'VIP',
		description: 'Customers carrying a tag with this name (case-insensitive) get isVip = true',
		displayOptions: { show: beforeVersion(CONTRACT_VERSION) },
	},
	{
		displayName: 'VIP Tag Name or ID',
		name: 'vipTagId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getCustomerTags' },
		default: '',
		description:
			'Customers carrying this tag also get isVip = true. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: beforeVersion(CONTRACT_VERSION) },
	},
	{
		displayName: 'VIP Tag',
		name: 'vipTag',
		type: 'string',
		default: 'VIP',
		placeholder: 'e.g. VIP or 2',
		description:
			'Customers carrying this tag get isVip = true: its name (case-insensitive) or its ID. Empty: nobody is VIP.',
		displayOptions: { show: fromVersion(CONTRACT_VERSION) },
	},
];

/** Longest VIP tag name read; Enneo's tag names are short labels. */
const MAX_VIP_TAG_LENGTH = 200;

export function readVipRule(
	this: IExecuteFunctions,
	options: IDataObject,
	itemIndex: number,
): VipRule {
	if (isVersion(this, CONTRACT_VERSION)) {
		const tag = String(options.vipTag ?? 'VIP').trim();
		if (tag.length > MAX_VIP_TAG_LENGTH) {
			throw itemError(
				this.getNode(),
				`"VIP Tag" is longer than ${MAX_VIP_TAG_LENGTH} characters`,
				itemIndex,
				'Enter the name of the VIP tag, e.g. VIP, or its ID.',
			);
		}
		const id = /^\d+$/.test(tag) ? Number(tag) : NaN;
		return Number.isSafeInteger(id) && id > 0 ? { tagName: '', tagId: id } : { tagName: tag };
	}
	const rule: VipRule = { tagName: String(options.vipTagName ?? 'VIP').trim() };
	if (!isBlank(options.vipTagId)) {
		const id = Number(options.vipTagId);
		if (!Number.isInteger(id) || id <= 0) {
			throw itemError(
				this.getNode(),
				`"VIP Tag Name or ID" must be a tag ID, got ${JSON.stringify(options.vipTagId)}`,
				itemIndex,
				'Choose the VIP tag from the list or enter its numeric ID.',
			);
		}
		rule.tagId = id;
	}
	return rule;
}

/** Tag list of a customer: `tags` objects (`{id, name, color}`), else bare `tagIds`. */
function customerTags(customer: IDataObject): Array<{ id: number; name: string | null }> {
	if (Array.isArray(customer.tags)) {
		return (customer.tags as unknown[]).map((tag) =>
			tag && typeof tag === 'object'
				? {
						id: Number((tag as IDataObject).id),
						name:
							(tag as IDataObject).name === undefined ? null : String((tag as IDataObject).name),
					}
				: { id: Number(tag), name: null },
		);
	}
	if (Array.isArray(customer.tagIds))
		return (customer.tagIds as unknown[]).map((id) => ({ id: Number(id), name: null }));
	return [];
}

/**
 * The raw customer plus the flat fields workflows branch on:
 * `fullName`, `tagNames`, `tagIds` and `isVip`.
 */
export function shapeCustomer(customer: IDataObject, vip: VipRule): IDataObject {
	const tags = customerTags(customer);
	const tagNames = tags.map((tag) => tag.name).filter((name): name is string => name !== null);
	const tagIds = tags.map((tag) => tag.id).filter((id) => Number.isFinite(id));
	const wanted = vip.tagName.toLowerCase();
	const isVip =
		(wanted !== '' && tagNames.some((name) => name.trim().toLowerCase() === wanted)) ||
		(vip.tagId !== undefined && tagIds.includes(vip.tagId));
	const fullName =
		[customer.firstname, customer.lastname]
			.filter((part) => !isBlank(part))
			.map(String)
			.join(' ') || (customer.company ? String(customer.company) : '');
	return { ...customer, fullName, tagNames, tagIds, isVip };
}

/** Reads a non-empty ID for a URL path segment, naming the field otherwise. */
export function readPathId(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const text = String(value ?? '').trim();
	if (!text || /[/?#\s]/.test(text)) {
		throw itemError(
			this.getNode(),
			`"${field}" must be an ID, got ${JSON.stringify(value ?? '')}`,
			itemIndex,
			`Enter the ${field}, e.g. 83771, or map it from a previous node.`,
		);
	}
	return encodeURIComponent(text);
}

/** Whether a search row lacks the tags that VIP flags and tag rules need (then the customer record has them). */
export function lacksTags(row: IDataObject): boolean {
	return (
		!Array.isArray(row.tags) &&
		!Array.isArray(row.tagIds) &&
		row.id !== undefined &&
		row.id !== null
	);
}

/** The row with its tags from the customer record (GET /customer/byCustomerId/{id}). */
export async function withCustomerTags(
	this: EnneoContext,
	row: IDataObject,
	options: Omit<EnneoRequestOptions, 'area'> = {},
): Promise<IDataObject> {
	const full = (await enneoApiRequest.call(
		this,
		'GET',
		`/customer/byCustomerId/${encodeURIComponent(String(row.id))}`,
		{ ...options, area: 'customer' },
	)) as IDataObject;
	return { ...row, tags: Array.isArray(full.tags) ? full.tags : [] };
}
