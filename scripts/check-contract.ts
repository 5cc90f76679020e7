/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console, @n8n/community-nodes/require-node-api-error -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * `npm run check:contract`: reads the requests the test suites sent to the fake Enneo (recorded
 * with ENNEO_CONTRACT_LOG=<dir>, default .contract-log, by scripts/test-all.sh), checks each
 * again against Enneo's API contract and reports per operation: the fields exercised, the
 * requests not covered by the contract, the contract errors, the optional fields the package
 * deliberately never sends (test/fake-enneo/contract/notSentByNode.ts, with the reason) and the
 * gaps: optional fields no test sent. Exits 1 on any contract error, and against the reference
 * contract also on any gap or wrong entry of that list (2 when nothing was recorded).
 * `--markdown` prints the completeness table of docs/enneo-api-notes.md#contract instead;
 * `--update-doc` writes it into that file.
 *
 * ENNEO_OPENAPI=<file or URL> checks the same requests against that OpenAPI 3 document instead
 * (an instance serves its own at https://<instance>/api/mind/docs/open-api; ENNEO_API_KEY is sent
 * as Bearer to that URL only). Nothing else is sent anywhere. Writes <dir>/report.json too.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { loadOpenApiDocument } from '../test/fake-enneo/contract/loadDocument';
import { contractFromOpenApi } from '../test/fake-enneo/contract/openapi';
import { NOT_SENT_BY_NODE } from '../test/fake-enneo/contract/notSentByNode';
import { ENNEO_CONTRACT } from '../test/fake-enneo/contract/operations';
import type { ContractLogEntry } from '../test/fake-enneo/contract/record';
import { CONTRACT_LOG_ENV } from '../test/fake-enneo/contract/record';
import type { CheckResult, Contract, Finding } from '../test/fake-enneo/contract/types';
import { checkRequest, optionalFields } from '../test/fake-enneo/contract/validator';

export const DEFAULT_LOG_DIR = '.contract-log';
/** Tests named per finding in the report, at most. */
const MAX_TESTS_NAMED = 8;

interface Grouped {
	count: number;
	tests: Set<string>;
	example: string;
}

export interface OperationReport {
	operation: string;
	sources: string[];
	completeness: string;
	/** The package has an operation for it (operations.json `usedByNode`). */
	usedByNode: boolean;
	requests: number;
	probes: number;
	fields: Record<string, number>;
	errors: Array<{ finding: string; count: number; tests: string[]; example: string }>;
	notCovered: Array<{ finding: string; count: number; tests: string[] }>;
	hints: Array<{ finding: string; count: number }>;
	/** Optional fields of the operation some request of the package sent. */
	optionalSent: string[];
	/** Optional fields the package deliberately never sends, with the reason (notSentByNode.ts). */
	notSent: Record<string, string>;
	/** Gaps: optional fields of the operation no request of the package sent (deprecated and listed ones apart). */
	unexercised: string[];
	unexercisedDeprecated: string[];
	/** Entries of notSentByNode.ts that are wrong: sent after all, or no optional field of the operation. */
	listWrong: string[];
}

export interface ContractReport {
	contract: string;
	logDir: string;
	requests: number;
	probes: number;
	errors: number;
	notCovered: number;
	/** Optional fields no test sent, over all operations. */
	gaps: number;
	/** Wrong entries of the list of fields the package never sends. */
	listWrong: number;
	operations: OperationReport[];
}

export function readLog(dir: string): ContractLogEntry[] {
	if (!existsSync(dir)) return [];
	const entries: ContractLogEntry[] = [];
	for (const name of readdirSync(dir).sort()) {
		if (!name.endsWith('.jsonl')) continue;
		for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
			if (!line.trim()) continue;
			try {
				entries.push(JSON.parse(line) as ContractLogEntry);
			} catch {
				throw new Error(`${join(dir, name)}: a line is not JSON (${line.slice(0, 60)}...)`);
			}
		}
	}
	return entries;
}

/** What a finding says without the request's own path (`POST /ticket/5/forward: `) and item indexes. */
const withoutWhere = (finding: Finding) =>
	finding.message.replace(/^[A-Z]+ [^:]+: /, '').replace(/\[\d+\]/g, '[]');

function group(map: Map<string, Grouped>, key: string, test: string, example: string): void {
	const entry = map.get(key) ?? { count: 0, tests: new Set<string>(), example };
	entry.count++;
	if (entry.tests.size < MAX_TESTS_NAMED) entry.tests.add(test);
	map.set(key, entry);
}

/**
 * One recorded request checked again. A body too large to record was checked against the
 * reference when it was sent (that result stands); against another contract its body is not checked.
 */
