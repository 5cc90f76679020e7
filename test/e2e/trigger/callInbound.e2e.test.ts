/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals -- a fixture secret for the test credential, not a real one; runs in Node outside n8n (tests), never part of the package */
import { randomUUID } from 'node:crypto';

import {
	callEvent,
	enneoTrigger,
	failingNode,
	line,
	useInboundCalls,
	vipFlow,
	waitNode,
} from '../lib/inboundCalls';
import { DEMO } from '../../fake-enneo/demoData';
import { codeNode, loadConnection, sleep } from '../lib/n8n';
import { allLogs } from '../lib/queue';
import { useE2e } from '../lib/setup';
import { callEventItem } from '../../harness/inboundCall';

/**
 * The Enneo Trigger and Inbound Call → Respond inside a real n8n (2.41 or 1.123; also in queue mode
 * with npm run test:e2e:queue), through the LIVE webhook URL of published workflows
 * (/webhook/<webhookId>/<path>).
 */
const e2e = useE2e();
const SECRET = 'e2e-secret-0123456789abcdef';
const { published, publish, respond, call, callNew } = useInboundCalls(e2e);

const n8nLog = () => allLogs(loadConnection());
/**
 * The Respond action's summary. In queue mode the run is on a worker, which does not hold the call:
 * the action hands its answer to n8n and reports `relayed` (test/e2e/queue covers what the caller gets).
 */
const summary = (singleProcess: Record<string, unknown>, answer?: unknown) =>
	loadConnection().queue
		? { status: 'relayed', ...(answer === undefined ? {} : { answer }) }
		: { ...singleProcess, ...(answer === undefined ? {} : { answer }) };

describe('answers through the live webhook', () => {
	const trigger = enneoTrigger();
	beforeAll(async () => {
		// Routing and IDs come from the SessionId prefix, so one workflow covers every answer kind.
		await publish('CallInBound answers', [
			trigger,
			respond({
				routing: '={{ $json.sessionId.split(":")[0] }}',
				aiAgentId: '={{ 388 }}',
				ivrId: '={{ 12 }}',
				variables: {
					variable: [
						{ key: 'name', value: '={{ "Xiao " + $json.callerE164.slice(-4) }}' },
						{ key: 'bound', value: '={{ $json.aiAgentBound }}' },
					],
				},
			}),
		]);
	});

	/** The variables the Respond node above sends with every answer but Hang Up. */
	const variablesSent = [
		{ Key: 'name', Value: 'Xiao 8888' },
		{ Key: 'bound', Value: 'true' },
	];

	test.each([
		[
			'aiAgent',
			{
				CallInBound: {
					OverrideAIAgentId: 388,
					Variables: variablesSent,
				},
			},
		],
		[
			'ivr',
			{
				CallInBound: {
					OverrideIvrId: 12,
					Variables: variablesSent,
				},
			},
		],
		[
			'keepDefault',
			{
				CallInBound: {
					OverrideAIAgentId: 123,
					Variables: variablesSent,
				},
			},
		],
		['hangUp', { CallInBound: {} }],
	])('%s', async (routing, expected) => {
		const reply = await call(trigger, callEvent({}, `${routing}:${randomUUID()}`));
		expect(reply.status).toBe(200);
		expect(reply.body).toEqual(expected);
		expect(reply.headers.get('content-type')).toContain('application/json');
	});

	test("the execution shows the call item and the action's answer summary", async () => {
		const sessionId = `ivr:${randomUUID()}`;
		await call(trigger, callEvent({}, sessionId));
		const workflowId = published[0];
		const runs = await e2e.n8n.waitForExecutions(workflowId, 5);
		const run = runs.find((r) => r.output('Enneo Trigger')[0]?.sessionId === sessionId)!;
		run.assertSuccess();
		expect(run.output('Enneo Trigger')[0]).toMatchObject({
			sessionId,
			...callEventItem,
		});
		expect(run.output('Respond')[0].inboundCallAnswer).toMatchObject(
			summary({ status: 'sent' }, { CallInBound: { OverrideIvrId: 12 } }),
		);
	});

	test.each(['application/octet-stream', 'application/vnd.telephony+json'])(
		'JSON sent as %s (n8n does not read such bodies for version 2 nodes) is answered',
		async (contentType) => {
			const reply = await call(trigger, undefined, {
				raw: JSON.stringify(callEvent({}, `aiAgent:${randomUUID()}`)),
				headers: { 'content-type': contentType },
			});
			expect(reply.status).toBe(200);
			expect(reply.body).toEqual({
				CallInBound: {
					OverrideAIAgentId: 388,
					Variables: variablesSent,
				},
			});
		},
	);
});

