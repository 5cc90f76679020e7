import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';

import { EnneoApi } from '../../credentials/EnneoApi.credentials';
import { Enneo } from '../../nodes/Enneo/Enneo.node';

/**
 * Drives a node's code directly, with a context that does what n8n does for our nodes:
 * parameters per item, credentials, real HTTP with the credential's authentication applied,
 * binary data, Continue On Fail. Every request goes over real HTTP (to the fake Enneo server).
 */
export type ParameterValue = unknown | ((itemIndex: number, item: INodeExecutionData) => unknown);

export interface RunOptions {
	parameters: Record<string, ParameterValue>;
	items?: INodeExecutionData[];
	credentials: { instanceUrl: string; apiKey: string };
	continueOnFail?: boolean;
	node?: INodeType;
	/** The workflow's time zone (default UTC). */
	timezone?: string;
	/** The node's version (default: the node type's default version). */
	typeVersion?: number;
}

export interface RunResult {
	output: INodeExecutionData[];
	responses: unknown[];
}

export interface HttpLogEntry {
	method: string;
	url: string;
	headers: Record<string, string>;
}

const credentialType = new EnneoApi();

/** What n8n's httpRequestWithAuthentication does for this credential, over real fetch. */
export async function authenticatedRequest(
	credentials: { instanceUrl: string; apiKey: string },
	options: IDataObject,
	log?: HttpLogEntry[],
): Promise<unknown> {
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries((options.headers as IDataObject) ?? {}))
		headers[key] = String(value);
	// The credential's own authenticate function, as n8n calls it.
	const signed = await credentialType.authenticate(
		{ ...credentials },
		{ url: String(options.url), headers: {} },
	);
	for (const [key, value] of Object.entries(signed.headers ?? {})) headers[key] = String(value);
	let url = String(options.url);
	if (options.baseURL) url = `${String(options.baseURL)}${url}`;
	const qs = options.qs as IDataObject | undefined;
	if (qs && Object.keys(qs).length) {
		const params = new URLSearchParams();
		for (const [key, value] of Object.entries(qs)) {
			if (value === undefined) continue;
			if (Array.isArray(value)) value.forEach((v, i) => params.append(`${key}[${i}]`, String(v)));
			else params.append(key, String(value));
		}
		url += (url.includes('?') ? '&' : '?') + params.toString();
	}
	let body: string | undefined;
	if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['Content-Type'] = 'application/json';
	}
	const method = String(options.method ?? 'GET');
	log?.push({ method, url, headers });
	// As n8n's axios-based helper: no redirects followed with disableFollowRedirect (maxRedirects 0), and
	// a timeout fails with axios' ECONNABORTED "timeout of N ms exceeded".
	let response: Response;
	try {
		response = await fetch(url, {
			method,
			headers,
			body,
			redirect: options.disableFollowRedirect === true ? 'manual' : 'follow',
			signal:
				typeof options.timeout === 'number' ? AbortSignal.timeout(options.timeout) : undefined,
		});
	} catch (error) {
		if ((error as Error).name === 'TimeoutError') {
			throw Object.assign(new Error(`timeout of ${String(options.timeout)}ms exceeded`), {
				code: 'ECONNABORTED',
			});
		}
		const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
		throw Object.assign(new Error(cause?.message ?? (error as Error).message), {
			code: cause?.code,
		});
	}
	const text = await response.text();
	let parsed: unknown = text;
	if (options.json && text) {
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = text;
		}
	}
	if (!response.ok && !options.ignoreHttpStatusErrors) {
		const error = new Error(`Request failed with status code ${response.status}`) as Error & {
			httpCode: string;
			response: unknown;
		};
		error.httpCode = String(response.status);
		error.response = { status: response.status, body: parsed };
		throw error;
	}
	if (options.returnFullResponse) {
		const responseHeaders: Record<string, string> = {};
		response.headers.forEach((value, key) => (responseHeaders[key] = value));
		return { statusCode: response.status, headers: responseHeaders, body: parsed };
	}
	return parsed;
}

