/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests and tools), never part of the package */
import { randomBytes, randomUUID } from 'node:crypto';

import type { HostileOutcome } from '../../../bench/fuzz/hostile';
import {
	hostileRequest,
	hostileRequests,
	N8N_CORE_5XX_KINDS,
	sendAll,
	sendHostile,
	summarize,
} from '../../../bench/fuzz/hostile';
import type { NormalCall } from '../../../bench/fuzz/normalCalls';
import { latency, ringOnSchedule, ringTogether } from '../../../bench/fuzz/normalCalls';
import { templateWithCredential } from '../examples/templates';
import { useE2e } from '../lib/setup';

/**
 * A slice of the hostile-traffic harness (bench/fuzz, `npm run fuzz`) against the published VIP
 * routing template: malformed and hostile CallInBound requests must never get a 5xx or an empty
 * (hang-up) answer, and a long Caller must not hold up the calls ringing next to it.
 */
const e2e = useE2e();
const secret = randomBytes(24).toString('hex');
let path = '';
/** Where production webhooks answer (the load balancer in queue mode). */
let webhookBase = '';
let callUrl = '';
let workflowId = '';

/** The platform's deadline: an answer later than this is a missed call (it re-sends). */
const PLATFORM_DEADLINE_MS = 5_000;

/** The problems that fail the test (a refused odd call or a connection closed on broken framing do not). */
const failures = (outcomes: HostileOutcome[]) =>
	summarize(outcomes)
		.problems.filter((p) => !['call refused', 'no answer'].includes(p.problem))
		.map(
			(p) =>
				`${p.problem}: ${p.kind} × ${p.count} → ${p.status} (${p.maxMs} ms) ${p.body.slice(0, 120)} | sent ${p.sent}`,
		);

beforeAll(async () => {
	const webhookSecret = await e2e.n8n.createCredential({
		name: `Hostile e2e ${randomUUID().slice(0, 6)}`,
		type: 'enneoInboundCallWebhookApi',
		data: { secret },
	});
	const workflow = templateWithCredential(
		'vip-inbound-routing.json',
		e2e.credential,
		` (hostile ${Date.now()})`,
		{ enneoInboundCallWebhookApi: webhookSecret },
	);
	const trigger = workflow.nodes.find((n) => n.name === 'Inbound Call')!;
	trigger.webhookId = randomUUID();
	const created = await e2e.n8n.createWorkflow(workflow);
	await e2e.n8n.activate(created.id);
	workflowId = created.id;
	path = `${trigger.webhookId}/${(trigger.parameters as { path: string }).path}`;
	webhookBase = e2e.n8n.connection.webhookUrl ?? e2e.n8n.baseUrl;
	callUrl = `${webhookBase}/webhook/${path}?token=${secret}`;
	await ringOnSchedule(callUrl, { intervalMs: 100, count: 6 }); // warm-up
});

afterAll(async () => {
	if (workflowId) await e2e.n8n.deactivate(workflowId).catch(() => undefined);
});

// The fake Enneo's state is reset before each test (useE2e); these tests ring calls, they read no state.

test('a few hundred hostile requests while calls ring: no 5xx, no hang-up, nothing past 10 s, every call answered right', async () => {
	const requests = hostileRequests(
		{ path, tokenName: 'token', token: secret },
		{
			count: 200,
			seed: 9,
			exclude: [...N8N_CORE_5XX_KINDS, 'long'],
			maxBodyBytes: 2 * 1024 * 1024,
			limits: { huge: 3, deep: 6, calls: 20, framing: 6 },
		},
	);
	let done = false;
	const ringing = ringOnSchedule(callUrl, { intervalMs: 400, until: () => done });
	const outcomes = await sendAll(webhookBase, requests, {
		concurrency: 4,
		timeoutMs: 15_000,
	}).finally(() => (done = true));
	const calls = await ringing;

	const summary = summarize(outcomes);
	// Every 5xx, hang-up, answer past 10 s or injected value, with its kind, answer and what was sent.
	expect(failures(outcomes)).toEqual([]);
	expect(summary.requests).toBe(200);
	const normal = latency(calls);
	const late = calls
		.filter((c) => !c.ok || c.hangUp || c.ms > PLATFORM_DEADLINE_MS)
		.map((c) => `${c.caller}: ${c.status} in ${Math.round(c.ms)} ms ${c.body.slice(0, 80)}`);
	expect({
		wrongAnswers: normal.wrongAnswers,
		hangUps: normal.hangUps,
		overDeadline: normal.over5s,
		late,
	}).toEqual({ wrongAnswers: 0, hangUps: 0, overDeadline: 0, late: [] });
	expect((await e2e.n8n.get('/healthz')).status).toBe(200);
}, 90_000);

test('a 60 KB and an 80 KB Caller do not hold up 10 calls ringing at the same time (p99 within 1.5× of a quiet run)', async () => {
	// Quiet: the same 10 calls at once, twice, without hostile traffic.
	const quiet: NormalCall[] = [
		...(await ringTogether(callUrl, 10)),
		...(await ringTogether(callUrl, 10, 10)),
	];

	const target = { path, tokenName: 'token', token: secret };
	const long = [
		hostileRequest(target, 'long.caller.spaces60k'),
		hostileRequest(target, 'long.caller.spaces80KB'),
	];
	const hostile = Promise.all(
		long.map((request) => sendHostile(webhookBase, request, { timeoutMs: 15_000 })),
	);
	await new Promise((r) => setTimeout(r, 50));
	const underFire = await ringTogether(callUrl, 10);
	const longOutcomes = await hostile;

	const quietP99 = latency(quiet).p99;
	const fired = latency(underFire);
	const detail = `quiet p99 ${quietP99} ms; with the long Callers ${underFire.map((c) => Math.round(c.ms)).join(', ')} ms; long Callers: ${longOutcomes.map((o) => `${o.status} in ${Math.round(o.ms)} ms ${o.body.slice(0, 80)}`).join('; ')}`;
	expect({
		wrongAnswers: fired.wrongAnswers,
		hangUps: fired.hangUps,
		overDeadline: fired.over5s,
		detail,
	}).toEqual({ wrongAnswers: 0, hangUps: 0, overDeadline: 0, detail });
	expect({ p99WithinOneAndAHalfQuiet: fired.p99 <= 1.5 * quietP99, detail }).toEqual({
		p99WithinOneAndAHalfQuiet: true,
		detail,
	});
	// The long Callers themselves: refused (400) or routed, never a 5xx or a hang-up, within the deadline.
	for (const outcome of longOutcomes) {
		expect({
			kind: outcome.kind,
			fiveXx: outcome.status >= 500,
			hangUp: outcome.hangUp,
			late: outcome.ms > PLATFORM_DEADLINE_MS,
			body: outcome.body.slice(0, 120),
		}).toEqual({
			kind: outcome.kind,
			fiveXx: false,
			hangUp: false,
			late: false,
			body: expect.any(String),
		});
	}
}, 90_000);
