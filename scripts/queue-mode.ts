/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * `npm run queue-mode` (scripts/queue-mode.sh): starts the queue-mode set-up of test/e2e/lib/queue.ts
 * with this package installed and keeps it running until Ctrl-C.
 *
 * Env: ENNEO_QUEUE_WORKERS (default 2), ENNEO_QUEUE_WEBHOOKS (default 2), ENNEO_QUEUE_CONCURRENCY
 * (worker --concurrency, default 10), N8N_PORT (main, default free), ENNEO_QUEUE_KEEP=1 keeps
 * databases and logs on exit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEFAULT_OWNER, packPackage, shippedN8nSettings } from '../test/e2e/lib/n8n';
import type { QueueCluster } from '../test/e2e/lib/queue';
import { startQueueCluster } from '../test/e2e/lib/queue';

const log = (message: string) => console.log(`[queue-mode] ${message}`);
let cluster: QueueCluster | undefined;

async function stop(code: number): Promise<void> {
	log('stopping…');
	await cluster?.stop().catch(() => undefined);
	process.exit(code);
}
process.on('SIGINT', () => void stop(130));
process.on('SIGTERM', () => void stop(143));

async function main(): Promise<void> {
	const packDir = mkdtempSync(join(tmpdir(), 'enneo-queue-pack-'));
	const packageTarball = await packPackage({ outDir: packDir, log });
	cluster = await startQueueCluster({
		packageTarball,
		workers: Number(process.env.ENNEO_QUEUE_WORKERS ?? 2),
		webhooks: Number(process.env.ENNEO_QUEUE_WEBHOOKS ?? 2),
		concurrency: Number(process.env.ENNEO_QUEUE_CONCURRENCY ?? 10),
		port: process.env.N8N_PORT ? Number(process.env.N8N_PORT) : undefined,
		keepRoot: Boolean(process.env.ENNEO_QUEUE_KEEP),
		log,
	});
	rmSync(packDir, { recursive: true, force: true });
	const { connection, queue } = cluster;
	log(`n8n ${connection.n8nVersion} in queue mode is running:`);
	log(
		`  editor (main)         ${connection.baseUrl}   login ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password}`,
	);
	log(
		`  production webhooks   ${connection.webhookUrl}/webhook/…   (the edge, nginx: POST only, 64 KB, every delivery of a call to one of ${queue.webhooks.map((w) => `:${w.port}`).join(', ')})`,
	);
	log(
		`  settings              ${Object.entries(shippedN8nSettings())
			.map(([name, value]) => `${name}=${value}`)
			.join(' ')} N8N_PROXY_HOPS=1 (deploy/n8n.env)`,
	);
	log(
		`  workers               ${queue.workers.map((w) => w.name).join(', ')}; Redis :${queue.redisPort}, Postgres :${queue.postgresPort}`,
	);
	log(`  logs                  ${queue.root}/*.log`);
	log('Ctrl-C stops everything.');
	// The processes are detached under their watchdogs: a timer keeps this one (their parent) alive.
	setInterval(() => undefined, 60_000);
	await new Promise(() => undefined);
}

main().catch((error: Error) => {
	console.error(`[queue-mode] ${error.message}`);
	void stop(1);
});
