import { randomUUID } from 'node:crypto';

import {
	callEvent,
	enneoTrigger,
	failingNode,
	useInboundCalls,
	waitNode,
} from '../lib/inboundCalls';
import {
	codeNode,
	linearWorkflow,
	loadConnection,
	manualTrigger,
	perTicketWorkflow,
	sleep,
	updateManyParameters,
} from '../lib/n8n';
import { edgeUpstreamsOf, edgeWebhookCounts, readEdgeLog } from '../lib/edge';
import { allLogs, executionWorker, replaceWorker } from '../lib/queue';
import { useE2e } from '../lib/setup';

/**
 * n8n in queue mode (npm run test:e2e:queue): Postgres, Redis, one main, two `n8n webhook`
 * processes behind the edge (Debian's nginx with deploy/nginx/enneo-edge.conf.template), two
 * workers, every process with the shipped settings (deploy/n8n.env). The Enneo Trigger's webhook()
 * runs in the webhook process holding the call; the workflow runs on a worker, whose answer n8n
 * relays back.
 */
const e2e = useE2e({ tickets: 1200 });
const { publish, respond, call, callNew } = useInboundCalls(e2e);
const connection = () => loadConnection();
const accessLog = () => connection().edgeAccessLog!;
const webhookProcesses = () => connection().queue!.webhooks.map((w) => `127.0.0.1:${w.port}`);

test('the set-up is what it claims: queue mode, two webhook processes behind the edge, two workers, the shipped settings', () => {
	const { queue, env, webhookUrl, edgeAccessLog } = connection();
	expect(queue?.webhooks).toHaveLength(2);
	expect(queue?.workers).toHaveLength(2);
	expect(edgeAccessLog).toBeDefined();
	expect(webhookUrl).not.toBe(connection().baseUrl);
	expect(env).toMatchObject({
		N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
		N8N_PAYLOAD_SIZE_MAX: '4',
		N8N_PROXY_HOPS: '1',
	});
});

describe("default trigger settings: the worker's answer is relayed to the caller", () => {
	const trigger = enneoTrigger();
	let workflowId = '';
	beforeAll(async () => {
		workflowId = (
			await publish('Queue answers', [
				trigger,
				respond({
					routing: 'aiAgent',
					aiAgentId: '={{ 388 }}',
					variables: { variable: [{ key: 'session', value: '={{ $json.sessionId }}' }] },
				}),
			])
		).id;
	});

	test('20 calls through both webhook processes: every one answered by the workflow, well within the deadline', async () => {
		const before = edgeWebhookCounts(accessLog());
		const replies = [];
		for (let i = 0; i < 20; i++) {
			const sessionId = randomUUID();
			const reply = await call(trigger, callEvent({}, sessionId));
			replies.push(reply);
			expect(reply.status).toBe(200);
			expect(reply.body).toEqual({
				CallInBound: { OverrideAIAgentId: 388, Variables: [{ Key: 'session', Value: sessionId }] },
			});
		}
		// The fallback would come at 3.5 s; the relay takes a fraction of that.
		expect(Math.max(...replies.map((r) => r.ms))).toBeLessThan(3000);
		// The body hash spreads 20 different calls over both processes (all on one: 2 in 2^20).
		await sleep(200);
		const after = edgeWebhookCounts(accessLog());
		const reached = webhookProcesses().map((w) => (after[w] ?? 0) - (before[w] ?? 0));
		expect(reached.reduce((a, b) => a + b, 0)).toBe(20);
		for (const count of reached) expect(count).toBeGreaterThan(0);

		const runs = await e2e.n8n.waitForExecutions(workflowId, 20);
		for (const run of runs) {
			run.assertSuccess();
			expect(run.output('Respond')[0].inboundCallAnswer).toMatchObject({
				status: 'relayed',
				answer: { CallInBound: { OverrideAIAgentId: 388 } },
			});
			expect(executionWorker(connection(), run.id)).toMatch(/^worker-\d$/);
		}
	});

	test('10 calls at once are all answered by the workflow', async () => {
		const sessions = Array.from({ length: 10 }, () => randomUUID());
		const replies = await Promise.all(
			sessions.map((sessionId) => call(trigger, callEvent({}, sessionId))),
		);
		replies.forEach((reply, i) =>
			expect(reply.body).toEqual({
				CallInBound: {
					OverrideAIAgentId: 388,
					Variables: [{ Key: 'session', Value: sessions[i] }],
				},
			}),
		);
		expect(Math.max(...replies.map((r) => r.ms))).toBeLessThan(3500);
	});
});