/** One displayOptions value against the parameter's value: equal, or n8n's `{ _cnd: { gte: 3 } }`. */
function matches(condition: unknown, value: unknown): boolean {
	const cnd = (condition as { _cnd?: Record<string, number> } | null)?._cnd;
	if (!cnd) return condition === value;
	const n = Number(value);
	return Object.entries(cnd).every(([op, bound]) => {
		if (op === 'gte') return n >= bound;
		if (op === 'gt') return n > bound;
		if (op === 'lte') return n <= bound;
		if (op === 'lt') return n < bound;
		if (op === 'eq') return n === bound;
		throw new Error(`runNode: unsupported displayOptions condition ${op}`);
	});
}

function findProperty(
	properties: INodeProperties[],
	name: string,
	current: IDataObject,
): INodeProperties | undefined {
	const candidates = properties.filter((p) => p.name === name);
	return (
		candidates.find((p) => {
			const show = p.displayOptions?.show ?? {};
			return Object.entries(show).every(
				([key, allowed]) =>
					current[key] === undefined ||
					(allowed as unknown[]).some((condition) => matches(condition, current[key])),
			);
		}) ?? candidates[0]
	);
}

/** n8n's test for a resource locator value (extractValue in n8n-core): an object with mode and value. */
function isLocator(value: unknown): value is { mode: string; value: unknown } {
	return typeof value === 'object' && value !== null && 'mode' in value && 'value' in value;
}

function evaluate(value: unknown, item: INodeExecutionData): unknown {
	// The only expression our descriptions use as a default: `={{ $json.field }}`.
	if (typeof value === 'string') {
		const m = /^=\{\{\s*\$json\.(\w+)\s*\}\}$/.exec(value);
		if (m) return item.json[m[1]];
	}
	// A resource locator's value may be an expression too (n8n resolves nested values).
	if (isLocator(value)) return { ...value, value: evaluate(value.value, item) };
	return value;
}

export function makeContext(
	options: RunOptions,
	http: HttpLogEntry[] = [],
	responses: unknown[] = [],
): IExecuteFunctions {
	const nodeType = options.node ?? new Enneo();
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const node: INode = {
		id: 'enneo-test-node',
		name: 'Enneo',
		type: 'n8n-nodes-enneo.enneo',
		typeVersion: options.typeVersion ?? nodeType.description.defaultVersion ?? 1,
		position: [0, 0],
		parameters: {},
	};
	const staticParams = {
		...Object.fromEntries(
			Object.entries(options.parameters).filter(([, v]) => typeof v !== 'function'),
		),
		'@version': node.typeVersion,
	} as IDataObject;

	const getNodeParameter = (
		name: string,
		itemIndex: number,
		fallback?: unknown,
		extra?: { extractValue?: boolean },
	) => {
		const [head, ...rest] = name.split('.');
		let value: unknown = options.parameters[head];
		if (typeof value === 'function')
			value = (value as (i: number, item: INodeExecutionData) => unknown)(
				itemIndex,
				items[itemIndex],
			);
		const property = findProperty(nodeType.description.properties, head, staticParams);
		if (value === undefined) value = property ? property.default : undefined;
		value = evaluate(value, items[itemIndex]);
		for (const part of rest) value = (value as IDataObject | undefined)?.[part];
		if (value === undefined) {
			if (fallback !== undefined) return fallback;
			throw new Error(`Could not get parameter "${name}"`);
		}
		let leaf = property;
		for (const part of rest)
			leaf = (leaf?.options as INodeProperties[] | undefined)?.find((o) => o.name === part);
		if (extra?.extractValue && leaf?.type === 'resourceLocator' && isLocator(value)) {
			const locator = value;
			const mode = leaf.modes?.find((m) => m.name === locator.mode);
			const extract = mode?.extractValue;
			if (extract?.type === 'regex') {
				const m = new RegExp(extract.regex).exec(String(locator.value));
				if (!m)
					throw new Error(
						`ERROR: ${leaf.displayName} parameter's value is invalid. This is likely because the URL entered is incorrect`,
					);
				return m[1];
			}
			return locator.value;
		}
		return value;
	};

	const sentResponses = responses;
	const context = {
		getInputData: () => items,
		getNodeParameter,
		getNode: () => node,
		getCredentials: async () => ({ ...options.credentials }),
		continueOnFail: () => options.continueOnFail ?? false,
		getMode: () => 'manual',
		getExecutionId: () => 'test-execution',
		getWorkflow: () => ({ id: 'test-workflow', name: 'Test', active: false }),
		getTimezone: () => options.timezone ?? 'UTC',
		sendResponse: (response: unknown) => sentResponses.push(response),
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		helpers: {
			httpRequestWithAuthentication: async (_type: string, request: IDataObject) =>
				await authenticatedRequest(options.credentials, request, http),
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (data: INodeExecutionData[], meta: { itemData: unknown }) =>
				data.map((entry) => ({ ...entry, pairedItem: meta.itemData })),
			assertBinaryData: (itemIndex: number, property: string) => {
				const binary = items[itemIndex].binary?.[property];
				if (!binary)
					throw new Error(
						`This operation expects the node's input data to contain a binary file '${property}', but none was found [item ${itemIndex}]`,
					);
				return binary;
			},
			getBinaryDataBuffer: async (itemIndex: number, property: string) => {
				const binary = items[itemIndex].binary?.[property];
				if (!binary) throw new Error(`No binary data property "${property}" on item ${itemIndex}`);
				return Buffer.from(binary.data, 'base64');
			},
			prepareBinaryData: async (buffer: Buffer, fileName?: string, mimeType?: string) => ({
				data: buffer.toString('base64'),
				fileName,
				mimeType: mimeType ?? 'application/octet-stream',
			}),
		},
	};
	return context as unknown as IExecuteFunctions;
}