describe('a version 1 trigger (workflows saved before version 2)', () => {
	const trigger = enneoTrigger({ typeVersion: 1 });
	beforeAll(async () => {
		await publish('CallInBound version 1', [trigger, respond({ routing: 'ivr', ivrId: 7 })]);
	});

	test.each(['application/json', 'application/octet-stream'])(
		'answers a call sent as %s',
		async (contentType) => {
			const reply = await call(trigger, undefined, {
				raw: JSON.stringify(callEvent()),
				headers: { 'content-type': contentType },
			});
			expect(reply.status).toBe(200);
			expect(reply.body).toEqual({ CallInBound: { OverrideIvrId: 7 } });
		},
	);
});

describe('bad requests: 4xx JSON error, no execution', () => {
	const trigger = enneoTrigger();
	let workflowId = '';
	beforeAll(async () => {
		workflowId = (
			await publish('CallInBound bad requests', [trigger, respond({ routing: 'keepDefault' })])
		).id;
	});

	test.each([
		[
			'text that is not JSON',
			{ raw: 'hello', headers: { 'content-type': 'text/plain' } },
			400,
			'invalidJson',
		],
		['a JSON array', { raw: '[1]' }, 400, 'notAnObject'],
		['another Event', { body: { ...callEvent(), Event: 'CallEnd' } }, 400, 'unsupportedEvent'],
		['no SessionId', { body: { ...callEvent(), SessionId: undefined } }, 400, 'missingSessionId'],
		['a wrong type', { body: callEvent({ IvrId: 'x' }) }, 400, 'invalidIvrId'],
	])('%s', async (_name, request, status, code) => {
		const reply = await call(
			trigger,
			(request as { body?: unknown }).body,
			request as { raw?: string; headers?: Record<string, string> },
		);
		expect(reply.status).toBe(status);
		expect(reply.body).toEqual({ error: { code, message: expect.any(String) } });
	});

	test('malformed JSON sent as application/json is refused by n8n itself (422) before the node runs', async () => {
		const reply = await call(trigger, undefined, { raw: '{"Event":' });
		expect(reply.status).toBe(422);
	});

	test('none of them started an execution', async () => {
		await sleep(500);
		expect(await e2e.n8n.listExecutions(workflowId)).toHaveLength(0);
	});
});

