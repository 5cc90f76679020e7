/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * CallInBound answer latency in a real n8n 2.41: the Enneo VIP routing flow side by side with
 * n8n's floor (core Webhook, immediate answer) and the same routing built from core nodes, in ONE
 * n8n run, rounds interleaved so machine noise hits all three alike.
 *
 *   npm run bench                       (all benchmarks)   BENCH_CALLS=500 BENCH_CONCURRENCY=10
 *   npx tsx bench/callinbound/run.ts    (this one)
 *   BENCH_N8N_ENV='{"N8N_EXPRESSION_ENGINE_POOL_SIZE":"12"}' BENCH_RESULT_NAME=callinbound-pool12
 *     passes settings to n8n and names the result file
 *   BENCH_QUEUE_WORKERS=2 runs it in queue mode (test/e2e/lib/queue.ts: Postgres, Redis, main, two
 *     webhook processes behind the edge, nginx, that many workers); calls go through the edge
 *
 * Prints a table and writes bench/results/callinbound.json. Not a test: no pass/fail on timings.
 */
import { cpus } from 'node:os';

import { callerFor, callEvent, postTimed } from '../lib/calls';
import { log, runMain, startBenchEnv } from '../lib/env';
import { indexes, inFlight } from '../lib/load';
import { latencyStats } from '../lib/stats';
import { saveJson } from '../report';
import type { BenchFlow } from './workflows';
import { coreCredentialFlow, coreFlow, enneoFlow, floorFlow, webhookEnneoFlow } from './workflows';

