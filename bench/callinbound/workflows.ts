import { randomUUID } from 'node:crypto';

import type { WorkflowJson, WorkflowNode } from '../../test/e2e/lib/n8n';
import {
	connect,
	ENNEO_NODE,
	ENNEO_TRIGGER_NODE,
	ifTrue,
	linearWorkflow,
} from '../../test/e2e/lib/n8n';
import { DEMO } from '../../test/fake-enneo/demoData';

/**
 * The three flows compared by the CallInBound benchmark, all answering the same request:
 *   floor  — core Webhook answering at once (n8n's own cost of a webhook call)
 *   enneo  — Enneo Trigger → Enneo Customer Search → IF VIP → Respond to Inbound Call
 *   core   — the same VIP routing from core nodes: Webhook → HTTP Request → IF → Respond to Webhook
 */
export interface BenchFlow {
	key: string;
	label: string;
	workflow: WorkflowJson;
	/** What follows /webhook/ */
	path: string;
	/** The answer a VIP caller must get (null: anything 200 will do). */
	vipAnswer: unknown;
}

const position: [number, number] = [0, 0];

const ifVip = (leftValue: string) => ifTrue('IF VIP', leftValue);

export const VIP_ANSWER = {
	CallInBound: {
		OverrideAIAgentId: DEMO.vipAiAgentId,
		Variables: [{ Key: 'name', Value: 'Victoria Sterling' }],
	},
};

/** n8n's own Webhook node on `path`, answering as `responseMode` says. */
function webhookNode(path: string, responseMode: 'onReceived' | 'responseNode'): WorkflowNode {
	return {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode, options: {} },
	};
}

export function floorFlow(): BenchFlow {
	const path = `bench-floor-${randomUUID().slice(0, 8)}`;
	const webhook = webhookNode(path, 'onReceived');
	return {
		key: 'floor',
		label: 'n8n floor: Webhook → immediate answer',
		workflow: linearWorkflow('bench floor', [webhook]),
		path,
		vipAnswer: null,
	};
}

export function enneoFlow(enneoCredential: { id: string; name: string }): BenchFlow {
	const path = `bench-enneo-${randomUUID().slice(0, 8)}`;
	const webhookId = randomUUID();
	const credentials = { enneoApi: enneoCredential };
	const trigger: WorkflowNode = {
		name: 'Enneo Trigger',
		type: ENNEO_TRIGGER_NODE,
		typeVersion: 2,
		position,
		webhookId,
		parameters: { path, authentication: 'none' },
	};
	const search: WorkflowNode = {
		name: 'Customer Search',
		type: ENNEO_NODE,
		typeVersion: 1,
		position,
		credentials,
		parameters: {
			resource: 'customer',
			operation: 'search',
			query: '={{ $json.callerE164 }}',
			limit: 1,
			options: {},
		},
	};
	const vip: WorkflowNode = {
		name: 'Route VIP',
		type: ENNEO_NODE,
		typeVersion: 1,
		position,
		credentials,
		parameters: {
			resource: 'inboundCall',
			operation: 'respond',
			routing: 'aiAgent',
			aiAgentId: DEMO.vipAiAgentId,
			variables: { variable: [{ key: 'name', value: '={{ $json.fullName }}' }] },
		},
	};
	const regular: WorkflowNode = {
		name: 'Keep Default',
		type: ENNEO_NODE,
		typeVersion: 1,
		position,
		credentials,
		parameters: {
			resource: 'inboundCall',
			operation: 'respond',
			routing: 'keepDefault',
			variables: { variable: [{ key: 'name', value: '={{ $json.fullName }}' }] },
		},
	};
	const workflow = linearWorkflow('bench enneo', [
		trigger,
		search,
		ifVip('={{ $json.isVip }}'),
		vip,
	]);
	workflow.nodes.push({ ...regular, id: randomUUID(), position: [720, 200] });
	connect(workflow, 'IF VIP', 'Keep Default', 1);
	return {
		key: 'enneo',
		label: 'Enneo Trigger → Customer Search → IF → Respond to Inbound Call',
		workflow,
		path: `${webhookId}/${path}`,
		vipAnswer: VIP_ANSWER,
	};
}

