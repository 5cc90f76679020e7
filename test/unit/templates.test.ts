/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * Every workflow in examples/ in the shape n8n's template library asks for (docs/templates.md,
 * "Template library"): one yellow overview sticky at the top left (100-300 words, with
 * `### How it works` and `### Setup`), white section stickies (< 50 words) around the nodes of
 * workflows with 4+ nodes, a "verb + object + where" title in sentence case, no credentials or
 * personal data; and per template a description in five sections and a canvas image, both linked
 * from docs/templates.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const examplesDir = join(root, 'examples');
const files = readdirSync(examplesDir).filter((f) => f.endsWith('.json'));
const templatesDoc = readFileSync(join(root, 'docs/templates.md'), 'utf8');

interface Node {
	name: string;
	type: string;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}
interface Workflow {
	name: string;
	nodes: Node[];
	[key: string]: unknown;
}

const STICKY = 'n8n-nodes-base.stickyNote';
/** Sticky colours as n8n numbers them: 1 (the default) is yellow, 7 is white. */
const YELLOW = 1;
const WHITE = 7;
/**
 * The size a node takes on n8n's canvas from its position (top left): AI sub-nodes (a chat model,
 * a tool) are 80 px circles, the AI Agent is wider, with its sub-node ports, the rest 100 px.
 */
function nodeBox(node: Node): Box {
	const [x, y] = node.position;
	const [w, h] =
		node.type === '@n8n/n8n-nodes-langchain.agent'
			? [260, 100]
			: node.type.startsWith('@n8n/n8n-nodes-langchain.lm') || node.type.endsWith('Tool')
				? [80, 80]
				: [100, 100];
	return { x0: x, y0: y, x1: x + w, y1: y + h };
}

interface Box {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}
const stickyBox = (note: Node): Box => ({
	x0: note.position[0],
	y0: note.position[1],
	x1: note.position[0] + Number(note.parameters.width),
	y1: note.position[1] + Number(note.parameters.height),
});
const inside = (inner: Box, outer: Box) =>
	inner.x0 >= outer.x0 && inner.y0 >= outer.y0 && inner.x1 <= outer.x1 && inner.y1 <= outer.y1;
