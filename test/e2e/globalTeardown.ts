/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests and tools), never part of the package */
import { existsSync, rmSync } from 'node:fs';

import { killProcessGroup, loadConnection, STATE_FILE } from './lib/n8n';
import { stopQueueProcesses } from './lib/queue';

/** Stops the n8n of this run (its whole process group; in queue mode every process) and removes its home unless asked to keep it. */
export default async function globalTeardown(): Promise<void> {
	if (!existsSync(STATE_FILE)) return;
	const connection = loadConnection();
	if (connection.queue) await stopQueueProcesses(connection);
	else await killProcessGroup(connection.pid);
	rmSync(STATE_FILE, { force: true });
	if (process.env.ENNEO_E2E_KEEP_HOME) {
		process.stderr.write(
			`[e2e] kept n8n home ${connection.queue?.root ?? connection.userFolder} (log ${connection.logFile})\n`,
		);
	} else {
		rmSync(connection.userFolder, { recursive: true, force: true });
	}
}
