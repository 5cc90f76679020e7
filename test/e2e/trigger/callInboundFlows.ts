import { randomUUID } from 'node:crypto';

import type { WorkflowJson, WorkflowNode } from '../lib/n8n';
import { ENNEO_TRIGGER_NODE, linearWorkflow } from '../lib/n8n';

/** Workflow pieces for the CallInBound e2e tests (trigger, waits, throwing code). */

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

export function callEvent(sessionId: string = randomUUID(), details: Record<string, unknown> = {}) {
	return {
		Event: 'CallInBound',
		SessionId: sessionId,
		SdkAppId: 1400692008,
		CallInBound: {
			AIAgentId: 123,
			IvrId: 0,
			Caller: '+8613066668888',
			Callee: '+8675566668888',
			...details,
		},
	};
}