const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Words of Markdown text: tokens with a letter or digit, Markdown marks ignored. */
export function wordCount(markdown: string): number {
	return markdown
		.replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
		.split(/\s+/)
		.filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/** Words that keep their capitals in a sentence-case title. */
const PROPER_NOUNS = new Set(['Enneo', 'AI', 'VIP', 'IVR', 'OpenAI', 'n8n']);
/** Verbs a title may start with (imperative: what the workflow does). */
const TITLE_VERBS = new Set([
	'Add',
	'Answer',
	'Assign',
	'Close',
	'Create',
	'Escalate',
	'Log',
	'Route',
	'Search',
	'Send',
	'Sync',
	'Tag',
	'Update',
]);

/** Why a title does not read "verb + object + where" in sentence case (empty when it does). */
export function titleProblems(title: string): string[] {
	const problems: string[] = [];
	const words = title.split(' ');
	if (!TITLE_VERBS.has(words[0])) problems.push(`starts with "${words[0]}", not a verb`);
	for (const word of words.slice(1)) {
		const bare = word.replace(/[^\p{L}\p{N}-]/gu, '');
		if (/\p{Lu}/u.test(bare) && !PROPER_NOUNS.has(bare))
			problems.push(`"${word}" is capitalised (sentence case)`);
	}
	if (!/ (to|on|in|into|from) /.test(title)) problems.push('says nowhere where (to/on/in/from)');
	if (!/\bEnneo\b/.test(title)) problems.push('does not name Enneo');
	if (/[:!?()\p{Extended_Pictographic}]/u.test(title))
		problems.push('has a colon, emoji or "!?()"');
	if (title.length > 80) problems.push(`is ${title.length} characters long (at most 80)`);
	return problems;
}

const read = (file: string) =>
	JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as Workflow;
const color = (note: Node) => Number(note.parameters.color ?? YELLOW);
const text = (note: Node) => String(note.parameters.content ?? '');

describe('template library shape', () => {
	test('finds the templates', () => {
		expect(files).toEqual(
			expect.arrayContaining([
				'ai-agent-ticket-tool.json',
				'escalated-callers-to-human-queue.json',
				'vip-inbound-routing.json',
			]),
		);
	});

	describe.each(files)('%s', (file) => {
		const workflow = read(file);
		const notes = workflow.nodes.filter((n) => n.type === STICKY);
		const nodes = workflow.nodes.filter((n) => n.type !== STICKY);
		const overviews = notes.filter((n) => color(n) === YELLOW);
		const sections = notes.filter((n) => color(n) !== YELLOW);

		test('one yellow overview sticky at the top left, 100-300 words, with How it works and Setup', () => {
			expect(overviews).toHaveLength(1);
			const [overview] = overviews;
			expect(text(overview)).toMatch(/^### How it works$/m);
			expect(text(overview)).toMatch(/^### Setup$/m);
			const words = wordCount(text(overview));
			expect(words).toBeGreaterThanOrEqual(100);
			expect(words).toBeLessThanOrEqual(300);
			for (const other of workflow.nodes.filter((n) => n !== overview)) {
				expect([other.name, overview.position[0] <= other.position[0]]).toEqual([other.name, true]);
				expect([other.name, overview.position[1] <= other.position[1]]).toEqual([other.name, true]);
			}
			// The overview explains; it does not frame nodes or sections.
			const box = stickyBox(overview);
			expect(
				workflow.nodes
					.filter(
						(n) => n !== overview && overlap(n.type === STICKY ? stickyBox(n) : nodeBox(n), box),
					)
					.map((n) => n.name),
			).toEqual([]);
		});

		test('white section stickies under 50 words, one around each node (required with 4+ nodes)', () => {
			for (const section of sections) {
				expect([section.name, color(section)]).toEqual([section.name, WHITE]);
				expect(wordCount(text(section))).toBeLessThan(50);
			}
			if (nodes.length >= 4) expect(sections.length).toBeGreaterThanOrEqual(1);
			if (sections.length) {
				const homes = nodes.map((node) => [
					node.name,
					sections.filter((s) => inside(nodeBox(node), stickyBox(s))).length,
				]);
				expect(homes).toEqual(nodes.map((node) => [node.name, 1]));
			}
			for (const a of sections)
				for (const b of sections)
					if (a !== b)
						expect([a.name, b.name, overlap(stickyBox(a), stickyBox(b))]).toEqual([
							a.name,
							b.name,
							false,
						]);
		});

		test('title: verb + object + where, in sentence case', () => {
			expect(titleProblems(workflow.name)).toEqual([]);
		});

		test('no credentials, personal data or instance details', () => {
			for (const node of nodes)
				for (const [type, reference] of Object.entries(node.credentials ?? {}))
					expect([node.name, type, reference.id]).toEqual([
						node.name,
						type,
						expect.stringMatching(/^REPLACE_WITH_YOUR_[A-Z_]+_CREDENTIAL_ID$/),
					]);
			expect(Object.keys(workflow).sort()).toEqual(
				expect.not.arrayContaining(['id', 'meta', 'versionId', 'active', 'shared', 'tags']),
			);
			expect(workflow.pinData ?? {}).toEqual({});
			const raw = readFileSync(join(examplesDir, file), 'utf8');
			expect(raw).not.toMatch(/"(apiKey|password|token|accessToken|secret)"\s*:/i);
			expect(raw).not.toMatch(/Bearer\s+\w/);
			// E-mail addresses and web addresses only on reserved example domains or public docs.
			const emails = raw.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? [];
			expect(emails.filter((e) => !/@([\w-]+\.)*example\.(com|org|net)$/.test(e))).toEqual([]);
			const urls = raw.match(/https?:\/\/[^\s"')\]]+/g) ?? [];
			expect(
				urls.filter(
					(u) =>
						!/^https:\/\/(docs\.n8n\.io|github\.com\/enneo-ai|[\w.-]*example\.(com|org))\b/.test(u),
				),
			).toEqual([]);
		});

		const name = file.replace(/\.json$/, '');
		test(`description docs/templates/${name}.md in the five sections, about 200 words, image on top`, () => {
			const path = join(root, 'docs/templates', `${name}.md`);
			expect(existsSync(path)).toBe(true);
			const description = readFileSync(path, 'utf8');
			// Markdown only: no HTML tags outside code spans.
			expect(description.replace(/`[^`\n]*`/g, '')).not.toMatch(/<[a-z][^>]*>/i);
			const headings = [...description.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
			expect(headings).toEqual([
				"Who's it for",
				'How it works',
				'How to set up',
				'Requirements',
				'How to customize',
			]);
			// "About 200 words": within a fifth of it, headings not counted.
			const words = wordCount(description.replace(/^#.*$/gm, ''));
			expect(words).toBeGreaterThanOrEqual(160);
			expect(words).toBeLessThanOrEqual(240);
			// The library's preview does not draw community nodes: the canvas image comes first.
			const image = `../images/templates/${name}.png`;
			expect(description.split('\n## ')[0]).toContain(`](${image})`);
			expect(description).toMatch(/self-hosted/i);
		});

		test('canvas image and description linked from docs/templates.md', () => {
			expect(existsSync(join(root, 'docs/images/templates', `${name}.png`))).toBe(true);
			expect(templatesDoc).toContain(`](templates/${name}.md)`);
			expect(templatesDoc).toContain(`](images/templates/${name}.png)`);
		});
	});
});

describe('title rule', () => {
	test.each([
		['Route VIP callers to a VIP AI agent in Enneo', []],
		[
			'Enneo: route VIP callers to the VIP AI agent',
			['starts with "Enneo:", not a verb', 'has a colon, emoji or "!?()"'],
		],
		['Route VIP Callers in Enneo', ['"Callers" is capitalised (sentence case)']],
		['Close spam tickets', ['says nowhere where (to/on/in/from)', 'does not name Enneo']],
		[
			'Ticket triage in Enneo (negative sentiment)',
			['starts with "Ticket", not a verb', 'has a colon, emoji or "!?()"'],
		],
	])('%s', (title, problems) => {
		expect(titleProblems(title)).toEqual(problems);
	});

	test('counts words, not Markdown marks', () => {
		expect(wordCount('## Title\n\n1. **Bold** and `code` - *it*')).toBe(6);
	});
});
