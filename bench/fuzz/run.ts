/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * Hostile traffic against the Enneo Trigger inside a real n8n 2.41, while normal calls keep ringing
 * through the VIP routing template (examples/vip-inbound-routing.json, published with a Query
 * Token secret, Enneo = the fake with demo data).
 *
 *   npm run fuzz                       (exits 1 when a target below is missed)
 *   npx tsx bench/fuzz/run.ts          (also run by npm run bench; prints, never fails)
 *   npm run fuzz -- --edge             through the edge (Debian's nginx with
 *                                      deploy/nginx/enneo-edge.conf.template, token check on, the
 *                                      platform's address 127.0.0.1, every other one limited to
 *                                      2 requests/s, bursts of 5, 2 at once), n8n with the shipped settings
 *                                      (deploy/n8n.env), the hostile traffic from 127.0.0.2
 *
 * Phases, one n8n: warm-up → quiet (normal calls only) → solo (every hostile kind once, alone:
 * what each costs) → hostile (FUZZ_REQUESTS hostile requests,
 * FUZZ_CONCURRENCY in flight, normal calls on the same schedule) → quiet again.
 * Targets: 0 × 5xx, 0 hang-ups, 0 requests past 10 s, normal p99 under hostile traffic ≤ 1.5 × the
 * quiet p99. Writes bench/results/fuzz.json (read by bench/report.ts) and keeps n8n's log in
 * bench/results/fuzz-n8n.log.
 *
 * Settings (environment):
 *   FUZZ_REQUESTS=10000        hostile requests          FUZZ_CONCURRENCY=8     hostile requests in flight
 *   FUZZ_NORMAL_INTERVAL_MS=500  one normal call every …  FUZZ_QUIET_CALLS=100   normal calls per quiet phase
 *   FUZZ_SEED=1                same seed, same requests  FUZZ_TIMEOUT_MS=30000  client timeout per request
 *   FUZZ_MAX_BODY_MB=8         largest body (except the over-the-limit kinds)
 *   FUZZ_HUGE=12 FUZZ_LONG=12 FUZZ_DEEP=40 FUZZ_FRAMING=60 FUZZ_CALLS=3 % of requests: caps of heavy kinds
 *   FUZZ_N8N_ENV='{"N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE":"true"}'   settings for n8n
 *   FUZZ_SOLO=0                skip the solo run (every kind once, alone, before the mix)
 *   FUZZ_REVISION=<commit>     the commit ENNEO_BENCH_TARBALL was packed from (default: HEAD at start)
 *   FUZZ_RESULT_NAME=fuzz      result file name (fuzz-edge with --edge)    ENNEO_BENCH_TARBALL    reuse a packed tarball
 *   FUZZ_HOSTILE_FROM=127.0.0.2  the local address hostile requests leave from (default with --edge)
 *   FUZZ_HOSTILE_RATE=100       hostile requests per second at most (default 100 with --edge, else unpaced)
 *   FUZZ_MIN_HOSTILE_SECONDS=60  send the mix again (next seeds, at most 20 rounds) until the hostile
 *                              phase lasted this long (default 60 with --edge, else 0)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Edge } from '../../test/e2e/lib/edge';
import { startEdge } from '../../test/e2e/lib/edge';
import type { N8nInstance } from '../../test/e2e/lib/n8n';
import { killProcessGroup, shippedN8nSettings } from '../../test/e2e/lib/n8n';
import { runMain, startBenchEnv } from '../lib/env';
import { cpuMs, memoryOf, n8nServerPid } from '../lib/proc';
import type { Row } from '../report';
import { gitRevision, machine, RESULTS_DIR, saveJson } from '../report';
import type { HostileOutcome } from './hostile';
import {
	byKind,
	hostileKinds,
	hostileRequest,
	inFlightDuring,
	hostileRequests,
	sendAll,
	sendHostile,
	summarize,
} from './hostile';
import type { NormalCall } from './normalCalls';
import { latency, publishVipTemplate, ringOnSchedule } from './normalCalls';

const env = (name: string, fallback: number) =>
	process.env[name] !== undefined && process.env[name] !== ''
		? Number(process.env[name])
		: fallback;
