/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * n8n in queue mode on one machine, without Docker: Redis and PostgreSQL (Debian's packages,
 * installed by scripts/install-queue-services.sh when missing) on free ports with their data in a
 * temporary directory, one main process, `n8n webhook` processes behind the edge (Debian's nginx
 * with deploy/nginx/enneo-edge.conf.template, lib/edge.ts) and `n8n worker` processes, all with
 * the settings of deploy/n8n.env. Used by `npm run test:e2e:queue` (test/e2e/globalSetup.ts with
 * ENNEO_E2E_QUEUE=1), scripts/queue-mode.sh and the benchmarks.
 *
 *   const cluster = await startQueueCluster({ packageTarball, workers: 2, webhooks: 2 });
 *   cluster.connection.webhookUrl;     // the edge: /webhook/ to the webhook processes (body hash), the rest to main
 *   await cluster.stop();
 *
 * Every process runs under the watchdog of lib/n8n.ts: when the starting process dies, the set-up
 * goes with it. Workers log at info level, so `executionWorker()` can tell which one ran a run.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	chmodSync,
	chownSync,
	existsSync,
	mkdirSync,
	readFileSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { N8nConnection, N8nInstance, Owner, QueueProcesses, Spawned } from './n8n';
import {
	childEnv,
	DEFAULT_OWNER,
	ensureN8nInstalled,
	freePort,
	installedN8nVersion,
	installTarball,
	killProcessGroup,
	N8nClient,
	n8nEnv,
	restIsUp,
	runInstallScript,
	saveConnection,
	shippedN8nSettings,
	spawnGroup,
	waitFor,
	httpOk,
} from './n8n';
import { startEdge } from './edge';

type Log = (message: string) => void;

export interface QueueClusterOptions {
	packageTarball: string;
	workers?: number;
	webhooks?: number;
	/** `n8n worker --concurrency` (default 10). */
	concurrency?: number;
	/** Extra environment for every n8n process. */
	env?: Record<string, string>;
	log?: Log;
	installDir?: string;
	owner?: Owner;
	/** The edge's port (default: a free one). */
	edgePort?: number;
	/** The Query Token the edge requires on /webhook/ (default: none, the trigger checks it). */
	edgeToken?: string;
	/** n8n settings: the shipped ones of deploy/n8n.env (default) or n8n's own defaults. */
	settings?: 'shipped' | 'n8n-defaults';
	/** Main's port (default: a free one). */
	port?: number;
	/** Keep the directory with homes, databases and logs after stop. */
	keepRoot?: boolean;
}

export interface QueueCluster extends N8nInstance {
	queue: QueueProcesses;
}

/** Redis and Postgres binaries (installed by scripts/install-queue-services.sh when missing). */
async function ensureServices(log: Log): Promise<{ redis: string; pgBin: string }> {
	log('checking Redis and PostgreSQL (first run installs them with apt-get)');
	const [redis, pgBin] = await runInstallScript('scripts/install-queue-services.sh');
	return { redis, pgBin };
}

/** PostgreSQL refuses to run as root: run it as the `postgres` user Debian's package creates. */
function asPostgresUser(command: string[]): string[] {
	if (process.getuid?.() !== 0) return command;
	return ['runuser', '-u', 'postgres', '--', ...command];
}

function postgresIds(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const line = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith('postgres:'));
	if (!line)
		throw new Error(
			"running as root but there is no postgres user (Debian's postgresql package creates it)",
		);
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

function runToEnd(
	command: string[],
	env: NodeJS.ProcessEnv,
	cwd: string,
): Promise<{ code: number; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(command[0], command.slice(1), {
			env,
			cwd,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (c) => (output += c));
		child.stderr.on('data', (c) => (output += c));
		child.on('close', (code) => resolve({ code: code ?? 1, output }));
	});
}

