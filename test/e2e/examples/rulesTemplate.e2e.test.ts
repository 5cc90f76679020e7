import { randomUUID } from 'node:crypto';

import { DateTime } from 'luxon';

import { DEMO } from '../../fake-enneo/demoData';
import { edgeUpstreamsOf } from '../lib/edge';
import { loadConnection } from '../lib/n8n';
import { executionWorker } from '../lib/queue';
import { useE2e } from '../lib/setup';
import { usePublishedCallTemplate } from './templates';

/**
 * Also part of the queue suite (npm run test:e2e:queue): there the trigger answers by its rules in
 * the webhook process that holds the call (its lookups and its cache are that process's), and the
 * run after answering goes to a worker.
 */
const e2e = useE2e();
const connection = () => loadConnection();
const queueMode = () => connection().queue !== undefined;

/** What the template's "After hours" rule says for now (Mon–Fri 08:00–18:00, Berlin). */
function afterHoursNow(): boolean {
	const now = DateTime.now().setZone('Europe/Berlin');
	const minute = now.hour * 60 + now.minute;
	return !(now.weekday <= 5 && minute >= 8 * 60 && minute < 18 * 60);
}

describe('vip-inbound-routing-rules.json in n8n (the trigger answers by its rules)', () => {
	const { ring, published } = usePublishedCallTemplate(
		e2e,
		'vip-inbound-routing-rules.json',
		{ name: 'Rules routing secret', value: 'e2e-rules-secret-0123456789abcdef' },
		'enneo-inbound-call-rules',
	);

	test('a VIP (phone stored as digits) gets the VIP agent with the name, and the run logs the call with the customer', async () => {
		const { status, answer, ms, run } = await ring(DEMO.vipPhone);
		expect(status).toBe(200);
		expect(answer).toEqual({
			CallInBound: {
				OverrideAIAgentId: DEMO.vipAiAgentId,
				Variables: [{ Key: 'name', Value: 'Victoria Sterling' }],
			},
		});
		expect(ms).toBeLessThan(1500);
		expect(run.status).toBe('success');
		if (queueMode()) expect(executionWorker(connection(), run.id)).toMatch(/^worker-\d$/);
		expect(run.output('Inbound Call')[0]).toMatchObject({
			routing: { rule: { position: 1, name: 'VIP' } },
			customer: { id: DEMO.vipCustomerId },
			lookup: { status: 'found' },
		});
		const [logged] = e2e.fake.received('POST', '/telephony/callReceived');
		expect(logged.body).toMatchObject({
			phone: DEMO.vipPhone,
			customerId: String(DEMO.vipCustomerId),
			callerName: 'Victoria Sterling',
		});
	});

	test('the service hotline goes to its IVR, whoever calls', async () => {
		const { answer, run } = await ring(DEMO.regularPhone, '+49 30 12345699');
		expect(answer).toEqual({ CallInBound: { OverrideIvrId: 12 } });
		expect(run.output('Inbound Call')[0]).toMatchObject({
			routing: { rule: { name: 'Service hotline' } },
		});
	});

	test('an unknown or anonymous caller on the main line: after-hours IVR or the default, by the Berlin clock', async () => {
		const expected = afterHoursNow()
			? { CallInBound: { OverrideIvrId: 20 } }
			: { CallInBound: { OverrideAIAgentId: 123 } };
		expect((await ring('+4940999999')).answer).toEqual(expected);
		const searches = e2e.fake.received('GET', '/customer/search').length;
		const anonymous = await ring('anonymous');
		expect(anonymous.answer).toEqual(expected);
		expect(anonymous.ms).toBeLessThan(1500);
		expect(e2e.fake.received('GET', '/customer/search')).toHaveLength(searches);
	});

	test('a burst of 20 calls from one number costs one lookup (in queue mode: one per webhook process it reached)', async () => {
		const before = e2e.fake.received('GET', '/customer/search').length;
		const sessions = Array.from({ length: 20 }, () => `burst-${randomUUID()}`);
		const answers = await Promise.all(
			sessions.map(async (sessionId) => {
				const response = await e2e.n8n.webhook(published.webhookPath, {
					body: {
						Event: 'CallInBound',
						SessionId: sessionId,
						SdkAppId: 1400692008,
						CallInBound: {
							AIAgentId: 123,
							IvrId: 0,
							Caller: '+4915200000003',
							Callee: '+4930123456000',
						},
					},
				});
				return (await response.json()) as unknown;
			}),
		);
		published.calls += 20;
		// Customer 84003 carries the VIP tag in the demo data.
		for (const answer of answers)
			expect(answer).toMatchObject({ CallInBound: { OverrideAIAgentId: DEMO.vipAiAgentId } });
		await e2e.n8n.waitForExecutions(published.workflowId, published.calls);
		// Each n8n process caches for itself: the edge spread the calls over its webhook processes.
		const { edgeAccessLog } = connection();
		const upstreams = edgeAccessLog ? sessions.map((id) => edgeUpstreamsOf(edgeAccessLog, id)) : [];
		if (queueMode()) for (const seen of upstreams) expect(seen).toHaveLength(1);
		const processes = queueMode() ? new Set(upstreams.flat()).size : 1;
		expect(e2e.fake.received('GET', '/customer/search').length - before).toBe(processes);
	});
});
