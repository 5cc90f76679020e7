import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeParameters,
	INodeExecutionData,
	INodePropertyOptions,
	IPollFunctions,
} from 'n8n-workflow';

import { EnneoEventTrigger } from '../../nodes/EnneoEventTrigger/EnneoEventTrigger.node';
import type { HttpLogEntry } from './n8nCore';
import { loadOptionsContext, pollContext as corePollContext } from './n8nCore';

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

/** n8n-core's PollContext for the trigger in a one-node workflow (n8nCore.ts). */
export function pollContext(
	options: PollOptions,
	http: HttpLogEntry[] = [],
): IPollFunctions & { staticData: IDataObject } {
	const staticData = options.staticData ?? {};
	const context = corePollContext({
		nodeType: new EnneoEventTrigger(),
		parameters: options.parameters as INodeParameters,
		credentials: { enneoApi: options.credentials },
		timezone: options.timezone,
		mode: options.mode ?? 'trigger',
		staticData,
		http,
	});
	const { afterRequest } = options;
	if (afterRequest) {
		// n8n-core's own helper; the test hook runs after each answer.
		const send = context.helpers.httpRequestWithAuthentication;
		context.helpers.httpRequestWithAuthentication = async function (this: unknown, ...args) {
			const answer: unknown = await send.apply(context, args);
			await afterRequest(http[http.length - 1], http.length - 1);
			return answer;
		} as typeof send;
	}
	return Object.assign(context, { staticData });
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
	const context = loadOptionsContext({
		nodeType: new EnneoEventTrigger(),
		parameters: {},
		credentials: { enneoApi: credentials },
	});
	const methods = new EnneoEventTrigger().methods.loadOptions as Record<
		string,
		(this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>
	>;
	return await methods[method].call(context);
}
