import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { EnneoCredentials } from '../types';
import { enneoBaseUrl } from './baseUrl';
import type { EnneoArea } from './errors';
import { enneoApiError } from './errors';

export type EnneoContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export interface EnneoRequestOptions {
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	itemIndex?: number;
	area?: EnneoArea;
	/**
	 * Whether repeating the request is harmless. Defaults to true for GET/PATCH/PUT/DELETE and
	 * false for POST: a retried create could duplicate data. Read-only POSTs (search) opt in.
	 */
	idempotent?: boolean;
	/** Non-2xx statuses that are an answer, not an error (e.g. 207 from auto-execute). */
	acceptStatus?: number[];
}

export interface EnneoFullResponse {
	statusCode: number;
	body: unknown;
}

/** Retry budget for 429 and 502/503/504: bounded in count and in total waiting time. */
export const RETRY_POLICY = {
	maxRetries: 3,
	maxTotalWaitMs: 20_000,
	baseDelayMs: 500,
	retryStatuses: [429, 502, 503, 504],
};

/** Seconds or an HTTP date, as the Retry-After header allows; undefined when absent or unusable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(parseFloat(text) * 1000);
	// Only an HTTP date is left (it has a weekday and month name); "-1" would parse as a year.
	if (!/[a-z]/i.test(text)) return undefined;
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

function headerValue(headers: unknown, name: string): unknown {
	if (!headers || typeof headers !== 'object') return undefined;
	const record = headers as Record<string, unknown>;
	const key = Object.keys(record).find((k) => k.toLowerCase() === name);
	return key ? record[key] : undefined;
}

/** Enneo sometimes answers 2xx with an empty or non-JSON body; treat empty as {}. */
function normaliseBody(body: unknown): unknown {
	if (body === undefined || body === null || body === '') return {};
	if (typeof body === 'string') {
		const text = body.trim();
		if (text.startsWith('{') || text.startsWith('[')) {
			try {
				return JSON.parse(text);
			} catch {
				return body;
			}
		}
	}
	if (Buffer.isBuffer(body)) return normaliseBody(body.toString('utf8'));
	return body;
}

/**
 * The one request path of the package: base URL from the credential, JSON in and out,
 * authentication by n8n, Enneo errors mapped to NodeApiError, bounded retries where safe.
 */
export async function enneoApiRequestFull(
	this: EnneoContext,
	method: IHttpRequestMethods,
	endpoint: string,
	options: EnneoRequestOptions = {},
): Promise<EnneoFullResponse> {
	const credentials = (await this.getCredentials('enneoApi')) as unknown as EnneoCredentials;
	const idempotent = options.idempotent ?? method !== 'POST';
	const request: IHttpRequestOptions = {
		method,
		url: `${enneoBaseUrl(credentials.instanceUrl)}${endpoint}`,
		headers: { Accept: 'application/json' },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (options.qs && Object.keys(options.qs).length) request.qs = options.qs;
	if (options.body !== undefined) request.body = options.body;

	const context = {
		method,
		endpoint,
		area: options.area,
		itemIndex: options.itemIndex,
		secrets: [credentials.apiKey],
	};

	let waited = 0;
	for (let attempt = 0; ; attempt++) {
		let response: { statusCode: number; body: unknown; headers?: unknown };
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				'enneoApi',
				request,
			)) as { statusCode: number; body: unknown; headers?: unknown };
		} catch (error) {
			// Transport failure (DNS, refused, reset): never includes the key, but keep the cause.
			throw new NodeApiError(this.getNode(), error as never, {
				message: `Could not reach Enneo at ${enneoBaseUrl(credentials.instanceUrl)}`,
				description: `${method} ${endpoint} failed before Enneo answered: ${(error as Error).message}. Check the Instance URL in the credential and that the instance is reachable from n8n.`,
				itemIndex: options.itemIndex,
			});
		}
		const status = response.statusCode;
		if ((status >= 200 && status < 300) || options.acceptStatus?.includes(status)) {
			return { statusCode: status, body: normaliseBody(response.body) };
		}
		if (idempotent && RETRY_POLICY.retryStatuses.includes(status) && attempt < RETRY_POLICY.maxRetries) {
			const retryAfter = parseRetryAfter(headerValue(response.headers, 'retry-after'));
			const backoff = RETRY_POLICY.baseDelayMs * 2 ** attempt;
			const delay = retryAfter ?? backoff;
			if (waited + delay <= RETRY_POLICY.maxTotalWaitMs) {
				waited += delay;
				await sleep(delay);
				continue;
			}
		}
		throw enneoApiError(this.getNode(), status, response.body, { ...context, retries: attempt });
	}
}

/** Same as enneoApiRequestFull, returning only the parsed body. */
export async function enneoApiRequest(
	this: EnneoContext,
	method: IHttpRequestMethods,
	endpoint: string,
	options: EnneoRequestOptions = {},
): Promise<unknown> {
	const response = await enneoApiRequestFull.call(this, method, endpoint, options);
	return response.body;
}