function recheck(entry: ContractLogEntry, contract: Contract): CheckResult {
	if (entry.bodyTruncated && contract === ENNEO_CONTRACT) return entry;
	const result = checkRequest(contract, {
		method: entry.method,
		path: entry.path,
		rawQuery: entry.rawQuery ?? '',
		body: entry.bodyTruncated ? undefined : entry.body,
	});
	if (!entry.bodyTruncated) return result;
	const notBody = (finding: Finding) => finding.in !== 'body';
	return {
		...result,
		errors: result.errors.filter(notBody),
		hints: result.hints.filter(notBody),
		notCovered: [
			...result.notCovered.filter(notBody),
			{
				in: 'body',
				field: '',
				code: 'not_recorded',
				message: `${entry.method} ${entry.path}: body too large to record, not checked`,
			},
		],
	};
}

/** Checks every recorded request again (against `contract`) and groups what was found per operation. */
export function buildReport(
	entries: ContractLogEntry[],
	contract: Contract,
	logDir: string,
	notSentByNode: Record<string, Record<string, string>> = NOT_SENT_BY_NODE,
): ContractReport {
	const byOperation = new Map<
		string,
		{
			requests: number;
			probes: number;
			fields: Map<string, number>;
			errors: Map<string, Grouped>;
			notCovered: Map<string, Grouped>;
			hints: Map<string, Grouped>;
		}
	>();
	let errors = 0;
	let notCovered = 0;
	let probes = 0;
	for (const entry of entries) {
		const result = recheck(entry, contract);
		const key = result.operation ?? `${entry.method} ${entry.path} (not in the contract)`;
		const slot = byOperation.get(key) ?? {
			requests: 0,
			probes: 0,
			fields: new Map<string, number>(),
			errors: new Map<string, Grouped>(),
			notCovered: new Map<string, Grouped>(),
			hints: new Map<string, Grouped>(),
		};
		byOperation.set(key, slot);
		if (entry.probe) {
			slot.probes++;
			probes++;
			continue;
		}
		slot.requests++;
		const test = `${entry.suite}: ${entry.file ?? '?'} › ${entry.test ?? '(outside a test)'}`;
		for (const field of result.fields) slot.fields.set(field, (slot.fields.get(field) ?? 0) + 1);
		for (const finding of result.errors) {
			errors++;
			group(slot.errors, withoutWhere(finding), test, finding.message);
		}
		for (const finding of result.notCovered) {
			notCovered++;
			group(slot.notCovered, withoutWhere(finding), test, finding.message);
		}
		for (const finding of result.hints) group(slot.hints, withoutWhere(finding), test, '');
	}

	const operations: OperationReport[] = [];
	const seen = new Set<string>();
	for (const operation of contract.operations) {
		const slot = byOperation.get(operation.key);
		if (!slot && !operation.usedByNode) continue;
		seen.add(operation.key);
		const fields = slot?.fields ?? new Map<string, number>();
		const listed = notSentByNode[operation.key] ?? {};
		const allOptional = optionalFields(operation);
		const optional = allOptional.filter((f) => !fields.has(f.field) && !(f.field in listed));
		const listWrong = Object.keys(listed).flatMap((field) =>
			fields.has(field)
				? [`${field}: listed as never sent, but a test sent it`]
				: allOptional.some((f) => f.field === field)
					? []
					: [`${field}: listed as never sent, but not an optional field of the operation`],
		);
		operations.push({
			operation: operation.key,
			sources: operation.sources,
			completeness: operation.completeness,
			usedByNode: operation.usedByNode,
			requests: slot?.requests ?? 0,
			probes: slot?.probes ?? 0,
			fields: Object.fromEntries([...fields].sort()),
			errors: [...(slot?.errors ?? [])].map(([finding, g]) => ({
				finding,
				count: g.count,
				tests: [...g.tests],
				example: g.example,
			})),
			notCovered: [...(slot?.notCovered ?? [])].map(([finding, g]) => ({
				finding,
				count: g.count,
				tests: [...g.tests],
			})),
			hints: [...(slot?.hints ?? [])].map(([finding, g]) => ({ finding, count: g.count })),
			optionalSent: allOptional.filter((f) => fields.has(f.field)).map((f) => f.field),
			notSent: Object.fromEntries(
				Object.entries(listed).filter(([field]) => allOptional.some((f) => f.field === field)),
			),
			unexercised: optional.filter((f) => !f.deprecated).map((f) => f.field),
			unexercisedDeprecated: optional.filter((f) => f.deprecated).map((f) => f.field),
			listWrong,
		});
	}
	for (const [key, slot] of byOperation) {
		if (seen.has(key)) continue;
		operations.push({
			operation: key,
			sources: [],
			completeness: 'not in the contract',
			usedByNode: false,
			requests: slot.requests,
			probes: slot.probes,
			fields: Object.fromEntries([...slot.fields].sort()),
			errors: [],
			notCovered: [...slot.notCovered].map(([finding, g]) => ({
				finding,
				count: g.count,
				tests: [...g.tests],
			})),
			hints: [],
			optionalSent: [],
			notSent: {},
			unexercised: [],
			unexercisedDeprecated: [],
			listWrong: [],
		});
	}
	return {
		contract: contract.name,
		logDir,
		requests: entries.length - probes,
		probes,
		errors,
		notCovered,
		gaps: operations.reduce(
			(n, op) => n + op.unexercised.length + op.unexercisedDeprecated.length,
			0,
		),
		listWrong: operations.reduce((n, op) => n + op.listWrong.length, 0),
		operations,
	};
}