describe('the webhook process answers with the fallback when the worker cannot', () => {
	test('a slow workflow: the fallback at the deadline, sent by the webhook process', async () => {
		const { workflow, reply } = await callNew('Queue slow', { answerDeadlineMs: 1000 }, [
			waitNode(2),
			respond({ routing: 'aiAgent', aiAgentId: 999 }),
		]);
		expect(reply.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		expect(reply.ms).toBeGreaterThanOrEqual(950);
		expect(reply.ms).toBeLessThan(2000);
		const [run] = await e2e.n8n.waitForExecutions(workflow.id, 1);
		run.assertSuccess();
		// The worker does not know the call: it hands its late answer to n8n, the webhook process drops it.
		expect(run.output('Respond')[0].inboundCallAnswer).toMatchObject({
			status: 'relayed',
			answer: { CallInBound: { OverrideAIAgentId: 999 } },
		});
		expect(allLogs(connection())).not.toContain('Cannot set headers');
	});

	test('a failed run on the worker: the webhook process learns the run is over and sends the fallback at once', async () => {
		const { reply } = await callNew(
			'Queue error at once',
			{ answerDeadlineMs: 4000, fallbackRouting: 'ivr', fallbackIvrId: 32 },
			[failingNode(), respond({ routing: 'hangUp' })],
		);
		expect(reply.body).toEqual({ CallInBound: { OverrideIvrId: 32 } });
		expect(reply.headers.get('x-enneo-answered-by')).toBe('fallback; reason=workflowError');
		expect(reply.ms).toBeLessThan(2000);
	});

	test('a run on the worker that ends without answering: the fallback at once', async () => {
		const { reply } = await callNew(
			'Queue ends without answer',
			{ answerDeadlineMs: 4000, fallbackRouting: 'ivr', fallbackIvrId: 33 },
			[codeNode('Nothing', 'return [];'), respond({ routing: 'hangUp' })],
		);
		expect(reply.body).toEqual({ CallInBound: { OverrideIvrId: 33 } });
		expect(reply.headers.get('x-enneo-answered-by')).toBe(
			'fallback; reason=workflowFinishedWithoutAnswer',
		);
		expect(reply.ms).toBeLessThan(2000);
	});

	test('the worker running the call dies: the caller still gets the fallback at the deadline', async () => {
		const trigger = enneoTrigger({
			parameters: { answerDeadlineMs: 2500, fallbackRouting: 'ivr', fallbackIvrId: 41 },
		});
		const workflow = await publish('Queue worker dies', [
			trigger,
			waitNode(6),
			respond({ routing: 'ivr', ivrId: 42 }),
		]);
		const pending = call(trigger, callEvent());
		// Find the worker that took the run, then kill it like a crashed machine would.
		let victim: string | undefined;
		const deadline = Date.now() + 2000;
		while (!victim && Date.now() < deadline) {
			const [running] = await e2e.n8n.listExecutions(workflow.id);
			if (running) victim = executionWorker(connection(), running.id);
			if (!victim) await sleep(50);
		}
		expect(victim).toBeDefined();
		await replaceWorker(connection(), victim!, { killOnly: true });
		const reply = await pending;
		expect(reply.status).toBe(200);
		expect(reply.body).toEqual({ CallInBound: { OverrideIvrId: 41 } });
		expect(reply.ms).toBeGreaterThanOrEqual(2450);
		expect(reply.ms).toBeLessThan(4000);
		// A replacement worker: the remaining tests run on two workers again.
		await replaceWorker(connection(), victim!);
	});
});

describe('platform retries (the same SessionId again) with two webhook processes', () => {
	const trigger = enneoTrigger({ parameters: { answerDeadlineMs: 3000 } });
	let workflowId = '';
	beforeAll(async () => {
		workflowId = (
			await publish('Queue retries', [trigger, waitNode(1), respond({ routing: 'ivr', ivrId: 77 })])
		).id;
	});

	test('past the edge, straight to the other webhook process: a retry there is a new call, with a second run', async () => {
		const [one, other] = connection().queue!.webhooks;
		const event = callEvent();
		const first = await call(trigger, event, { baseUrl: `http://127.0.0.1:${one.port}` });
		const retry = await call(trigger, event, { baseUrl: `http://127.0.0.1:${other.port}` });
		expect(first.body).toEqual({ CallInBound: { OverrideIvrId: 77 } });
		expect(retry.body).toEqual({ CallInBound: { OverrideIvrId: 77 } });
		const runs = await e2e.n8n.waitForExecutions(workflowId, 2);
		const ofCall = runs.filter((r) => r.output('Enneo Trigger')[0]?.sessionId === event.SessionId);
		expect(ofCall).toHaveLength(2);
		// Neither process saw the other's delivery: both runs think they are the first.
		expect(ofCall.map((r) => r.output('Enneo Trigger')[0].isRetry)).toEqual([false, false]);
	});

	test('through the edge: 8 calls, each delivered three times (in flight and after the answer), each reaches one webhook process: one run per call, one answer', async () => {
		const before = (await e2e.n8n.listExecutions(workflowId)).length;
		const events = Array.from({ length: 8 }, () => callEvent());
		const firsts = events.map((event) => call(trigger, event));
		await sleep(300);
		const inFlightRetries = await Promise.all(events.map((event) => call(trigger, event)));
		const laterRetries = await Promise.all(events.map((event) => call(trigger, event)));
		for (const reply of [...(await Promise.all(firsts)), ...inFlightRetries, ...laterRetries])
			expect(reply.body).toEqual({ CallInBound: { OverrideIvrId: 77 } });
		// A retry after the answer gets the call's decision from the process that made it.
		for (const reply of laterRetries) expect(reply.ms).toBeLessThan(1500);
		await e2e.n8n.waitForExecutions(workflowId, before + events.length);
		await sleep(1500);
		expect(await e2e.n8n.listExecutions(workflowId)).toHaveLength(before + events.length);
		const upstreams = events.map((event) => edgeUpstreamsOf(accessLog(), event.SessionId));
		for (const seen of upstreams) {
			expect(seen).toHaveLength(3);
			expect(new Set(seen).size).toBe(1);
		}
		// …and the calls were not all sent to one process (8 on one: 2 in 2^8).
		expect(new Set(upstreams.map((seen) => seen[0])).size).toBe(2);
	});
});

describe('the edge (nginx) refuses what no CallInBound looks like, before n8n sees it', () => {
	const trigger = enneoTrigger();
	let workflowId = '';
	beforeAll(async () => {
		workflowId = (await publish('Queue edge', [trigger, respond({ routing: 'ivr', ivrId: 5 })])).id;
	});

	const none: Record<string, string> = {};
	test.each([
		{ what: 'GET', method: 'GET', body: undefined, headers: none, status: 405 },
		{ what: 'PROPFIND', method: 'PROPFIND', body: '{}', headers: none, status: 405 },
		{
			what: 'a body over 64 KB',
			method: 'POST',
			body: JSON.stringify({ ...callEvent(), pad: 'x'.repeat(70_000) }),
			headers: none,
			status: 413,
		},
		{
			what: 'Content-Encoding: gzip',
			method: 'POST',
			body: JSON.stringify(callEvent()),
			headers: { 'content-encoding': 'gzip' },
			status: 415,
		},
	])('$what → $status from the edge, no run', async ({ method, body, headers, status }) => {
		const response = await e2e.n8n.webhook(`${trigger.webhookId}/${trigger.path}`, {
			method,
			body,
			headers: { 'content-type': 'application/json', ...headers },
		});
		expect(response.status).toBe(status);
		await sleep(200);
		const logged = readEdgeLog(accessLog()).filter((e) => e.uri.includes(trigger.path));
		expect(logged.at(-1)).toMatchObject({ method, status, upstream: '-' });
	});

	test('a call still passes, and a forged X-Forwarded-For is replaced by the caller address the edge saw', async () => {
		const reply = await call(trigger, callEvent(), { headers: { 'x-forwarded-for': '10.9.9.9' } });
		expect(reply.body).toEqual({ CallInBound: { OverrideIvrId: 5 } });
		const allowOnlyForged = enneoTrigger({ parameters: { options: { ipAllowlist: '10.9.9.9' } } });
		await publish('Queue edge allowlist', [allowOnlyForged, respond({ routing: 'ivr', ivrId: 6 })]);
		const refused = await call(allowOnlyForged, callEvent(), {
			headers: { 'x-forwarded-for': '10.9.9.9' },
		});
		expect(refused.status).toBe(403);
		// The one call that passed is the only run: none of the refused requests started one.
		expect(await e2e.n8n.waitForExecutions(workflowId, 1)).toHaveLength(1);
	});
});

describe('a burst of slow calls under the shipped settings', () => {
	test('16 calls at once into Trigger → Wait 6 s → Respond: every caller gets the fallback, none an empty answer; calls into a fast workflow during it get their own answer', async () => {
		const slow = enneoTrigger();
		const slowWorkflow = await publish('Queue burst slow', [
			slow,
			waitNode(6),
			respond({ routing: 'aiAgent', aiAgentId: 999 }),
		]);
		const fast = enneoTrigger();
		await publish('Queue burst fast', [fast, respond({ routing: 'aiAgent', aiAgentId: 388 })]);
		const burst = Array.from({ length: 16 }, () => call(slow, callEvent()));
		await sleep(1000);
		const during = await Promise.all([call(fast, callEvent()), call(fast, callEvent())]);
		const replies = await Promise.all(burst);
		for (const reply of replies) {
			expect(reply.status).toBe(200);
			// The default fallback, Keep Default Routing: the agent the number is bound to.
			expect(reply.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		}
		for (const reply of during)
			expect(reply.body).toEqual({ CallInBound: { OverrideAIAgentId: 388 } });
		const runs = await e2e.n8n.waitForExecutions(slowWorkflow.id, 16, 90_000);
		for (const run of runs) run.assertSuccess();
		expect(allLogs(connection())).not.toContain('Cannot set headers');
	});
});

describe('Enneo operations on the workers', () => {
	test('Get Many with Return All runs on a worker and walks all pages', async () => {
		const wf = await e2e.n8n.createWorkflow(
			linearWorkflow('queue get many', [
				manualTrigger(),
				e2e.enneo({ parameters: { resource: 'ticket', operation: 'getMany', returnAll: true } }),
			]),
		);
		const run = (await e2e.n8n.runWorkflow(wf.id)).assertSuccess();
		expect(executionWorker(connection(), run.id)).toMatch(/^worker-\d$/);
		expect(run.output('Enneo')).toHaveLength(1200);
		expect(e2e.fake.received('POST', '/ticket/search')).toHaveLength(3);
	});

	test('Update Many runs on a worker and sends 4 batches for 350 tickets', async () => {
		const ids = e2e.ticketIds(350);
		const wf = await e2e.n8n.createWorkflow(
			perTicketWorkflow(
				'queue update many',
				ids,
				e2e.enneo({ parameters: updateManyParameters({ priority: 'high' }) }),
			),
		);
		const run = (await e2e.n8n.runWorkflow(wf.id)).assertSuccess();
		expect(executionWorker(connection(), run.id)).toMatch(/^worker-\d$/);
		expect(e2e.fake.received('PATCH', '/ticket').map((p) => (p.body as unknown[]).length)).toEqual([
			100, 100, 100, 50,
		]);
		expect(run.items('Enneo')).toHaveLength(350);
		expect(e2e.fake.state.tickets.get(ids[349])!.priority).toBe('high');
	});
});
