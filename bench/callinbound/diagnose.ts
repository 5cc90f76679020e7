/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * Where the CallInBound flows spend n8n's CPU: for each flow, n8n process CPU time per call
 * (calls one after another, the run's tail included) and answer latency at 1 and at N in flight.
 * CPU per call is what decides latency on a loaded machine, and it is far less noisy than
 * latency percentiles of short runs.
 *
 *   npx tsx bench/callinbound/diagnose.ts
 *   DIAG_CALLS=60 DIAG_CONCURRENCY=10 DIAG_FLOWS=floor,enneo,core BENCH_N8N_ENV='{"N8N_EXPRESSION_ENGINE":"legacy"}'
 *
 * Not a test and writes no result file: a tool for attributing cost, one change at a time.
 */
import { randomUUID } from 'node:crypto';

import { ENNEO_NODE, ENNEO_TRIGGER_NODE, linearWorkflow, sleep } from '../../test/e2e/lib/n8n';
import { DEMO } from '../../test/fake-enneo/demoData';
import { callerFor, callEvent, postTimed } from '../lib/calls';
import { runMain, startBenchEnv } from '../lib/env';
import { indexes, inFlight } from '../lib/load';
import { cpuMs, n8nServerPid } from '../lib/proc';
import { ascending, percentile } from '../lib/stats';
import type { BenchFlow } from './workflows';
import { coreCredentialFlow, coreFlow, enneoFlow, floorFlow, webhookEnneoFlow } from './workflows';

const CALLS = Number(process.env.DIAG_CALLS ?? 60);
const CONCURRENCY = Number(process.env.DIAG_CONCURRENCY ?? 10);
const N8N_ENV = JSON.parse(process.env.BENCH_N8N_ENV ?? '{}') as Record<string, string>;
const log = (message: string) => process.stderr.write(`[diagnose] ${message}\n`);

/** Extra single-purpose flows: the smallest community-trigger and core-webhook answers. */
function minimalFlows(credential: { id: string; name: string }): BenchFlow[] {
	const position: [number, number] = [0, 0];
	const immediatePath = `diag-immediate-${randomUUID().slice(0, 8)}`;
	const immediateId = randomUUID();
	const immediate: BenchFlow = {
		key: 'enneoImmediate',
		label: 'Enneo Trigger answering at once (no other node)',
		workflow: linearWorkflow('diag immediate', [
			{
				name: 'Enneo Trigger',
				type: ENNEO_TRIGGER_NODE,
				typeVersion: 2,
				position,
				webhookId: immediateId,
				parameters: { path: immediatePath, authentication: 'none', responseMode: 'immediately' },
			},
		]),
		path: `${immediateId}/${immediatePath}`,
		vipAnswer: null,
	};
	const minPath = `diag-min-${randomUUID().slice(0, 8)}`;
	const minId = randomUUID();
	const enneoMin: BenchFlow = {
		key: 'enneoMin',
		label: 'Enneo Trigger → Respond to Inbound Call',
		workflow: linearWorkflow('diag enneo min', [
			{
				name: 'Enneo Trigger',
				type: ENNEO_TRIGGER_NODE,
				typeVersion: 2,
				position,
				webhookId: minId,
				parameters: { path: minPath, authentication: 'none' },
			},
			{
				name: 'Respond',
				type: ENNEO_NODE,
				typeVersion: 1,
				position,
				credentials: { enneoApi: credential },
				parameters: {
					resource: 'inboundCall',
					operation: 'respond',
					routing: 'aiAgent',
					aiAgentId: DEMO.vipAiAgentId,
				},
			},
		]),
		path: `${minId}/${minPath}`,
		vipAnswer: null,
	};
	const corePath = `diag-coremin-${randomUUID().slice(0, 8)}`;
	const coreMin: BenchFlow = {
		key: 'coreMin',
		label: 'Webhook → Respond to Webhook',
		workflow: linearWorkflow('diag core min', [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position,
				webhookId: randomUUID(),
				parameters: {
					httpMethod: 'POST',
					path: corePath,
					responseMode: 'responseNode',
					options: {},
				},
			},
			{
				name: 'Respond',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position,
				parameters: {
					respondWith: 'json',
					responseBody: JSON.stringify({ CallInBound: { OverrideAIAgentId: DEMO.vipAiAgentId } }),
					options: {},
				},
			},
		]),
		path: corePath,
		vipAnswer: null,
	};
	// The full Enneo flow with a version 1 trigger (n8n evaluates an expression per request for those).
	const v1 = enneoFlow(credential);
	v1.workflow.nodes.find((node) => node.type === ENNEO_TRIGGER_NODE)!.typeVersion = 1;
	return [
		immediate,
		enneoMin,
		coreMin,
		{ ...v1, key: 'enneoV1', label: 'Enneo flow, trigger version 1' },
	];
}

