// Longer than most files on purpose: the one request function every node uses, with its timeout,
// retry, redirect and error rules in one place (docs/enneo-api-notes.md#errors).
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { jsonParse, NodeApiError, sleep } from 'n8n-workflow';

import { clampNumber } from '../values/values';
import type { EnneoCredentials } from './types';
import { enneoBaseUrl } from './baseUrl';
import type { EnneoArea } from './errors';
import { enneoApiError } from './errors';

export type EnneoContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions;

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
	/** Per-request timeout set by code (used as given); default: the node's Options → Timeout, else DEFAULT_TIMEOUT_MS. */
	timeoutMs?: number;
	/** false: never retry (a ringing call's lookup has no time to wait). Default true where idempotent. */
	retry?: boolean;
}

/** Default per-request timeout: far below n8n's execution limits, long enough for Enneo's slowest searches. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The range Options → Timeout accepts (and an expression is clamped to). */
export const TIMEOUT_RANGE_MS = { min: 1_000, max: 300_000 };

/** The timeout for this request: explicit, else the node's Options → Timeout for the item, else the default. */
function timeoutFor(context: EnneoContext, options: EnneoRequestOptions): number {
	if (options.timeoutMs !== undefined && Number.isFinite(options.timeoutMs))
		return Math.min(TIMEOUT_RANGE_MS.max, Math.max(1, Math.round(options.timeoutMs)));
	let value: unknown;
	if (options.itemIndex !== undefined && 'getInputData' in context) {
		try {
			value = (context as IExecuteFunctions).getNodeParameter(
				'options.timeout',
				options.itemIndex,
				undefined,
			);
		} catch {
			value = undefined;
		}
	}
	// Zero or less (or not a number) means "not set"; anything else is clamped to the range.
	const number = clampNumber(value, DEFAULT_TIMEOUT_MS, -Infinity, TIMEOUT_RANGE_MS.max);
	return number <= 0 ? DEFAULT_TIMEOUT_MS : Math.max(TIMEOUT_RANGE_MS.min, number);
}

/** Why a request failed before Enneo answered, in words a user can act on. */
function transportFailure(error: unknown, timeoutMs: number): string {
	const record = (error ?? {}) as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
	const code = String(record.code ?? record.cause?.code ?? '');
	const message = typeof record.message === 'string' ? record.message.slice(0, 300) : '';
	// n8n 1.x hands over its own wording instead of the code (n8n-workflow's NodeError messages for ECONNABORTED, ETIMEDOUT).
	if (
		code === 'ECONNABORTED' ||
		code === 'ETIMEDOUT' ||
		/timeout|timed out|connection was aborted/i.test(message)
	) {
		return `Enneo did not answer within ${timeoutMs / 1000} s`;
	}
	if (code === 'ECONNREFUSED') return 'the connection was refused';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be resolved';
	if (code === 'ECONNRESET' || code === 'EPIPE')
		return 'the connection was closed before Enneo answered';
	if (
		code.startsWith('CERT_') ||
		code.includes('SSL') ||
		code.includes('TLS') ||
		code.startsWith('ERR_TLS') ||
		code === 'DEPTH_ZERO_SELF_SIGNED_CERT'
	) {
		return `the TLS certificate was not accepted (${code})`;
	}
	return message || code || 'unknown transport error';
}

/** Where a redirect points, as an origin only (never the path or query, which may carry anything). */
function redirectTarget(headers: unknown, base: string): string {
	const location = headerValue(headers, 'location');
	const text = typeof location === 'string' ? location.slice(0, 2048) : '';
	try {
		return new URL(text, base).origin;
	} catch {
		return 'an address that is not a valid URL';
	}
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
		if (text.startsWith('{') || text.startsWith('['))
			return jsonParse(text, { fallbackValue: body });
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
	const baseUrl = enneoBaseUrl(credentials.instanceUrl);
	const timeoutMs = timeoutFor(this, options);
	const request: IHttpRequestOptions = {
		method,
		url: `${baseUrl}${endpoint}`,
		headers: { Accept: 'application/json' },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: timeoutMs,
		// The API key must never follow a redirect to another host, and a 301/302 would turn a POST into a GET.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
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
			// Transport failure (DNS, refused, reset, timeout). A plain object as the cause: given the
			// raw error, n8n would replace this message with its generic one for the error code.
			const reason = transportFailure(error, timeoutMs);
			throw new NodeApiError(this.getNode(), { transportError: reason } as JsonObject, {
				message: `Could not reach Enneo at ${baseUrl}: ${reason}`,
				description: `${method} ${endpoint} failed before Enneo answered. Check the Instance URL in the credential and that the instance is reachable from n8n${reason.startsWith('Enneo did not answer') ? ', or raise Options → Timeout' : ''}.`,
				itemIndex: options.itemIndex,
			});
		}
		const status = response.statusCode;
		if (status >= 300 && status < 400) {
			const target = redirectTarget(response.headers, request.url);
			throw new NodeApiError(
				this.getNode(),
				{ httpCode: String(status), redirectTo: target } as JsonObject,
				{
					message: `Enneo answered with a redirect (${status}) to ${target}; it was not followed`,
					description: `${method} ${endpoint} was redirected. Redirects are not followed, so the API key is never sent to another address and a change is never resent as a read. Set the credential's Instance URL to the address the instance really answers on${target.startsWith('http') ? ` (the redirect points to ${target})` : ''}.`,
					httpCode: String(status),
					itemIndex: options.itemIndex,
				},
			);
		}
		if ((status >= 200 && status < 300) || options.acceptStatus?.includes(status)) {
			return { statusCode: status, body: normaliseBody(response.body) };
		}
		if (
			idempotent &&
			options.retry !== false &&
			RETRY_POLICY.retryStatuses.includes(status) &&
			attempt < RETRY_POLICY.maxRetries
		) {
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
