/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * Loads a workflow template from examples/ the way a user imports it, with the credential
 * placeholder swapped for this run's Enneo credential (which points at the fake Enneo).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { WorkflowJson, WorkflowNode } from '../lib/n8n';
import { REPO_ROOT } from '../lib/n8n';
import type { E2eContext } from '../lib/setup';

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

/** The id every template uses for its Enneo credential, so a test (or a user) can swap it. */
export const CREDENTIAL_PLACEHOLDER = 'REPLACE_WITH_YOUR_ENNEO_CREDENTIAL_ID';

export function readTemplate(file: string): WorkflowJson {
	return JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
}

/** The id of the Enneo Trigger's webhook secret credential in the templates. */
export const WEBHOOK_CREDENTIAL_PLACEHOLDER = 'REPLACE_WITH_YOUR_WEBHOOK_SECRET_CREDENTIAL_ID';

/**
 * The template with every `enneoApi` credential reference pointing at `credential`, other
 * credential types swapped as given in `others` (by type), and the name made unique with `suffix`.
 */
export function templateWithCredential(
	file: string,
	credential: { id: string; name: string },
	suffix = '',
	others: Record<string, { id: string; name: string }> = {},
): WorkflowJson {
	const workflow = readTemplate(file);
	const byType: Record<string, { id: string; name: string }> = { ...others, enneoApi: credential };
	for (const node of workflow.nodes) {
		for (const type of Object.keys(node.credentials ?? {})) {
			if (byType[type]) node.credentials![type] = { ...byType[type] };
		}
	}
	return { ...workflow, name: `${workflow.name}${suffix}` };
}

export function nodeNamed(workflow: WorkflowJson, name: string): WorkflowNode {
	const node = workflow.nodes.find((n) => n.name === name);
	if (!node)
		throw new Error(
			`no node "${name}" in ${workflow.name}; nodes: ${workflow.nodes.map((n) => n.name).join(', ')}`,
		);
	return node;
}

/**
 * Publishes an inbound-call template (its trigger node is "Inbound Call") with a webhook secret
 * credential of its own and a fresh webhook ID (published webhooks are unique per n8n).
 * Returns the workflow ID and the webhook path with the secret as its token.
 */
export async function publishCallTemplate(
	e2e: E2eContext,
	file: string,
	secret: { name: string; value: string },
	webhookName: string,
): Promise<{ workflowId: string; webhookPath: string }> {
	const enneoInboundCallWebhookApi = await e2e.n8n.createCredential({
		name: secret.name,
		type: 'enneoInboundCallWebhookApi',
		data: { secret: secret.value },
	});
	const workflow = templateWithCredential(file, e2e.credential, ` ${Date.now()}`, {
		enneoInboundCallWebhookApi,
	});
	const trigger = nodeNamed(workflow, 'Inbound Call');
	trigger.webhookId = randomUUID();
	const created = await e2e.n8n.createWorkflow(workflow);
	await e2e.n8n.activate(created.id);
	return {
		workflowId: created.id,
		webhookPath: `${trigger.webhookId}/${webhookName}?token=${secret.value}`,
	};
}

/** A CallInBound answer as the platform reads it. */
export interface InboundCallAnswer {
	CallInBound: Record<string, unknown>;
}

/**
 * Publishes an inbound-call template for this test file (in beforeAll) and rings it:
 * `ring(caller, callee)` sends a CallInBound from the number bound to AI agent 123 and returns
 * the answer, how long it took and the run it started. `published.calls` counts the runs to
 * wait for; a test that calls the webhook itself adds its calls there.
 */
export function usePublishedCallTemplate(
	e2e: E2eContext,
	file: string,
	secret: { name: string; value: string },
	webhookName: string,
) {
	const published = { workflowId: '', webhookPath: '', calls: 0 };
	beforeAll(async () => {
		Object.assign(published, await publishCallTemplate(e2e, file, secret, webhookName));
	});
	async function ring(caller: string, callee = '+4930123456000') {
		const sessionId = `e2e-${webhookName}-${randomUUID()}`;
		const started = Date.now();
		const response = await e2e.n8n.webhook(published.webhookPath, {
			body: {
				Event: 'CallInBound',
				SessionId: sessionId,
				SdkAppId: 1400692008,
				CallInBound: { AIAgentId: 123, IvrId: 0, Caller: caller, Callee: callee },
			},
		});
		const answer = (await response.json()) as InboundCallAnswer;
		const ms = Date.now() - started;
		published.calls++;
		const runs = await e2e.n8n.waitForExecutions(published.workflowId, published.calls);
		return { sessionId, status: response.status, answer, ms, run: runs.at(-1)! };
	}
	return { ring, published };
}
