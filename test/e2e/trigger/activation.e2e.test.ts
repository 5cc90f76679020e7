/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- fixture keys for the fake Enneo, not secrets */
import { randomUUID } from 'node:crypto';

import { templateWithCredential } from '../examples/templates';
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
