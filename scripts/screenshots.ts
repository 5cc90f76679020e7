/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * Screenshots of the Enneo nodes in the real n8n editor, for the docs: packs the package, starts
 * n8n with it and the fake Enneo (so dropdowns load demo data), imports templates, and drives a
 * headless Chromium logged in as the owner. Writes docs/images/*.png, and the canvas of every
 * template in examples/ to docs/images/templates/<template>.png (the image of its description in
 * docs/templates/, since n8n's template library does not draw community nodes).
 *
 *   npm run screenshots                      # all of them (installs Chromium if it is missing)
 *   npm run screenshots -- templates/ticket-triage.png   # only these files
 *
 * Uses Chromium at /usr/bin/chromium (or CHROMIUM_PATH); scripts/ensure-chromium.sh installs
 * Debian's `chromium` package when it is missing.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';

import { EXAMPLES_DIR, templateWithCredential } from '../test/e2e/examples/templates';
import type { N8nInstance, WorkflowJson } from '../test/e2e/lib/n8n';
import {
	enneoNode,
	linearWorkflow,
	manualTrigger,
	packPackage,
	REPO_ROOT,
	startN8n,
} from '../test/e2e/lib/n8n';
import { demoState } from '../test/fake-enneo/demoData';
import { FakeEnneo } from '../test/fake-enneo/server';

const OUT_DIR = join(REPO_ROOT, 'docs/images');
const log = (message: string) => process.stderr.write(`[screenshots] ${message}\n`);

interface Shot {
	file: string;
	/** Workflow to open and, optionally, the node whose parameter panel to open. */
	workflow: WorkflowJson;
	node?: string;
	/** Extra steps once the page shows, e.g. opening a collection. */
	prepare?: (page: Page) => Promise<void>;
	/** Window size for this shot (default 1440 x 900). */
	viewport?: { width: number; height: number };
}

const DEFAULT_VIEWPORT = { width: 1440, height: 900 };

async function settle(page: Page, ms = 1500): Promise<void> {
	await page.waitForLoadState('networkidle').catch(() => undefined);
	await page.waitForTimeout(ms);
}

/** Runs the open node ("Execute step") against the fake Enneo so its output panel shows data. */
async function executeStep(page: Page): Promise<void> {
	await page.locator('#app-modals').getByRole('button', { name: 'Execute step' }).first().click();
	await page
		.getByText(/\d+ items?/)
		.first()
		.waitFor({ timeout: 30_000 })
		.catch(async (error: unknown) => {
			await page.screenshot({ path: join(tmpdir(), 'enneo-screenshot-failed.png') });
			throw error;
		});
	await settle(page, 1000);
}

/** The open node's Docs link: n8n uses the node's documentationUrl as it is. */
async function expectDocsLink(page: Page, url: string): Promise<void> {
	const hrefs = await page
		.locator('a', { hasText: /^\s*Docs\s*$/ })
		.evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
	if (!hrefs.includes(url))
		throw new Error(`the node's Docs link is ${hrefs.join(', ') || 'missing'}, expected ${url}`);
}

/**
 * Checks the open node's Docs link, then opens the node creator on the app category n8n lists the
 * node under and searches an alias from its codex file: the Enneo app must be the result.
 */
function nodeCreatorSearch(
	category: 'Action in an app' | 'On app event',
	alias: string,
	docsUrl: string,
) {
	return async (page: Page) => {
		await expectDocsLink(page, docsUrl);
		await page.keyboard.press('Escape');
		await settle(page, 800);
		await page.locator('body').press('n');
		await settle(page, 800);
		const creatorItem = (title: string) =>
			page.locator('[data-test-id="item-iterator-item"]', { hasText: title }).first();
		if (category === 'On app event') {
			await creatorItem('Add another trigger').click();
			await settle(page, 800);
		}
		await creatorItem(category).click();
		await page.keyboard.type(alias);
		const item = page
			.locator('[data-test-id="node-creator-item-name"]', { hasText: /^Enneo/ })
			.first();
		await item.waitFor({ timeout: 10_000 });
		await settle(page, 800);
	};
}

async function login(page: Page, n8n: N8nInstance): Promise<void> {
	const { email, password } = n8n.connection.owner;
	await page.goto(`${n8n.baseUrl}/signin`);
	await page.locator('input[type="email"], input[name="emailOrLdapLoginId"]').first().fill(email);
	await page.locator('input[type="password"]').first().fill(password);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
	await settle(page);
}