export function formatReport(report: ContractReport): string {
	const lines: string[] = [
		`Contract: ${report.contract}`,
		`Requests: ${report.requests} sent by the package in the tests (+ ${report.probes} probes of the fake by tests, not counted), recorded in ${report.logDir}`,
		'',
	];
	for (const op of report.operations) {
		lines.push(
			`${op.operation}  [${op.completeness}]  ${op.requests} request(s)${op.probes ? `, ${op.probes} probe(s)` : ''}`,
		);
		const fields = Object.entries(op.fields).map(([field, n]) => `${field} ×${n}`);
		lines.push(`  fields exercised: ${fields.length ? fields.join(', ') : '(none)'}`);
		for (const e of op.errors) {
			lines.push(`  CONTRACT ERROR ×${e.count}: ${e.finding}`);
			for (const test of e.tests) lines.push(`      sent by ${test}`);
		}
		for (const n of op.notCovered)
			lines.push(`  not covered ×${n.count}: ${n.finding}  (e.g. ${n.tests[0]})`);
		for (const h of op.hints) lines.push(`  type hint ×${h.count}: ${h.finding}`);
		if (op.unexercised.length)
			lines.push(`  GAP: optional fields no test sent: ${op.unexercised.join(', ')}`);
		if (Object.keys(op.notSent).length)
			lines.push(`  never sent by the node: ${Object.keys(op.notSent).join(', ')}`);
		for (const wrong of op.listWrong) lines.push(`  WRONG ENTRY in notSentByNode.ts: ${wrong}`);
		if (op.unexercisedDeprecated.length)
			lines.push(`  GAP: deprecated fields no test sent: ${op.unexercisedDeprecated.join(', ')}`);
		if (op.sources[0]) lines.push(`  contract: ${op.sources[0]}`);
		lines.push('');
	}
	const notSent = report.operations.reduce((n, op) => n + Object.keys(op.notSent).length, 0);
	lines.push(
		`Summary: ${report.errors} contract error(s), ${report.notCovered} key(s) not covered by the contract, ${report.gaps} optional field(s) no test sent (gaps), ${notSent} optional field(s) the node never sends, ${report.listWrong} wrong entr${report.listWrong === 1 ? 'y' : 'ies'} in notSentByNode.ts, over ${report.operations.length} operation(s).`,
	);
	return lines.join('\n');
}

const code = (field: string) => `\`${field}\``;

/** Fields that share a reason, named together: "`a`, `b`: reason". */
function reasons(notSent: Record<string, string>): string[] {
	const byReason = new Map<string, string[]>();
	for (const [field, reason] of Object.entries(notSent))
		byReason.set(reason, [...(byReason.get(reason) ?? []), field]);
	return [...byReason].map(([reason, fields]) => `${fields.map(code).join(', ')}: ${reason}`);
}

const gapsOf = (op: OperationReport) => [...op.unexercised, ...op.unexercisedDeprecated];

export const MARKDOWN_COMMAND =
	'ENNEO_CONTRACT_LOG=/tmp/clog npx jest test/unit && ENNEO_CONTRACT_LOG=/tmp/clog npm run check:contract -- --update-doc';
/** The lines that enclose the generated table in docs/enneo-api-notes.md. */
export const TABLE_START = `<!-- Generated by \`${MARKDOWN_COMMAND}\`; do not edit by hand. -->`;
export const TABLE_END = '<!-- End of the generated table. -->';
export const NOTES_FILE = join(__dirname, '..', 'docs', 'enneo-api-notes.md');

/** The document with its generated table replaced by `table` (formatMarkdown). */
export function withTable(document: string, table: string): string {
	const start = document.indexOf(TABLE_START);
	const end = document.indexOf(TABLE_END);
	if (start < 0 || end < start)
		throw new Error(`${NOTES_FILE}: no generated table (the lines ${TABLE_START} … ${TABLE_END})`);
	return document.slice(0, start) + table + document.slice(end + TABLE_END.length);
}

