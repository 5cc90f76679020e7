import { randomUUID } from 'node:crypto';

import type { Reply } from '../../harness/inboundCall';
import { callEvent, readReply } from '../../harness/inboundCall';
import type { CreatedWorkflow, WorkflowJson, WorkflowNode } from './n8n';
import { codeNode, connect, ENNEO_TRIGGER_NODE, ifTrue, linearWorkflow } from './n8n';
import { DEMO } from '../../fake-enneo/demoData';
import type { E2eContext } from './setup';

/**
 * For the CallInBound e2e tests (test/e2e/trigger, test/e2e/queue): workflow pieces (trigger,
 * waits), publishing workflows for a test file, and ringing a published trigger.
 */

export { callEvent };

export function enneoTrigger(
	options: {
		path?: string;
		parameters?: Record<string, unknown>;
		credential?: { id: string; name: string };
		typeVersion?: number;
	} = {},
): WorkflowNode & { path: string; webhookId: string } {
	const path = options.path ?? `call-${randomUUID().slice(0, 8)}`;
	const webhookId = randomUUID();
	return {
		name: 'Enneo Trigger',
		type: ENNEO_TRIGGER_NODE,
		typeVersion: options.typeVersion ?? 2,
		position: [0, 0],
		webhookId,
		path,
		parameters: { path, authentication: 'none', ...options.parameters },
		...(options.credential
			? { credentials: { enneoInboundCallWebhookApi: options.credential } }
			: {}),
	};
}

export function waitNode(seconds: number, name = 'Wait'): WorkflowNode {
	return {
		name,
		type: 'n8n-nodes-base.wait',
		typeVersion: 1.1,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { resume: 'timeInterval', amount: seconds, unit: 'seconds' },
	};
}

/** A Code node that throws: the run fails before it answers. */
export const failingNode = (): WorkflowNode =>
	codeNode('Boom', 'throw new Error("lookup failed");');

/** A workflow from nodes in a line; the trigger's helper field `path` is not part of the JSON. */
export function line(name: string, nodes: WorkflowNode[]): WorkflowJson {
	return linearWorkflow(
		name,
		nodes.map((node) => {
			const copy = { ...node };
			delete copy.path;
			return copy;
		}),
	);
}

/**
 * The VIP flow a user builds by hand, without Always Output Data: Enneo Trigger → Customer Search
 * by the caller's number (1 result) → If VIP → Respond (AI agent 388, variable name = first name) /
 * Respond (Keep Default Routing). At node version 1 an unknown caller makes Search return no item,
 * so the run ends without a Respond; at version 4 (a new node's default) Search answers one
 * `{found: false, isVip: false}` item, so the If's false branch answers.
 */
export function vipFlow(
	trigger: WorkflowNode & { path: string },
	enneo: E2eContext['enneo'],
	typeVersion = 1,
): WorkflowJson {
	const versioned = (node: WorkflowNode) => ({ ...node, typeVersion });
	const firstName =
		typeVersion >= 4 ? '={{ $json.firstName }}' : "={{ $json.fullName.split(' ')[0] }}";
	const workflow = line('VIP flow', [
		trigger,
		versioned(
			enneo({
				name: 'Customer Search',
				parameters: {
					resource: 'customer',
					operation: 'search',
					query: '={{ $json.callerE164 }}',
					limit: 1,
				},
			}),
		),
		ifTrue('If VIP', '={{ $json.isVip }}'),
		versioned(
			enneo({
				name: 'Respond VIP',
				parameters: {
					resource: 'inboundCall',
					operation: 'respond',
					routing: 'aiAgent',
					aiAgentId: DEMO.vipAiAgentId,
					variables: { variable: [{ key: 'name', value: firstName }] },
				},
			}),
		),
	]);
	workflow.nodes.push({
		...versioned(
			enneo({
				name: 'Respond Default',
				parameters: { resource: 'inboundCall', operation: 'respond', routing: 'keepDefault' },
			}),
		),
		id: randomUUID(),
		position: [720, 200],
	});
	return connect(workflow, 'If VIP', 'Respond Default', 1);
}

export interface Trigger {
	webhookId: string;
	path: string;
}

export interface CallOptions {
	/** Appended to the URL, e.g. `?token=…`. */
	query?: string;
	headers?: Record<string, string>;
	/** Sent as it is instead of `body` as JSON. */
	raw?: string;
	/** Where to send it instead of the production webhook URL (e.g. one webhook process, bypassing the edge). */
	baseUrl?: string;
}

/**
 * For one test file: `publish` saves a workflow and makes it live (every published workflow is
 * unpublished again after the file's tests), `respond` is an Inbound Call → Respond node with the
 * file's Enneo credential, `call` rings a published trigger at its live URL and reads the answer
 * (content type JSON unless `headers` say otherwise).
 */
export function useInboundCalls(e2e: E2eContext) {
	const published: string[] = [];
	afterAll(async () => {
		for (const id of published) await e2e.n8n.deactivate(id).catch(() => undefined);
	});

	/** Publishes a line of nodes, or a workflow built by hand (e.g. vipFlow). */
	async function publish(
		name: string,
		nodes: WorkflowNode[] | WorkflowJson,
	): Promise<CreatedWorkflow> {
		const workflow = await e2e.n8n.createWorkflow(
			Array.isArray(nodes) ? line(name, nodes) : { ...nodes, name },
		);
		await e2e.n8n.activate(workflow.id);
		published.push(workflow.id);
		return workflow;
	}

	async function call(trigger: Trigger, body: unknown, init: CallOptions = {}): Promise<Reply> {
		const started = Date.now();
		const response = await e2e.n8n.webhook(
			`${trigger.webhookId}/${trigger.path}${init.query ?? ''}`,
			{
				baseUrl: init.baseUrl,
				body: init.raw ?? body,
				headers: { 'content-type': 'application/json', ...init.headers },
			},
		);
		return await readReply(response, started);
	}

	return {
		/** IDs of the workflows published so far, oldest first. */
		published,
		publish,
		call,
		respond: (parameters: Record<string, unknown>, name = 'Respond'): WorkflowNode =>
			e2e.enneo({
				name,
				parameters: { resource: 'inboundCall', operation: 'respond', ...parameters },
			}),
		/**
		 * Publishes Enneo Trigger (with `parameters`) → `nodes` and rings it once with a fresh call:
		 * the workflow and the answer.
		 */
		async callNew(
			name: string,
			parameters: Record<string, unknown>,
			nodes: WorkflowNode[],
		): Promise<{ workflow: CreatedWorkflow; reply: Reply }> {
			const trigger = enneoTrigger({ parameters });
			const workflow = await publish(name, [trigger, ...nodes]);
			return { workflow, reply: await call(trigger, callEvent()) };
		},
	};
}
