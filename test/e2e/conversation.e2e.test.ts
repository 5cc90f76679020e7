import { codeNode, linearWorkflow, manualTrigger } from './lib/n8n';
import { useE2e } from './lib/setup';

const e2e = useE2e();

describe('conversation operations in n8n', () => {
	test('Store sends a binary file from a previous node as a base64 attachment', async () => {
		const [ticketId] = [...e2e.fake.state.tickets.keys()];
		const text = 'Meter 4711: 12345 kWh, read on 2026-03-01';
		const wf = await e2e.n8n.createWorkflow(
			linearWorkflow('store with attachment', [
				manualTrigger(),
				codeNode(
					'Scan',
					`return [{
						json: { ticketId: ${ticketId} },
						binary: { data: { data: Buffer.from(${JSON.stringify(text)}).toString('base64'), mimeType: 'text/plain', fileName: 'meter-reading.txt' } },
					}];`,
				),
				e2e.enneo({
					parameters: {
						resource: 'conversation',
						operation: 'store',
						ticketId: { __rl: true, mode: 'id', value: '={{ $json.ticketId }}' },
						direction: 'in',
						body: '<p>Please find my meter reading attached.</p>',
						process: 'false',
						additionalFields: { binaryProperties: 'data', subject: 'Meter reading' },
					},
				}),
			]),
		);
		const run = (await e2e.n8n.runWorkflow(wf.id)).assertSuccess();

		const [call] = e2e.fake.received('POST', `/ticket/${ticketId}/conversation/store`);
		expect(call.query).toEqual({}); // process travels in the body only (docs/enneo-api-notes.md#conversation-store)
		expect(call.body).toMatchObject({
			direction: 'in',
			process: 'false',
			subject: 'Meter reading',
			body: '<p>Please find my meter reading attached.</p>',
			attachments: [
				{
					name: 'meter-reading.txt',
					contentType: 'text/plain',
					base64: Buffer.from(text).toString('base64'),
				},
			],
		});
		const [stored] = run.output('Enneo');
		expect(stored).toMatchObject({ ticketId });
		expect(JSON.stringify(stored)).toContain('meter-reading.txt');
	});
});
