/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * Layout: the folders under nodes/ that are not a node (enneoApi, fields, values, shaping, inboundCall)
 * import nothing from a node's folder, a node imports nothing from another node, and operation
 * files import helpers, never each other (CONTRIBUTING.md, "Where code goes").
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const nodesDir = resolve(__dirname, '../../nodes');
const nodeFolders = ['Enneo', 'EnneoTrigger', 'EnneoEventTrigger'];
const helperFolders = ['enneoApi', 'fields', 'values', 'shaping', 'inboundCall'];

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

/** Every relative import of a file, as the repository-relative path it points at. */
function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/from '(\.[^']*)'/g)].map((match) =>
		relative(nodesDir, resolve(dirname(file), match[1])),
	);
}

const topFolder = (path: string) => path.split(sep)[0];
const files = sourceFiles(nodesDir).map((file) => ({
	file: relative(nodesDir, file),
	imports: importsOf(file),
}));

describe('layout of nodes/', () => {
	it('knows every folder under nodes/', () => {
		const folders = readdirSync(nodesDir).filter((name) =>
			statSync(join(nodesDir, name)).isDirectory(),
		);
		expect(folders.sort()).toEqual([...nodeFolders, ...helperFolders].sort());
	});

	it('helper folders import no node folder', () => {
		const offending = files
			.filter(({ file }) => helperFolders.includes(topFolder(file)))
			.flatMap(({ file, imports }) =>
				imports
					.filter((target) => nodeFolders.includes(topFolder(target)))
					.map((t) => `${file} → ${t}`),
			);
		expect(offending).toEqual([]);
	});

	it('a node imports nothing from another node', () => {
		const offending = files
			.filter(({ file }) => nodeFolders.includes(topFolder(file)))
			.flatMap(({ file, imports }) =>
				imports
					.filter(
						(target) =>
							nodeFolders.includes(topFolder(target)) && topFolder(target) !== topFolder(file),
					)
					.map((target) => `${file} → ${target}`),
			);
		expect(offending).toEqual([]);
	});

	it('operation files import no other operation file', () => {
		const offending = files
			.filter(({ file }) => file.endsWith('.operation.ts'))
			.flatMap(({ file, imports }) =>
				imports.filter((target) => target.endsWith('.operation')).map((t) => `${file} → ${t}`),
			);
		expect(offending).toEqual([]);
	});

	it('finds the imports it checks', () => {
		const respond = files.find(({ file }) => file.endsWith('respond.operation.ts'));
		expect(respond?.imports).toContain(join('inboundCall', 'answer'));
	});
});
