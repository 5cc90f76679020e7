import type {
	IDataObject,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodePropertyOptions,
	IPollFunctions,
} from 'n8n-workflow';

import { EnneoEventTrigger } from '../../nodes/EnneoEventTrigger/EnneoEventTrigger.node';
import type { HttpLogEntry } from './runNode';
import { authenticatedRequest } from './runNode';

/**
 * Drives the Enneo Event Trigger's poll() the way n8n does: parameters, credentials, the node's
 * static data (kept by the caller between polls, as n8n keeps it with the workflow), mode
 * (`trigger` for a published workflow, `manual` in the editor), real HTTP to the fake Enneo.
 */
export interface PollOptions {
	parameters: Record<string, unknown>;
	credentials: { instanceUrl: string; apiKey: string };
	/** The node's static data; mutated by the poll like n8n's. */
	staticData?: IDataObject;
	mode?: 'trigger' | 'manual';
	timezone?: string;
	/** Called after each HTTP answer (e.g. to write events while the poll runs). */
	afterRequest?: (entry: HttpLogEntry, index: number) => void | Promise<void>;
}

export interface PollResult {
	items: INodeExecutionData[] | null;
	http: HttpLogEntry[];
	staticData: IDataObject;
}

const node: INode = {
	id: 'event-trigger-test-node',
	name: 'Enneo Event Trigger',
	type: 'n8n-nodes-enneo.enneoEventTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export function pollContext(
	options: PollOptions,
	http: HttpLogEntry[] = [],
): IPollFunctions & { staticData: IDataObject } {
	const staticData = options.staticData ?? {};
	const defaults: Record<string, unknown> = { events: [], filters: {}, options: {} };
	const context = {
		staticData,
		getNodeParameter: (name: string, fallback?: unknown) => {
			const [head, ...rest] = name.split('.');
			let value: unknown = options.parameters[head] ?? defaults[head];
			for (const part of rest) value = (value as IDataObject | undefined)?.[part];
			return value === undefined ? fallback : value;
		},
		getNode: () => node,
		getCredentials: async () => ({ ...options.credentials }),
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => 'activate',
		getTimezone: () => options.timezone ?? 'UTC',
		getWorkflow: () => ({ id: 'test-workflow', name: 'Test', active: true }),
		getWorkflowStaticData: () => staticData,
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		helpers: {
			httpRequestWithAuthentication: async (_type: string, request: IDataObject) => {
				const answer = await authenticatedRequest(options.credentials, request, http);
				await options.afterRequest?.(http[http.length - 1], http.length - 1);
				return answer;
			},
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	};
	return context as unknown as IPollFunctions & { staticData: IDataObject };
}

/** One poll; `items` is the first output (null when nothing new). Throws what the node throws. */
export async function runPoll(options: PollOptions): Promise<PollResult> {
	const http: HttpLogEntry[] = [];
	const context = pollContext(options, http);
	const result = await new EnneoEventTrigger().poll.call(context);
	return { items: result ? result[0] : null, http, staticData: context.staticData };
}

/** Calls one of the trigger's loadOptions methods the way the editor does. */
export async function runEventTriggerLoadOptions(
	method: string,
	credentials: { instanceUrl: string; apiKey: string },
): Promise<INodePropertyOptions[]> {
	const context = pollContext({ parameters: {}, credentials }) as unknown as ILoadOptionsFunctions;
	const methods = new EnneoEventTrigger().methods.loadOptions as Record<
		string,
		(this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>
	>;
	return await methods[method].call(context);
}