/** Starts the whole set-up and returns a logged-in client for main, with stop(). */
export async function startQueueCluster(options: QueueClusterOptions): Promise<QueueCluster> {
	const log = options.log ?? (() => undefined);
	const workerCount = options.workers ?? 2;
	const webhookCount = options.webhooks ?? 2;
	const installDir = options.installDir ?? (await ensureN8nInstalled(log));
	const { redis, pgBin } = await ensureServices(log);

	const root = await mkdtemp(join(tmpdir(), 'n8n-queue-'));
	chmodSync(root, 0o755); // the postgres user has to reach its data directory inside
	const groups: number[] = [];
	const logFiles: Record<string, string> = {};
	const started: Array<{ name: string; spawned: Spawned }> = [];
	const track = (name: string, spawned: Spawned) => {
		groups.push(spawned.pid);
		logFiles[name] = spawned.logFile;
		started.push({ name, spawned });
		return spawned;
	};
	const stopAll = async () => {
		// n8n processes first (they talk to the databases while shutting down), services last.
		const order = [...started].reverse();
		await Promise.all(
			order
				.filter((s) => !['redis', 'postgres'].includes(s.name))
				.map((s) => killProcessGroup(s.spawned.pid, 10_000)),
		);
		await Promise.all(
			order
				.filter((s) => ['redis', 'postgres'].includes(s.name))
				.map((s) => killProcessGroup(s.spawned.pid, 5_000)),
		);
		if (!options.keepRoot && !process.env.ENNEO_E2E_KEEP_HOME)
			await rm(root, { recursive: true, force: true });
	};

	try {
		// Redis
		const redisPort = await freePort();
		const redisDir = join(root, 'redis');
		mkdirSync(redisDir);
		const redisProc = track(
			'redis',
			await spawnGroup(
				[
					redis,
					'--port',
					String(redisPort),
					'--bind',
					'127.0.0.1',
					'--save',
					'',
					'--appendonly',
					'no',
					'--dir',
					redisDir,
					'--protected-mode',
					'no',
				],
				{
					env: process.env,
					cwd: redisDir,
					logFile: join(root, 'redis.log'),
				},
			),
		);
		const { createConnection } = await import('node:net');
		const redisPing = () =>
			new Promise<boolean>((resolve) => {
				const socket = createConnection({ port: redisPort, host: '127.0.0.1' }, () =>
					socket.write('PING\r\n'),
				);
				socket.once('data', (d) => {
					socket.destroy();
					resolve(d.toString().startsWith('+PONG'));
				});
				socket.once('error', () => resolve(false));
			});
		await waitFor('redis', redisPing, redisProc, 20_000);
		log(`redis on 127.0.0.1:${redisPort}`);

		// PostgreSQL: a throwaway cluster, no fsync (test data), trust auth on loopback only.
		const pgPort = await freePort();
		const pgData = join(root, 'pgdata');
		mkdirSync(pgData, { mode: 0o700 });
		const ids = postgresIds();
		if (ids) chownSync(pgData, ids.uid, ids.gid);
		const initdb = await runToEnd(
			asPostgresUser([
				join(pgBin, 'initdb'),
				'-D',
				pgData,
				'-U',
				'n8n',
				'-A',
				'trust',
				'-E',
				'UTF8',
				'--no-sync',
			]),
			process.env,
			root,
		);
		if (initdb.code !== 0) throw new Error(`initdb failed:\n${initdb.output}`);
		const pgProc = track(
			'postgres',
			await spawnGroup(
				asPostgresUser([
					join(pgBin, 'postgres'),
					'-D',
					pgData,
					'-p',
					String(pgPort),
					'-c',
					'listen_addresses=127.0.0.1',
					'-c',
					'unix_socket_directories=',
					'-c',
					'fsync=off',
					'-c',
					'synchronous_commit=off',
					'-c',
					'full_page_writes=off',
					'-c',
					'max_connections=200',
				]),
				{ env: process.env, cwd: root, logFile: join(root, 'postgres.log') },
			),
		);
		await waitFor(
			'postgres',
			() =>
				runToEnd(
					[join(pgBin, 'pg_isready'), '-h', '127.0.0.1', '-p', String(pgPort), '-U', 'n8n'],
					process.env,
					root,
				).then((r) => r.code === 0),
			pgProc,
			30_000,
		);
		log(`postgres on 127.0.0.1:${pgPort}`);

		// n8n: one home per process; all share the database, Redis, the encryption key and the installed package.
		const mainPort = options.port ?? (await freePort());
		const edgePort = options.edgePort ?? (await freePort());
		const shared: Record<string, string> = {
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pgPort),
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
			DB_POSTGRESDB_DATABASE: 'postgres',
			// Manual runs go to the workers too, so every Enneo operation is exercised there.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${mainPort}`,
			WEBHOOK_URL: `http://127.0.0.1:${edgePort}/`,
			// The settings this project ships (deploy/n8n.env) unless `settings: 'n8n-defaults'`.
			...(options.settings === 'n8n-defaults' ? {} : shippedN8nSettings()),
			...options.env,
		};
		const mainHome = join(root, 'main');
		mkdirSync(mainHome);
		log(
			`installing ${options.packageTarball.split('/').pop()} (like n8n installs community nodes)`,
		);
		await installTarball(mainHome, options.packageTarball);
		const nodeBin = join(installDir, 'node_modules/node/bin/node');
		const n8nBin = join(installDir, 'node_modules/n8n/bin/n8n');

		const startN8nProcess = async (
			name: string,
			args: string[],
			port: number,
			extra: Record<string, string> = {},
		) => {
			const home = name === 'main' ? mainHome : join(root, name);
			if (name !== 'main') {
				mkdirSync(join(home, '.n8n'), { recursive: true });
				if (!existsSync(join(home, '.n8n/nodes')))
					symlinkSync(join(mainHome, '.n8n/nodes'), join(home, '.n8n/nodes'));
			}
			const env = n8nEnv(installDir, home, port, await freePort(), { ...shared, ...extra });
			// replaceWorker() starts a process again with the same settings.
			writeFileSync(join(root, `${name}.log.env`), JSON.stringify(env));
			return {
				env,
				spawned: track(
					name,
					await spawnGroup([nodeBin, n8nBin, ...args], {
						env: childEnv(installDir, env),
						cwd: home,
						logFile: join(root, `${name}.log`),
					}),
				),
			};
		};

		const main = await startN8nProcess('main', ['start'], mainPort);
		const mainUrl = `http://127.0.0.1:${mainPort}`;
		await waitFor(
			'n8n main',
			async () => (await httpOk(`${mainUrl}/healthz/readiness`)()) && restIsUp(mainUrl),
			main.spawned,
			180_000,
		);
		log(`n8n main on 127.0.0.1:${mainPort}`);

		const webhooks: QueueProcesses['webhooks'] = [];
		const workers: QueueProcesses['workers'] = [];
		const waits: Array<Promise<void>> = [];
		for (let i = 1; i <= webhookCount; i++) {
			const port = await freePort();
			const proc = await startN8nProcess(`webhook-${i}`, ['webhook'], port);
			webhooks.push({
				name: `webhook-${i}`,
				pid: proc.spawned.pid,
				port,
				logFile: proc.spawned.logFile,
			});
			waits.push(
				waitFor(
					`n8n webhook-${i}`,
					httpOk(`http://127.0.0.1:${port}/healthz/readiness`),
					proc.spawned,
					180_000,
				),
			);
		}
		for (let i = 1; i <= workerCount; i++) {
			const healthPort = await freePort();
			const proc = await startN8nProcess(
				`worker-${i}`,
				['worker', `--concurrency=${options.concurrency ?? 10}`],
				await freePort(),
				{
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_LOG_LEVEL: 'info',
					ENNEO_WORKER_CONCURRENCY: String(options.concurrency ?? 10),
				},
			);
			workers.push({ name: `worker-${i}`, pid: proc.spawned.pid, logFile: proc.spawned.logFile });
			waits.push(
				waitFor(
					`n8n worker-${i}`,
					httpOk(`http://127.0.0.1:${healthPort}/healthz/readiness`),
					proc.spawned,
					180_000,
				),
			);
		}
		await Promise.all(waits);
		log(`${webhookCount} webhook processes and ${workerCount} workers ready`);

		// The edge: Debian's nginx with deploy/nginx/enneo-edge.conf.template, as the README deploys it.
		const edge = await startEdge({
			root,
			port: edgePort,
			main: `127.0.0.1:${mainPort}`,
			webhooks: webhooks.map((w) => `127.0.0.1:${w.port}`),
			token: options.edgeToken,
			log,
		});
		track('edge', edge.spawned);

		const queue: QueueProcesses = {
			groups: groups.filter((g) => g !== main.spawned.pid),
			logFiles,
			workers,
			webhooks,
			redisPort,
			postgresPort: pgPort,
			root,
		};
		const connection: N8nConnection = {
			baseUrl: `http://127.0.0.1:${mainPort}`,
			userFolder: mainHome,
			installDir,
			n8nVersion: installedN8nVersion(installDir),
			owner: options.owner ?? DEFAULT_OWNER,
			pid: main.spawned.pid,
			port: mainPort,
			env: main.env,
			logFile: main.spawned.logFile,
			webhookUrl: edge.url,
			edgeAccessLog: edge.accessLog,
			queue,
		};
		const client = new N8nClient(connection);
		await client.setupOwner();
		const instance = client as QueueCluster;
		instance.connection = connection;
		instance.queue = queue;
		instance.stop = stopAll;
		return instance;
	} catch (error) {
		await stopAll();
		throw error;
	}
}

