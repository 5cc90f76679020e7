import { DEMO } from '../../fake-enneo/demoData';
import { useE2e } from '../lib/setup';
import { templateWithCredential, usePublishedCallTemplate } from './templates';

const e2e = useE2e();

describe('call templates in n8n', () => {
	test('inbound-call-transcript creates the call ticket with the transcript, then connects the agent to it', async () => {
		const wf = await e2e.n8n.createWorkflow(
			templateWithCredential('inbound-call-transcript.json', e2e.credential, ` ${Date.now()}`),
		);
		const run = (await e2e.n8n.runWorkflow(wf.id, { trigger: 'Start' })).assertSuccess();

		const [received] = e2e.fake.received('POST', '/telephony/callReceived');
		expect(received.body).toEqual({
			routing: 'external',
			direction: 'in',
			phone: DEMO.regularPhone, // "030 123456" with Default Country Code 49
			channelId: 'call_8f2a61c0',
			callerName: 'Max Mustermann',
			transcript: [
				{
					speaker: 'bot',
					message: 'Welcome to Demo Energy. How can I help you?',
					timestamp: '2026-11-21T09:00:02Z',
				},
				{
					speaker: 'customer',
					message: 'I want to report my meter reading: 4711 kWh.',
					timestamp: '2026-11-21T09:00:09Z',
				},
				{
					speaker: 'bot',
					message: 'Thank you. I am connecting you to a colleague.',
					timestamp: '2026-11-21T09:00:15Z',
				},
			],
		});
		const [call] = run.output('Call Received');
		expect(call).toMatchObject({ ticketId: expect.any(Number), customerId: '83772' });
		const ticketId = call.ticketId as number;

		const ticket = e2e.fake.state.tickets.get(ticketId)!;
		expect(ticket).toMatchObject({
			channel: 'phone',
			status: 'open',
			customerId: '83772',
			channelId: 'call_8f2a61c0',
			fromName: 'Max Mustermann',
		});
		const messages = [...e2e.fake.state.conversations.values()].filter(
			(c) => c.ticketId === ticketId,
		);
		expect(messages.map((m) => m.bodyPlain)).toEqual([
			'Welcome to Demo Energy. How can I help you?',
			'I want to report my meter reading: 4711 kWh.',
			'Thank you. I am connecting you to a colleague.',
		]);

		expect(e2e.fake.received('POST', '/telephony/agentConnected').map((r) => r.body)).toEqual([
			{ userId: 7, ticketId },
		]);
		expect(ticket).toMatchObject({ agentId: 7, connectedUserId: 7 });
		expect(run.output('Agent Connected')).toEqual([{ userId: 7, ticketId, success: true }]);
	});
});

describe('vip-inbound-routing.json in n8n', () => {
	const { ring } = usePublishedCallTemplate(
		e2e,
		'vip-inbound-routing.json',
		{ name: 'VIP routing secret', value: 'e2e-webhook-secret-0123456789abcdef' },
		'enneo-inbound-call',
	);

	test('a VIP caller goes to the VIP AI agent with their name, and the call ticket is created for them', async () => {
		const { sessionId, status, answer, run } = await ring(DEMO.vipPhone);

		expect(status).toBe(200);
		expect(answer.CallInBound.OverrideAIAgentId).toBe(DEMO.vipAiAgentId);
		expect(JSON.stringify(answer.CallInBound.Variables)).toContain('Victoria Sterling');
		expect(run.status).toBe('success');
		// The VIP's phone is stored as digits (docs/enneo-api-notes.md#phones); the lookup searches that form.
		expect(e2e.fake.received('GET', '/customer/search').map((r) => r.query.q)).toEqual([
			DEMO.vipPhone.slice(1),
		]);
		expect(Object.keys(run.runData)).not.toContain('Keep Default Routing');

		const [logged] = e2e.fake.received('POST', '/telephony/callReceived');
		expect(logged.body).toEqual({
			routing: 'external',
			direction: 'in',
			phone: DEMO.vipPhone,
			channelId: sessionId,
			callerName: 'Victoria Sterling',
			customerId: String(DEMO.vipCustomerId),
		});
		const ticketId = run.output('Log Call in Enneo')[0].ticketId as number;
		expect(e2e.fake.state.tickets.get(ticketId)).toMatchObject({
			customerId: String(DEMO.vipCustomerId),
			channelId: sessionId,
			channel: 'phone',
		});
	});

	test('a known customer without the VIP tag keeps the default routing and still gets a call ticket', async () => {
		const { sessionId, answer, run } = await ring(DEMO.regularPhone);

		expect(answer.CallInBound.OverrideAIAgentId ?? DEMO.defaultAiAgentId).toBe(
			DEMO.defaultAiAgentId,
		);
		expect(JSON.stringify(answer)).not.toContain(String(DEMO.vipAiAgentId));
		expect(run.status).toBe('success');
		expect(Object.keys(run.runData)).not.toContain('Route to VIP Agent');
		expect(e2e.fake.received('POST', '/telephony/callReceived').map((r) => r.body)).toEqual([
			expect.objectContaining({
				phone: DEMO.regularPhone,
				channelId: sessionId,
				customerId: '83772',
				callerName: 'Max Mustermann',
			}),
		]);
	});

	test('an unknown number keeps the default routing and logs the call without a customer', async () => {
		const { sessionId, answer, run } = await ring('+4940999999');

		expect(JSON.stringify(answer)).not.toContain(String(DEMO.vipAiAgentId));
		expect(run.status).toBe('success');
		const [logged] = e2e.fake.received('POST', '/telephony/callReceived');
		expect(logged.body).toEqual({
			routing: 'external',
			direction: 'in',
			phone: '+4940999999',
			channelId: sessionId,
		});
	});

	test.each([['anonymous'], [''], ['unknown'], ['sip:caller@pbx.example.com'], ['110']])(
		'an odd caller (%p) keeps the default routing at once, not at the deadline, and the call is still logged',
		async (caller) => {
			const { status, answer, ms, run } = await ring(caller);

			expect(status).toBe(200);
			expect(answer).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
			expect(ms).toBeLessThan(1500);
			expect(run.status).toBe('success');
			// No number to look up: the search finds no one without asking Enneo.
			expect(e2e.fake.received('GET', '/customer/search')).toHaveLength(0);
			const [logged] = e2e.fake.received('POST', '/telephony/callReceived');
			// Recorded as the platform reported it (E.164 when it is a number); an empty caller is left out.
			expect(logged.body).toEqual({
				routing: 'external',
				direction: 'in',
				channelId: expect.any(String),
				...(caller ? { phone: caller } : {}),
			});
		},
	);
});
