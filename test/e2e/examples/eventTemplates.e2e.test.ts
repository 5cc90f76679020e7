import { useE2e } from '../lib/setup';
import { templateWithCredential } from './templates';

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
});