describe('authentication', () => {
	let credential: { id: string; name: string };
	beforeAll(async () => {
		credential = await e2e.n8n.createCredential({
			name: `Inbound webhook ${randomUUID().slice(0, 6)}`,
			type: 'enneoInboundCallWebhookApi',
			data: { secret: SECRET, user: 'telephony' },
		});
	});

	async function secured(parameters: Record<string, unknown>) {
		const trigger = enneoTrigger({ parameters, credential });
		const workflow = await publish(`CallInBound auth ${String(parameters.authentication)}`, [
			trigger,
			respond({ routing: 'ivr', ivrId: 5 }),
		]);
		return { trigger, workflowId: workflow.id };
	}

	test('the credential test asks for a long secret', async () => {
		expect(
			await e2e.n8n.testCredential({
				type: 'enneoInboundCallWebhookApi',
				data: { secret: 'short' },
			}),
		).toMatchObject({ status: 'Error' });
	});

	test('Query Token: right token answers, wrong or missing token is 401 and runs nothing', async () => {
		const { trigger, workflowId } = await secured({ authentication: 'queryToken' });
		expect((await call(trigger, callEvent(), { query: `?token=${SECRET}` })).body).toEqual({
			CallInBound: { OverrideIvrId: 5 },
		});
		const wrong = await call(trigger, callEvent(), { query: '?token=guess' });
		expect(wrong.status).toBe(401);
		expect(JSON.stringify(wrong.body)).not.toContain(SECRET);
		expect((await call(trigger, callEvent())).status).toBe(401);
		await sleep(500);
		expect(await e2e.n8n.listExecutions(workflowId)).toHaveLength(1);
	});

	test('Header Token', async () => {
		const { trigger, workflowId } = await secured({
			authentication: 'headerToken',
			headerName: 'X-Webhook-Token',
		});
		expect(
			(await call(trigger, callEvent(), { headers: { 'x-webhook-token': SECRET } })).status,
		).toBe(200);
		expect(
			(await call(trigger, callEvent(), { headers: { 'x-webhook-token': `${SECRET}x` } })).status,
		).toBe(401);
		await sleep(500);
		expect(await e2e.n8n.listExecutions(workflowId)).toHaveLength(1);
	});

	test('Basic Auth', async () => {
		const { trigger, workflowId } = await secured({ authentication: 'basicAuth' });
		const basic = (user: string, password: string) => ({
			authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
		});
		expect((await call(trigger, callEvent(), { headers: basic('telephony', SECRET) })).status).toBe(
			200,
		);
		const wrong = await call(trigger, callEvent(), { headers: basic('telephony', 'nope') });
		expect(wrong.status).toBe(401);
		expect(wrong.headers.get('www-authenticate')).toContain('Basic');
		await sleep(500);
		expect(await e2e.n8n.listExecutions(workflowId)).toHaveLength(1);
	});

	test('IP allowlist: 127.0.0.1 passes 127.0.0.0/8 (n8n may report it IPv4-mapped) and is refused by other ranges', async () => {
		const allowed = await secured({
			authentication: 'none',
			options: { ipAllowlist: '127.0.0.0/8' },
		});
		expect((await call(allowed.trigger, callEvent())).status).toBe(200);
		const refused = await secured({
			authentication: 'none',
			options: { ipAllowlist: '10.0.0.0/8, 2001:db8::/32, 192.0.2.1' },
		});
		const reply = await call(refused.trigger, callEvent());
		expect(reply.status).toBe(403);
		expect(reply.body).toMatchObject({ error: { code: 'ipNotAllowed' } });
		await sleep(500);
		expect(await e2e.n8n.listExecutions(refused.workflowId)).toHaveLength(0);
	});
});

