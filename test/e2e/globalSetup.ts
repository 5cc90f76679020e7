/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests and tools), never part of the package */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { packPackage, saveConnection, startN8n, STATE_FILE } from './lib/n8n';
import { startQueueCluster } from './lib/queue';

const log = (message: string) => process.stderr.write(`[e2e] ${message}\n`);

/**
 * Packs the package, starts one n8n with the tarball installed (with ENNEO_E2E_QUEUE=1: the queue
 * mode set-up of lib/queue.ts), and leaves its details in STATE_FILE.
 */
export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	const packDir = mkdtempSync(join(tmpdir(), 'enneo-e2e-pack-'));
	try {
		const packageTarball =
			process.env.ENNEO_E2E_TARBALL || (await packPackage({ outDir: packDir, log }));
		const n8n = process.env.ENNEO_E2E_QUEUE
			? await startQueueCluster({ packageTarball, log })
			: await startN8n({ packageTarball, log });
		saveConnection(n8n.connection);
		const mode = n8n.connection.queue
			? `queue mode, webhooks via ${n8n.connection.webhookUrl}`
			: 'single process';
		log(
			`n8n ${n8n.connection.n8nVersion} ${n8n.connection.baseUrl} (${mode}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${n8n.connection.pid}, state ${STATE_FILE})`,
		);
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
}