async function call(baseUrl: string, flow: BenchFlow, index: number): Promise<number> {
	const reply = await postTimed(
		`${baseUrl}/webhook/${flow.path}`,
		callEvent({ Caller: callerFor(index) }),
	);
	if (reply.error) throw reply.error;
	if (reply.status !== 200) throw new Error(`${flow.key}: HTTP ${reply.status}`);
	return reply.ms;
}

async function load(
	baseUrl: string,
	flow: BenchFlow,
	count: number,
	concurrency: number,
): Promise<number[]> {
	return ascending(
		await inFlight(indexes(count), concurrency, (index) => call(baseUrl, flow, index)),
	);
}

async function main(): Promise<void> {
	const bench = await startBenchEnv({
		tickets: 50,
		recordBodies: false,
		env: { N8N_LOG_LEVEL: 'error', ...N8N_ENV },
		log,
	});
	try {
		const { n8n, fake, credential } = bench;
		const pid = n8nServerPid(n8n.connection.pid);
		const header = await n8n.createCredential({
			name: 'Header bench',
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: `Bearer ${fake.apiKey}` },
		});
		let flows = [
			floorFlow(),
			enneoFlow(credential),
			coreFlow(fake),
			coreCredentialFlow(header, fake),
			webhookEnneoFlow(credential, fake),
			...minimalFlows(credential),
		];
		if (process.env.DIAG_FLOWS) {
			const wanted = process.env.DIAG_FLOWS.split(',');
			flows = flows.filter((flow) => wanted.includes(flow.key));
		}
		for (const flow of flows) await n8n.activate((await n8n.createWorkflow(flow.workflow)).id);
		const baseUrl = n8n.connection.baseUrl;
		for (const flow of flows) await load(baseUrl, flow, 20, 2);
		await sleep(2000);

		// Idle CPU (timers, pool replenishment at rest) is subtracted from each measurement.
		const idleStart = cpuMs(pid);
		await sleep(3000);
		const idlePerMs = (cpuMs(pid) - idleStart) / 3000;

		const rows: string[] = [];
		for (const flow of flows) {
			const cpuStart = cpuMs(pid);
			const wallStart = performance.now();
			const sequential = await load(baseUrl, flow, CALLS, 1);
			await sleep(1500); // the run's tail (saving the execution) after the answer
			const cpu = cpuMs(pid) - cpuStart - idlePerMs * (performance.now() - wallStart);
			const loaded = await load(baseUrl, flow, CALLS, CONCURRENCY);
			await sleep(1500);
			rows.push(
				`${flow.key.padEnd(16)}${(cpu / CALLS).toFixed(1).padStart(10)}${percentile(sequential, 50).toFixed(0).padStart(8)}${percentile(sequential, 95).toFixed(0).padStart(8)}` +
					`${percentile(loaded, 50).toFixed(0).padStart(8)}${percentile(loaded, 95).toFixed(0).padStart(8)}${percentile(loaded, 99).toFixed(0).padStart(8)}`,
			);
			log(rows[rows.length - 1]);
		}
		console.log(`\nn8n env ${JSON.stringify(N8N_ENV)}; ${CALLS} calls per flow and phase`);
		console.log(
			`${'flow'.padEnd(16)}${'cpu/call'.padStart(10)}${'c1 p50'.padStart(8)}${'c1 p95'.padStart(8)}${`c${CONCURRENCY} p50`.padStart(8)}${`c${CONCURRENCY} p95`.padStart(8)}${`c${CONCURRENCY} p99`.padStart(8)}`,
		);
		for (const row of rows) console.log(row);
	} finally {
		await bench.close();
	}
}

runMain(main);
