/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- runs in Node outside n8n (benchmark), never part of the package */
/**
 * Routing rules vs the action-mode Enneo flow vs the same routing from core nodes vs n8n's floor,
 * side by side in ONE real n8n (default settings unless BENCH_N8N_ENV), rounds interleaved:
 *   - one call at a time and BENCH_CONCURRENCY (10) in flight: p50/p95/p99, calls/s;
 *   - a burst of BENCH_BURST (100) simultaneous calls, half of them VIP: how many VIP callers did
 *     not get the VIP answer (fallbacks at the deadline), per flow.
 *
 *   npx tsx bench/rules/run.ts        (also part of npm run bench)   BENCH_CALLS=300 BENCH_BURST=100
 *   BENCH_QUEUE_WORKERS=2 runs it in queue mode (test/e2e/lib/queue.ts: Postgres, Redis, main, two
 *     webhook processes behind the edge, nginx, that many workers); calls go through the edge, so
 *     the rules are applied (and their lookups cached) in the webhook processes
 *
 * Writes bench/results/rules.json. Not a test: it prints numbers and does not fail on them.
 */
import { cpus } from 'node:os';

import { sleep } from '../../test/e2e/lib/n8n';
import { callerFor, callEvent, postTimed } from '../lib/calls';
import { log, runMain, startBenchEnv } from '../lib/env';
import { indexes, inFlight } from '../lib/load';
import { latencyStats } from '../lib/stats';
import { saveJson } from '../report';
import type { BenchFlow } from '../callinbound/workflows';
import {
	coreFlow,
	enneoFlow,
	floorFlow,
	rulesFlow,
	rulesOnlyFlow,
	VIP_ANSWER,
} from '../callinbound/workflows';

const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BURST = Number(process.env.BENCH_BURST ?? 100);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const N8N_ENV = JSON.parse(process.env.BENCH_N8N_ENV ?? '{}') as Record<string, string>;
const QUEUE_WORKERS = Number(process.env.BENCH_QUEUE_WORKERS ?? 0);
const RESULT_NAME =
	process.env.BENCH_RESULT_NAME ?? (QUEUE_WORKERS ? `rules-queue-${QUEUE_WORKERS}w` : 'rules');

interface Sample {
	ms: number;
	ok: boolean;
	vip: boolean;
	gotVipAnswer: boolean;
}

async function oneCall(
	baseUrl: string,
	flow: BenchFlow,
	index: number,
): Promise<Sample & { text?: string }> {
	const vip = index % 2 === 0;
	const reply = await postTimed(
		`${baseUrl}/webhook/${flow.path}`,
		callEvent({ Caller: callerFor(index) }),
	);
	if (reply.error) return { ms: reply.ms, ok: false, vip, gotVipAnswer: false };
	const gotVipAnswer = reply.text === JSON.stringify(VIP_ANSWER);
	return {
		ms: reply.ms,
		ok: reply.status === 200 && (flow.vipAnswer === null || !vip || gotVipAnswer),
		vip,
		gotVipAnswer,
		text: `${reply.status} ${reply.text.slice(0, 300)}`,
	};
}

async function load(
	baseUrl: string,
	flow: BenchFlow,
	count: number,
	concurrency: number,
): Promise<{ samples: Sample[]; wallMs: number }> {
	const started = Date.now();
	const samples = await inFlight(indexes(count), concurrency, (index) =>
		oneCall(baseUrl, flow, index),
	);
	return { samples, wallMs: Date.now() - started };
}

function summarise(samples: Sample[], wallMs: number) {
	return {
		calls: samples.length,
		errors: samples.filter((s) => !s.ok).length,
		...latencyStats(samples.map((s) => s.ms)),
		callsPerSecond: (samples.length / wallMs) * 1000,
	};
}

