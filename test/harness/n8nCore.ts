import { Container } from '@n8n/di';
import {
	ExecuteContext,
	InstanceSettings,
	LoadOptionsContext,
	PollContext,
	WebhookContext,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRunExecutionData,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { EnneoApi } from '../../credentials/EnneoApi.credentials';
import { Enneo } from '../../nodes/Enneo/Enneo.node';
import { EnneoEventTrigger } from '../../nodes/EnneoEventTrigger/EnneoEventTrigger.node';
import { EnneoTrigger } from '../../nodes/EnneoTrigger/EnneoTrigger.node';

/**
 * n8n-core's real execution contexts around our nodes, built the way n8n builds them for one node
 * of a workflow: a real `Workflow` (whose constructor fills in parameter defaults with
 * `NodeHelpers.getNodeParameters`, honouring display conditions and `@version`), a node-types
 * registry holding our node classes, and n8n-core's `ExecuteContext`, `PollContext`,
 * `WebhookContext` or `LoadOptionsContext`, so `getNodeParameter` resolves defaults, expressions
 * (n8n-workflow's `legacy` engine: n8n 2.41's `vm` engine needs `isolated-vm`, which has no build
 * for Node 20), display conditions
 * and resource locators (`extractValue`) exactly as n8n does. `helpers.httpRequestWithAuthentication`
 * is n8n-core's own: it asks the credentials helper below to sign the request with the credential's
 * `authenticate` and sends it over real HTTP with n8n's outbound HTTP client.
 *
 * What stays a test double is what n8n keeps outside the workflow: the credentials store (a
 * credentials helper that returns the test credentials) and the instance settings.
 */

export type TestCredentials = { instanceUrl: string; apiKey: string };
/** The decrypted data of each credential the node has set, by credential type. */
export type CredentialsByType = Record<string, IDataObject | undefined>;

export interface HttpLogEntry {
	method: string;
	url: string;
	qs?: IDataObject;
	headers: Record<string, string>;
}

/** The package's node types under the names n8n registers them with. */
export const NODE_TYPES = {
	'n8n-nodes-enneo.enneo': Enneo,
	'n8n-nodes-enneo.enneoTrigger': EnneoTrigger,
	'n8n-nodes-enneo.enneoEventTrigger': EnneoEventTrigger,
} as const;

const CREDENTIAL_TYPES: Record<string, ICredentialType> = { enneoApi: new EnneoApi() };

let containerReady = false;
/** The instance settings n8n-core reads from its DI container (n8n builds them from ~/.n8n). */
function prepareContainer() {
	if (containerReady) return;
	Container.set(InstanceSettings, {
		instanceId: 'test-instance',
		hmacSignatureSecret: 'test-secret',
		n8nFolder: '/nonexistent',
		instanceType: 'main',
	} as unknown as InstanceSettings);
	containerReady = true;
}

/** The type name n8n knows a node instance by. */
export function typeNameOf(nodeType: INodeType): string {
	for (const [name, Type] of Object.entries(NODE_TYPES)) if (nodeType instanceof Type) return name;
	throw new Error(`n8nCore: ${nodeType.description.name} is not one of the package's node types`);
}

function nodeTypesHolding(nodeType: INodeType, typeName: string): INodeTypes {
	const byName = (name: string) => {
		if (name === typeName) return nodeType;
		const Type = NODE_TYPES[name as keyof typeof NODE_TYPES];
		if (!Type) throw new Error(`n8nCore: unknown node type ${name}`);
		return new Type();
	};
	return {
		getByName: byName,
		getByNameAndVersion: (name: string) => byName(name),
		getKnownTypes: () => ({}),
	};
}

/**
 * The part of n8n's CredentialsHelper a node execution uses: the decrypted test credentials, and
 * `authenticate` calling the credential type's own `authenticate` as n8n's does. Every signed
 * request is logged (method, URL, query, headers) before n8n-core sends it.
 */
function credentialsHelper(credentials: CredentialsByType, http: HttpLogEntry[]) {
	return {
		getParentTypes: () => [],
		isCredentialUsableByNode: () => true,
		getCredentialsProperties: (type: string) => CREDENTIAL_TYPES[type]?.properties ?? [],
		getDecrypted: async (_additionalData: unknown, _nodeCredentials: unknown, type: string) => {
			const data = credentials[type];
			if (!data) throw new Error(`n8nCore: the test gave no ${type} credentials`);
			return { ...data } as ICredentialDataDecryptedObject;
		},
		preAuthentication: async () => undefined,
		runPreAuthentication: async () => undefined,
		authenticate: async (
			decrypted: ICredentialDataDecryptedObject,
			typeName: string,
			requestOptions: IHttpRequestOptions,
		) => {
			const authenticate = CREDENTIAL_TYPES[typeName]?.authenticate;
			if (typeof authenticate !== 'function')
				throw new Error(`n8nCore: credential type ${typeName} has no authenticate function`);
			const signed = await authenticate(decrypted, requestOptions);
			const headers: Record<string, string> = {};
			for (const [key, value] of Object.entries(signed.headers ?? {})) headers[key] = String(value);
			http.push({
				method: String(signed.method ?? 'GET'),
				url: `${signed.baseURL ?? ''}${signed.url}`,
				qs: signed.qs,
				headers,
			});
			return signed;
		},
		updateCredentials: async () => {},
		updateCredentialsOauthTokenData: async () => {},
		getCredentials: async () => {
			throw new Error('n8nCore: getCredentials is not used by the package');
		},
	};
}

export interface WorkflowNodeOptions {
	nodeType: INodeType;
	/** The node's saved parameters (n8n fills in the rest from the description). */
	parameters: INodeParameters;
	typeVersion?: number;
	/** The credentials set on the node, by type; a type left out is not set (as in n8n). */
	credentials?: CredentialsByType;
	/** The credential IDs the node refers to (default `<type>-id`). */
	credentialIds?: Record<string, string>;
	continueOnFail?: boolean;
	workflowId?: string;
	/** Extra additional data of the run (e.g. n8n's httpRequest/httpResponse for a webhook). */
	additionalData?: Partial<IWorkflowExecuteAdditionalData>;
	timezone?: string;
	mode?: WorkflowExecuteMode;
	/** Receives what the node passes to sendResponse (n8n's `sendResponse` hook). */
	responses?: unknown[];
	http?: HttpLogEntry[];
	/** A trigger node before this one, whose output in this run is `item` (e.g. an Enneo Trigger). */
	trigger?: TriggerBefore;
}

export interface TriggerBefore {
	item: IDataObject;
	name?: string;
	type?: keyof typeof NODE_TYPES;
	typeVersion?: number;
	disabled?: boolean;
}

/** A one-node workflow as n8n builds it from a saved workflow, plus the additional data of a run. */
export function workflowWithNode(options: WorkflowNodeOptions) {
	prepareContainer();
	const { nodeType } = options;
	const typeName = typeNameOf(nodeType);
	const credentials = options.credentials ?? {};
	const description = nodeType.description;
	const versions = Array.isArray(description.version) ? description.version : [description.version];
	const node: INode = {
		id: 'enneo-test-node',
		name: description.defaults.name ?? description.displayName,
		type: typeName,
		typeVersion: options.typeVersion ?? description.defaultVersion ?? Math.max(...versions),
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			Object.entries(credentials)
				.filter(([, data]) => data !== undefined)
				.map(([type]) => [
					type,
					{ id: options.credentialIds?.[type] ?? `${type}-id`, name: 'Test' },
				]),
		),
		continueOnFail: options.continueOnFail ?? false,
	};
	const trigger = options.trigger && {
		id: 'trigger-test-node',
		name: options.trigger.name ?? 'Enneo Trigger',
		type: options.trigger.type ?? 'n8n-nodes-enneo.enneoTrigger',
		typeVersion: options.trigger.typeVersion ?? 1,
		position: [-200, 0] as [number, number],
		parameters: {},
		disabled: options.trigger.disabled,
	};
	const workflow = new Workflow({
		id: options.workflowId ?? 'test-workflow',
		name: 'Test',
		nodes: trigger ? [trigger, node] : [node],
		connections: trigger
			? { [trigger.name]: { main: [[{ node: node.name, type: 'main', index: 0 }]] } }
			: {},
		active: options.mode === 'trigger' || options.mode === 'webhook',
		nodeTypes: nodeTypesHolding(nodeType, typeName),
		settings: { timezone: options.timezone ?? 'UTC' },
	});
	const http = options.http ?? [];
	const responses = options.responses ?? [];
	const additionalData = {
		credentialsHelper: credentialsHelper(credentials, http),
		hooks: {
			runHook: async (name: string, args: unknown[]) => {
				if (name === 'sendResponse') responses.push(args[0]);
			},
		},
		executionId: 'test-execution',
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook/',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test/',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting/',
		variables: {},
		userId: 'test-user',
		...options.additionalData,
	} as unknown as IWorkflowExecuteAdditionalData;
	// The node as the workflow holds it: with its defaults filled in.
	return {
		workflow,
		node: workflow.getNode(node.name)!,
		trigger: trigger && workflow.getNode(trigger.name)!,
		additionalData,
		http,
		responses,
	};
}

