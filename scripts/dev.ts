/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * `npm run dev`: a real n8n with this package installed from its packed tarball, an owner account,
 * an "Enneo (demo)" credential, a demo workflow and every template of examples/ (the VIP routing
 * one published, with a webhook secret, so a sample call can ring it). Without ENNEO_INSTANCE_URL + ENNEO_API_KEY the
 * credential points at the fake Enneo (demo data) started here. Ctrl-C stops everything.
 *
 * Env: N8N_PORT (default 5678), ENNEO_INSTANCE_URL, ENNEO_API_KEY, FAKE_ENNEO_PORT (default free),
 * FAKE_ENNEO_API_KEY (default demo-api-key), ENNEO_DEV_KEEP_HOME=1 keeps the n8n home on exit.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { demoState } from '../test/fake-enneo/demoData';
import { FakeEnneo } from '../test/fake-enneo/server';
import type { N8nInstance } from '../test/e2e/lib/n8n';
import {
	enneoNode,
	ensureN8nInstalled,
	linearWorkflow,
	manualTrigger,
	packPackage,
	portIsFree,
	REPO_ROOT,
	shippedN8nSettings,
	startN8n,
} from '../test/e2e/lib/n8n';
import { templateWithCredential } from '../test/e2e/examples/templates';

const log = (message: string) => console.log(`[dev] ${message}`);

let n8n: N8nInstance | undefined;
let fake: FakeEnneo | undefined;
let stopping: Promise<void> | undefined;
const homes: string[] = [];

function stopAll(code: number): Promise<void> {
	stopping ??= (async () => {
		log('stopping…');
		await n8n?.stop().catch(() => undefined);
		await fake?.close().catch(() => undefined);
		if (!process.env.ENNEO_DEV_KEEP_HOME)
			for (const home of homes) rmSync(home, { recursive: true, force: true });
		else log(`kept ${homes.join(', ')}`);
		log('stopped');
		process.exit(code);
	})();
	return stopping;
}

process.on('SIGINT', () => void stopAll(130));
process.on('SIGTERM', () => void stopAll(143));
process.on('SIGHUP', () => void stopAll(129));

async function main(): Promise<void> {
	const started = Date.now();
	const port = Number(process.env.N8N_PORT ?? 5678);
	if (!(await portIsFree(port)))
		throw new Error(
			`port ${port} is in use (another n8n?). Start on another one: N8N_PORT=${port + 1} npm run dev`,
		);
	const installDir = await ensureN8nInstalled(log);

	const work = mkdtempSync(join(tmpdir(), 'enneo-dev-'));
	homes.push(work);
	const tarball = await packPackage({ outDir: join(work, 'pack'), log });

	let instanceUrl = process.env.ENNEO_INSTANCE_URL;
	let apiKey = process.env.ENNEO_API_KEY;
	if (!instanceUrl || !apiKey) {
		fake = new FakeEnneo({
			apiKey: process.env.FAKE_ENNEO_API_KEY ?? 'demo-api-key',
			state: demoState(),
		});
		instanceUrl = await fake.start(Number(process.env.FAKE_ENNEO_PORT ?? 0));
		apiKey = fake.apiKey;
		log(
			`no ENNEO_INSTANCE_URL/ENNEO_API_KEY set: fake Enneo with demo data on ${instanceUrl}/api/mind`,
		);
	} else {
		log(`using the Enneo instance ${instanceUrl}`);
	}

	// The settings shipped for call routing (deploy/n8n.env). No proxy stands in front of this n8n,
	// so it reads the caller's address from the connection (N8N_PROXY_HOPS=0), never from a header.
	const settings = { ...shippedN8nSettings(), N8N_PROXY_HOPS: '0' };
	n8n = await startN8n({
		packageTarball: tarball,
		installDir,
		userFolder: join(work, 'home'),
		port,
		env: settings,
		log,
	});
	const credential = await n8n.createCredential({
		name: 'Enneo (demo)',
		type: 'enneoApi',
		data: { instanceUrl, apiKey },
	});
	const test = await n8n.testCredential({
		id: credential.id,
		type: 'enneoApi',
		data: { instanceUrl, apiKey },
	});
	log(`credential "Enneo (demo)" created; its test says: ${test.status} ${test.message}`);
	const workflow = await n8n.createWorkflow(
		linearWorkflow('Enneo demo: latest open tickets', [
			manualTrigger("When clicking 'Execute workflow'"),
			enneoNode({
				name: 'Get open tickets',
				credential,
				parameters: {
					resource: 'ticket',
					operation: 'getMany',
					returnAll: false,
					limit: 10,
					filters: { status: ['open'] },
				},
			}),
		]),
	);

	// Every template, wired to the demo credential; the VIP routing one published and ready to ring.
	const secret = randomBytes(18).toString('hex');
	const webhookSecret = await n8n.createCredential({
		name: 'Inbound call secret (demo)',
		type: 'enneoInboundCallWebhookApi',
		data: { secret, user: '' },
	});
	let vipUrl = '';
	for (const file of readdirSync(join(REPO_ROOT, 'examples'))
		.filter((name) => name.endsWith('.json'))
		.sort()) {
		const template = templateWithCredential(file, credential, '', {
			enneoInboundCallWebhookApi: webhookSecret,
		});
		const created = await n8n.createWorkflow(template);
		if (file === 'vip-inbound-routing.json') {
			await n8n.activate(created.id);
			const trigger = template.nodes.find((node) => node.type === 'n8n-nodes-enneo.enneoTrigger');
			vipUrl = `${n8n.connection.baseUrl}/webhook/${String(trigger?.webhookId)}/${String((trigger?.parameters as { path?: string })?.path)}?token=${secret}`;
		}
	}
	log('imported the templates from examples/ (VIP inbound routing is published)');

	const { baseUrl, owner } = n8n.connection;
	const vipCall = JSON.stringify({
		Event: 'CallInBound',
		SessionId: 'demo-session-1',
		SdkAppId: 1400692008,
		CallInBound: {
			AIAgentId: 123,
			IvrId: 0,
			Caller: '+49 151 12345678',
			Callee: '+49 30 12345600',
		},
	});
	console.log(
		[
			'',
			`  n8n is running with n8n-nodes-enneo installed (${((Date.now() - started) / 1000).toFixed(0)} s)`,
			'',
			`  Open      ${baseUrl}/workflow/${workflow.id}`,
			`  Email     ${owner.email}`,
			`  Password  ${owner.password}`,
			'',
			`  Credential "Enneo (demo)" → ${instanceUrl}`,
			`  Settings  ${Object.entries(settings)
				.map(([name, value]) => `${name}=${value}`)
				.join(' ')} (deploy/n8n.env; README → Deployment)`,
			'',
			'  Ring the published VIP routing template as the demo VIP caller:',
			`  curl -s -X POST '${vipUrl}' -H 'Content-Type: application/json' -d '${vipCall}'`,
			`  n8n log   ${n8n.connection.logFile}`,
			'',
			'  Press Ctrl-C to stop n8n' + (fake ? ' and the fake Enneo.' : '.'),
			'',
		].join('\n'),
	);
	await new Promise(() => undefined); // run until a signal
}

main().catch((error: Error) => {
	console.error(`[dev] ${error.message}`);
	void stopAll(1);
});
