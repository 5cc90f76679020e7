import { DEMO } from '../../fake-enneo/demoData';
import { useE2e } from '../lib/setup';
import { templateWithCredential } from './templates';

const e2e = useE2e();

describe('call templates in n8n', () => {
	test('inbound-call-transcript creates the call ticket with the transcript, then connects the agent to it', async () => {
		const wf = await e2e.n8n.createWorkflow(templateWithCredential('inbound-call-transcript.json', e2e.credential, ` ${Date.now()}`));
		const run = (await e2e.n8n.runWorkflow(wf.id, { trigger: 'Start' })).assertSuccess();

		const [received] = e2e.fake.received('POST', '/telephony/callReceived');
		expect(received.body).toEqual({
			routing: 'external',
			direction: 'in',
			phone: DEMO.regularPhone, // "030 123456" with Default Country Code 49
			channelId: 'call_8f2a61c0',
			callerName: 'Max Mustermann',
			transcript: [
				{ speaker: 'bot', message: 'Welcome to Demo Energy. How can I help you?', timestamp: '2026-11-21T09:00:02Z' },
				{ speaker: 'customer', message: 'I want to report my meter reading: 4711 kWh.', timestamp: '2026-11-21T09:00:09Z' },
				{ speaker: 'bot', message: 'Thank you. I am connecting you to a colleague.', timestamp: '2026-11-21T09:00:15Z' },
			],
		});
		const [call] = run.output('Call Received');
		expect(call).toMatchObject({ ticketId: expect.any(Number), customerId: '83772' });
		const ticketId = call.ticketId as number;

		const ticket = e2e.fake.state.tickets.get(ticketId)!;
		expect(ticket).toMatchObject({ channel: 'phone', status: 'open', customerId: '83772', channelId: 'call_8f2a61c0', fromName: 'Max Mustermann' });
		const messages = [...e2e.fake.state.conversations.values()].filter((c) => c.ticketId === ticketId);
		expect(messages.map((m) => m.bodyPlain)).toEqual([
			'Welcome to Demo Energy. How can I help you?',
			'I want to report my meter reading: 4711 kWh.',
			'Thank you. I am connecting you to a colleague.',
		]);

		expect(e2e.fake.received('POST', '/telephony/agentConnected').map((r) => r.body)).toEqual([{ userId: 7, ticketId }]);
		expect(ticket).toMatchObject({ agentId: 7, connectedUserId: 7 });
		expect(run.output('Agent Connected')).toEqual([{ userId: 7, ticketId, success: true }]);
	});
});
