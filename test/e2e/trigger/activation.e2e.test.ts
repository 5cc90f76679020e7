/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- fixture keys for the fake Enneo, not secrets */
import { randomUUID } from 'node:crypto';

import { templateWithCredential } from '../examples/templates';
import { enneoTrigger, line, useInboundCalls } from '../lib/inboundCalls';
import type { WorkflowNode } from '../lib/n8n';
import { useE2e } from '../lib/setup';

const e2e = useE2e();

describe('Enneo Trigger activation in n8n', () => {
	// Valid rules publish in examples/rulesTemplate.e2e.test.ts.
	test('publishing refuses broken routing rules and names the rule', async () => {
		const secret = await e2e.n8n.createCredential({
			name: `Activation secret ${Date.now()}`,
			type: 'enneoInboundCallWebhookApi',
			data: { secret: 'e2e-activation-secret-0123456789abcdef' },
		});
		const workflow = templateWithCredential(
			'vip-inbound-routing-rules.json',
			e2e.credential,
			` activation ${Date.now()}`,
			{
				enneoInboundCallWebhookApi: secret,
			},
		);
		const trigger = workflow.nodes.find((n) => n.name === 'Inbound Call')!;
		trigger.webhookId = randomUUID();
		const rules = trigger.parameters.rules as { rule: Array<Record<string, unknown>> };
		rules.rule[0].aiAgentId = 0;
		const created = await e2e.n8n.createWorkflow(workflow);

		await expect(e2e.n8n.activate(created.id)).rejects.toThrow(/Routing rules: Rule 1 \("VIP"\)/);
	});
});

describe('publishing refuses what makes every call fail, naming the node and the field', () => {
	const { respond } = useInboundCalls(e2e);

	test("n8n's Respond to Webhook after the Enneo Trigger", async () => {
		const respondToWebhook: WorkflowNode = {
			name: 'Respond to Webhook',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1.1,
			position: [0, 0],
			parameters: { respondWith: 'json', responseBody: '{"CallInBound":{}}' },
		};
		const created = await e2e.n8n.createWorkflow(
			line('Respond to Webhook after the trigger', [enneoTrigger(), respondToWebhook]),
		);
		await expect(e2e.n8n.activate(created.id)).rejects.toThrow(
			/"Respond to Webhook" is n8n's Respond to Webhook, which cannot answer the Enneo Trigger: use the Enneo node's Inbound Call → Respond/,
		);
	});

	test('an Inbound Call → Respond with AI Agent ID left at 0', async () => {
		const created = await e2e.n8n.createWorkflow(
			line('Respond without an AI agent', [
				enneoTrigger(),
				// Version 3: AI Agent ID is a number that starts at 0, which n8n's own check lets through.
				{ ...respond({ routing: 'aiAgent' }, 'Respond VIP'), typeVersion: 3 },
			]),
		);
		await expect(e2e.n8n.activate(created.id)).rejects.toThrow(
			/"Respond VIP" \(Inbound Call → Respond\): "AI Agent ID" must be/,
		);
	});
});
