/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * The n8n server process seen from /proc (Linux): which process it is, its CPU time and memory.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * The PID of the n8n server process: test/e2e/lib starts n8n under a watchdog shell, so the
 * connection's PID is the process group; the server is the member running `n8n start` (or
 * `n8n webhook`, `n8n worker`: `subcommand`).
 */
export function n8nServerPid(groupPid: number, subcommand = 'start'): number {
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
				command === subcommand
			)
				return Number(entry);
		} catch {
			continue; // the process ended while we looked
		}
	}
	throw new Error(`no "n8n ${subcommand}" process in process group ${groupPid}`);
}

/** Resident memory of a process in MB: current and high-water mark. */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (key: string) =>
		Number(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN);
	return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

let clockTicks: number | undefined;

/** CPU milliseconds (user + system) the process has used so far. */
export function cpuMs(pid: number): number {
	clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}
