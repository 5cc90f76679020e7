/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- runs in Node outside n8n (tests), never part of the package */
/**
 * The VIP flow as a new user builds it, in the real n8n 2.x editor (headless Debian Chromium,
 * playwright-core), from an empty canvas: the node creator's searches find the Enneo Trigger (by its
 * action "On inbound call (routing request)"), Search customers, n8n's If and Inbound Call →
 * Respond; each node is added from the "+" handle of the one before (the If's true and false
 * handles for the two Respond nodes) and set up in its panel: the trigger's Authentication, Search
 * Text as an expression on the caller's number, the If's "is VIP" condition, the VIP answer's
 * Routing, AI Agent ID and first-name variable. The Enneo API credential is the one the editor
 * picks for Search customers. The editor saves and publishes the workflow; the REST API only reads
 * what the editor saved and waits until it is live. Then it is rung as a VIP, a regular and an
 * unknown caller.
 *
 * Expressions are typed (pasted) into the fields: drag-mapping needs input data in the panel, which
 * a new workflow has only after a test call.
 *
 * Runs on n8n 2.x in one process; skipped with a message when Chromium is missing (scripts/e2e.sh
 * installs Debian's chromium when it can). On a failure the editor's screen is saved to
 * /tmp/enneo-editor-e2e-<step>.png.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, Locator, Page } from 'playwright-core';
import { chromium, selectors } from 'playwright-core';

import { DEMO } from '../../fake-enneo/demoData';
import { callEvent, useInboundCalls } from '../lib/inboundCalls';
import type { WorkflowNode } from '../lib/n8n';
import { ENNEO_NODE, ENNEO_TRIGGER_NODE, loadConnection } from '../lib/n8n';
import { useE2e } from '../lib/setup';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const connection = loadConnection();
const runs = connection.n8nVersion.startsWith('2.') && !connection.queue;
const skipReason = !runs
	? 'the editor test runs on n8n 2.x in one process'
	: !existsSync(CHROMIUM)
		? `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`
		: '';
if (skipReason) process.stderr.write(`[e2e] skipping the editor test: ${skipReason}\n`);
const describeInBrowser = skipReason ? describe.skip : describe;

const e2e = useE2e();
const { published, call } = useInboundCalls(e2e);

describeInBrowser('the VIP flow in the real editor', () => {
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		// n8n's editor marks its elements with data-test-id.
		selectors.setTestIdAttribute('data-test-id');
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
		});
		page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.setDefaultTimeout(15_000);
		await page.goto(`${connection.baseUrl}/signin`);
		await page
			.locator('input[type="email"], input[name="emailOrLdapLoginId"]')
			.first()
			.fill(connection.owner.email);
		await page.locator('input[type="password"]').first().fill(connection.owner.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
	});
	afterAll(async () => {
		await browser?.close();
	});

	/** Runs one step; when it fails, the editor's screen is saved and named in the error. */
	async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
		try {
			return await run();
		} catch (error) {
			const path = join(tmpdir(), `enneo-editor-e2e-${name.replace(/\W+/g, '-')}.png`);
			await page.screenshot({ path }).catch(() => undefined);
			if (error instanceof Error) error.message = `${name}: ${error.message} (screen: ${path})`;
			throw error;
		}
	}

	const ndv = () => page.getByTestId('ndv');
	const creatorItem = (name: string) =>
		page.getByTestId('node-creator-item-name').getByText(name, { exact: true }).first();
	/** The "+" on a node's output handle (the If: 0 = true, 1 = false). */
	const plusHandle = (node: string, output = 0) =>
		page.locator(
			`[data-test-id="canvas-node-output-handle"][data-node-name="${node}"][data-index="${output}"] [data-test-id="canvas-handle-plus"]`,
		);
	const parameter = (name: string, within: Page | Locator = page) =>
		within.getByTestId(`parameter-input-${name}`);

	async function openEmptyCanvas(): Promise<void> {
		await page.goto(`${connection.baseUrl}/workflow/new`);
		await page.getByTestId('canvas-add-button').waitFor({ timeout: 30_000 });
	}

	/** Types `term` into the open node creator's search; whether `item` is listed. */
	async function search(term: string, item = 'Enneo'): Promise<boolean> {
		const bar = page.getByTestId('node-creator-search-bar');
		// From an empty search (no node listed), so a list left from the last term is never read.
		await bar.fill('');
		await creatorItem(item).waitFor({ state: 'hidden' });
		await bar.fill(term);
		return await creatorItem(item)
			.waitFor({ timeout: 3_000 })
			.then(() => true)
			.catch(() => false);
	}

	/** Picks `item` (and its action) in the open node creator; n8n adds the node and opens its panel. */
	async function add(term: string, item: string, action?: string): Promise<void> {
		expect(await search(term, item)).toBe(true);
		await creatorItem(item).click();
		if (action) await creatorItem(action).click();
		await ndv().waitFor();
	}

	async function closePanel(): Promise<void> {
		await page.getByTestId('ndv-close-button').click();
		await ndv().waitFor({ state: 'hidden' });
	}

	/** Chooses an option of a dropdown in the panel (its name; n8n shows the description under it). */
	async function choose(name: string, option: string): Promise<void> {
		await parameter(name).click();
		await page.getByRole('option', { name: new RegExp(`^${option}`) }).click();
		expect(await parameter(name).locator('input').inputValue()).toBe(option);
	}

	test('"What triggers this workflow?": every inbound-call term finds Enneo, with its own description', async () => {
		await openEmptyCanvas();
		await page.getByTestId('canvas-add-button').click();
		const found: Record<string, boolean> = {};
		for (const term of [
			'inbound',
			'inbound call',
			'CallInBound',
			'IVR',
			'caller',
			'call routing',
			'ringing',
		]) {
			found[term] = await step(`search ${term}`, async () => {
				const hit = await search(term);
				if (term === 'inbound call')
					expect(
						await page.getByTestId('node-creator-item-description').first().textContent(),
					).toMatch(/^Route inbound calls while they ring/);
				return hit;
			});
		}
		expect(Object.entries(found).filter(([, hit]) => !hit)).toEqual([]);
	});

	test('from an empty canvas: the whole VIP flow through the editor, published there and rung', async () => {
		await step('trigger', async () => {
			await openEmptyCanvas();
			await page.getByTestId('canvas-add-button').click();
			await add('inbound call', 'Enneo', 'On inbound call (routing request)');
			// The default Respond is the one the Respond nodes answer for; no webhook secret in this test.
			expect(await parameter('responseMode').locator('input').inputValue()).toBe(
				"Using 'Respond to Inbound Call' Action",
			);
			await choose('authentication', 'None');
			await closePanel();
		});

		await step('search customers', async () => {
			await plusHandle('Enneo Trigger').click();
			// "What happens next?": the words a user types for the lookup find the Enneo node.
			const found: Record<string, boolean> = {};
			for (const term of ['search customer', 'find customer', 'caller lookup'])
				found[term] = await search(term);
			expect(Object.entries(found).filter(([, hit]) => !hit)).toEqual([]);
			await add('search customer', 'Enneo', 'Search customers');
			// The editor picks the only (most recent) Enneo API credential; else the user picks it.
			const credential = page.getByTestId('node-credentials-select');
			if ((await credential.locator('input').inputValue()) !== e2e.credential.name) {
				await credential.click();
				await page.getByRole('option', { name: e2e.credential.name }).click();
			}
			await parameter('query').locator('input').fill('{{ $json.callerE164 }}');
			await parameter('limit').locator('input').fill('1');
			await closePanel();
		});

		await step('if VIP', async () => {
			await plusHandle('Search customers').click();
			await add('if', 'If');
			await page.getByTestId('filter-condition-left').locator('input').fill('{{ $json.isVip }}');
			await page.getByTestId('filter-operator-select').click();
			await page.getByRole('menuitem', { name: 'Boolean' }).hover();
			await page.getByRole('menuitem', { name: 'is true' }).click();
			await expect(page.getByTestId('filter-operator-select').textContent()).resolves.toContain(
				'is true',
			);
			// n8n 2.41 hands a condition to the node only 1.5 s after the last edit (500 ms in the
			// condition, 1 s in the list of conditions) and shows nothing when it does: closing the panel
			// sooner silently drops the condition. The saved workflow is checked below.
			await page.waitForTimeout(2_000);
			await closePanel();
		});

		await step('respond VIP', async () => {
			const output = (index: number) =>
				page.locator(
					`[data-test-id="canvas-node-output-handle"][data-node-name="If"][data-index="${index}"]`,
				);
			expect([(await output(0).innerText()).trim(), (await output(1).innerText()).trim()]).toEqual([
				'true',
				'false',
			]);
			await plusHandle('If', 0).click();
			expect(await search('respond')).toBe(true);
			await add('respond to inbound call', 'Enneo', 'Respond to inbound call');
			await choose('routing', 'Route to AI Agent');
			const agent = parameter('aiAgentId').locator('input');
			await agent.fill(String(DEMO.vipAiAgentId));
			// The number counts once the field is left: the "cannot be published with 0" notice goes.
			await agent.press('Tab');
			await page.getByText('The workflow cannot be published with 0').waitFor({ state: 'hidden' });
			const variables = page.getByTestId('fixed-collection-variables');
			await variables.getByTestId('fixed-collection-add').click();
			await parameter('key', variables).locator('input').fill('name');
			await parameter('value', variables).locator('input').fill('{{ $json.firstName }}');
			await closePanel();
		});

		await step('respond default', async () => {
			await plusHandle('If', 1).click();
			await add('inbound call', 'Enneo', 'Respond to inbound call');
			// Keep Default Routing is the Respond node's default: nothing to change.
			expect(await parameter('routing').locator('input').inputValue()).toBe('Keep Default Routing');
			await closePanel();
		});

		const id = await step('save', async () => {
			await page.keyboard.press('Control+s');
			await page.waitForURL((url) => /\/workflow\/[A-Za-z0-9]{8,}/.test(url.pathname));
			return /\/workflow\/([A-Za-z0-9]+)/.exec(new URL(page.url()).pathname)![1];
		});

		// What the editor saved: read over the REST API (the save may still be on its way).
		const ifConnected = (connections: Record<string, unknown>) =>
			(connections.If as { main?: unknown[][] } | undefined)?.main?.filter((out) => out?.length)
				.length === 2;
		let saved = await e2e.n8n.getWorkflow(id);
		for (let i = 0; i < 50 && !ifConnected(saved.connections as Record<string, unknown>); i++) {
			await page.waitForTimeout(200);
			saved = await e2e.n8n.getWorkflow(id);
		}
		const nodes = saved.nodes as WorkflowNode[];
		const byName = (name: string) => nodes.find((node) => node.name === name)!;
		expect(nodes.map((node) => [node.name, node.type, node.typeVersion])).toEqual([
			['Enneo Trigger', ENNEO_TRIGGER_NODE, 2],
			['Search customers', ENNEO_NODE, 4],
			['If', 'n8n-nodes-base.if', expect.any(Number)],
			['Respond to inbound call', ENNEO_NODE, 4],
			['Respond to inbound call1', ENNEO_NODE, 4],
		]);
		// n8n saves only what differs from the defaults (the trigger's Event and Respond, Respond's Routing).
		expect(byName('Enneo Trigger').parameters).toMatchObject({ authentication: 'none' });
		expect(byName('Search customers')).toMatchObject({
			parameters: {
				resource: 'customer',
				operation: 'search',
				query: '={{ $json.callerE164 }}',
				limit: 1,
			},
			credentials: { enneoApi: { id: e2e.credential.id, name: e2e.credential.name } },
		});
		expect(byName('If').parameters).toMatchObject({
			conditions: {
				conditions: [
					{
						leftValue: '={{ $json.isVip }}',
						operator: { type: 'boolean', operation: 'true' },
					},
				],
			},
		});
		expect(byName('Respond to inbound call').parameters).toEqual({
			resource: 'inboundCall',
			routing: 'aiAgent',
			aiAgentId: DEMO.vipAiAgentId,
			variables: { variable: [{ key: 'name', value: '={{ $json.firstName }}' }] },
			options: {},
		});
		expect(byName('Respond to inbound call1').parameters).toEqual({
			resource: 'inboundCall',
			options: {},
		});
		expect(saved.connections).toEqual({
			'Enneo Trigger': { main: [[{ node: 'Search customers', type: 'main', index: 0 }]] },
			'Search customers': { main: [[{ node: 'If', type: 'main', index: 0 }]] },
			If: {
				main: [
					[{ node: 'Respond to inbound call', type: 'main', index: 0 }],
					[{ node: 'Respond to inbound call1', type: 'main', index: 0 }],
				],
			},
		});

		await step('publish', async () => {
			await page.getByTestId('workflow-open-publish-modal-button').click();
			await page.getByTestId('workflow-publish-button').click();
			// n8n shows the trigger's activation message once the workflow is published.
			await page
				.getByTestId('activation-modal')
				.getByText('Calls to the Production URL now run this workflow')
				.waitFor();
		});
		published.push(id);
		const live = await e2e.n8n.getWorkflow(id);
		await e2e.n8n.waitUntilLive(id, String(live.activeVersionId ?? live.versionId));

		const ringing = {
			webhookId: byName('Enneo Trigger').webhookId!,
			path: 'enneo-inbound-call',
		};
		const vip = await call(ringing, callEvent({ Caller: DEMO.vipPhone }));
		expect(vip.body).toEqual({
			CallInBound: {
				OverrideAIAgentId: DEMO.vipAiAgentId,
				Variables: [{ Key: 'name', Value: 'Victoria' }],
			},
		});
		const regular = await call(ringing, callEvent({ Caller: DEMO.regularPhone }));
		expect(regular.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		// Customer → Search (version 4, the editor's default) answers one { found: false } item for an
		// unknown caller, so the If's false branch answers: no n8n setting needed, no fallback.
		const unknown = await call(ringing, callEvent({ Caller: '+4989000000099' }));
		expect(unknown.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		expect(unknown.headers.get('x-enneo-answered-by')).not.toMatch(/^fallback/);
		expect(unknown.ms).toBeLessThan(500);
	});
});
