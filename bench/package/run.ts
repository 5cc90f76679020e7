/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * What the package costs a user: packed and installed size, the time n8n's Node takes to load its
 * nodes and credentials, n8n's start time and /types/nodes.json with the package vs with an empty
 * community package of the same name (same install path, nothing to load).
 *
 *   npx tsx bench/package/run.ts     (ENNEO_BENCH_REPEAT to change the number of starts)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	ensureN8nInstalled,
	installTarball,
	packPackage,
	PACKAGE_NAME,
	startN8n,
} from '../../test/e2e/lib/n8n';
import { log, runMain } from '../lib/env';
import { median, round } from '../lib/stats';
import type { Row } from '../report';
import { saveResult } from '../report';

const REPEAT = Number(process.env.ENNEO_BENCH_REPEAT ?? 3);
const LOAD_REPEAT = 7;

const kb = (bytes: number) => round(bytes / 1024, 1);

/** A community package with our name and no nodes: the baseline for n8n's own loading work. */
function emptyPackageTarball(dir: string): string {
	const source = join(dir, 'empty');
	execFileSync('mkdir', ['-p', source]);
	writeFileSync(
		join(source, 'package.json'),
		JSON.stringify({
			name: PACKAGE_NAME,
			version: '0.0.0',
			keywords: ['n8n-community-node-package'],
			n8n: { n8nNodesApiVersion: 1, nodes: [], credentials: [] },
		}),
	);
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], {
		cwd: source,
		encoding: 'utf8',
	});
	return join(dir, (JSON.parse(out) as Array<{ filename: string }>)[0].filename);
}

/** Milliseconds to require our built nodes + credentials and build their descriptions, in n8n's Node. */
function loadTimeMs(installDir: string, packageDir: string): number {
	const script = `
const Module = require('module');
const path = require('path');
const n8nMain = require.resolve('n8n/dist/index.js', { paths: [${JSON.stringify(join(installDir, 'node_modules'))}] });
const m = new Module(n8nMain); m.paths = Module._nodeModulePaths(path.dirname(n8nMain));
process.env.NODE_PATH = m.paths.join(':'); Module._initPaths();
Module.createRequire(${JSON.stringify(join(packageDir, 'package.json'))})('n8n-workflow'); // the copy n8n loaded before any community package
const pkg = require(${JSON.stringify(join(packageDir, 'package.json'))});
const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((f) => path.join(${JSON.stringify(packageDir)}, f));
const start = process.hrtime.bigint();
for (const file of files) {
  const exports = require(file);
  for (const Class of Object.values(exports)) if (typeof Class === 'function') JSON.stringify(new Class().description ?? new Class().properties);
}
console.log(Number(process.hrtime.bigint() - start) / 1e6);
`;
	const node = join(installDir, 'node_modules/node/bin/node');
	return Number(execFileSync(node, ['-e', script], { encoding: 'utf8', cwd: packageDir }).trim());
}

/** Starts n8n with a tarball; returns ms from spawn to ready (owner set up) and the /types/nodes.json cost. */
async function startOnce(
	tarball: string,
): Promise<{ startMs: number; typesMs: number; typesKb: number; ourTypesKb: number }> {
	let spawnedAt = 0;
	let readyAt = 0;
	const n8n = await startN8n({
		packageTarball: tarball,
		log: (message) => {
			if (message.startsWith('starting n8n')) spawnedAt = Date.now();
			if (message === 'n8n is ready') readyAt = Date.now();
		},
	});
	try {
		const t0 = Date.now();
		const response = await n8n.get('/types/nodes.json');
		const body = await response.text();
		const typesMs = Date.now() - t0;
		const ours = (JSON.parse(body) as Array<{ name: string }>).filter((t) =>
			t.name.startsWith(`${PACKAGE_NAME}.`),
		);
		return {
			startMs: readyAt - spawnedAt,
			typesMs,
			typesKb: kb(Buffer.byteLength(body)),
			ourTypesKb: kb(Buffer.byteLength(JSON.stringify(ours))),
		};
	} finally {
		await n8n.stop();
		rmSync(n8n.connection.userFolder, { recursive: true, force: true });
	}
}

