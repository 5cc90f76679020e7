/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * Shared by the n8n benchmarks (bench/bulk, bench/getmany): one real n8n with the packed package
 * installed like a community node, a fake Enneo in this process (its request record is what we
 * count), and an Enneo credential pointing at it. Built on test/e2e/lib, the same as the e2e suite.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';

import type { ExecutionResult, N8nInstance } from '../../test/e2e/lib/n8n';
import { packPackage, startN8n } from '../../test/e2e/lib/n8n';
import { FakeEnneo } from '../../test/fake-enneo/server';
import { demoState } from '../../test/fake-enneo/demoData';

export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

export interface BenchEnv {
	n8n: N8nInstance;
	fake: FakeEnneo;
	credential: { id: string; name: string };
	close(): Promise<void>;
}

/** Packs the package (or uses ENNEO_BENCH_TARBALL), starts n8n and the fake Enneo. */
export async function startBenchEnv(): Promise<BenchEnv> {
	const tarball = process.env.ENNEO_BENCH_TARBALL || (await packPackage({ log }));
	const n8n = await startN8n({ packageTarball: tarball, log });
	const fake = new FakeEnneo({ apiKey: 'bench-api-key', state: demoState({ tickets: 1 }) });
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
				await n8n.stop();
				rmSync(n8n.connection.userFolder, { recursive: true, force: true });
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

/**
 * The PID of the n8n server process: test/e2e/lib starts n8n under a watchdog shell, so the
 * connection's PID is the process group; the server is the member running `n8n start`.
 */
export function n8nServerPid(groupPid: number): number {
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
			const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
			// The node process itself, not the watchdog shell that carries the same words in its arguments.
			const [program, script, command] = cmdline;
			if (
				pgrp === groupPid &&
				/(^|\/)node$/.test(program) &&
				script?.endsWith('n8n/bin/n8n') &&
				command === 'start'
			)
				return Number(entry);
		} catch {
			continue; // the process ended while we looked
		}
	}
	throw new Error(`no "n8n start" process in process group ${groupPid}`);
}

/** Resident memory of a process in MB from /proc (Linux): current and high-water mark. */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (key: string) =>
		Number(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN);
	return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const round = (value: number, digits = 0) => Number(value.toFixed(digits));