/**
 * The report the suite gives when it does what check:contract requires: every optional field of
 * every operation of the package sent, except those listed as never sent. The unit test compares
 * the table in the notes with the table of this report.
 */
export function completeReport(
	contract: Contract = ENNEO_CONTRACT,
	notSentByNode: Record<string, Record<string, string>> = NOT_SENT_BY_NODE,
): ContractReport {
	const operations: OperationReport[] = contract.operations
		.filter((operation) => operation.usedByNode)
		.map((operation) => {
			const listed = notSentByNode[operation.key] ?? {};
			const optional = optionalFields(operation).map((f) => f.field);
			return {
				operation: operation.key,
				sources: operation.sources,
				completeness: operation.completeness,
				usedByNode: true,
				requests: 1,
				probes: 0,
				fields: {},
				errors: [],
				notCovered: [],
				hints: [],
				optionalSent: optional.filter((field) => !(field in listed)),
				notSent: Object.fromEntries(
					Object.entries(listed).filter(([field]) => optional.includes(field)),
				),
				unexercised: [],
				unexercisedDeprecated: [],
				listWrong: [],
			};
		});
	return {
		contract: contract.name,
		logDir: '',
		requests: operations.length,
		probes: 0,
		errors: 0,
		notCovered: 0,
		gaps: 0,
		listWrong: 0,
		operations,
	};
}

/**
 * The table of docs/enneo-api-notes.md#contract: per operation of the package, its contract
 * completeness, the optional fields the suite sent, the gaps and the fields never sent (reasons
 * below the table). No counts, so it changes only when fields or the contract change.
 */
export function formatMarkdown(report: ContractReport): string {
	const operations = report.operations.filter(
		(op) => op.completeness !== 'not in the contract' && (op.usedByNode || op.requests > 0),
	);
	const cell = (fields: string[]) => (fields.length ? fields.map(code).join(', ') : '—');
	const lines = [
		TABLE_START,
		'',
		'| Operation | Contract | Optional fields the suite sends | Never sent by the node | Gaps |',
		'| --- | --- | --- | --- | --- |',
	];
	for (const op of operations)
		lines.push(
			`| ${code(op.operation)} | ${op.completeness} | ${cell(op.optionalSent)} | ${cell(Object.keys(op.notSent))} | ${gapsOf(op).length ? cell(gapsOf(op)) : 'none'} |`,
		);
	lines.push('', 'Why the node never sends these fields:', '');
	for (const op of operations) {
		if (!Object.keys(op.notSent).length) continue;
		lines.push(`- ${code(op.operation)}:`);
		for (const line of reasons(op.notSent)) lines.push(`  - ${line}`);
	}
	lines.push('', TABLE_END);
	return lines.join('\n');
}

async function main(): Promise<number> {
	const logDir = resolve(process.env[CONTRACT_LOG_ENV] || DEFAULT_LOG_DIR);
	const entries = readLog(logDir);
	if (!entries.length) {
		console.error(
			`check:contract: no recorded requests in ${logDir}. Run the suites with ${CONTRACT_LOG_ENV}=${logDir} first (npm run test:all does).`,
		);
		return 2;
	}
	const source = process.env.ENNEO_OPENAPI;
	const contract = source
		? contractFromOpenApi(
				await loadOpenApiDocument(source, process.env.ENNEO_API_KEY || undefined),
				source.replace(/[?#].*$/, ''),
			)
		: ENNEO_CONTRACT;
	const report = buildReport(entries, contract, logDir);
	if (process.argv.includes('--markdown') || process.argv.includes('--update-doc')) {
		const table = formatMarkdown(report);
		if (process.argv.includes('--update-doc')) {
			writeFileSync(NOTES_FILE, withTable(readFileSync(NOTES_FILE, 'utf8'), table));
			console.log(`check:contract: wrote the table into ${NOTES_FILE}`);
		} else console.log(table);
		return 0;
	}
	console.log(formatReport(report));
	writeFileSync(join(logDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
	if (report.errors > 0) return 1;
	// A live document lists fields the package does not know; gaps fail only against the reference.
	if (contract === ENNEO_CONTRACT && (report.gaps > 0 || report.listWrong > 0)) {
		console.error(
			`check:contract: ${report.gaps} optional field(s) no test sent and ${report.listWrong} wrong entr${report.listWrong === 1 ? 'y' : 'ies'} in test/fake-enneo/contract/notSentByNode.ts: send each field in a test of the operation that offers it, or list a field the node never sends there with the reason.`,
		);
		return 1;
	}
	return 0;
}

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(error: Error) => {
			console.error(`check:contract: ${error.message}`);
			process.exit(2);
		},
	);
}
