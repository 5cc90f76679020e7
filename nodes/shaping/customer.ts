import type { IDataObject } from 'n8n-workflow';

import { isBlank } from '../values/values';

/** How a customer counts as VIP: a tag with this name (case-insensitive) or this tag ID. */
export interface VipRule {
	tagName: string;
	tagId?: number;
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

/** Whether a search row lacks the tags that VIP flags and tag rules need (then the customer record has them). */
export function lacksTags(row: IDataObject): boolean {
	return (
		!Array.isArray(row.tags) &&
		!Array.isArray(row.tagIds) &&
		row.id !== undefined &&
		row.id !== null
	);
}
