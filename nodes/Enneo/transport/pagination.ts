import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { EnneoContext, EnneoRequestOptions } from './request';
import { enneoApiRequest } from './request';

export interface PaginationOptions extends Omit<EnneoRequestOptions, 'qs' | 'body'> {
	/** Where the list lives in the response (`tickets`, `history`, …); a bare array needs none. */
	propertyName?: string;
	/** Whether `limit`/`offset` travel in the JSON body (POST searches) or in the query string. */
	pageIn: 'body' | 'qs';
	body?: IDataObject;
	qs?: IDataObject;
	returnAll: boolean;
	/** Only used when returnAll is false. */
	limit?: number;
	/** Largest page the endpoint accepts (Enneo caps ticket search at 500). */
	maxPageSize: number;
}

function listFrom(response: unknown, propertyName?: string): { items: IDataObject[]; total?: number } {
	if (Array.isArray(response)) return { items: response as IDataObject[] };
	if (!response || typeof response !== 'object') return { items: [] };
	const record = response as IDataObject;
	const list = propertyName ? record[propertyName] : undefined;
	const total = typeof record.total === 'number' ? record.total : undefined;
	return { items: Array.isArray(list) ? (list as IDataObject[]) : [], total };
}

/**
 * The one offset/limit paginator. Return All walks every page at the largest page size;
 * a Limit asks only for what is still missing and stops as soon as it has enough.
 */
export async function enneoApiRequestAllItems(
	this: EnneoContext,
	method: IHttpRequestMethods,
	endpoint: string,
	options: PaginationOptions,
): Promise<IDataObject[]> {
	const { propertyName, pageIn, returnAll, maxPageSize, body, qs, ...requestOptions } = options;
	const wanted = returnAll ? Infinity : Math.max(0, Math.floor(options.limit ?? 50));
	const results: IDataObject[] = [];
	let offset = Number((pageIn === 'body' ? body?.offset : qs?.offset) ?? 0);

	while (results.length < wanted) {
		const pageSize = Math.min(maxPageSize, wanted - results.length);
		const page = { limit: pageSize, offset };
		const response = await enneoApiRequest.call(this, method, endpoint, {
			...requestOptions,
			body: pageIn === 'body' ? { ...body, ...page } : body,
			qs: pageIn === 'qs' ? { ...qs, ...page } : qs,
		});
		const { items, total } = listFrom(response, propertyName);
		results.push(...items.slice(0, wanted - results.length));
		offset += items.length;
		if (items.length < pageSize) break;
		if (total !== undefined && offset >= total) break;
	}
	return results;
}
