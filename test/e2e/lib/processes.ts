/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * Processes for the e2e lib (the whole picture is in ./n8n.ts): commands, free ports, process groups,
 * the n8n version in use, the environment of an n8n under test, and the state file that tells test
 * files which n8n this run started.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../../..');

export const PACKAGE_NAME = 'n8n-nodes-enneo';

/** The n8n version used unless ENNEO_N8N_VERSION names another (scripts/install-n8n.sh lists the supported lines). */
export const DEFAULT_N8N_VERSION = '2.41.1';

/** The n8n version this run installs and starts. */
export function selectedN8nVersion(): string {
	return process.env.ENNEO_N8N_VERSION || DEFAULT_N8N_VERSION;
}

/** Version of the n8n in an install directory (from its package.json). */
export function installedN8nVersion(installDir: string): string {
	return (
		JSON.parse(readFileSync(join(installDir, 'node_modules/n8n/package.json'), 'utf8')) as {
			version: string;
		}
	).version;
}

/** Where the e2e run keeps its n8n connection details for the test files. */
export const STATE_FILE =
	process.env.ENNEO_E2E_STATE ??
	join(tmpdir(), `n8n-nodes-enneo-e2e-${process.getuid?.() ?? 0}.json`);

export type Log = (message: string) => void;

export const quiet: Log = () => undefined;

export function run(
	cmd: string,
	args: string[],
	options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
) {
	return new Promise<{ code: number; stdout: string; stderr: string }>((resolvePromise) => {
		execFile(
			cmd,
			args,
			{
				cwd: options.cwd,
				env: options.env ?? process.env,
				maxBuffer: 256 * 1024 * 1024,
				timeout: options.timeoutMs ?? 0,
				killSignal: 'SIGKILL',
			},
			(error, stdout, stderr) => {
				const code = error
					? typeof (error as { code?: unknown }).code === 'number'
						? (error as { code: number }).code
						: 1
					: 0;
				resolvePromise({ code, stdout: String(stdout), stderr: String(stderr) });
			},
		);
	});
}

export async function runOrThrow(
	cmd: string,
	args: string[],
	options: Parameters<typeof run>[2] = {},
): Promise<string> {
	const result = await run(cmd, args, options);
	if (result.code !== 0)
		throw new Error(
			`${cmd} ${args.join(' ')} failed (${result.code}):\n${result.stderr || result.stdout}`,
		);
	return result.stdout;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
	return new Promise((resolvePromise, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolvePromise(port));
		});
	});
}

export async function portIsFree(port: number): Promise<boolean> {
	return new Promise((resolvePromise) => {
		const server = createServer();
		server.once('error', () => resolvePromise(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(true)));
	});
}

/** Whether any process of the group led by `pgid` is still alive. */
function groupAlive(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * Kills a process group started with `detached: true` (TERM, then KILL after graceMs) and waits
 * until no process of it is left.
 */
export async function killProcessGroup(pgid: number, graceMs = 10_000): Promise<void> {
	const signal = (sig: NodeJS.Signals) => {
		try {
			process.kill(-pgid, sig);
		} catch {
			/* already gone */
		}
	};
	signal('SIGTERM');
	const deadline = Date.now() + graceMs;
	while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
	signal('SIGKILL');
	while (groupAlive(pgid)) await sleep(50);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export const DEFAULT_OWNER: Owner = {
	email: 'owner@example.com',
	password: 'Enneo-demo-1',
	firstName: 'Demo',
	lastName: 'Owner',
};

/** What a test file needs to reach the n8n of this run. */
export interface N8nConnection {
	/** The main process (editor, REST API, test webhooks). */
	baseUrl: string;
	userFolder: string;
	installDir: string;
	/** The n8n version running (e.g. 2.41.1, 1.123.81). */
	n8nVersion: string;
	owner: Owner;
	/** Process group of the main process (of everything, in single-process mode). */
	pid: number;
	port: number;
	env: Record<string, string>;
	logFile: string;
	/** Where production webhooks are called (queue mode: the edge in front of the webhook processes); default baseUrl. */
	webhookUrl?: string;
	/** Queue mode only: the edge's access log (which webhook process got each request, lib/edge.ts). */
	edgeAccessLog?: string;
	/** Queue mode only: the other processes of the set-up (test/e2e/lib/queue.ts). */
	queue?: QueueProcesses;
}

/** Queue mode: process groups and logs of the processes besides main. */
export interface QueueProcesses {
	/** Every process group to stop at the end (Redis, Postgres, webhook processes, workers, edge). */
	groups: number[];
	/** Log file per process name (main, webhook-1, worker-1, edge, redis, postgres, …). */
	logFiles: Record<string, string>;
	workers: Array<{ name: string; pid: number; logFile: string }>;
	webhooks: Array<{ name: string; pid: number; port: number; logFile: string }>;
	redisPort: number;
	postgresPort: number;
	/** Directory holding every process's home, the databases and logs; removed at the end. */
	root: string;
}

/**
 * Runs n8n as a child of a bash group leader with a watchdog: when the process that started n8n
 * dies in any way (even SIGKILL, so no teardown runs), the watchdog stops the whole group.
 */
export const WATCHDOG = `
parent=$1; shift
"$@" &
child=$!
(
  trap '' TERM
  while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done
  if kill -0 "$child" 2>/dev/null; then
    kill -TERM -- -$$ 2>/dev/null; sleep 10; kill -KILL -- -$$ 2>/dev/null
  fi
) &
wait "$child"
`;

/**
 * The n8n settings this project ships for call routing (deploy/n8n.env: lazy expression isolates,
 * a smaller body limit), as `npm run dev`, `npm run queue-mode`, the queue e2e suite and the
 * README's Docker recipes use them. Blank lines and `#` comments are skipped.
 */
export function shippedN8nSettings(): Record<string, string> {
	const settings: Record<string, string> = {};
	for (const line of readFileSync(join(REPO_ROOT, 'deploy/n8n.env'), 'utf8').split('\n')) {
		const trimmed = line.trim();
		if (!trimmed || trimmed.startsWith('#')) continue;
		const equals = trimmed.indexOf('=');
		if (equals <= 0) throw new Error(`deploy/n8n.env: not NAME=value: ${trimmed}`);
		settings[trimmed.slice(0, equals)] = trimmed.slice(equals + 1);
	}
	return settings;
}

/** n8n's environment for a fresh, quiet, local home. */
export function n8nEnv(
	installDir: string,
	userFolder: string,
	port: number,
	brokerPort: number,
	extra: Record<string, string> = {},
) {
	return {
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_LOG_LEVEL: 'warn',
		// As behind one reverse proxy: the caller's address is the last X-Forwarded-For entry (tests send it).
		N8N_PROXY_HOPS: '1',
		...extra,
	};
}

/**
 * Runs one of the scripts that install Debian packages when missing (scripts/install-edge.sh,
 * scripts/install-queue-services.sh; their messages go to this process's stderr) and returns the
 * lines it prints: where the binaries are.
 */
export async function runInstallScript(script: string): Promise<string[]> {
	const child = spawn('bash', [join(REPO_ROOT, script)], { stdio: ['ignore', 'pipe', 'inherit'] });
	let out = '';
	child.stdout.on('data', (chunk) => (out += chunk));
	const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? 1)));
	if (code !== 0) throw new Error(`${script} failed (${code})`);
	return out.trim().split('\n');
}

