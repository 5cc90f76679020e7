/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * The n8n side of the benchmarks: one real n8n (or a queue-mode set-up) with the packed package
 * installed like a community node, a fake Enneo in this process (its request record is what we
 * count), and an Enneo credential pointing at it. Built on test/e2e/lib, the same as the e2e suite.
 */
import type { ExecutionResult, N8nInstance } from '../../test/e2e/lib/n8n';
import { packPackage, startN8n } from '../../test/e2e/lib/n8n';
import { startQueueCluster } from '../../test/e2e/lib/queue';
import { demoState } from '../../test/fake-enneo/demoData';
import { FakeEnneo } from '../../test/fake-enneo/server';

export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

export interface BenchEnvOptions {
	/** Tickets in the fake Enneo's demo data (default 1). */
	tickets?: number;
	/** Whether the fake keeps request bodies in its record (default true). */
	recordBodies?: boolean;
	/** Settings for n8n (environment variables), on top of n8n's defaults (benchmarks name every setting they change). */
	env?: Record<string, string>;
	/** Where n8n's output goes (single process only; default a file in its home). */
	logFile?: string;
	/** Queue mode with this many workers (test/e2e/lib/queue.ts); 0 or unset: one n8n process. */
	queueWorkers?: number;
	log?: (message: string) => void;
}

export interface BenchEnv {
	n8n: N8nInstance;
	fake: FakeEnneo;
	credential: { id: string; name: string };
	close(): Promise<void>;
}

/** Packs the package (or uses ENNEO_BENCH_TARBALL), starts n8n and the fake Enneo. */
export async function startBenchEnv(options: BenchEnvOptions = {}): Promise<BenchEnv> {
	const say = options.log ?? log;
	const packageTarball = process.env.ENNEO_BENCH_TARBALL || (await packPackage({ log: say }));
	const n8n = options.queueWorkers
		? await startQueueCluster({
				packageTarball,
				log: say,
				workers: options.queueWorkers,
				settings: 'n8n-defaults',
				env: options.env,
			})
		: await startN8n({ packageTarball, log: say, env: options.env, logFile: options.logFile });
	const fake = new FakeEnneo({
		apiKey: 'bench-api-key',
		state: demoState({ tickets: options.tickets ?? 1 }),
		recordBodies: options.recordBodies,
	});
	try {
		await fake.start();
		const credential = await n8n.createCredential({
			name: 'Enneo bench',
			type: 'enneoApi',
			data: { instanceUrl: fake.instanceUrl, apiKey: fake.apiKey },
		});
		return {
			n8n,
			fake,
			credential,
			close: async () => {
				await fake.close();
				await n8n.stop(); // also removes the n8n home it created (unless ENNEO_E2E_KEEP_HOME)
			},
		};
	} catch (error) {
		await fake.close();
		await n8n.stop();
		throw error;
	}
}

/** Wall time of the whole execution as n8n recorded it, and the time n8n spent in one node. */
export function timings(
	run: ExecutionResult,
	nodeName: string,
): { workflowMs: number; nodeMs: number } {
	const raw = run.raw as unknown as { startedAt: string; stoppedAt: string };
	const node = run.runData[nodeName]?.[0] as { executionTime?: number } | undefined;
	return {
		workflowMs: Date.parse(raw.stoppedAt) - Date.parse(raw.startedAt),
		nodeMs: node?.executionTime ?? NaN,
	};
}

/** Runs a benchmark's main(): a failure is printed and makes the exit code 1. */
export function runMain(main: () => Promise<void>): void {
	main().catch((error: unknown) => {
		process.stderr.write(
			`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		);
		process.exitCode = 1;
	});
}
