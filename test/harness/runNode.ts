import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeParameters,
	INodeExecutionData,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeType,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { Enneo } from '../../nodes/Enneo/Enneo.node';
import type { HttpLogEntry, TestCredentials, TriggerBefore } from './n8nCore';
import { executeContext, loadOptionsContext } from './n8nCore';

export type { HttpLogEntry, TestCredentials } from './n8nCore';

export interface RunOptions {
	/**
	 * The node's parameters as a saved workflow holds them; n8n fills in the defaults. A value that
	 * differs per item is an expression, as in n8n (e.g. `'={{ $json.id }}'`).
	 */
	parameters: Record<string, unknown>;
	items?: INodeExecutionData[];
	credentials: TestCredentials;
	continueOnFail?: boolean;
	node?: INodeType;
	/** The workflow's time zone (default UTC). */
	timezone?: string;
	/** The node's version (default: the node type's default version). */
	typeVersion?: number;
	/** A trigger before the node and its output in this run (default: none, the node runs alone). */
	trigger?: TriggerBefore;
	workflowId?: string;
	mode?: WorkflowExecuteMode;
}

export interface RunResult {
	output: INodeExecutionData[];
	responses: unknown[];
}

/** n8n-core's ExecuteContext for the node (default: Enneo) in a one-node workflow (n8nCore.ts). */
export function makeContext(
	options: RunOptions,
	http: HttpLogEntry[] = [],
	responses: unknown[] = [],
): IExecuteFunctions {
	return executeContext({
		nodeType: options.node ?? new Enneo(),
		parameters: options.parameters as INodeParameters,
		typeVersion: options.typeVersion,
		credentials: { enneoApi: options.credentials },
		continueOnFail: options.continueOnFail,
		timezone: options.timezone,
		items: options.items ?? [{ json: {} }],
		trigger: options.trigger,
		workflowId: options.workflowId,
		mode: options.mode,
		http,
		responses,
	});
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
	const context = loadOptionsContext({
		nodeType,
		parameters: parameters as INodeParameters,
		credentials: { enneoApi: credentials },
	});
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
	const context = loadOptionsContext({
		nodeType,
		parameters: {},
		credentials: { enneoApi: credentials },
	});
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
