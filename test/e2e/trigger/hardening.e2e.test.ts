import { demoState } from '../../fake-enneo/demoData';
import { FakeEnneo } from '../../fake-enneo/server';
import { callEvent, enneoTrigger, useInboundCalls, waitNode } from '../lib/inboundCalls';
import { linearWorkflow, manualTrigger } from '../lib/n8n';
import { useE2e } from '../lib/setup';

/**
 * Hostile input, misconfiguration and a misbehaving Enneo, inside the real n8n: the allowlist
 * behind a proxy (the e2e n8n runs with N8N_PROXY_HOPS=1), deadlines from expressions, and the
 * transport's redirect and timeout behaviour with n8n's own HTTP helper.
 */
const e2e = useE2e();
const { publish, call, callNew } = useInboundCalls(e2e);

describe('IP allowlist behind a proxy (N8N_PROXY_HOPS=1)', () => {
	const trigger = enneoTrigger({
		parameters: { responseMode: 'immediately', options: { ipAllowlist: '10.0.0.0/8' } },
	});
	beforeAll(async () => {
		await publish('allowlist behind proxy', [trigger]);
	});

	test.each([
		['the address the proxy appended', '10.1.2.3', 200],
		['that address with a port', '10.1.2.3:5678', 200],
		['an IPv4-mapped IPv6 address', '::ffff:10.1.2.3', 200],
		['an address outside the list', '203.0.113.9', 403],
		[
			'a spoofed allowed address before the real one: only the last hop counts',
			'10.9.9.9, 203.0.113.9',
			403,
		],
		['a spoofed address before an allowed real one', '203.0.113.9, 10.1.2.3', 200],
	])('X-Forwarded-For with %s', async (_name, forwardedFor, status) => {
		const reply = await call(trigger, callEvent(), {
			headers: { 'x-forwarded-for': forwardedFor },
		});
		expect(reply.status).toBe(status);
		if (status === 403) {
			expect(reply.text).toContain('ipNotAllowed');
			expect(reply.text).not.toContain('203.0.113.9');
		}
	});

	test('without X-Forwarded-For the socket address (127.0.0.1) is checked', async () => {
		expect((await call(trigger, callEvent())).status).toBe(403);
	});
});

describe('deadline and fallback from expressions', () => {
	test('an Answer Deadline of {{ 6000 }} is clamped to 4.5 s: the fallback arrives before the platform gives up', async () => {
		// The run is still waiting when the deadline comes, so only the deadline answers (a run that
		// ends without an answer would get the fallback at once).
		const { reply } = await callNew('deadline by expression', { answerDeadlineMs: '={{ 6000 }}' }, [
			waitNode(8),
		]);
		expect(reply.status).toBe(200);
		expect(JSON.parse(reply.text)).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		expect(reply.ms).toBeGreaterThanOrEqual(4450);
		expect(reply.ms).toBeLessThan(5000);
	}, 30_000);

	test('a Caller of "1" + 60,000 spaces + "1" is a normal call with callerNumber null', async () => {
		const trigger = enneoTrigger({ parameters: { responseMode: 'immediately' } });
		const workflow = await publish('long caller', [trigger]);
		const reply = await call(trigger, callEvent({ Caller: `1${' '.repeat(60_000)}1` }));
		expect(reply.status).toBe(200);
		expect(JSON.parse(reply.text)).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		const [run] = await e2e.n8n.waitForExecutions(workflow.id, 1);
		const item = run.output('Enneo Trigger')[0];
		expect(item).toMatchObject({
			callerNumber: null,
			callerE164: null,
			warnings: expect.arrayContaining([expect.stringContaining('60002 characters')]),
		});
		expect(JSON.stringify(item).length).toBeLessThan(10_000);
	});
});

describe("transport faults with n8n's own HTTP helper", () => {
	const elsewhere = new FakeEnneo({ apiKey: 'elsewhere-key', state: demoState({ tickets: 5 }) });
	beforeAll(async () => {
		await elsewhere.start();
	});
	afterAll(async () => {
		await elsewhere.close();
	});

	test.each([
		[
			'GET (read)',
			301,
			{ resource: 'ticket', operation: 'get', ticketId: { __rl: true, mode: 'id', value: '1' } },
		],
		['POST (search)', 302, { resource: 'customer', operation: 'search', query: 'Sterling' }],
		[
			'POST (create)',
			307,
			{
				resource: 'telephony',
				operation: 'callReceived',
				routing: 'external',
				phone: '+4930123456',
			},
		],
	])(
		'a %s redirected to another host is not followed; the API key never reaches it',
		async (_name, status, parameters) => {
			e2e.fake.fail({ redirectTo: elsewhere.instanceUrl, status, times: Infinity });
			const wf = await e2e.n8n.createWorkflow(
				linearWorkflow(`redirect ${status}`, [manualTrigger(), e2e.enneo({ parameters })]),
			);
			const run = await e2e.n8n.runWorkflow(wf.id);
			expect(run.status).toBe('error');
			expect(run.error('Enneo')!.message).toBe(
				`Enneo answered with a redirect (${status}) to ${elsewhere.instanceUrl}; it was not followed`,
			);
			expect(elsewhere.requests).toHaveLength(0);
			expect(e2e.fake.received()).toHaveLength(1);
		},
	);

	test('a hung Enneo fails the item after Options → Timeout, with the transport message shown', async () => {
		e2e.fake.fail({ path: '/customer/search', hang: true, times: Infinity });
		const wf = await e2e.n8n.createWorkflow(
			linearWorkflow('hung enneo', [
				manualTrigger(),
				e2e.enneo({
					parameters: {
						resource: 'customer',
						operation: 'search',
						query: 'Sterling',
						options: { timeout: 1500 },
					},
				}),
			]),
		);
		const started = Date.now();
		const run = await e2e.n8n.runWorkflow(wf.id);
		expect(run.status).toBe('error');
		expect(run.error('Enneo')!.message).toBe(
			`Could not reach Enneo at ${e2e.fake.instanceUrl}/api/mind: Enneo did not answer within 1.5 s`,
		);
		expect(Date.now() - started).toBeLessThan(10_000);
	});

	test('Return All against an endpoint that ignores offset stops with a clear error', async () => {
		const state = demoState({ tickets: 1200 });
		state.ignoresOffset = true;
		e2e.fake.reset(state);
		const wf = await e2e.n8n.createWorkflow(
			linearWorkflow('ignores offset', [
				manualTrigger(),
				e2e.enneo({ parameters: { resource: 'ticket', operation: 'getMany', returnAll: true } }),
			]),
		);
		const run = await e2e.n8n.runWorkflow(wf.id);
		expect(run.status).toBe('error');
		expect(run.error('Enneo')!.message).toBe(
			'Enneo returned the same page twice for POST /ticket/search',
		);
		expect(e2e.fake.received('POST', '/ticket/search')).toHaveLength(2);
	});
});