async function main() {
	const work = mkdtempSync(join(tmpdir(), 'enneo-bench-package-'));
	try {
		const tarball = process.env.ENNEO_BENCH_TARBALL || (await packPackage({ outDir: work, log }));
		const installDir = await ensureN8nInstalled(log);

		const listing = execFileSync('tar', ['-tzvf', tarball], { encoding: 'utf8' })
			.trim()
			.split('\n');
		const unpacked = listing.reduce((sum, line) => sum + Number(line.split(/\s+/)[2] ?? 0), 0);
		const home = join(work, 'home');
		const packageDir = await installTarball(home, tarball);
		const installed = Number(
			execFileSync('du', ['-sb', packageDir], { encoding: 'utf8' }).split('\t')[0],
		);
		const modules = join(packageDir, 'node_modules');
		const dependencies = existsSync(modules)
			? readdirSync(modules).filter((name) => !name.startsWith('.')).length
			: 0;

		log('timing the load of the nodes and credentials');
		const loads = Array.from({ length: LOAD_REPEAT }, () => loadTimeMs(installDir, packageDir));

		const empty = emptyPackageTarball(work);
		const starts: Record<'with' | 'without', Array<Awaited<ReturnType<typeof startOnce>>>> = {
			with: [],
			without: [],
		};
		for (let i = 0; i < REPEAT; i++) {
			// Alternate, so drift of the machine hits both sides alike.
			for (const side of ['without', 'with'] as const) {
				starts[side].push(await startOnce(side === 'with' ? tarball : empty));
				log(`n8n start ${side} the package: ${starts[side].at(-1)!.startMs} ms`);
			}
		}
		const med = (side: 'with' | 'without', key: 'startMs' | 'typesMs') =>
			median(starts[side].map((s) => s[key]));

		const rows: Row[] = [
			{ measure: 'Packed size (npm pack .tgz)', value: kb(statSync(tarball).size), unit: 'KB' },
			{ measure: 'Unpacked size (files in the tarball)', value: kb(unpacked), unit: 'KB' },
			{ measure: 'Files in the tarball', value: listing.length, unit: 'files' },
			{ measure: 'Installed size (as n8n installs it)', value: kb(installed), unit: 'KB' },
			{ measure: 'Runtime dependencies installed with it', value: dependencies, unit: 'packages' },
			{
				measure: "Load nodes + credentials in n8n's Node (median)",
				value: round(median(loads), 1),
				unit: 'ms',
			},
			{
				measure: 'n8n start to ready, empty package (median)',
				value: med('without', 'startMs'),
				unit: 'ms',
			},
			{
				measure: 'n8n start to ready, with n8n-nodes-enneo (median)',
				value: med('with', 'startMs'),
				unit: 'ms',
			},
			{
				measure: 'Difference in start time',
				value: med('with', 'startMs') - med('without', 'startMs'),
				unit: 'ms',
			},
			{
				measure: '/types/nodes.json, empty package (median)',
				value: med('without', 'typesMs'),
				unit: 'ms',
			},
			{
				measure: '/types/nodes.json, with n8n-nodes-enneo (median)',
				value: med('with', 'typesMs'),
				unit: 'ms',
			},
			{
				measure: 'Our node types in /types/nodes.json',
				value: starts.with[0].ourTypesKb,
				unit: 'KB',
			},
		];
		saveResult({
			name: 'package',
			title: 'Package cost',
			method: `npm pack of the built package; installed the way n8n 2.41 installs community packages; load time of the node and credential files in n8n's Node 24 (median of ${LOAD_REPEAT} fresh processes, n8n-workflow preloaded); n8n started ${REPEAT}× with and ${REPEAT}× without the package, alternating.`,
			rows,
			notes: [
				'n8n start times vary by a few hundred ms from run to run; a difference smaller than that is noise.',
			],
		});
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

runMain(main);
