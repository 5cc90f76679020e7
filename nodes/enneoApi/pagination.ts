import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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

/** Return All stops with an error past this many items (or pages): use filters, or Limit. */
export const PAGINATION_LIMITS = { maxItems: 100_000, maxPages: 1_000 };

/** What identifies a page: its items' IDs, else its first and last item. */
function pageFingerprint(items: IDataObject[]): string {
	if (!items.length) return '';
	if (items.every((item) => item && (typeof item.id === 'number' || typeof item.id === 'string')))
		return items.map((item) => String(item.id)).join(',');
	return `${items.length}:${JSON.stringify(items[0])}:${JSON.stringify(items[items.length - 1])}`;
}

/**
 * The rows of an Enneo list answer: the answer itself when it is an array, else its `property`
 * (Enneo documents both shapes for several lists); empty for anything else.
 */
export function listOf(response: unknown, property?: string): IDataObject[] {
	if (Array.isArray(response)) return response as IDataObject[];
	if (!response || typeof response !== 'object' || !property) return [];
	const list = (response as IDataObject)[property];
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

function listFrom(
	response: unknown,
	propertyName?: string,
): { items: IDataObject[]; total?: number } {
	const total =
		response && typeof response === 'object' && !Array.isArray(response)
			? (response as IDataObject).total
			: undefined;
	return {
		items: listOf(response, propertyName),
		total: typeof total === 'number' ? total : undefined,
	};
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
	let previous = '';
	let pages = 0;

	while (results.length < wanted) {
		if (pages >= PAGINATION_LIMITS.maxPages || results.length >= PAGINATION_LIMITS.maxItems) {
			throw new NodeOperationError(
				this.getNode(),
				`Return All stopped after ${results.length} results in ${pages} pages of ${method} ${endpoint}`,
				{
					itemIndex: requestOptions.itemIndex,
					description: `More than ${PAGINATION_LIMITS.maxItems} results (or ${PAGINATION_LIMITS.maxPages} pages) are not read in one run. Narrow the search with filters, or turn off Return All and set a Limit.`,
				},
			);
		}
		pages++;
		const pageSize = Math.min(maxPageSize, wanted - results.length);
		const page = { limit: pageSize, offset };
		const response = await enneoApiRequest.call(this, method, endpoint, {
			...requestOptions,
			body: pageIn === 'body' ? { ...body, ...page } : body,
			qs: pageIn === 'qs' ? { ...qs, ...page } : qs,
		});
		const { items, total } = listFrom(response, propertyName);
		const fingerprint = pageFingerprint(items);
		if (fingerprint && fingerprint === previous) {
			throw new NodeOperationError(
				this.getNode(),
				`Enneo returned the same page twice for ${method} ${endpoint}`,
				{
					itemIndex: requestOptions.itemIndex,
					description: `The page at offset ${offset} repeats the one before it, so the instance ignores "offset" here and Return All would never end. Turn off Return All and set a Limit of at most ${maxPageSize}.`,
				},
			);
		}
		previous = fingerprint;
		results.push(...items.slice(0, wanted - results.length));
		offset += items.length;
		if (items.length < pageSize) break;
		if (total !== undefined && offset >= total) break;
	}
	return results;
}