const CALLS = Number(process.env.BENCH_CALLS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const N8N_ENV = JSON.parse(process.env.BENCH_N8N_ENV ?? '{}') as Record<string, string>;
const QUEUE_WORKERS = Number(process.env.BENCH_QUEUE_WORKERS ?? 0);
const RESULT_NAME =
	process.env.BENCH_RESULT_NAME ??
	(QUEUE_WORKERS ? `callinbound-queue-${QUEUE_WORKERS}w` : 'callinbound');
/** Calls answered this late got the trigger's fallback (default deadline 3.5 s), whatever it says. */
const FALLBACK_MS = 3400;

interface Sample {
	ms: number;
	ok: boolean;
}

async function oneCall(baseUrl: string, flow: BenchFlow, index: number): Promise<Sample> {
	const reply = await postTimed(
		`${baseUrl}/webhook/${flow.path}`,
		callEvent({ Caller: callerFor(index) }),
	);
	let ok = reply.status === 200;
	if (ok && flow.vipAnswer && index % 2 === 0) ok = reply.text === JSON.stringify(flow.vipAnswer);
	return { ms: reply.ms, ok };
}

/** `count` calls with `concurrency` callers in flight. */
function load(baseUrl: string, flow: BenchFlow, count: number, offset: number): Promise<Sample[]> {
	return inFlight(indexes(count), CONCURRENCY, (index) => oneCall(baseUrl, flow, offset + index));
}

async function main(): Promise<void> {
	log('packing the package and starting n8n');
	const bench = await startBenchEnv({
		tickets: 50,
		recordBodies: false,
		env: { N8N_LOG_LEVEL: 'error', ...N8N_ENV },
		queueWorkers: QUEUE_WORKERS,
	});
	try {
		const { n8n, fake, credential } = bench;
		const flows = [floorFlow(), enneoFlow(credential), coreFlow(fake)];
		if (process.env.BENCH_DIAGNOSE) {
			const header = await n8n.createCredential({
				name: 'Header bench',
				type: 'httpHeaderAuth',
				data: { name: 'Authorization', value: `Bearer ${fake.apiKey}` },
			});
			flows.push(coreCredentialFlow(header, fake), webhookEnneoFlow(credential, fake));
		}
		for (const flow of flows) {
			const created = await n8n.createWorkflow(flow.workflow);
			await n8n.activate(created.id);
		}
		const baseUrl = n8n.connection.webhookUrl ?? n8n.connection.baseUrl;
		for (const flow of flows) {
			const probe = await oneCall(baseUrl, flow, 0);
			if (!probe.ok) throw new Error(`${flow.key} flow does not answer the VIP caller correctly`);
			await load(baseUrl, flow, WARMUP, 1);
		}
		const samples: Record<string, Sample[]> = Object.fromEntries(
			flows.map((flow) => [flow.key, []]),
		);
		const perRound = Math.ceil(CALLS / ROUNDS);
		const wall: Record<string, number> = Object.fromEntries(flows.map((flow) => [flow.key, 0]));
		for (let round = 0; round < ROUNDS; round++) {
			for (const flow of flows) {
				const started = Date.now();
				samples[flow.key].push(...(await load(baseUrl, flow, perRound, round * perRound)));
				wall[flow.key] += Date.now() - started;
			}
			log(`round ${round + 1}/${ROUNDS} done`);
		}

		const results = flows.map((flow) => {
			const list = samples[flow.key];
			const ms = list.map((s) => s.ms);
			return {
				flow: flow.key,
				label: flow.label,
				calls: list.length,
				errors: list.filter((s) => !s.ok).length,
				fallbacks: list.filter((s) => s.ms >= FALLBACK_MS).length,
				...latencyStats(ms),
				mean: ms.reduce((a, b) => a + b, 0) / ms.length,
				callsPerSecond: (list.length / wall[flow.key]) * 1000,
			};
		});
		const by = Object.fromEntries(results.map((r) => [r.flow, r]));
		const ratio = (a: string, b: string) => ({
			p50: by[a].p50 / by[b].p50,
			p95: by[a].p95 / by[b].p95,
			p99: by[a].p99 / by[b].p99,
		});
		const report = {
			benchmark: 'callinbound',
			date: new Date().toISOString(),
			n8n: n8n.connection.n8nVersion,
			mode: QUEUE_WORKERS
				? `queue: main, 2 webhook processes, ${QUEUE_WORKERS} worker(s) --concurrency=10`
				: 'single process',
			machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
			settings: {
				callsPerFlow: CALLS,
				concurrency: CONCURRENCY,
				rounds: ROUNDS,
				warmupPerFlow: WARMUP,
				n8nEnv: N8N_ENV,
			},
			results,
			ratios: {
				enneoVsFloor: ratio('enneo', 'floor'),
				enneoVsCore: ratio('enneo', 'core'),
				coreVsFloor: ratio('core', 'floor'),
			},
		};

		const f = (n: number) => n.toFixed(1).padStart(8);
		console.log(
			`\nCallInBound answer latency, ms (${CALLS} calls per flow, ${CONCURRENCY} concurrent, n8n ${report.n8n}, ${report.mode}, ${cpus().length} CPUs)\n`,
		);
		console.log(
			`${'flow'.padEnd(66)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}${'max'.padStart(8)}${'calls/s'.padStart(9)}${'errors'.padStart(8)}${'≥3.4 s'.padStart(8)}`,
		);
		for (const r of results)
			console.log(
				`${r.label.padEnd(66)}${f(r.p50)}${f(r.p95)}${f(r.p99)}${f(r.max)}${r.callsPerSecond.toFixed(1).padStart(9)}${String(r.errors).padStart(8)}${String(r.fallbacks).padStart(8)}`,
			);
		const show = (name: string, x: { p50: number; p95: number; p99: number }) =>
			console.log(
				`${name.padEnd(66)}${x.p50.toFixed(2).padStart(8)}${x.p95.toFixed(2).padStart(8)}${x.p99.toFixed(2).padStart(8)}`,
			);
		console.log('\nratios');
		show('Enneo flow / n8n floor', report.ratios.enneoVsFloor);
		show('Enneo flow / core-node flow', report.ratios.enneoVsCore);
		show('core-node flow / n8n floor', report.ratios.coreVsFloor);

		saveJson(RESULT_NAME, report);
		log(`saved bench/results/${RESULT_NAME}.json`);
	} finally {
		await bench.close();
	}
}

runMain(main);
