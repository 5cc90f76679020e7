/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests and tools), never part of the package */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';

import type { CheckResult } from './types';

/**
 * With ENNEO_CONTRACT_LOG=<dir>, every request a fake Enneo receives is appended to
 * `<dir>/<suite>-<pid>.jsonl` (suite: ENNEO_CONTRACT_SUITE, default `tests`) with the test that
 * sent it and what the contract check found; `npm run check:contract` reads them.
 */
export const CONTRACT_LOG_ENV = 'ENNEO_CONTRACT_LOG';
export const CONTRACT_SUITE_ENV = 'ENNEO_CONTRACT_SUITE';

/**
 * Tests that probe the fake itself (does it refuse what Enneo refuses?) send this header: their
 * requests are recorded as probes, not as requests of the package, and never count as its errors.
 */
export const PROBE_HEADER = 'x-fake-enneo-probe';
export const PROBE_HEADERS = { [PROBE_HEADER]: '1' };

/** Bodies above this are recorded by their keys only (`bodyTruncated`). */
const MAX_RECORDED_BODY = 256 * 1024;

export interface ContractLogEntry extends CheckResult {
	suite: string;
	/** The test file (relative to the repository) and test name that were running, if any. */
	file?: string;
	test?: string;
	probe: boolean;
	method: string;
	path: string;
	rawQuery: string;
	body?: unknown;
	bodyTruncated?: boolean;
	status?: number;
	at: number;
}

interface JestState {
	currentTestName?: string;
	testPath?: string;
}

function currentTest(): { file?: string; test?: string } {
	const expectGlobal = (globalThis as { expect?: { getState?: () => JestState } }).expect;
	const state = expectGlobal?.getState?.();
	if (!state) return {};
	return {
		file: state.testPath ? relative(process.cwd(), state.testPath) : undefined,
		test: state.currentTestName,
	};
}

let opened: { dir: string; file: string } | undefined;

/** This process's log file under ENNEO_CONTRACT_LOG (created on first use), or undefined. */
function file(): string | undefined {
	const dir = process.env[CONTRACT_LOG_ENV];
	if (!dir) return undefined;
	if (opened?.dir !== dir) {
		mkdirSync(dir, { recursive: true });
		const suite = (process.env[CONTRACT_SUITE_ENV] ?? 'tests').replace(/[^\w.-]/g, '_');
		opened = { dir, file: join(dir, `${suite}-${process.pid}.jsonl`) };
	}
	return opened.file;
}

/** Whether requests are being recorded (ENNEO_CONTRACT_LOG set). */
export const recording = (): boolean => file() !== undefined;

/** Appends one request to this process's log (no-op without ENNEO_CONTRACT_LOG). */
export function recordRequest(
	entry: Omit<ContractLogEntry, 'suite' | 'file' | 'test' | 'at' | 'bodyTruncated'>,
	rawBodyLength: number,
): void {
	const target = file();
	if (!target) return;
	const truncated = rawBodyLength > MAX_RECORDED_BODY;
	const line: ContractLogEntry = {
		suite: process.env[CONTRACT_SUITE_ENV] ?? 'tests',
		...currentTest(),
		...entry,
		body: truncated ? undefined : entry.body,
		...(truncated ? { bodyTruncated: true } : {}),
		at: Date.now(),
	};
	appendFileSync(target, `${JSON.stringify(line)}\n`);
}
