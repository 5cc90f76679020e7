import { useE2e } from '../lib/setup';
import { nodeNamed, templateWithCredential } from './templates';

const e2e = useE2e();

/** Creates a ticket through the fake's own route, which records its ticketCreated event. */
async function createTicket(subject: string): Promise<number> {
	const response = await fetch(`${e2e.fake.instanceUrl}/api/mind/ticket`, {
		method: 'POST',
		headers: { authorization: `Bearer ${e2e.fake.apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify({ channel: 'email', subject, body: subject, from: 'anna@example.com' }),
	});
	const json = (await response.json()) as { ticket: { id: number } };
	return json.ticket.id;
}

describe('event templates in n8n', () => {
	test('triage-new-tickets: the newest new ticket is triaged by the stand-in model and tagged and assigned in Enneo', async () => {
		const id = await createTicket('Complaint: your hotline is unacceptable');
		const wf = await e2e.n8n.createWorkflow(
			templateWithCredential('triage-new-tickets.json', e2e.credential, ` ${Date.now()}`),
		);
		const run = (await e2e.n8n.runWorkflow(wf.id, { trigger: 'New Ticket' })).assertSuccess();

		expect(run.output('New Ticket')).toEqual([
			expect.objectContaining({
				type: 'ticketCreated',
				ticketId: id,
				ticket: expect.objectContaining({ subject: 'Complaint: your hotline is unacceptable' }),
			}),
		]);
		expect(run.output('AI Triage')).toEqual([
			expect.objectContaining({ ticketId: id, queue: 'Complaint', agentId: 8, priority: 'high' }),
		]);
		const patches = e2e.fake.received('PATCH', `/ticket/${id}`);
		expect(patches).toHaveLength(1);
		expect(patches[0].body).toEqual({ agentId: 8, priority: 'high', addTagIds: [3] });
		const ticket = e2e.fake.state.tickets.get(id)!;
		expect([ticket.agentId, ticket.priority, ticket.tagIds]).toEqual([8, 'high', [3]]);
		// The update is an Enneo event too.
		expect(e2e.fake.state.events.map((event) => event.type)).toEqual([
			'ticketCreated',
			'ticketUpdated',
			'ticketRouted',
		]);
	});

	test('triage-new-tickets: a billing question goes to the Billing queue; a ticket no rule knows to first level without a tag', async () => {
		const billing = await createTicket('Question about my last invoice');
		const wf = await e2e.n8n.createWorkflow(
			templateWithCredential('triage-new-tickets.json', e2e.credential, ` ${Date.now()}`),
		);
		(await e2e.n8n.runWorkflow(wf.id, { trigger: 'New Ticket' })).assertSuccess();
		expect(e2e.fake.state.tickets.get(billing)).toMatchObject({
			agentId: 7,
			priority: 'medium',
			tagIds: [1],
		});

		const other = await createTicket('Hello there');
		const run = (await e2e.n8n.runWorkflow(wf.id, { trigger: 'New Ticket' })).assertSuccess();
		expect(run.output('AI Triage')).toEqual([
			expect.objectContaining({ ticketId: other, queue: 'First Level', tagIds: [] }),
		]);
		expect(e2e.fake.state.tickets.get(other)).toMatchObject({
			agentId: 7,
			priority: 'low',
			tagIds: [],
		});
	});

	test('triage-new-tickets published: a ticket created after publishing is triaged by the next poll, once', async () => {
		const template = templateWithCredential(
			'triage-new-tickets.json',
			e2e.credential,
			` ${Date.now()}`,
		);
		// The template polls every minute at a random second; here at a second 12 s from now.
		nodeNamed(template, 'New Ticket').parameters.pollTimes = {
			item: [
				{ mode: 'custom', cronExpression: `${(new Date().getUTCSeconds() + 12) % 60} * * * * *` },
			],
		};
		const wf = await e2e.n8n.createWorkflow(template);
		const before = await createTicket('Old invoice question');
		await e2e.n8n.activate(wf.id);
		try {
			const id = await createTicket('Where is my refund?');
			const [run] = await e2e.n8n.waitForExecutions(wf.id, 1, 80_000);
			expect(run.assertSuccess().output('AI Triage')).toEqual([
				expect.objectContaining({ ticketId: id, queue: 'Billing' }),
			]);
			expect(e2e.fake.received('PATCH', `/ticket/${id}`)).toHaveLength(1);
			expect(e2e.fake.received('PATCH', `/ticket/${before}`)).toHaveLength(0);
			expect(e2e.fake.state.tickets.get(id)).toMatchObject({
				agentId: 7,
				priority: 'medium',
				tagIds: [1],
			});
		} finally {
			await e2e.n8n.deactivate(wf.id);
		}
	}, 120_000);
});
