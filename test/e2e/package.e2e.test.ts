/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs in Node outside n8n (tests and tools), never part of the package */
import { readFileSync } from 'node:fs';

import {
	ENNEO_NODE,
	ENNEO_TRIGGER_NODE,
	linearWorkflow,
	manualTrigger,
	PACKAGE_NAME,
} from './lib/n8n';
import { useE2e } from './lib/setup';

const e2e = useE2e();

describe('the packed package inside n8n', () => {
	test('n8n knows both node types and the credential, from the installed tarball', async () => {
		const types = await e2e.n8n.nodeTypes();
		const names = types.map((t) => t.name);
		expect(names).toEqual(expect.arrayContaining([ENNEO_NODE, ENNEO_TRIGGER_NODE]));
		const action = types.find((t) => t.name === ENNEO_NODE)!;
		expect(action.displayName).toBe('Enneo');
		expect(action.credentials).toEqual([expect.objectContaining({ name: 'enneoApi' })]);
		const trigger = types.find((t) => t.name === ENNEO_TRIGGER_NODE)!;
		expect(trigger.group).toContain('trigger');

		const credentials = await e2e.n8n.credentialTypes();
		expect(credentials.find((c) => c.name === 'enneoApi')).toMatchObject({
			displayName: 'Enneo API',
		});
	});

	test('n8n serves every icon the nodes and the credential point to', async () => {
		const types = [...(await e2e.n8n.nodeTypes()), ...(await e2e.n8n.credentialTypes())];
		const ours = types.filter(
			(t) => t.name.startsWith(`${PACKAGE_NAME}.`) || t.name === 'enneoApi',
		);
		const urls = ours.flatMap((t) => Object.values((t.iconUrl ?? {}) as Record<string, string>));
		expect(urls.length).toBeGreaterThanOrEqual(6); // light + dark for action, trigger, credential
		for (const url of new Set(urls)) {
			expect(url).toMatch(new RegExp(`^icons/${PACKAGE_NAME}/dist/`));
			const response = await e2e.n8n.get(`/${url}`);
			expect({ url, status: response.status }).toEqual({ url, status: 200 });
			expect(await response.text()).toContain('<svg');
		}
	});

	test('both nodes carry their codex from the package: category, search aliases, docs links to the README', async () => {
		const types = await e2e.n8n.nodeTypes();
		for (const name of [ENNEO_NODE, ENNEO_TRIGGER_NODE]) {
			const type = types.find((t) => t.name === name) as {
				codex?: {
					categories?: string[];
					alias?: string[];
					resources?: { primaryDocumentation?: Array<{ url: string }> };
				};
				documentationUrl?: string;
			};
			expect({ name, categories: type.codex?.categories }).toEqual({
				name,
				categories: ['Communication'],
			});
			expect(type.codex?.alias).toEqual(
				expect.arrayContaining(['helpdesk', 'call', 'phone', 'VIP', 'routing']),
			);
			const docs = type.codex?.resources?.primaryDocumentation?.[0]?.url;
			expect(docs).toMatch(/^https:\/\/github\.com\/enneo-ai\/n8n-nodes-enneo#[a-z-]+$/);
			// The editor's Docs link: documentationUrl is used as is (codex links get a query appended).
			expect(type.documentationUrl).toBe(docs);
		}
	});

	test("n8n's CLI, run next to the server, exports the node types from the installed package", async () => {
		const output = `${e2e.n8n.userFolder}/nodes-export.json`;
		const result = await e2e.n8n.cliRun(['export:nodes', `--output=${output}`]);
		expect(result.code).toBe(0);
		const exported = JSON.parse(readFileSync(output, 'utf8')) as Array<{ name: string }>;
		expect(exported.map((n) => n.name)).toEqual(
			expect.arrayContaining([ENNEO_NODE, ENNEO_TRIGGER_NODE]),
		);
	});

	test("luxon, which the nodes import, resolves inside n8n to n8n's own copy", async () => {
		const resolved = await e2e.n8n.resolveFromPackage('luxon');
		expect(resolved).toContain(`${e2e.n8n.connection.installDir}/node_modules/luxon/`);
	});

	test('a date filter (converted with luxon) reaches Enneo in its format', async () => {
		const wf = await e2e.n8n.createWorkflow(
			linearWorkflow('date filter', [
				manualTrigger(),
				e2e.enneo({
					parameters: {
						resource: 'ticket',
						operation: 'getMany',
						returnAll: false,
						limit: 5,
						filters: { createdAfter: '2026-10-01T08:30:00' },
					},
				}),
			]),
		);
		(await e2e.n8n.runWorkflow(wf.id)).assertSuccess();
		const [search] = e2e.fake.received('POST', '/ticket/search');
		expect((search.body as { filters: unknown[] }).filters).toContainEqual({
			key: 't.createdAt',
			comparator: '>=',
			value: '2026-10-01 08:30:00',
		});
	});
});

describe('credential test in n8n', () => {
	test('passes with the right key', async () => {
		const result = await e2e.n8n.testCredential({
			id: e2e.credential.id,
			type: 'enneoApi',
			data: { instanceUrl: e2e.fake.instanceUrl, apiKey: e2e.fake.apiKey },
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(e2e.fake.received('GET', '/profile').at(-1)!.headers.authorization).toBe(
			`Bearer ${e2e.fake.apiKey}`,
		);
	});

	test('fails with a wrong key, saying what to do', async () => {
		const result = await e2e.n8n.testCredential({
			id: e2e.credential.id,
			type: 'enneoApi',
			data: { instanceUrl: e2e.fake.instanceUrl, apiKey: 'wrong-key-4711' },
		});
		expect(result.status).toBe('Error');
		// n8n 1.x shows its own text for a failed test request instead of the credential's rule message.
		expect(result.message).toContain(
			e2e.n8n.n8nMajor >= 2 ? 'Enneo rejected the API key (401)' : 'Authorization failed',
		);
		expect(result.message).not.toContain('wrong-key-4711');
		expect(e2e.fake.received('GET', '/profile').at(-1)!.headers.authorization).toBe(
			'Bearer wrong-key-4711',
		);
	});

	test('fails on a URL without an Enneo API, naming the instance URL', async () => {
		const result = await e2e.n8n.testCredential({
			id: e2e.credential.id,
			type: 'enneoApi',
			data: { instanceUrl: `${e2e.fake.instanceUrl}/nothing-here`, apiKey: e2e.fake.apiKey },
		});
		expect(result.status).toBe('Error');
		expect(result.message).toContain(e2e.n8n.n8nMajor >= 2 ? 'Instance URL' : 'could not be found');
	});
});

describe('n8n CLI', () => {
	test('activates a workflow from the command line (2.x publish:workflow, 1.x update:workflow --active=true)', async () => {
		const trigger = {
			name: 'Enneo Trigger',
			type: ENNEO_TRIGGER_NODE,
			typeVersion: 2,
			position: [0, 0] as [number, number],
			webhookId: 'f3c7a2a8-0d7e-4c55-9b7b-5c1a8c1e0a11',
			parameters: { path: 'cli-activation', authentication: 'none' },
		};
		const wf = await e2e.n8n.createWorkflow(linearWorkflow('cli activation', [trigger]));
		const result = await e2e.n8n.cliRun(e2e.n8n.cliActivateArgs(wf.id));
		expect({
			code: result.code,
			stderr: result.stderr.includes('Error') ? result.stderr : '',
		}).toEqual({ code: 0, stderr: '' });
		const stored = (await e2e.n8n.getWorkflow(wf.id)) as {
			active?: boolean;
			activeVersionId?: string | null;
		};
		// 2.x marks the published version; 1.x sets the active flag.
		expect(e2e.n8n.n8nMajor >= 2 ? stored.activeVersionId : stored.active).toBeTruthy();
	});
});