export interface Spawned {
	pid: number;
	logFile: string;
	exited: () => number | null | undefined;
}

/** Starts `command` in its own process group under the watchdog, output to `logFile`. */
export async function spawnGroup(
	command: string[],
	options: { env: NodeJS.ProcessEnv; cwd: string; logFile: string },
): Promise<Spawned> {
	const out = createWriteStream(options.logFile, { flags: 'a' });
	await new Promise((r) => out.once('open', r));
	const child = spawn('bash', ['-c', WATCHDOG, 'queue-watchdog', String(process.pid), ...command], {
		env: options.env,
		cwd: options.cwd,
		detached: true,
		stdio: ['ignore', out, out],
	});
	let exited: number | null | undefined;
	child.on('exit', (code) => {
		exited = code;
		out.end();
	});
	child.unref();
	return { pid: child.pid!, logFile: options.logFile, exited: () => exited };
}

export async function waitFor(
	what: string,
	check: () => Promise<boolean>,
	spawned: Spawned,
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (spawned.exited() !== undefined)
			throw new Error(
				`${what} exited (${spawned.exited()}) during start; see ${spawned.logFile}:\n${tail(spawned.logFile)}`,
			);
		if (await check().catch(() => false)) return;
		if (Date.now() > deadline)
			throw new Error(
				`${what} not ready after ${timeoutMs} ms; see ${spawned.logFile}:\n${tail(spawned.logFile)}`,
			);
		await sleep(200);
	}
}

export const httpOk = (url: string) => () => fetch(url).then((r) => r.ok);

export function childEnv(installDir: string, env: Record<string, string>): NodeJS.ProcessEnv {
	const base = { ...process.env };
	// Settings of the caller's own n8n or Node must not leak into the instance under test.
	// NODE_ENV=test (set by jest) makes n8n exit silently at start.
	for (const key of Object.keys(base))
		if (/^(N8N_|DB_|EXECUTIONS_|JEST_|NODE_ENV$|NODE_OPTIONS$|NODE_PATH$)/.test(key))
			delete base[key];
	return {
		...base,
		...env,
		PATH: `${join(installDir, 'node_modules/node/bin')}:${process.env.PATH ?? ''}`,
	};
}

export function tail(file: string, lines = 40): string {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

/** Writes the connection for test files (see connectN8n). */
export function saveConnection(connection: N8nConnection, file = STATE_FILE): void {
	writeFileSync(file, JSON.stringify(connection, null, 2));
}

export function loadConnection(file = STATE_FILE): N8nConnection {
	if (!existsSync(file))
		throw new Error(`no running e2e n8n (${file} missing): run the suite with npm run test:e2e`);
	return JSON.parse(readFileSync(file, 'utf8')) as N8nConnection;
}