/** n8n-core's ExecuteContext for the node's run on `items` (as if a trigger node passed them). */
export function executeContext(
	options: WorkflowNodeOptions & { items: INodeExecutionData[] },
): ExecuteContext {
	const { workflow, node, trigger, additionalData } = workflowWithNode(options);
	const items = options.items;
	// The trigger's part of the run, as n8n records it: its output is what `$('Trigger')` reads.
	const runData = trigger
		? {
				[trigger.name]: [
					{
						startTime: 0,
						executionTime: 0,
						executionIndex: 0,
						source: [],
						data: { main: [[{ json: options.trigger!.item }]] },
					},
				],
			}
		: {};
	const runExecutionData = {
		startData: {},
		resultData: { runData },
		executionData: {
			contextData: {},
			nodeExecutionStack: [],
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as unknown as IRunExecutionData;
	const executeData: IExecuteData = {
		node,
		data: { main: [items] },
		source: trigger ? { main: [{ previousNode: trigger.name }] } : null,
	};
	return new ExecuteContext(
		workflow,
		node,
		additionalData,
		options.mode ?? 'manual',
		runExecutionData,
		0,
		items,
		{ main: [items] },
		executeData,
		[],
	);
}

/** n8n-core's PollContext; the node's static data is `staticData`, mutated like n8n's. */
export function pollContext(
	options: WorkflowNodeOptions & { staticData: IDataObject },
): PollContext {
	const { workflow, node, additionalData } = workflowWithNode(options);
	return new PollContext(
		workflow,
		node,
		additionalData,
		options.mode ?? 'trigger',
		'activate',
		undefined,
		undefined,
		undefined,
		undefined,
		() => options.staticData,
	);
}

/**
 * n8n-core's WebhookContext for the trigger's webhook `name`, on the request n8n's webhook server
 * received (`request`: express's req with body, query and ip; `response`: express's res).
 */
export function webhookContext(
	options: WorkflowNodeOptions & { request: unknown; response: unknown; webhookName?: string },
): WebhookContext {
	const { workflow, node, additionalData } = workflowWithNode({
		...options,
		additionalData: {
			...options.additionalData,
			httpRequest: options.request,
			httpResponse: options.response,
		} as Partial<IWorkflowExecuteAdditionalData>,
	});
	const name = options.webhookName ?? 'default';
	const webhookDescription = options.nodeType.description.webhooks?.find((w) => w.name === name);
	if (!webhookDescription) throw new Error(`n8nCore: the node has no webhook ${name}`);
	const webhookData: IWebhookData = {
		httpMethod: webhookDescription.httpMethod as IWebhookData['httpMethod'],
		node: node.name,
		path: 'test',
		webhookDescription,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		isTest: options.mode === 'manual',
	};
	return new WebhookContext(
		workflow,
		node,
		additionalData,
		options.mode ?? 'webhook',
		webhookData,
		[],
		null,
	);
}

/**
 * n8n-core's LoadOptionsContext, as the editor's requests for a parameter's options (loadOptions)
 * or a resource locator's list (listSearch) get it: the node's current parameters, its credentials.
 */
export function loadOptionsContext(
	options: WorkflowNodeOptions & { path?: string },
): LoadOptionsContext {
	const { workflow, node, additionalData } = workflowWithNode(options);
	additionalData.currentNodeParameters = node.parameters;
	return new LoadOptionsContext(workflow, node, additionalData, options.path ?? '');
}
