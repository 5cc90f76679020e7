/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * Benchmark results: each bench writes bench/results/<name>.json with saveResult(); run this file
 * to print all of them as tables and write bench/results/summary.json and summary.md.
 *
 *   npx tsx bench/report.ts
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RESULTS_DIR = join(__dirname, 'results');

export type Row = Record<string, string | number | boolean | null>;

export interface BenchResult {
	name: string;
	title: string;
	/** One line on what was measured and how. */
	method: string;
	date: string;
	machine: { cpus: string; cores: number; memoryGb: number; node: string };
	rows: Row[];
	notes?: string[];
}

export function machine(): BenchResult['machine'] {
	const list = cpus();
	return {
		cpus: list[0]?.model ?? 'unknown',
		cores: list.length,
		memoryGb: Math.round(totalmem() / 2 ** 30),
		node: process.version,
	};
}

/** Writes bench/results/<name>.json (any shape; normalizeResult reads it) and returns its path. */
export function saveJson(name: string, data: unknown): string {
	mkdirSync(RESULTS_DIR, { recursive: true });
	const file = join(RESULTS_DIR, `${name}.json`);
	writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
	return file;
}

export function saveResult(
	result: Omit<BenchResult, 'date' | 'machine'> & Partial<Pick<BenchResult, 'machine'>>,
): string {
	const full: BenchResult = { date: new Date().toISOString(), machine: machine(), ...result };
	const file = saveJson(result.name, full);
	process.stdout.write(`${formatTable(full.rows)}\n`);
	return file;
}

function columns(rows: Row[]): string[] {
	const keys: string[] = [];
	for (const row of rows)
		for (const key of Object.keys(row)) if (!keys.includes(key)) keys.push(key);
	return keys;
}

const cell = (value: unknown) =>
	value === null || value === undefined
		? ''
		: typeof value === 'number'
			? value.toLocaleString('en-US')
			: String(value);

/** A plain-text table for the terminal. */
export function formatTable(rows: Row[]): string {
	const keys = columns(rows);
	const widths = keys.map((key) =>
		Math.max(key.length, ...rows.map((row) => cell(row[key]).length)),
	);
	const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ');
	return [
		line(keys),
		line(widths.map((w) => '-'.repeat(w))),
		...rows.map((row) => line(keys.map((k) => cell(row[k])))),
	].join('\n');
}

/** A GitHub markdown table. */
export function markdownTable(rows: Row[]): string {
	const keys = columns(rows);
	const numeric = keys.map((key) =>
		rows.every(
			(row) => row[key] === undefined || row[key] === null || typeof row[key] === 'number',
		),
	);
	return [
		`| ${keys.join(' | ')} |`,
		`| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`,
		...rows.map((row) => `| ${keys.map((k) => cell(row[k])).join(' | ')} |`),
	].join('\n');
}

const rounded = (value: unknown): Row[string] =>
	typeof value === 'number'
		? Number.isInteger(value)
			? value
			: Number(value.toFixed(1))
		: typeof value === 'object' && value !== null
			? JSON.stringify(value)
			: (value as Row[string]);

/**
 * Reads a result file: ours (saveResult), or another bench's shape with `results` rows,
 * `settings` and `ratios` (e.g. bench/callinbound), shown as rows, method and notes.
 */
export function normalizeResult(raw: Record<string, unknown>, file: string): BenchResult {
	const rawRows = (
		Array.isArray(raw.rows) ? raw.rows : Array.isArray(raw.results) ? raw.results : []
	) as Array<Record<string, unknown>>;
	const rows = rawRows.map((row) =>
		Object.fromEntries(Object.entries(row).map(([k, v]) => [k, rounded(v)])),
	);
	const name = String(raw.name ?? raw.benchmark ?? file.replace(/\.json$/, ''));
	const settings = raw.settings as Record<string, unknown> | undefined;
	const method = String(
		raw.method ??
			(settings
				? `Settings: ${Object.entries(settings)
						.map(([k, v]) => `${k} ${String(v)}`)
						.join(', ')}.`
				: ''),
	);
	const notes = Array.isArray(raw.notes) ? (raw.notes as string[]).map(String) : [];
	const ratios = raw.ratios as Record<string, Record<string, number>> | undefined;
	for (const [label, values] of Object.entries(ratios ?? {})) {
		notes.push(
			`${label}: ${Object.entries(values)
				.map(([k, v]) => `${k} ${Number(v).toFixed(2)}×`)
				.join(', ')}`,
		);
	}
	const m = (raw.machine ?? {}) as Record<string, unknown>;
	return {
		name,
		title: String(raw.title ?? name),
		method,
		date: String(raw.date ?? ''),
		machine: {
			cpus: String(typeof m.cpus === 'string' ? m.cpus : (m.model ?? 'unknown')),
			cores: Number(m.cores ?? (typeof m.cpus === 'number' ? m.cpus : 0)),
			memoryGb: Number(m.memoryGb ?? 0),
			node: String(m.node ?? ''),
		},
		rows,
		notes,
	};
}

export function loadResults(dir = RESULTS_DIR): BenchResult[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json') && f !== 'summary.json')
		.sort()
		.map((f) =>
			normalizeResult(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>, f),
		);
}

/** The short hash of the checked-out commit, or `unknown`. */
export function gitRevision(): string {
	try {
		return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
			cwd: __dirname,
			encoding: 'utf8',
		}).trim();
	} catch {
		return 'unknown';
	}
}

export function report(dir = RESULTS_DIR): string {
	const results = loadResults(dir);
	if (!results.length) throw new Error(`no results in ${dir}: run npm run bench first`);
	const revision = gitRevision();
	const m = results.find((r) => r.machine.memoryGb)?.machine ?? results[0].machine;
	const header = `Benchmarks of n8n-nodes-enneo at ${revision}, ${m.cores} × ${m.cpus}, ${m.memoryGb} GB RAM, bench runner Node ${m.node}, n8n 2.41.1`;
	const text: string[] = [header, ''];
	const md: string[] = [`<!-- generated by bench/report.ts -->`, `_${header}_`, ''];
	for (const result of results) {
		text.push(
			`== ${result.title} (${result.date})`,
			result.method,
			formatTable(result.rows),
			...(result.notes ?? []).map((n) => `* ${n}`),
			'',
		);
		md.push(
			`### ${result.title}`,
			'',
			result.method,
			'',
			markdownTable(result.rows),
			'',
			...(result.notes ?? []).map((n) => `- ${n}`),
			'',
		);
	}
	writeFileSync(
		join(dir, 'summary.json'),
		`${JSON.stringify({ revision, generatedAt: new Date().toISOString(), results }, null, 2)}\n`,
	);
	writeFileSync(join(dir, 'summary.md'), `${md.join('\n').trimEnd()}\n`);
	return text.join('\n');
}

if (require.main === module) {
	process.stdout.write(`${report()}\n`);
}
