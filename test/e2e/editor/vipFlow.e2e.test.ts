/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests), never part of the package */
/**
 * The VIP flow as a new user starts it, in the real n8n 2.x editor (headless Debian Chromium,
 * playwright-core): the node creator's searches find the Enneo Trigger and Inbound Call → Respond,
 * the trigger's action reads "On inbound call (routing request)", and the flow started on an empty
 * canvas (trigger, then Search customers from the trigger's + handle) is saved by the editor. The
 * rest of the flow (If VIP, the two Respond nodes, the search by the caller's number) is added to
 * that saved workflow over n8n's REST API; the workflow is published and rung as a VIP, a regular
 * and an unknown caller.
 *
 * Runs on n8n 2.x in one process; skipped with a message when Chromium is missing (scripts/e2e.sh
 * installs Debian's chromium when it can).
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import { DEMO } from '../../fake-enneo/demoData';
import { callEvent, useInboundCalls } from '../lib/inboundCalls';
import type { WorkflowJson, WorkflowNode } from '../lib/n8n';
import { connect, ENNEO_NODE, ENNEO_TRIGGER_NODE, ifTrue, loadConnection } from '../lib/n8n';
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
const { publish, call } = useInboundCalls(e2e);

describeInBrowser('the VIP flow in the real editor', () => {
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
		});
		page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
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
	afterEach(async () => {
		// What the editor showed when a step failed.
		await page?.screenshot({ path: join(tmpdir(), 'enneo-editor-e2e-last.png') }).catch(() => {});
	});

	const byTestId = (id: string, text?: string | RegExp) =>
		page.locator(`[data-test-id="${id}"]`, text ? { hasText: text } : {}).first();
	const creatorNames = () =>
		page.locator('[data-test-id="node-creator-item-name"]').allTextContents();

	async function openEmptyCanvas(): Promise<void> {
		await page.goto(`${connection.baseUrl}/workflow/new`);
		await byTestId('canvas-add-button').waitFor({ timeout: 30_000 });
	}

	/** Types `term` into the open node creator's search (it has the focus); the entries it lists. */
	async function search(term: string): Promise<string[]> {
		await page.keyboard.press('Control+a');
		await page.keyboard.type(term);
		await page.waitForTimeout(500);
		return await creatorNames();
	}

	test('"What triggers this workflow?": every inbound-call term finds Enneo, with its own description', async () => {
		await openEmptyCanvas();
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
			await byTestId('canvas-add-button').click();
			found[term] = (await search(term)).includes('Enneo');
			if (term === 'inbound call')
				expect(await byTestId('node-creator-item-description').textContent()).toMatch(
					/^Route inbound calls while they ring/,
				);
			await page.keyboard.press('Escape');
			await page.waitForTimeout(300);
		}
		expect(Object.entries(found).filter(([, hit]) => !hit)).toEqual([]);
	});

	test('from an empty canvas: the trigger by its action name, then Search customers; the editor saves both', async () => {
		await openEmptyCanvas();
		await byTestId('canvas-add-button').click();
		await search('inbound call');
		await byTestId('node-creator-item-name', /^Enneo$/).click();
		const action = byTestId('node-creator-item-name', 'On inbound call (routing request)');
		await action.waitFor();
		await action.click();
		await page.keyboard.press('Escape');
		await byTestId('canvas-node', 'Enneo Trigger').waitFor();

		// "What happens next?": both searches find the Enneo node with Inbound Call → Respond.
		for (const term of ['respond', 'respond to inbound call']) {
			await byTestId('canvas-handle-plus').click();
			expect(await search(term)).toContain('Enneo');
			await byTestId('node-creator-item-name', /^Enneo$/).click();
			expect(await creatorNames()).toContain('Respond to inbound call');
			await page.keyboard.press('Escape');
			await page.waitForTimeout(300);
		}
		await byTestId('canvas-handle-plus').click();
		await search('enneo');
		await byTestId('node-creator-item-name', /^Enneo$/).click();
		await byTestId('node-creator-item-name', 'Search customers').click();
		await page.keyboard.press('Escape');
		await byTestId('canvas-node', 'Search customers').waitFor();
		await page.keyboard.press('Control+s');
		await page.waitForURL((url) => /\/workflow\/[A-Za-z0-9]{8,}/.test(url.pathname), {
			timeout: 15_000,
		});
		const id = /\/workflow\/([A-Za-z0-9]+)/.exec(new URL(page.url()).pathname)![1];

		// The rest of the flow over the REST API, on the workflow the editor saved.
		// The editor may have saved the workflow already after the first node; wait for the save of both.
		let saved = await e2e.n8n.getWorkflow(id);
		for (let i = 0; i < 50 && (saved.nodes as WorkflowNode[]).length < 2; i++) {
			await page.waitForTimeout(200);
			saved = await e2e.n8n.getWorkflow(id);
		}
		const nodes = saved.nodes as WorkflowNode[];
		const trigger = nodes.find((node) => node.type === ENNEO_TRIGGER_NODE)!;
		const searchNode = nodes.find((node) => node.type === ENNEO_NODE)!;
		expect(nodes.map((node) => node.type)).toEqual([ENNEO_TRIGGER_NODE, ENNEO_NODE]);
		// n8n saves only what differs from the defaults: the trigger's Event is its default.
		expect(trigger.typeVersion).toBe(2);
		expect(searchNode.typeVersion).toBe(4);
		expect(searchNode.parameters).toMatchObject({ resource: 'customer', operation: 'search' });
		const path = String(trigger.parameters.path ?? 'enneo-inbound-call');
		trigger.parameters = { ...trigger.parameters, authentication: 'none' };
		searchNode.parameters = {
			...searchNode.parameters,
			query: '={{ $json.callerE164 }}',
			limit: 1,
		};
		searchNode.credentials = { enneoApi: e2e.credential };
		const respond = (name: string, parameters: Record<string, unknown>, y: number) => ({
			...e2e.enneo({
				name,
				parameters: { resource: 'inboundCall', operation: 'respond', ...parameters },
			}),
			typeVersion: searchNode.typeVersion,
			id: `${name}-${id}`.replace(/\W/g, ''),
			position: [720, y] as [number, number],
		});
		const workflow: WorkflowJson = {
			name: `Editor VIP flow ${id}`,
			nodes: [
				...nodes,
				{ ...ifTrue('If VIP', '={{ $json.isVip }}'), id: `if-${id}`, position: [480, 0] },
				respond(
					'Respond VIP',
					{
						routing: 'aiAgent',
						aiAgentId: DEMO.vipAiAgentId,
						variables: {
							variable: [{ key: 'name', value: '={{ $json.firstName }}' }],
						},
					},
					0,
				),
				respond('Respond Default', { routing: 'keepDefault' }, 200),
			],
			connections: saved.connections as WorkflowJson['connections'],
		};
		connect(workflow, searchNode.name, 'If VIP');
		connect(workflow, 'If VIP', 'Respond VIP', 0);
		connect(workflow, 'If VIP', 'Respond Default', 1);
		await publish(workflow.name, workflow);

		const ringing = { webhookId: trigger.webhookId!, path };
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
		expect(unknown.ms).toBeLessThan(1500);
	});
});