const REQUESTS = env('FUZZ_REQUESTS', 10_000);
const CONCURRENCY = env('FUZZ_CONCURRENCY', 8);
const INTERVAL_MS = env('FUZZ_NORMAL_INTERVAL_MS', 500);
const QUIET_CALLS = env('FUZZ_QUIET_CALLS', 100);
const SEED = env('FUZZ_SEED', 1);
const TIMEOUT_MS = env('FUZZ_TIMEOUT_MS', 30_000);
const MAX_BODY_BYTES = env('FUZZ_MAX_BODY_MB', 8) * 1024 * 1024;
const LIMITS = {
	huge: env('FUZZ_HUGE', 12),
	long: env('FUZZ_LONG', 12),
	deep: env('FUZZ_DEEP', 40),
	framing: env('FUZZ_FRAMING', 60),
	calls: env('FUZZ_CALLS', Math.max(20, Math.round(REQUESTS * 0.03))),
};
const EDGE = process.argv.includes('--edge');
const N8N_ENV = {
	...(EDGE ? shippedN8nSettings() : {}),
	...(JSON.parse(process.env.FUZZ_N8N_ENV ?? '{}') as Record<string, string>),
};
const RESULT_NAME = process.env.FUZZ_RESULT_NAME ?? (EDGE ? 'fuzz-edge' : 'fuzz');
const HOSTILE_FROM = process.env.FUZZ_HOSTILE_FROM || (EDGE ? '127.0.0.2' : undefined);
/** The edge's limits for addresses other than the platform's (deploy/nginx/enneo-edge.conf.template). */
const EDGE_LIMITS = { rate: '2r/s', burst: 5, connections: 2 };
/** The edge refuses most hostile requests in microseconds: keep the mix coming this long (at most 20 rounds). */
const MIN_HOSTILE_SECONDS = env('FUZZ_MIN_HOSTILE_SECONDS', EDGE ? 60 : 0);
/**
 * Hostile requests per second at most (0: as fast as answers come). The edge answers most of them
 * at once, so unpaced the sender in this process would take a core of the 2 the machine has, and
 * the normal calls it times would wait on it; 100/s is above what n8n alone absorbed (16–75/s).
 */
const HOSTILE_RATE = env('FUZZ_HOSTILE_RATE', EDGE ? 100 : 0);
const STRICT = process.argv.includes('--strict');
const SOLO = process.env.FUZZ_SOLO !== '0';
const P99_RATIO_TARGET = 1.5;
const SLOW_MS = 10_000;

const log = (message: string) => process.stderr.write(`[fuzz] ${message}\n`);

/** How many executions of a workflow ended in each status (n8n's list answers with a count per filter). */
async function executionCounts(
	n8n: N8nInstance,
	workflowId: string,
): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const status of ['success', 'error', 'crashed', 'canceled', 'running', 'waiting', 'new']) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId, status: [status] }));
		try {
			const page = await n8n.rest<{ count?: number }>(
				'GET',
				`/executions?filter=${filter}&limit=1`,
			);
			if (page.count) counts[status] = page.count;
		} catch (error) {
			log(`could not count ${status} executions: ${(error as Error).message}`);
		}
	}
	return counts;
}

