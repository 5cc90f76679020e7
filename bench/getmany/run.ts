/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * Get Many with Return All over 10,000 tickets inside a real n8n: requests made (500 per page),
 * time, and the n8n process's resident memory (sampled from /proc while the run is under way).
 *
 *   npx tsx bench/getmany/run.ts     (ENNEO_BENCH_TICKETS, ENNEO_BENCH_REPEAT to change the size)
 */
import { linearWorkflow, manualTrigger, sleep } from '../../test/e2e/lib/n8n';
import { demoState } from '../../test/fake-enneo/demoData';
import { log, runMain, startBenchEnv, timings } from '../lib/env';
import { memoryOf, n8nServerPid } from '../lib/proc';
import { median, round } from '../lib/stats';
import type { Row } from '../report';
import { saveResult } from '../report';

const TICKETS = Number(process.env.ENNEO_BENCH_TICKETS ?? 10_000);
const REPEAT = Number(process.env.ENNEO_BENCH_REPEAT ?? 3);

async function main() {
	const env = await startBenchEnv();
	try {
		const { n8n, fake, credential } = env;
		const pid = n8nServerPid(n8n.connection.pid);
		log(`n8n server process ${pid}`);
		const rows: Row[] = [];
		for (const simplify of [true, false]) {
			const scenario = `Get Many, Return All, Simplify ${simplify ? 'on' : 'off'}`;
			const workflow = await n8n.createWorkflow(
				linearWorkflow(scenario, [
					manualTrigger(),
					{
						name: 'Get Many',
						type: 'n8n-nodes-enneo.enneo',
						typeVersion: 1,
						position: [0, 0],
						parameters: { resource: 'ticket', operation: 'getMany', returnAll: true, simplify },
						credentials: { enneoApi: credential },
					},
				]),
			);
			const samples: Array<{
				requests: number;
				workflowMs: number;
				nodeMs: number;
				baseMb: number;
				peakMb: number;
			}> = [];
			for (let i = 0; i < REPEAT; i++) {
				fake.reset(demoState({ tickets: TICKETS }));
				// Let the previous run's garbage go before taking the baseline.
				await sleep(2000);
				const baseMb = memoryOf(pid).rssMb;
				let peakMb = baseMb;
				let sampling = true;
				const sampler = (async () => {
					while (sampling) {
						peakMb = Math.max(peakMb, memoryOf(pid).rssMb);
						await sleep(20);
					}
				})();
				const run = await n8n
					.runWorkflow(workflow.id, { timeoutMs: 600_000 })
					.finally(() => (sampling = false));
				await sampler;
				run.assertSuccess();
				const items = run.items('Get Many');
				if (
					items.length !== TICKETS ||
					new Set(items.map((item) => item.json.id)).size !== TICKETS
				) {
					throw new Error(`${scenario}: ${items.length} items for ${TICKETS} tickets`);
				}
				samples.push({
					requests: fake.received('POST', '/ticket/search').length,
					...timings(run, 'Get Many'),
					baseMb,
					peakMb,
				});
				log(
					`${scenario} run ${i + 1}: ${samples.at(-1)!.requests} requests, node ${samples.at(-1)!.nodeMs} ms, RSS ${round(baseMb)} → ${round(peakMb)} MB`,
				);
			}
			rows.push({
				scenario,
				tickets: TICKETS,
				requests: median(samples.map((s) => s.requests)),
				'node ms (median)': round(median(samples.map((s) => s.nodeMs))),
				'workflow ms (median)': round(median(samples.map((s) => s.workflowMs))),
				'n8n RSS before (MB)': round(median(samples.map((s) => s.baseMb))),
				'n8n peak RSS during run (MB)': round(Math.max(...samples.map((s) => s.peakMb))),
				'peak growth (MB)': round(Math.max(...samples.map((s) => s.peakMb - s.baseMb))),
			});
		}
		const hwm = memoryOf(pid).hwmMb;
		saveResult({
			name: 'getmany',
			title: `Get Many, Return All over ${TICKETS.toLocaleString('en-US')} tickets`,
			method: `POST /ticket/search pages of 500 in a real n8n against the fake Enneo on the same machine; n8n's resident memory (VmRSS of its main process, /proc) sampled every 20 ms; median of ${REPEAT} runs (peak: the highest).`,
			rows,
			notes: [
				`High-water mark of the n8n process over the whole benchmark (VmHWM): ${round(hwm)} MB.`,
				'Memory includes what n8n itself keeps per run (the execution data it saves), not only the node.',
			],
		});
	} finally {
		await env.close();
	}
}

runMain(main);
