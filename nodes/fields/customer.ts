import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VipRule } from '../shaping/customer';
import { itemError } from '../values/itemError';
import { isBlank } from '../values/values';
import { beforeVersion, CONTRACT_VERSION, fromVersion, isVersion } from './versions';

/** The required Customer ID of the customer operations. */
export function customerIdField(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 83771',
		...extra,
	};
}

/** The required Contract ID of the customer operations. */
export function contractIdField(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Contract ID',
		name: 'contractId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 746839',
		...extra,
	};
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
