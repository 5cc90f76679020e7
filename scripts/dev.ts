/**
 * `npm run dev`: a real n8n with this package installed from its packed tarball, an owner account,
 * an "Enneo (demo)" credential and a demo workflow. Without ENNEO_INSTANCE_URL + ENNEO_API_KEY the
 * credential points at the fake Enneo (demo data) started here. Ctrl-C stops everything.
 *
 * Env: N8N_PORT (default 5678), ENNEO_INSTANCE_URL, ENNEO_API_KEY, FAKE_ENNEO_PORT (default free),
 * FAKE_ENNEO_API_KEY (default demo-api-key), ENNEO_DEV_KEEP_HOME=1 keeps the n8n home on exit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { demoState } from '../test/fake-enneo/demoData';
import { FakeEnneo } from '../test/fake-enneo/server';
import type { N8nInstance } from '../test/e2e/lib/n8n';
import { enneoNode, ensureN8nInstalled, linearWorkflow, manualTrigger, packPackage, portIsFree, startN8n } from '../test/e2e/lib/n8n';

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
		if (!process.env.ENNEO_DEV_KEEP_HOME) for (const home of homes) rmSync(home, { recursive: true, force: true });
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
	if (!(await portIsFree(port))) throw new Error(`port ${port} is in use (another n8n?). Start on another one: N8N_PORT=${port + 1} npm run dev`);
	const installDir = await ensureN8nInstalled(log);

	const work = mkdtempSync(join(tmpdir(), 'enneo-dev-'));
	homes.push(work);
	const tarball = await packPackage({ outDir: join(work, 'pack'), log });

	let instanceUrl = process.env.ENNEO_INSTANCE_URL;
	let apiKey = process.env.ENNEO_API_KEY;
	if (!instanceUrl || !apiKey) {
		fake = new FakeEnneo({ apiKey: process.env.FAKE_ENNEO_API_KEY ?? 'demo-api-key', state: demoState() });
		instanceUrl = await fake.start(Number(process.env.FAKE_ENNEO_PORT ?? 0));
		apiKey = fake.apiKey;
		log(`no ENNEO_INSTANCE_URL/ENNEO_API_KEY set: fake Enneo with demo data on ${instanceUrl}/api/mind`);
	} else {
		log(`using the Enneo instance ${instanceUrl}`);
	}

	n8n = await startN8n({
		packageTarball: tarball,
		installDir,
		userFolder: join(work, 'home'),
		port,
		log,
	});
	const credential = await n8n.createCredential({ name: 'Enneo (demo)', type: 'enneoApi', data: { instanceUrl, apiKey } });
	const test = await n8n.testCredential({ id: credential.id, type: 'enneoApi', data: { instanceUrl, apiKey } });
	log(`credential "Enneo (demo)" created; its test says: ${test.status} ${test.message}`);
	const workflow = await n8n.createWorkflow(
		linearWorkflow('Enneo demo: latest open tickets', [
			manualTrigger("When clicking 'Execute workflow'"),
			enneoNode({
				name: 'Get open tickets',
				credential,
				parameters: { resource: 'ticket', operation: 'getMany', returnAll: false, limit: 10, filters: { status: ['open'] } },
			}),
		]),
	);

	const { baseUrl, owner } = n8n.connection;
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