export function coreFlow(fake: { instanceUrl: string; apiKey: string }): BenchFlow {
	const path = `bench-core-${randomUUID().slice(0, 8)}`;
	const webhook = webhookNode(path, 'responseNode');
	const http: WorkflowNode = {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		parameters: {
			method: 'GET',
			url: `${fake.instanceUrl}/api/mind/customer/search`,
			sendQuery: true,
			queryParameters: {
				parameters: [
					{ name: 'q', value: "={{ $json.body.CallInBound.Caller.replace('+', '') }}" },
					{ name: 'limit', value: '1' },
				],
			},
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${fake.apiKey}` }] },
			options: {},
		},
	};
	const answer = (override: string) => ({
		name: override === 'vip' ? 'Respond VIP' : 'Respond Default',
		type: 'n8n-nodes-base.respondToWebhook',
		typeVersion: 1.1,
		position,
		parameters: {
			respondWith: 'json',
			responseBody:
				override === 'vip'
					? `={{ JSON.stringify({ CallInBound: { OverrideAIAgentId: ${DEMO.vipAiAgentId}, Variables: [{ Key: 'name', Value: $json.firstname + ' ' + $json.lastname }] } }) }}`
					: `={{ JSON.stringify({ CallInBound: { OverrideAIAgentId: $('Webhook').first().json.body.CallInBound.AIAgentId, Variables: [{ Key: 'name', Value: $json.firstname + ' ' + $json.lastname }] } }) }}`,
			options: {},
		},
	});
	const workflow = linearWorkflow('bench core', [
		webhook,
		http,
		ifVip("={{ ($json.tags || []).some(t => t.name === 'VIP') }}"),
		answer('vip') as WorkflowNode,
	]);
	workflow.nodes.push({
		...(answer('default') as WorkflowNode),
		id: randomUUID(),
		position: [720, 200],
	});
	connect(workflow, 'IF VIP', 'Respond Default', 1);
	return {
		key: 'core',
		label: 'core nodes: Webhook → HTTP Request → IF → Respond to Webhook',
		workflow,
		path,
		vipAnswer: VIP_ANSWER,
	};
}

/**
 * Diagnostic variants, to see where the Enneo flow's time goes:
 *   coreCred   — the core flow with the API key in a Header Auth credential (as a real deployment stores it)
 *   webhookEnneo — core Webhook + Enneo Customer Search + IF + core Respond to Webhook (no Enneo Trigger)
 */
export function coreCredentialFlow(
	headerCredential: { id: string; name: string },
	fake: { instanceUrl: string; apiKey: string },
): BenchFlow {
	const flow = coreFlow(fake);
	const http = flow.workflow.nodes.find((node) => node.name === 'HTTP Request')!;
	const parameters = http.parameters as Record<string, unknown>;
	delete parameters.sendHeaders;
	delete parameters.headerParameters;
	parameters.authentication = 'genericCredentialType';
	parameters.genericAuthType = 'httpHeaderAuth';
	http.credentials = { httpHeaderAuth: headerCredential };
	return { ...flow, key: 'coreCred', label: 'core nodes, API key in a Header Auth credential' };
}

export function webhookEnneoFlow(
	enneoCredential: { id: string; name: string },
	fake: { instanceUrl: string; apiKey: string },
): BenchFlow {
	const flow = coreFlow(fake);
	const index = flow.workflow.nodes.findIndex((node) => node.name === 'HTTP Request');
	const http = flow.workflow.nodes[index];
	flow.workflow.nodes[index] = {
		...http,
		type: ENNEO_NODE,
		typeVersion: 1,
		credentials: { enneoApi: enneoCredential },
		parameters: {
			resource: 'customer',
			operation: 'search',
			query: '={{ $json.body.CallInBound.Caller }}',
			limit: 1,
			options: {},
		},
	};
	const ifNode = flow.workflow.nodes.find((node) => node.name === 'IF VIP')!;
	flow.workflow.nodes[flow.workflow.nodes.indexOf(ifNode)] = {
		...ifVip('={{ $json.isVip }}'),
		id: ifNode.id,
		position: ifNode.position,
	};
	return {
		...flow,
		key: 'webhookEnneo',
		label: 'core Webhook → Enneo Customer Search → IF → core Respond to Webhook',
	};
}

/** The VIP routing as the Enneo Trigger's own routing rules: answered in the request, the run follows. */
export function rulesFlow(enneoCredential: { id: string; name: string }): BenchFlow {
	const path = `bench-rules-${randomUUID().slice(0, 8)}`;
	const webhookId = randomUUID();
	const trigger: WorkflowNode = {
		name: 'Enneo Trigger',
		type: ENNEO_TRIGGER_NODE,
		typeVersion: 2,
		position,
		webhookId,
		credentials: { enneoApi: enneoCredential },
		parameters: {
			path,
			authentication: 'none',
			responseMode: 'rules',
			rules: {
				rule: [
					{
						name: 'VIP',
						condition: 'customerHasTag',
						tag: 'VIP',
						routing: 'aiAgent',
						aiAgentId: DEMO.vipAiAgentId,
						variables: { variable: [{ key: 'name', value: '{fullName}' }] },
					},
				],
			},
			elseRouting: 'keepDefault',
			elseVariables: { variable: [{ key: 'name', value: '{fullName}' }] },
		},
	};
	return {
		key: 'rules',
		label: 'Enneo Trigger with routing rules (answers before the run)',
		workflow: linearWorkflow('bench rules', [trigger]),
		path: `${webhookId}/${path}`,
		vipAnswer: VIP_ANSWER,
	};
}

/** The same rules with "Start a Run After Answering" off: the trigger only routes. */
export function rulesOnlyFlow(enneoCredential: { id: string; name: string }): BenchFlow {
	const flow = rulesFlow(enneoCredential);
	const trigger = flow.workflow.nodes[0];
	(trigger.parameters as Record<string, unknown>).options = { runAfterAnswer: false };
	return {
		...flow,
		key: 'rulesOnly',
		label: 'Enneo Trigger with routing rules, no run (routing only)',
	};
}