/** Stops every process of a queue set-up described by a saved connection (globalTeardown, scripts). */
export async function stopQueueProcesses(connection: N8nConnection): Promise<void> {
	const queue = connection.queue;
	await killProcessGroup(connection.pid);
	if (!queue) return;
	await Promise.all(queue.groups.map((pid) => killProcessGroup(pid, 10_000)));
	if (!process.env.ENNEO_E2E_KEEP_HOME) await rm(queue.root, { recursive: true, force: true });
}

/** The worker whose log says it ran an execution, if any. */
export function executionWorker(
	connection: N8nConnection,
	executionId: string,
): string | undefined {
	const pattern = new RegExp(`Worker started execution ${executionId}\\b`);
	return connection.queue?.workers.find((w) => pattern.test(readLog(w.logFile)))?.name;
}

export function readLog(file: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

/** Every process log of the set-up, concatenated (for "no such error anywhere" checks). */
export function allLogs(connection: N8nConnection): string {
	const files = connection.queue ? Object.values(connection.queue.logFiles) : [connection.logFile];
	return files.map(readLog).join('\n');
}

/**
 * Kills a worker at once (SIGKILL to its process group, as when a machine or container dies) and
 * starts a fresh one in its place with the same settings. Returns when the new worker is ready.
 */
export async function replaceWorker(
	connection: N8nConnection,
	name: string,
	options: { killOnly?: boolean } = {},
): Promise<void> {
	const queue = connection.queue;
	const worker = queue?.workers.find((w) => w.name === name);
	if (!queue || !worker) throw new Error(`no worker ${name}`);
	try {
		process.kill(-worker.pid, 'SIGKILL');
	} catch {
		/* already gone */
	}
	await killProcessGroup(worker.pid, 0);
	if (options.killOnly) return;
	const env = JSON.parse(readLog(`${worker.logFile}.env`) || 'null') as Record<
		string,
		string
	> | null;
	if (!env) throw new Error(`cannot restart ${name}: its environment was not recorded`);
	const spawned = await spawnGroup(
		[
			join(connection.installDir, 'node_modules/node/bin/node'),
			join(connection.installDir, 'node_modules/n8n/bin/n8n'),
			'worker',
			`--concurrency=${env.ENNEO_WORKER_CONCURRENCY ?? '10'}`,
		],
		{
			env: childEnv(connection.installDir, env),
			cwd: env.N8N_USER_FOLDER,
			logFile: worker.logFile,
		},
	);
	await waitFor(
		`n8n ${name}`,
		httpOk(`http://127.0.0.1:${env.QUEUE_HEALTH_CHECK_PORT}/healthz/readiness`),
		spawned,
		180_000,
	);
	queue.groups = queue.groups.filter((g) => g !== worker.pid).concat(spawned.pid);
	worker.pid = spawned.pid;
	saveConnection(connection);
}
