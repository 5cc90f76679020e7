/**
 * examples/escalated-callers-to-human-queue.json published in n8n: a ringing call is answered by
 * the caller's open tickets. A customer with an open ticket tagged Escalated goes to the human
 * queue's IVR with the ticket ID; everyone else keeps the number's default routing.
 */
import { DEMO } from '../../fake-enneo/demoData';
import { useE2e } from '../lib/setup';
import { usePublishedCallTemplate } from './templates';

const e2e = useE2e();
/** Enneo's demo data: the tag the template looks for, and the IVR the template routes to. */
const ESCALATED_TAG_ID = 4;
const HUMAN_QUEUE_IVR_ID = 30;
const REGULAR_CUSTOMER_ID = '83772'; // Max Mustermann, DEMO.regularPhone
/** The AI agent bound to the number in every ring (usePublishedCallTemplate). */
const BOUND_AI_AGENT_ID = 123;

describe('escalated-callers-to-human-queue.json in n8n', () => {
	const { ring } = usePublishedCallTemplate(
		e2e,
		'escalated-callers-to-human-queue.json',
		{ name: 'Escalation routing secret', value: 'e2e-escalation-secret-0123456789abcdef' },
		'enneo-inbound-call-escalations',
	);

	/** The customer's tickets, oldest first, in the fake's state. */
	const ticketsOf = (customerId: string) =>
		[...e2e.fake.state.tickets.values()].filter((t) => t.customerId === customerId);

	test('a customer with an open Escalated ticket goes to the human queue, with the ticket ID and name', async () => {
		const [escalated] = ticketsOf(REGULAR_CUSTOMER_ID).filter((t) => t.status === 'open');
		escalated.tagIds = [1, ESCALATED_TAG_ID];

		const { sessionId, status, answer, ms, run } = await ring(DEMO.regularPhone);

		expect(status).toBe(200);
		expect(ms).toBeLessThan(3500); // answered by the workflow, not by the deadline's fallback
		expect(answer).toEqual({
			CallInBound: {
				OverrideIvrId: HUMAN_QUEUE_IVR_ID,
				Variables: [
					{ Key: 'ticketId', Value: String(escalated.id) },
					{ Key: 'name', Value: 'Max Mustermann' },
				],
			},
		});
		expect(run.status).toBe('success');
		expect(Object.keys(run.runData)).not.toContain('Keep Default Routing');
		// One search for this customer's open tickets with the tag; nothing wider.
		const searches = e2e.fake.received('POST', '/ticket/search');
		expect(searches).toHaveLength(1);
		expect(searches[0].body).toMatchObject({ limit: 5 });
		const filters = JSON.stringify(searches[0].body);
		expect(filters).toContain(REGULAR_CUSTOMER_ID);
		expect(filters).toContain('open');
		expect(filters).toContain(String(ESCALATED_TAG_ID));
		expect(e2e.fake.received('POST', '/telephony/callReceived').map((r) => r.body)).toEqual([
			{
				routing: 'external',
				direction: 'in',
				phone: DEMO.regularPhone,
				channelId: sessionId,
				callerName: 'Max Mustermann',
				customerId: REGULAR_CUSTOMER_ID,
			},
		]);
	});

	test('an Escalated ticket that is closed does not count: the default routing', async () => {
		const [closed] = ticketsOf(REGULAR_CUSTOMER_ID);
		Object.assign(closed, { status: 'closed', tagIds: [ESCALATED_TAG_ID] });

		const { answer, run } = await ring(DEMO.regularPhone);

		expect(answer).toEqual({ CallInBound: { OverrideAIAgentId: BOUND_AI_AGENT_ID } });
		expect(run.status).toBe('success');
		expect(Object.keys(run.runData)).not.toContain('Route to Human Queue');
		expect(e2e.fake.received('POST', '/ticket/search')).toHaveLength(1);
		expect(e2e.fake.received('POST', '/telephony/callReceived')).toHaveLength(1);
	});

	test("an unknown caller keeps the default routing without searching anyone's tickets", async () => {
		// Someone else's escalated ticket must never route an unknown caller.
		const [other] = ticketsOf('84001').filter((t) => t.status === 'open');
		other.tagIds = [ESCALATED_TAG_ID];

		const { sessionId, answer, ms, run } = await ring('+4940999999');

		expect(answer).toEqual({ CallInBound: { OverrideAIAgentId: BOUND_AI_AGENT_ID } });
		expect(ms).toBeLessThan(3500); // answered by Keep Default Routing, not by the deadline
		expect(run.status).toBe('success');
		// The lookup tries the forms Enneo may store the number in; no ticket search follows.
		expect(e2e.fake.received('GET', '/customer/search').length).toBeGreaterThan(0);
		for (const lookup of e2e.fake.received('GET', '/customer/search'))
			expect(['4940999999', '+4940999999']).toContain(lookup.query.q);
		expect(e2e.fake.received('POST', '/ticket/search')).toHaveLength(0);
		expect(e2e.fake.received('POST', '/telephony/callReceived').map((r) => r.body)).toEqual([
			{ routing: 'external', direction: 'in', phone: '+4940999999', channelId: sessionId },
		]);
	});

	test('Enneo failing the ticket search still answers the call in time, with the fallback', async () => {
		e2e.fake.fail({ method: 'POST', path: '/ticket/search', status: 500, times: Infinity });

		const { status, answer, ms } = await ring(DEMO.regularPhone);

		expect(status).toBe(200);
		expect(answer).toEqual({ CallInBound: { OverrideAIAgentId: BOUND_AI_AGENT_ID } });
		expect(ms).toBeLessThan(5000);
	});
});