/** Runs the node's execute() and returns its first output. Throws what the node throws. */
export async function runNode(options: RunOptions): Promise<RunResult & { http: HttpLogEntry[] }> {
	const http: HttpLogEntry[] = [];
	const responses: unknown[] = [];
	const nodeType = options.node ?? new Enneo();
	const context = makeContext(options, http, responses);
	const result = await nodeType.execute!.call(context);
	return { output: (result as INodeExecutionData[][])[0], responses, http };
}

/** Calls a loadOptions method the way the editor does. */
export async function runLoadOptions(
	method: string,
	credentials: { instanceUrl: string; apiKey: string },
	parameters: Record<string, unknown> = {},
): Promise<INodePropertyOptions[]> {
	const nodeType = new Enneo();
	const context = makeContext({ parameters, credentials }) as unknown as ILoadOptionsFunctions;
	const fn = (
		nodeType.methods!.loadOptions as Record<
			string,
			(this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>
		>
	)[method];
	return await fn.call(context);
}

/** Calls a listSearch method the way a resource locator does. */
export async function runListSearch(
	method: string,
	credentials: { instanceUrl: string; apiKey: string },
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const nodeType = new Enneo();
	const context = makeContext({ parameters: {}, credentials }) as unknown as ILoadOptionsFunctions;
	const fn = (
		nodeType.methods!.listSearch as Record<
			string,
			(this: ILoadOptionsFunctions, f?: string, t?: string) => Promise<INodeListSearchResult>
		>
	)[method];
	return await fn.call(context, filter, paginationToken);
}

/** Input items `[{ json }]` from plain objects. */
export const itemsOf = (...objects: IDataObject[]): INodeExecutionData[] =>
	objects.map((json) => ({ json }));

/** A resource locator value as n8n saves it (`mode`: id, url or list). */
export const locator = (value: string | number, mode = 'id') => ({
	__rl: true,
	mode,
	value: String(value),
});

/** The parameters of one ticket operation. */
export const ticketOp = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'ticket',
	operation,
	...extra,
});

/**
 * Runs operations of one resource against a fake Enneo: `run(operation, parameters, extra)`.
 * `defaults` go before the test's parameters (e.g. `simplify: false` to read full objects).
 */
export function operationRunner(
	enneo: { credentials: RunOptions['credentials'] },
	resource: string,
	defaults: Record<string, unknown> = {},
) {
	return (
		operation: string,
		parameters: Record<string, unknown>,
		extra: Omit<Partial<RunOptions>, 'parameters' | 'credentials'> = {},
	) =>
		runNode({
			parameters: { resource, operation, ...defaults, ...parameters } as RunOptions['parameters'],
			credentials: enneo.credentials,
			...extra,
		});
}
