/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * `npm run verify`: checks this package the way n8n verifies a community node, on the local
 * build instead of a published version.
 *
 * 1. Packs the package as `npm publish` would (`npm pack`; its prepack runs `npm run build`) and
 *    checks the file list: both codex files and everything package.json's "n8n" section points to
 *    are in it; nothing from test/, bench/, scripts/, docs/ or examples/, no TypeScript sources.
 * 2. Runs n8n's scanner (@n8n/scan-community-package) with its own rule set and ESLint config:
 *    `analyzePackage` on the sources (its SOURCE_FILE_PATTERNS: package.json, nodes/, credentials/)
 *    and on the unpacked tarball (compiled .js and package.json), exactly as it lints a published
 *    package after downloading it. Inline eslint-disable comments do not count there.
 * 3. Checks that every documentation link of the nodes (codex files and the nodes' documentationUrl)
 *    into this repository points to a heading that exists.
 *
 * Not covered locally: the scanner's npm provenance check, which needs a version published from
 * the GitHub workflow (.github/workflows/publish.yml).
 *
 * Exits 1 on any finding. Keeps nothing: the tarball and the unpacked copy live in a temp dir.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const REPOSITORY = 'https://github.com/enneo-ai/n8n-nodes-enneo';
/** Paths that must never ship: tests, benchmarks, tools, docs (screenshots), templates, TS sources, maps. */
const FORBIDDEN = [/^(dist\/)?(test|bench|scripts|docs|examples)\//, /\.ts$/, /\.map$/];

interface PackedFile {
	path: string;
	size: number;
}
interface PackResult {
	filename: string;
	size: number;
	unpackedSize: number;
	entryCount: number;
	files: PackedFile[];
}
interface PackageJson {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
}
interface Codex {
	node: string;
	resources?: Record<string, Array<{ url: string }>>;
}

const problems: string[] = [];
const log = (message: string) => console.log(`[verify] ${message}`);

function pack(destination: string): PackResult {
	const stdout = execFileSync(
		'npm',
		['pack', '--json', '--loglevel=error', '--pack-destination', destination],
		{
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
			maxBuffer: 64 * 1024 * 1024,
		},
	);
	// npm prints the build's output before the JSON when prepack runs.
	const [result] = JSON.parse(stdout.slice(stdout.indexOf('[\n'))) as PackResult[];
	return result;
}

function checkFileList(result: PackResult, pkg: PackageJson, codexFiles: string[]): void {
	const paths = new Set(result.files.map((f) => f.path));
	const required = [
		'package.json',
		'README.md',
		'LICENSE',
		...codexFiles,
		...pkg.n8n.nodes,
		...pkg.n8n.credentials,
	];
	for (const path of required) if (!paths.has(path)) problems.push(`tarball: ${path} is missing`);
	for (const path of paths) {
		if (FORBIDDEN.some((pattern) => pattern.test(path)))
			problems.push(`tarball: ${path} must not be published`);
	}
}

/** GitHub's anchor for a Markdown heading. */
function slug(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

function headingsOf(file: string): Set<string> {
	const text = readFileSync(join(ROOT, file), 'utf8');
	return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1].replace(/`/g, ''))));
}

/** A link into this repository must name an existing file and, with an anchor, an existing heading. */
function checkLink(where: string, url: string): void {
	if (!url.startsWith(REPOSITORY)) return;
	const [base, anchor] = url.split('#');
	const rest = base.slice(REPOSITORY.length);
	const file = rest === '' || rest === '/' ? 'README.md' : rest.replace(/^\/blob\/main\//, '');
	if (!existsSync(join(ROOT, file))) {
		problems.push(`${where}: ${url} points to ${file}, which does not exist`);
		return;
	}
	if (anchor && !headingsOf(file).has(anchor))
		problems.push(`${where}: ${url} has no heading "#${anchor}" in ${file}`);
}

async function checkDocsLinks(pkg: PackageJson, codexFiles: string[]): Promise<void> {
	for (const nodePath of pkg.n8n.nodes) {
		const codexPath = nodePath.replace(/\.js$/, '.json');
		const codex = JSON.parse(readFileSync(join(ROOT, codexPath), 'utf8')) as Codex;
		const exported = (await import(join(ROOT, nodePath))) as Record<
			string,
			new () => { description: { name: string; documentationUrl?: string } }
		>;
		const { description } = new exported[basename(nodePath, '.node.js')]();
		if (codex.node !== `${pkg.name}.${description.name}`) {
			problems.push(
				`${codexPath}: "node" is ${codex.node}, the node type is ${pkg.name}.${description.name}`,
			);
		}
		for (const [kind, links] of Object.entries(codex.resources ?? {}))
			for (const { url } of links) checkLink(`${codexPath} ${kind}`, url);
		if (!description.documentationUrl) problems.push(`${nodePath}: no documentationUrl`);
		else checkLink(`${nodePath} documentationUrl`, description.documentationUrl);
	}
	if (codexFiles.length !== pkg.n8n.nodes.length)
		problems.push('codex: one .node.json per node expected');
}

async function scan(work: string, unpacked: string): Promise<void> {
	// The scanner makes its own temp dir when loaded; keep it inside ours so it goes away with it.
	process.env.TMPDIR = work;
	const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const legs = [
		{ name: 'sources', dir: ROOT, patterns: scanner.SOURCE_FILE_PATTERNS },
		{ name: 'tarball', dir: unpacked, patterns: ['**/*.js', 'package.json'] },
	];
	for (const leg of legs) {
		const result = await scanner.analyzePackage(leg.dir, leg.patterns);
		if (result.passed) log(`scanner (${leg.name}: ${leg.patterns.join(', ')}): no findings`);
		else
			problems.push(
				`scanner (${leg.name}): ${result.message ?? 'failed'}\n${result.details ?? ''}`,
			);
	}
}

async function main(): Promise<void> {
	const started = Date.now();
	const work = mkdtempSync(join(tmpdir(), 'enneo-verify-'));
	try {
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
		const codexFiles = pkg.n8n.nodes.map((path) => path.replace(/\.js$/, '.json'));

		log('packing (npm pack, which builds first)');
		const result = pack(work);
		log(
			`${result.filename}: ${(result.size / 1024).toFixed(1)} kB packed, ${(result.unpackedSize / 1024).toFixed(1)} kB unpacked, ${result.entryCount} files`,
		);
		checkFileList(result, pkg, codexFiles);

		const unpacked = join(work, 'package');
		execFileSync('tar', ['-xzf', join(work, result.filename), '-C', work]);
		await scan(work, unpacked);
		await checkDocsLinks(pkg, codexFiles);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (problems.length) {
		for (const problem of problems) console.error(`[verify] ✗ ${problem}`);
		console.error(`[verify] ${problems.length} problem(s) in ${seconds}s`);
		process.exit(1);
	}
	log(`passed in ${seconds}s`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