async function main(): Promise<void> {
	// The code under test: HEAD when the run starts (FUZZ_REVISION names a tarball built elsewhere).
	const revision = process.env.FUZZ_REVISION || gitRevision();
	mkdirSync(RESULTS_DIR, { recursive: true });
	const logFile = join(RESULTS_DIR, `${RESULT_NAME}-n8n.log`);
	writeFileSync(logFile, '');
	log('packing the package and starting n8n');
	const bench = await startBenchEnv({
		tickets: 50,
		recordBodies: false,
		env: N8N_ENV,
		logFile,
		log,
	});
	let edge: Edge | undefined;
	const edgeRoot = EDGE ? mkdtempSync(join(tmpdir(), 'enneo-fuzz-edge-')) : undefined;
	try {
		const { n8n, credential: enneo } = bench;
		const pid = n8nServerPid(n8n.connection.pid);

		// The VIP routing template as a user imports and publishes it.
		const { workflowId, path, secret } = await publishVipTemplate(n8n, enneo, ' (fuzz)');
		if (edgeRoot) {
			const n8nAddress = `127.0.0.1:${n8n.connection.port}`;
			edge = await startEdge({
				root: edgeRoot,
				main: n8nAddress,
				webhooks: [n8nAddress],
				token: secret,
				// The platform's address is known here: every other address gets next to nothing.
				platformAddresses: ['127.0.0.1'],
				...EDGE_LIMITS,
				log,
			});
		}
		const baseUrl = edge?.url ?? n8n.connection.baseUrl;
		const callUrl = `${baseUrl}/webhook/${path}?token=${secret}`;

		log('warming up');
		const warm = await ringOnSchedule(callUrl, { intervalMs: INTERVAL_MS, count: 20 });
		if (!warm.slice(-4).every((c) => c.ok))
			throw new Error(
				`the VIP template does not answer normal calls correctly: ${JSON.stringify(warm.slice(-4))}`,
			);

		const phases: Array<{
			phase: string;
			calls: NormalCall[];
			seconds: number;
			cpuSeconds: number;
			rssMaxMb: number;
		}> = [];
		const measure = async <T>(
			phase: string,
			work: () => Promise<{ calls: NormalCall[]; extra?: T }>,
		) => {
			const cpu0 = cpuMs(pid) / 1000;
			const t0 = Date.now();
			let rssMaxMb = memoryOf(pid).rssMb;
			const sampler = setInterval(() => {
				try {
					rssMaxMb = Math.max(rssMaxMb, memoryOf(pid).rssMb);
				} catch {
					/* n8n gone: the report says so */
				}
			}, 500);
			try {
				const result = await work();
				phases.push({
					phase,
					calls: result.calls,
					seconds: (Date.now() - t0) / 1000,
					cpuSeconds: cpuMs(pid) / 1000 - cpu0,
					rssMaxMb,
				});
				return result.extra;
			} finally {
				clearInterval(sampler);
			}
		};

		log(`quiet run: ${QUIET_CALLS} normal calls, one every ${INTERVAL_MS} ms`);
		await measure('quiet before', async () => ({
			calls: await ringOnSchedule(callUrl, {
				intervalMs: INTERVAL_MS,
				count: QUIET_CALLS,
				timeoutMs: TIMEOUT_MS,
			}),
		}));

		// Every kind once, alone: its answer time with nothing else in flight is about what it costs n8n.
		const target = { path, tokenName: 'token', token: secret };
		const solo: HostileOutcome[] = [];
		if (SOLO) {
			log(`solo run: each of ${hostileKinds().length} hostile kinds once, one at a time`);
			for (const kind of hostileKinds())
				solo.push(
					await sendHostile(baseUrl, hostileRequest(target, kind, SEED), {
						timeoutMs: TIMEOUT_MS,
						localAddress: HOSTILE_FROM,
					}),
				);
			await new Promise((r) => setTimeout(r, 4_000)); // let the runs those calls started end
		}

		log(
			`hostile run: ${REQUESTS} hostile requests, ${CONCURRENCY} in flight, normal calls every ${INTERVAL_MS} ms`,
		);
		let hostileEnds = 0;
		const requests = (function* () {
			for (let round = 0; round < 20; round++) {
				yield* hostileRequests(target, {
					count: REQUESTS,
					seed: SEED + round,
					limits: LIMITS,
					maxBodyBytes: MAX_BODY_BYTES,
				});
				if (Date.now() >= hostileEnds) return;
			}
		})();
		let sent = 0;
		const logged = new Map<string, number>();
		const outcomes = (await measure<HostileOutcome[]>('hostile', async () => {
			let hostileDone = false;
			const ringing = ringOnSchedule(callUrl, {
				intervalMs: INTERVAL_MS,
				until: () => hostileDone,
				firstIndex: 1_000_000,
				timeoutMs: TIMEOUT_MS,
			});
			const started = Date.now();
			hostileEnds = started + MIN_HOSTILE_SECONDS * 1000;
			const hostile = await sendAll(baseUrl, requests, {
				concurrency: CONCURRENCY,
				timeoutMs: TIMEOUT_MS,
				localAddress: HOSTILE_FROM,
				ratePerSecond: HOSTILE_RATE,
				onOutcome: (outcome) => {
					sent++;
					if (sent % 1000 === 0)
						log(
							`${sent}/${REQUESTS} hostile requests (${((Date.now() - started) / 1000).toFixed(0)} s)`,
						);
					if (outcome.status >= 500 || outcome.hangUp || outcome.ms > SLOW_MS) {
						// The first three of each kind and status; the result file has them all.
						const key = `${outcome.kind} ${outcome.status}`;
						logged.set(key, (logged.get(key) ?? 0) + 1);
						if (logged.get(key)! <= 3)
							log(
								`  ${outcome.kind}: ${outcome.status} in ${Math.round(outcome.ms)} ms ${outcome.body.slice(0, 120)}`,
							);
					}
				},
			}).finally(() => (hostileDone = true));
			return { calls: await ringing, extra: hostile };
		}))!;

		log(`quiet run again: ${QUIET_CALLS} normal calls`);
		await measure('quiet after', async () => ({
			calls: await ringOnSchedule(callUrl, {
				intervalMs: INTERVAL_MS,
				count: QUIET_CALLS,
				timeoutMs: TIMEOUT_MS,
			}),
		}));
		const healthy = await fetch(`${baseUrl}/healthz`).then(
			(r) => r.ok,
			() => false,
		);

		// Executions of the template: how the runs of normal and hostile-but-valid calls ended.
		const executionStatuses = await executionCounts(n8n, workflowId);
		const n8nErrors = readFileSync(logFile, 'utf8')
			.split('\n')
			.filter(
				(line) =>
					/error|exception|heap|RangeError/i.test(line) &&
					!/api\.n8n\.io|ENOTFOUND|EAI_AGAIN|getaddrinfo|license/i.test(line),
			);
		const distinctErrors = [
			...new Set(n8nErrors.map((line) => line.replace(/\d+/g, 'N').slice(0, 200))),
		].slice(0, 30);

		// ---- Verdict
		const hostile = summarize([...solo, ...outcomes], SLOW_MS);
		const soloSlowest = [...solo].sort((a, b) => b.ms - a.ms).slice(0, 15);
		const quietCalls = phases.filter((p) => p.phase.startsWith('quiet')).flatMap((p) => p.calls);
		const hostileCalls = phases.find((p) => p.phase === 'hostile')!.calls;
		const quiet = latency(quietCalls);
		const underFire = latency(hostileCalls);
		const ratio = underFire.p99 / quiet.p99;
		// The normal calls slower than the target allows, and which hostile kinds overlapped them.
		const slowNormal = hostileCalls.filter((c) => c.ms > P99_RATIO_TARGET * quiet.p99);
		const suspects = inFlightDuring(slowNormal, outcomes).filter((s) => s.slowCallsOverlapped >= 3);
		const normalSlow = [...quietCalls, ...hostileCalls].filter((c) => c.ms > SLOW_MS).length;
		const normalHangUps = [...quietCalls, ...hostileCalls].filter((c) => c.hangUp).length;
		const normal5xx = [...quietCalls, ...hostileCalls].filter((c) => c.status >= 500).length;
		const targets = {
			'0 × 5xx': hostile.fiveXx + normal5xx === 0,
			'0 hang-ups': hostile.hangUps + normalHangUps === 0,
			'0 requests past 10 s': hostile.over10s + normalSlow === 0,
			[`normal p99 ≤ ${P99_RATIO_TARGET} × quiet p99`]: ratio <= P99_RATIO_TARGET,
		};

		const rows: Row[] = [
			...phases.map((p) => {
				const l = latency(p.calls);
				return {
					phase: p.phase,
					'normal calls': l.calls,
					'p50 ms': l.p50,
					'p95 ms': l.p95,
					'p99 ms': l.p99,
					'max ms': l.max,
					'over 5 s': l.over5s,
					'wrong answers': l.wrongAnswers,
					'hang-ups': l.hangUps,
					seconds: Math.round(p.seconds),
					'n8n CPU s': Math.round(p.cpuSeconds),
					'n8n max RSS MB': Math.round(p.rssMaxMb),
				};
			}),
			{
				phase: 'quiet (both)',
				'normal calls': quiet.calls,
				'p50 ms': quiet.p50,
				'p95 ms': quiet.p95,
				'p99 ms': quiet.p99,
				'max ms': quiet.max,
				'over 5 s': quiet.over5s,
				'wrong answers': quiet.wrongAnswers,
				'hang-ups': quiet.hangUps,
			},
		];
		const notes = [
			`Hostile requests: ${outcomes.length} mixed + ${solo.length} one per kind alone; statuses ${Object.entries(
				hostile.statuses,
			)
				.map(([s, n]) => `${s} × ${n}`)
				.join(', ')}.`,
			`5xx: ${hostile.fiveXx} hostile (${hostile.fiveXxByOrigin.trigger} from the Enneo Trigger, ${hostile.fiveXxByOrigin.n8n} from n8n before the trigger runs, ${hostile.fiveXxByOrigin.edge} from the edge) + ${normal5xx} normal; answers carrying an injected value: ${hostile.injected}; hang-ups: ${hostile.hangUps} hostile + ${normalHangUps} normal; past 10 s: ${hostile.over10s} hostile + ${normalSlow} normal; no answer at all: ${hostile.noAnswer}; well-formed calls refused: ${hostile.callsRefused}.`,
			`Normal p99 under hostile traffic / quiet p99: ${ratio.toFixed(2)} (${underFire.p99} / ${quiet.p99} ms); p50 ${underFire.p50} vs ${quiet.p50} ms.`,
			`Targets: ${Object.entries(targets)
				.map(([name, ok]) => `${name} ${ok ? 'met' : 'MISSED'}`)
				.join('; ')}.`,
			`Template executions: ${
				Object.entries(executionStatuses)
					.map(([s, n]) => `${s} × ${n}`)
					.join(', ') || 'none listed'
			}; n8n healthy afterwards: ${healthy}.`,
			`Normal calls under hostile traffic slower than ${P99_RATIO_TARGET} × quiet p99: ${slowNormal.length} of ${hostileCalls.length}; hostile kinds most over-represented while they waited (share of those calls overlapped / share of requests sent): ${suspects
				.slice(0, 12)
				.map((s) => `${s.kind} ${s.lift}× (${s.slowCallsOverlapped} calls)`)
				.join(', ')}.`,
			`Slowest kinds alone (ms): ${soloSlowest.map((o) => `${o.kind} ${Math.round(o.ms)} (${o.status || 'none'})`).join(', ')}.`,
			...hostile.problems
				.slice(0, 40)
				.map(
					(p) =>
						`${p.problem}: ${p.kind} × ${p.count} → ${p.status || 'no answer'} from ${p.origin} (max ${p.maxMs} ms) ${p.body.slice(0, 100)}`,
				),
		];
		const result = {
			name: RESULT_NAME,
			title: 'Hostile CallInBound traffic beside normal calls (VIP routing template)',
			method: `${hostile.requests} hostile requests (seed ${SEED}, ${CONCURRENCY} in flight${HOSTILE_FROM ? `, from ${HOSTILE_FROM}` : ''}) at the live Enneo Trigger of the published VIP routing template${EDGE ? ' through the edge (nginx, deploy/nginx/enneo-edge.conf.template, token check on)' : ''} while a normal call rang every ${INTERVAL_MS} ms; quiet runs of ${QUIET_CALLS} normal calls before and after, same n8n 2.41.1; commit ${revision}.`,
			date: new Date().toISOString(),
			machine: machine(),
			revision,
			settings: {
				requests: REQUESTS,
				concurrency: CONCURRENCY,
				normalIntervalMs: INTERVAL_MS,
				quietCalls: QUIET_CALLS,
				seed: SEED,
				timeoutMs: TIMEOUT_MS,
				maxBodyBytes: MAX_BODY_BYTES,
				limits: LIMITS,
				n8nEnv: N8N_ENV,
				minHostileSeconds: MIN_HOSTILE_SECONDS,
				hostileRate: HOSTILE_RATE,
				edge: EDGE ? EDGE_LIMITS : false,
				hostileFrom: HOSTILE_FROM ?? null,
			},
			rows,
			notes,
			targets,
			hostile: {
				...hostile,
				byKind: byKind(outcomes),
				solo: solo.map((o) => ({
					kind: o.kind,
					status: o.status,
					ms: Math.round(o.ms),
					body: o.body.slice(0, 160),
				})),
			},
			slowNormalSuspects: suspects.slice(0, 40),
			normal: {
				quiet,
				hostile: underFire,
				p99Ratio: ratio,
				slowestUnderFire: [...hostileCalls].sort((a, b) => b.ms - a.ms).slice(0, 10),
			},
			executions: executionStatuses,
			n8nHealthyAfter: healthy,
			n8nLogErrors: { lines: n8nErrors.length, distinct: distinctErrors },
		};
		const file = saveJson(RESULT_NAME, result);

		const table = rows.map((row) => Object.values(row).map(String).join('\t'));
		console.log(`\n${Object.keys(rows[0]).join('\t')}\n${table.join('\n')}\n`);
		for (const note of notes) console.log(`* ${note}`);
		log(`saved ${file}`);
		if (STRICT && Object.values(targets).some((ok) => !ok)) process.exitCode = 1;
	} finally {
		if (edge) await killProcessGroup(edge.spawned.pid, 5_000);
		if (edgeRoot) rmSync(edgeRoot, { recursive: true, force: true });
		await bench.close();
	}
}

runMain(main);
