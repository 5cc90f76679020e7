import { randomUUID } from 'node:crypto';

import type { WorkflowNode } from './lib/n8n';
import { linearWorkflow } from './lib/n8n';
import { useE2e } from './lib/setup';

const e2e = useE2e();

describe('published workflows in n8n', () => {
	test('a production webhook runs the Enneo node and its execution can be read back', async () => {
		const path = `e2e-${randomUUID().slice(0, 8)}`;
		const webhook: WorkflowNode = {
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: {
				httpMethod: 'POST',
				path,
				responseMode: 'lastNode',
				responseData: 'firstEntryJson',
				options: {},
			},
		};
		const [ticketId] = [...e2e.fake.state.tickets.keys()];
		const wf = await e2e.n8n.createWorkflow(
			linearWorkflow('webhook', [
				webhook,
				e2e.enneo({
					parameters: {
						resource: 'ticket',
						operation: 'get',
						ticketId: { __rl: true, mode: 'id', value: '={{ $json.body.ticketId }}' },
					},
				}),
			]),
		);
		await e2e.n8n.activate(wf.id);
		try {
			const response = await e2e.n8n.webhook(path, { body: { ticketId } });
			expect(response.status).toBe(200);
			expect(await response.json()).toMatchObject({ id: ticketId });
			expect(e2e.fake.received('GET', `/ticket/${ticketId}`)).toHaveLength(1);

			const [execution] = await e2e.n8n.waitForExecutions(wf.id, 1);
			expect(execution.raw.mode).toBe('webhook');
			expect(execution.assertSuccess().output('Enneo')).toEqual([
				expect.objectContaining({ id: ticketId }),
			]);
		} finally {
			await e2e.n8n.deactivate(wf.id);
		}
		expect((await e2e.n8n.webhook(path, { body: { ticketId } })).status).toBe(404);
	});
});
