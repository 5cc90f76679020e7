import type { IDataObject } from 'n8n-workflow';

import type { EnneoContext, EnneoRequestOptions } from './request';
import { enneoApiRequest } from './request';

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
