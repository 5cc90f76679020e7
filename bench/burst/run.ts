/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * A burst of slow calls: BENCH_BURST (100) CallInBound requests at the same moment into a workflow
 * that is slower than the deadline (Enneo Trigger with its defaults: fallback Keep Default Routing
 * at 3.5 s → Wait 6 s → Respond), while normal calls keep ringing the VIP routing template
 * (examples/vip-inbound-routing.json) every BENCH_NORMAL_INTERVAL_MS (250). Under n8n's default
 * settings and under the shipped ones (deploy/n8n.env), in one n8n process and in queue mode (main,
 * two webhook processes behind the edge, BENCH_QUEUE_WORKERS workers), one after the other in one
 * invocation, each in a fresh n8n.
 *
 *   npx tsx bench/burst/run.ts                        (also part of npm run bench)
 *   BENCH_BURST_MODES=single BENCH_BURST_SETTINGS=shipped npx tsx bench/burst/run.ts
 *
 * Per run: burst callers answered after 5 s (the platform's deadline: it re-sends, then gives up),
 * their p50/max, answers that are not the fallback (or empty), the normal calls placed during the
 * burst (p50/max, wrong answers, past 5 s), and the resident memory of all n8n processes before
 * the burst, at its peak (sampled every 200 ms) and 15 s after the last slow run ended. Writes
 * bench/results/burst.json. Not a test: no pass/fail on timings.
 */
import { enneoTrigger, waitNode } from '../../test/e2e/lib/inboundCalls';
import type { N8nInstance } from '../../test/e2e/lib/n8n';
import { enneoNode, linearWorkflow, shippedN8nSettings, sleep } from '../../test/e2e/lib/n8n';
import { latency, publishVipTemplate, ringOnSchedule } from '../fuzz/normalCalls';
import { callEvent, postTimed } from '../lib/calls';
import { log, runMain, startBenchEnv } from '../lib/env';
import { memoryOf, n8nServerPid } from '../lib/proc';
import { latencyStats, round } from '../lib/stats';
import type { Row } from '../report';
import { gitRevision, machine, saveJson } from '../report';

const BURST = Number(process.env.BENCH_BURST ?? 100);
const INTERVAL_MS = Number(process.env.BENCH_NORMAL_INTERVAL_MS ?? 250);
const QUEUE_WORKERS = Number(process.env.BENCH_QUEUE_WORKERS ?? 2);
const MODES = (process.env.BENCH_BURST_MODES ?? 'single,queue').split(',') as Array<
	'single' | 'queue'
>;
const SETTINGS = (process.env.BENCH_BURST_SETTINGS ?? 'default,shipped').split(',') as Array<
	'default' | 'shipped'
>;
const RESULT_NAME = process.env.BENCH_RESULT_NAME ?? 'burst';
/** The platform's deadline. */
const DEADLINE_MS = 5_000;
/** What the slow workflow's trigger answers at its deadline: Keep Default Routing, the bound agent. */
const FALLBACK = JSON.stringify({
	CallInBound: { OverrideAIAgentId: callEvent().CallInBound.AIAgentId },
});

/** Waits until `count` runs of the workflow have ended (n8n's list counts them; no run data is read). */
async function waitForEnded(
	n8n: N8nInstance,
	workflowId: string,
	count: number,
	timeoutMs: number,
) {
	const filter = encodeURIComponent(
		JSON.stringify({ workflowId, status: ['success', 'error', 'crashed', 'canceled'] }),
	);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const page = await n8n.rest<{ count?: number }>('GET', `/executions?filter=${filter}&limit=1`);
		if ((page.count ?? 0) >= count) return;
		if (Date.now() > deadline)
			throw new Error(`${page.count ?? 0} of ${count} runs ended after ${timeoutMs} ms`);
		await sleep(1_000);
	}
}

/** Every n8n server process of the set-up with its role (main, webhook-1, worker-1, …). */
function n8nProcesses(n8n: N8nInstance): Array<{ name: string; pid: number }> {
	const { connection } = n8n;
	if (!connection.queue) return [{ name: 'n8n', pid: n8nServerPid(connection.pid) }];
	return [
		{ name: 'main', pid: n8nServerPid(connection.pid) },
		...connection.queue.webhooks.map((w) => ({
			name: w.name,
			pid: n8nServerPid(w.pid, 'webhook'),
		})),
		...connection.queue.workers.map((w) => ({ name: w.name, pid: n8nServerPid(w.pid, 'worker') })),
	];
}

function rssMb(processes: Array<{ name: string; pid: number }>): Record<string, number> {
	const byName: Record<string, number> = {};
	for (const p of processes) {
		try {
			byName[p.name] = memoryOf(p.pid).rssMb;
		} catch {
			byName[p.name] = NaN; // gone: the report shows it
		}
	}
	return byName;
}
const total = (byName: Record<string, number>) =>
	Object.values(byName).reduce((sum, mb) => sum + mb, 0);

