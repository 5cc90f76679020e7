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
import { allLogs, executionWorker, replaceWorker } from '../lib/queue';
import { useE2e } from '../lib/setup';

/**
 * n8n in queue mode (npm run test:e2e:queue): Postgres, Redis, one main, two `n8n webhook`
 * processes behind the round-robin proxy, two workers. The Enneo Trigger's webhook() runs in the
 * webhook process holding the call; the workflow runs on a worker, whose answer n8n relays back.
 */
const e2e = useE2e({ tickets: 1200 });
const { publish, respond, call, callNew } = useInboundCalls(e2e);
const connection = () => loadConnection();

async function proxyStats(): Promise<{ webhooks: Record<string, number> }> {
	return (await fetch(`${connection().webhookUrl}/__proxy/stats`)).json() as Promise<{
		webhooks: Record<string, number>;
	}>;
}

test('the set-up is what it claims: queue mode, two webhook processes, two workers', () => {
	const { queue } = connection();
	expect(queue?.webhooks).toHaveLength(2);
	expect(queue?.workers).toHaveLength(2);
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
		const before = await proxyStats();
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
		const after = await proxyStats();
		for (const name of Object.keys(after.webhooks))
			expect(after.webhooks[name] - (before.webhooks[name] ?? 0)).toBe(10);

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

	test('round robin: the retry reaches the other webhook process, which does not know the call and runs the workflow again', async () => {
		const event = callEvent();
		const first = await call(trigger, event);
		const retry = await call(trigger, event); // the proxy alternates: the other process
		expect(first.body).toEqual({ CallInBound: { OverrideIvrId: 77 } });
		expect(retry.body).toEqual({ CallInBound: { OverrideIvrId: 77 } });
		const runs = await e2e.n8n.waitForExecutions(workflowId, 2);
		const ofCall = runs.filter((r) => r.output('Enneo Trigger')[0]?.sessionId === event.SessionId);
		expect(ofCall).toHaveLength(2);
		// Neither process saw the other's delivery: both runs think they are the first.
		expect(ofCall.map((r) => r.output('Enneo Trigger')[0].isRetry)).toEqual([false, false]);
	});

	test('sticky by SessionId: every delivery reaches the process holding the call, one run, one answer', async () => {
		const before = (await e2e.n8n.listExecutions(workflowId)).length;
		const event = callEvent();
		const first = call(trigger, event, { sticky: true });
		await sleep(300);
		const inFlightRetry = await call(trigger, event, { sticky: true });
		const later = await call(trigger, event, { sticky: true });
		expect((await first).body).toEqual({ CallInBound: { OverrideIvrId: 77 } });
		expect(inFlightRetry.body).toEqual({ CallInBound: { OverrideIvrId: 77 } });
		expect(later.body).toEqual({ CallInBound: { OverrideIvrId: 77 } });
		expect(later.ms).toBeLessThan(500);
		await e2e.n8n.waitForExecutions(workflowId, before + 1);
		await sleep(1500);
		expect(await e2e.n8n.listExecutions(workflowId)).toHaveLength(before + 1);
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