async function main(): Promise<void> {
	log('packing the package and starting n8n (default settings unless BENCH_N8N_ENV)');
	const bench = await startBenchEnv({
		tickets: 50,
		recordBodies: false,
		env: { N8N_LOG_LEVEL: 'error', ...N8N_ENV },
		queueWorkers: QUEUE_WORKERS,
	});
	try {
		const { n8n, fake, credential } = bench;
		const flows = [
			floorFlow(),
			rulesFlow(credential),
			rulesOnlyFlow(credential),
			enneoFlow(credential),
			coreFlow(fake),
		];
		for (const flow of flows) {
			const created = await n8n.createWorkflow(flow.workflow);
			await n8n.activate(created.id);
		}
		const baseUrl = n8n.connection.webhookUrl ?? n8n.connection.baseUrl;
		for (const flow of flows) {
			const probe = await oneCall(baseUrl, flow, 0);
			if (!probe.ok)
				throw new Error(
					`${flow.key} flow does not answer the VIP caller correctly: ${probe.text ?? ''}`,
				);
			await load(baseUrl, flow, WARMUP, 1);
		}

		const results: Record<string, Record<string, ReturnType<typeof summarise>>> = {};
		for (const concurrency of [1, CONCURRENCY]) {
			const samples: Record<string, Sample[]> = Object.fromEntries(flows.map((f) => [f.key, []]));
			const wall: Record<string, number> = Object.fromEntries(flows.map((f) => [f.key, 0]));
			const perRound = Math.ceil((concurrency === 1 ? Math.min(CALLS, 100) : CALLS) / ROUNDS);
			for (let round = 0; round < ROUNDS; round++) {
				for (const flow of flows) {
					const run = await load(baseUrl, flow, perRound, concurrency);
					samples[flow.key].push(...run.samples);
					wall[flow.key] += run.wallMs;
					// Let runs still going in the background (rules mode answers before its run) finish.
					await sleep(1500);
				}
				log(`c=${concurrency} round ${round + 1}/${ROUNDS} done`);
			}
			results[`c${concurrency}`] = Object.fromEntries(
				flows.map((f) => [f.key, summarise(samples[f.key], wall[f.key])]),
			);
		}

		const burst: Record<
			string,
			{
				calls: number;
				vipCallers: number;
				vipMissed: number;
				errors: number;
				p50: number;
				p99: number;
				max: number;
			}
		> = {};
		for (const flow of flows.filter((f) => f.key !== 'floor')) {
			await sleep(3000);
			const samples = await Promise.all(
				Array.from({ length: BURST }, (_, index) => oneCall(baseUrl, flow, index)),
			);
			const latency = latencyStats(samples.map((s) => s.ms));
			const vips = samples.filter((s) => s.vip);
			burst[flow.key] = {
				calls: samples.length,
				vipCallers: vips.length,
				vipMissed: vips.filter((s) => !s.gotVipAnswer).length,
				errors: samples.filter((s) => !s.ok).length,
				p50: latency.p50,
				p99: latency.p99,
				max: latency.max,
			};
			log(`burst of ${BURST} on ${flow.key} done`);
		}

		const ratio = (c: string, a: string, b: string) => ({
			p50: results[c][a].p50 / results[c][b].p50,
			p95: results[c][a].p95 / results[c][b].p95,
			p99: results[c][a].p99 / results[c][b].p99,
		});
		const report = {
			benchmark: 'rules',
			date: new Date().toISOString(),
			n8n: n8n.connection.n8nVersion,
			machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
			settings: {
				callsPerFlow: CALLS,
				concurrency: CONCURRENCY,
				rounds: ROUNDS,
				burst: BURST,
				n8nEnv: N8N_ENV,
				queueWorkers: QUEUE_WORKERS,
			},
			labels: Object.fromEntries(flows.map((f) => [f.key, f.label])),
			results,
			burst,
			ratios: {
				rulesVsCoreC1: ratio('c1', 'rules', 'core'),
				rulesVsCoreC10: ratio(`c${CONCURRENCY}`, 'rules', 'core'),
				rulesOnlyVsCoreC1: ratio('c1', 'rulesOnly', 'core'),
				rulesOnlyVsCoreC10: ratio(`c${CONCURRENCY}`, 'rulesOnly', 'core'),
				rulesVsFloorC10: ratio(`c${CONCURRENCY}`, 'rules', 'floor'),
				actionVsCoreC10: ratio(`c${CONCURRENCY}`, 'enneo', 'core'),
			},
		};

		const f = (n: number) => n.toFixed(1).padStart(8);
		for (const [c, byFlow] of Object.entries(results)) {
			console.log(
				`\nCallInBound answer latency, ms, ${c === 'c1' ? 'one call at a time' : `${CONCURRENCY} in flight`} (n8n ${report.n8n}, ${cpus().length} CPUs)`,
			);
			console.log(
				`${'flow'.padEnd(62)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}${'max'.padStart(8)}${'calls/s'.padStart(9)}${'errors'.padStart(8)}`,
			);
			for (const flow of flows) {
				const r = byFlow[flow.key];
				console.log(
					`${flow.label.padEnd(62)}${f(r.p50)}${f(r.p95)}${f(r.p99)}${f(r.max)}${r.callsPerSecond.toFixed(1).padStart(9)}${String(r.errors).padStart(8)}`,
				);
			}
		}
		console.log(`\nBurst of ${BURST} simultaneous calls (half VIP)`);
		for (const [key, b] of Object.entries(burst))
			console.log(
				`${report.labels[key].padEnd(62)} VIP missed ${b.vipMissed}/${b.vipCallers}, p50 ${b.p50.toFixed(0)} ms, p99 ${b.p99.toFixed(0)} ms, max ${b.max.toFixed(0)} ms`,
			);
		console.log('\nratios (p50 / p95 / p99)');
		for (const [name, r] of Object.entries(report.ratios))
			console.log(
				`${name.padEnd(20)} ${r.p50.toFixed(2)} / ${r.p95.toFixed(2)} / ${r.p99.toFixed(2)}`,
			);

		saveJson(RESULT_NAME, report);
		log(`saved bench/results/${RESULT_NAME}.json`);
	} finally {
		await bench.close();
	}
}

runMain(main);