async function main() {
	const work = mkdtempSync(join(tmpdir(), 'enneo-screenshots-'));
	const fake = new FakeEnneo({ apiKey: 'demo-api-key', state: demoState() });
	let n8n: N8nInstance | undefined;
	// A fresh profile per run (playwright passes it as --user-data-dir).
	const context = await chromium.launchPersistentContext(join(work, 'chromium'), {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		viewport: DEFAULT_VIEWPORT,
		deviceScaleFactor: 1,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	try {
		const tarball =
			process.env.ENNEO_SCREENSHOTS_TARBALL || (await packPackage({ outDir: work, log }));
		n8n = await startN8n({ packageTarball: tarball, log });
		await fake.start();
		const enneo = await n8n.createCredential({
			name: 'Enneo account',
			type: 'enneoApi',
			data: { instanceUrl: fake.instanceUrl, apiKey: fake.apiKey },
		});
		const enneoInboundCallWebhookApi = await n8n.createCredential({
			name: 'Enneo inbound call secret',
			type: 'enneoInboundCallWebhookApi',
			data: { secret: 'demo-secret-0123456789abcdef' },
		});
		const openAiApi = await n8n.createCredential({
			name: 'OpenAI account',
			type: 'openAiApi',
			data: { apiKey: 'sk-not-used' },
		});
		const template = (file: string) =>
			templateWithCredential(file, enneo, '', { enneoInboundCallWebhookApi, openAiApi });
		// The whole canvas of each template, as the template library's description shows it.
		const templateShots: Shot[] = readdirSync(EXAMPLES_DIR)
			.filter((file) => file.endsWith('.json'))
			.map((file) => ({
				file: `templates/${file.replace(/\.json$/, '.png')}`,
				workflow: template(file),
				viewport: { width: 1920, height: 1080 },
			}));

		const shots: Shot[] = [
			{ file: 'vip-inbound-routing.png', workflow: template('vip-inbound-routing.json') },
			{
				file: 'ticket-get-many-filters.png',
				workflow: template('ticket-triage.json'),
				node: 'Open Tickets With Negative Sentiment',
				prepare: executeStep,
			},
			{
				file: 'ticket-update-many.png',
				workflow: template('ticket-triage.json'),
				node: 'Raise Priority and Tag',
			},
			{
				file: 'telephony-agent-connected.png',
				workflow: template('inbound-call-transcript.json'),
				node: 'Agent Connected',
			},
			{
				file: 'customer-search-contracts.png',
				workflow: linearWorkflow('Search contracts', [
					manualTrigger(),
					{
						...enneoNode({
							name: 'Search Contracts',
							credential: enneo,
							parameters: {
								resource: 'customer',
								operation: 'contractSearch',
								searchFields: { contractId: '746839' },
								options: {
									ticketId: { __rl: true, mode: 'url', value: `${fake.instanceUrl}/ticket/376100` },
								},
							},
						}),
						typeVersion: 3,
					},
				]),
				node: 'Search Contracts',
			},
			{
				file: 'inbound-call-respond.png',
				workflow: template('vip-inbound-routing.json'),
				node: 'Route to VIP Agent',
			},
			{
				file: 'enneo-trigger.png',
				workflow: template('vip-inbound-routing.json'),
				node: 'Inbound Call',
			},
			{
				file: 'node-creator-action-in-an-app.png',
				workflow: template('ticket-triage.json'),
				node: 'Raise Priority and Tag',
				prepare: nodeCreatorSearch(
					'Action in an app',
					'helpdesk',
					'https://github.com/enneo-ai/n8n-nodes-enneo#operations',
				),
			},
			{
				file: 'node-creator-on-app-event.png',
				workflow: template('vip-inbound-routing.json'),
				node: 'Inbound Call',
				prepare: nodeCreatorSearch(
					'On app event',
					'phone',
					'https://github.com/enneo-ai/n8n-nodes-enneo#enneo-trigger-inbound-call-routing',
				),
			},
			...templateShots,
		];
		const only = process.argv.slice(2);

		const page = context.pages()[0] ?? (await context.newPage());
		await login(page, n8n);
		mkdirSync(join(OUT_DIR, 'templates'), { recursive: true });

		for (const shot of shots) {
			if (only.length && !only.includes(shot.file)) continue;
			const created = await n8n.createWorkflow(shot.workflow);
			const saved = await n8n.getWorkflow(created.id);
			const nodeId = shot.node
				? (saved.nodes as Array<{ id: string; name: string }>).find((n) => n.name === shot.node)?.id
				: undefined;
			if (shot.node && !nodeId) throw new Error(`${shot.file}: no node "${shot.node}"`);
			await page.setViewportSize(shot.viewport ?? DEFAULT_VIEWPORT);
			await page.goto(`${n8n.baseUrl}/workflow/${created.id}${nodeId ? `/${nodeId}` : ''}`);
			await settle(page, 2500);
			if (!nodeId) {
				// Fit the whole workflow into the view (n8n's "zoom to fit" shortcut).
				await page.locator('body').press('1');
				await settle(page, 800);
			}
			await shot.prepare?.(page);
			const path = join(OUT_DIR, shot.file);
			await page.screenshot({ path });
			log(`wrote ${path}`);
		}
	} finally {
		await context.close();
		await fake.close();
		await n8n?.stop();
		if (n8n) rmSync(n8n.connection.userFolder, { recursive: true, force: true });
		rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	process.stderr.write(
		`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
	);
	process.exit(1);
});