async function runOne(mode: 'single' | 'queue', settings: 'default' | 'shipped') {
	log(`${mode}, ${settings} settings: starting n8n`);
	const bench = await startBenchEnv({
		tickets: 50,
		recordBodies: false,
		env: { N8N_LOG_LEVEL: 'error', ...(settings === 'shipped' ? shippedN8nSettings() : {}) },
		queueWorkers: mode === 'queue' ? QUEUE_WORKERS : 0,
	});
	try {
		const { n8n, credential } = bench;
		const base = n8n.connection.webhookUrl ?? n8n.baseUrl;

		// The slow workflow, its trigger with every default (deadline 3.5 s, Keep Default Routing).
		const slow = enneoTrigger();
		const respond = enneoNode({
			name: 'Respond',
			credential,
			parameters: {
				resource: 'inboundCall',
				operation: 'respond',
				routing: 'aiAgent',
				aiAgentId: 999,
			},
		});
		const slowWorkflow = await n8n.createWorkflow(
			linearWorkflow('Burst: slow', [slow, waitNode(6), respond]),
		);
		await n8n.activate(slowWorkflow.id);
		const slowUrl = `${base}/webhook/${slow.webhookId}/${slow.path}`;

		// The normal calls: the VIP routing template as a user publishes it.
		const vip = await publishVipTemplate(n8n, credential, ' (burst)');
		const vipUrl = `${base}/webhook/${vip.path}?token=${vip.secret}`;

		log('warming up');
		await ringOnSchedule(vipUrl, { intervalMs: 100, count: 10 });
		await Promise.all(Array.from({ length: 3 }, () => postTimed(slowUrl, callEvent())));
		await waitForEnded(n8n, slowWorkflow.id, 3, 60_000);
		await sleep(5_000);

		const processes = n8nProcesses(n8n);
		const before = rssMb(processes);
		const peak: Record<string, number> = { ...before };
		const sampler = setInterval(() => {
			for (const [name, mb] of Object.entries(rssMb(processes)))
				if (!(mb <= peak[name])) peak[name] = mb;
			const sum = total(rssMb(processes));
			if (sum > peakTotal) peakTotal = sum;
		}, 200);
		sampler.unref(); // a failed run must not keep this process alive
		let peakTotal = total(before);

		log(
			`burst of ${BURST} calls into Trigger → Wait 6 s → Respond; normal calls every ${INTERVAL_MS} ms`,
		);
		let burstDone = false;
		const normal = ringOnSchedule(vipUrl, {
			intervalMs: INTERVAL_MS,
			until: () => burstDone,
			firstIndex: 1_000,
			timeoutMs: 30_000,
		});
		const replies = await Promise.all(
			Array.from({ length: BURST }, () => postTimed(slowUrl, callEvent(), { timeoutMs: 30_000 })),
		).finally(() => (burstDone = true));
		const normalCalls = await normal;
		await waitForEnded(n8n, slowWorkflow.id, 3 + BURST, 300_000);
		await sleep(15_000);
		clearInterval(sampler);
		const after = rssMb(processes);

		const ms = replies.map((r) => r.ms);
		const stats = latencyStats(ms);
		const normalStats = latency(normalCalls);
		const mb = (n: number) => Math.round(n);
		return {
			row: {
				mode: mode === 'queue' ? `queue (2 webhook, ${QUEUE_WORKERS} workers)` : 'one process',
				settings: settings === 'shipped' ? 'shipped (deploy/n8n.env)' : 'n8n defaults',
				[`past 5 s of ${BURST}`]: replies.filter((r) => r.ms > DEADLINE_MS).length,
				'burst p50 ms': mb(stats.p50),
				'burst max ms': mb(stats.max),
				'not the fallback': replies.filter((r) => r.status !== 200 || r.text !== FALLBACK).length,
				'normal calls': normalStats.calls,
				'normal p50 ms': normalStats.p50,
				'normal max ms': normalStats.max,
				'normal wrong': normalStats.wrongAnswers,
				'normal past 5 s': normalStats.over5s,
				'RSS before MB': mb(total(before)),
				'RSS peak MB': mb(peakTotal),
				'RSS after MB': mb(total(after)),
			} satisfies Row,
			perProcess: { before, peak, after },
			wrongSamples: replies
				.filter((r) => r.status !== 200 || r.text !== FALLBACK)
				.slice(0, 5)
				.map((r) => ({ status: r.status, ms: round(r.ms), text: r.text.slice(0, 200) })),
		};
	} finally {
		await bench.close();
	}
}

async function main(): Promise<void> {
	const revision = gitRevision();
	const runs = [];
	// Settings alternate inside each mode, so the machine's load hits both alike.
	for (const mode of MODES)
		for (const settings of SETTINGS) runs.push(await runOne(mode, settings));
	const rows = runs.map((r) => r.row);
	const file = saveJson(RESULT_NAME, {
		name: RESULT_NAME,
		title: `A burst of ${BURST} simultaneous calls into a slow workflow (Trigger → Wait 6 s → Respond)`,
		method: `${BURST} CallInBound requests at once into Enneo Trigger (defaults: fallback at 3.5 s) → Wait 6 s → Respond, normal calls to the VIP routing template every ${INTERVAL_MS} ms during the burst; n8n defaults vs deploy/n8n.env, one process vs queue mode (2 webhook processes behind the edge, ${QUEUE_WORKERS} workers); RSS summed over every n8n process; commit ${revision}.`,
		date: new Date().toISOString(),
		machine: machine(),
		revision,
		rows,
		notes: [
			`Shipped settings: ${JSON.stringify(shippedN8nSettings())}.`,
			'RSS after: 15 s after the last slow run ended.',
		],
		runs,
	});
	console.log(rows.map((r) => JSON.stringify(r)).join('\n'));
	log(`saved ${file}`);
}

runMain(main);