describe('deadline fallback, late answers, retries, errors', () => {
	test('a slow workflow: fallback at the deadline, the late answer is dropped and recorded, n8n stays healthy', async () => {
		const { workflow, reply } = await callNew('CallInBound slow', { answerDeadlineMs: 1000 }, [
			waitNode(2),
			respond({ routing: 'aiAgent', aiAgentId: '={{ 999 }}' }),
		]);
		expect(reply.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		expect(reply.ms).toBeGreaterThanOrEqual(950);
		expect(reply.ms).toBeLessThan(2000);
		const [run] = await e2e.n8n.waitForExecutions(workflow.id, 1);
		run.assertSuccess();
		expect(run.output('Respond')[0].inboundCallAnswer).toMatchObject(
			summary(
				{
					status: 'dropped-late',
					sentAnswer: { CallInBound: { OverrideAIAgentId: 123 } },
					answeredBy: 'fallback',
					fallbackReason: 'deadline',
				},
				{ CallInBound: { OverrideAIAgentId: 999 } },
			),
		);
		expect((await e2e.n8n.get('/healthz')).status).toBe(200);
		expect(n8nLog()).not.toContain('Cannot set headers');
	});

	test('a retried SessionId starts no second execution and gets the same answer', async () => {
		const trigger = enneoTrigger({ parameters: { answerDeadlineMs: 4000 } });
		const workflow = await publish('CallInBound retry', [
			trigger,
			waitNode(1),
			respond({ routing: 'ivr', ivrId: 77 }),
		]);
		const event = callEvent();
		// In queue mode the edge's body hash keeps the call's deliveries on one webhook process (README: Deployment).
		const first = call(trigger, event);
		await sleep(300);
		const retry = await call(trigger, event);
		expect(retry.body).toEqual({ CallInBound: { OverrideIvrId: 77 } });
		expect((await first).body).toEqual({ CallInBound: { OverrideIvrId: 77 } });
		const again = await call(trigger, event);
		expect(again.body).toEqual({ CallInBound: { OverrideIvrId: 77 } });
		expect(again.ms).toBeLessThan(500);
		await e2e.n8n.waitForExecutions(workflow.id, 1);
		await sleep(1000);
		expect(await e2e.n8n.listExecutions(workflow.id)).toHaveLength(1);
	});

	test('an error inside the workflow gives the caller the fallback as soon as the run fails', async () => {
		const { workflow, reply } = await callNew(
			'CallInBound error',
			{ answerDeadlineMs: 4000, fallbackRouting: 'ivr', fallbackIvrId: 31 },
			[failingNode(), respond({ routing: 'hangUp' })],
		);
		expect(reply.status).toBe(200);
		expect(reply.body).toEqual({ CallInBound: { OverrideIvrId: 31 } });
		// n8n 1.x in one process writes the same empty answer at the end of a failed run as of a
		// successful one; 2.x and queue mode (job-finished) tell the failure apart.
		const failureSeen = e2e.n8n.n8nMajor > 1 || Boolean(loadConnection().queue);
		const reason = failureSeen ? 'workflowError' : 'workflowFinishedWithoutAnswer';
		expect(reply.headers.get('x-enneo-answered-by')).toBe(`fallback; reason=${reason}`);
		expect(reply.ms).toBeLessThan(1500);
		const [run] = await e2e.n8n.waitForExecutions(workflow.id, 1);
		expect(run.status).toBe('error');
		expect(n8nLog()).toContain(
			failureSeen
				? 'the run failed before an Inbound Call → Respond answered'
				: 'the run ended without an Inbound Call → Respond',
		);
		expect(n8nLog()).not.toContain('Cannot set headers');
	});

	test("When Last Node Finishes: the last node's CallInBound is the answer", async () => {
		const { reply } = await callNew('CallInBound last node', { responseMode: 'lastNode' }, [
			codeNode(
				'Decide',
				'return [{ json: { CallInBound: { OverrideIvrId: 4, Variables: [{ Key: "vip", Value: true }] } } }];',
			),
		]);
		expect(reply.body).toEqual({
			CallInBound: { OverrideIvrId: 4, Variables: [{ Key: 'vip', Value: 'true' }] },
		});
	});

	test('Immediately: the fallback at once while the workflow runs on', async () => {
		const { workflow, reply } = await callNew(
			'CallInBound immediately',
			{ responseMode: 'immediately' },
			[waitNode(1), respond({ routing: 'ivr', ivrId: 2 })],
		);
		expect(reply.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		expect(reply.ms).toBeLessThan(900);
		const [run] = await e2e.n8n.waitForExecutions(workflow.id, 1);
		expect(run.output('Respond')[0].inboundCallAnswer).toMatchObject(
			summary({ status: 'dropped-late', answeredBy: 'immediate' }),
		);
	});
});

describe('the editor\'s "Listen for test event"', () => {
	test('the test URL runs the workflow once in manual mode and answers the call', async () => {
		const trigger = enneoTrigger();
		const workflow = await e2e.n8n.createWorkflow(
			line('CallInBound test URL', [trigger, respond({ routing: 'ivr', ivrId: 9 })]),
		);
		const started = await e2e.n8n.startManualRun(workflow.id, 'Enneo Trigger');
		expect(started.waitingForWebhook).toBe(true);
		const response = await e2e.n8n.webhook(`${trigger.webhookId}/${trigger.path}`, {
			test: true,
			body: callEvent(),
		});
		expect(await response.json()).toEqual({ CallInBound: { OverrideIvrId: 9 } });
		const [run] = await e2e.n8n.waitForExecutions(workflow.id, 1);
		expect(run.raw.mode).toBe('manual');
		expect(run.output('Respond')[0].inboundCallAnswer).toMatchObject(summary({ status: 'sent' }));
	});
});

/** Rings the VIP flow as the demo VIP and a regular caller: 388 with the first name, the default. */
async function ringVipAndRegular(trigger: Parameters<typeof call>[0]) {
	const vip = await call(trigger, callEvent({ Caller: DEMO.vipPhone }));
	expect(vip.body).toEqual({
		CallInBound: {
			OverrideAIAgentId: DEMO.vipAiAgentId,
			Variables: [{ Key: 'name', Value: 'Victoria' }],
		},
	});
	const regular = await call(trigger, callEvent({ Caller: DEMO.regularPhone }));
	expect(regular.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
	return { vip, regular };
}

describe('the hand-built VIP flow (Customer Search → If VIP → Respond), without Always Output Data', () => {
	const trigger = enneoTrigger({ parameters: { answerDeadlineMs: 3500 } });
	let workflowId = '';
	beforeAll(async () => {
		workflowId = (await publish('CallInBound VIP flow', vipFlow(trigger, e2e.enneo))).id;
	});

	test('a VIP gets AI agent 388 with the first name, a regular caller the default routing', async () => {
		await ringVipAndRegular(trigger);
	});

	test('an unknown caller: Search returns no item, the run ends, and the fallback goes out at once', async () => {
		const event = callEvent({ Caller: '+4989000000099' });
		const reply = await call(trigger, event);
		expect(reply.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		expect(reply.headers.get('x-enneo-answered-by')).toBe(
			'fallback; reason=workflowFinishedWithoutAnswer',
		);
		// The deadline is 3.5 s; the answer follows the end of the run.
		expect(reply.ms).toBeLessThan(1500);
		const runs = await e2e.n8n.waitForExecutions(workflowId, 3);
		const run = runs.find((r) => r.output('Enneo Trigger')[0]?.sessionId === event.SessionId)!;
		run.assertSuccess();
		expect(run.output('Customer Search')).toEqual([]);
		expect(n8nLog()).toContain(`call ${event.SessionId} got the Fallback Answer`);
		expect(n8nLog()).toContain('the run ended without an Inbound Call → Respond');
	});
});

describe('the same flow at node version 4, as a new node is added: no setting to learn for unknown callers', () => {
	const trigger = enneoTrigger({ parameters: { answerDeadlineMs: 3500 } });
	beforeAll(async () => {
		await publish('CallInBound VIP flow v4', vipFlow(trigger, e2e.enneo, 4));
	});

	test('a VIP is greeted by first name; a regular and an unknown caller get the default routing from the If false branch', async () => {
		const { vip, regular } = await ringVipAndRegular(trigger);
		const unknown = await call(trigger, callEvent({ Caller: '+4989000000099' }));
		expect(unknown.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		// Answered by the workflow's Respond, not by the trigger's fallback.
		expect(unknown.headers.get('x-enneo-answered-by')).toBe('workflow');
		process.stderr.write(
			`[e2e] hand-built VIP flow v4: VIP ${vip.ms} ms, regular ${regular.ms} ms, unknown ${unknown.ms} ms\n`,
		);
		// Measured well under 0.5 s; the bound leaves room for a loaded CI machine.
		expect(unknown.ms).toBeLessThan(1500);
	});
});
