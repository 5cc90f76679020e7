/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * Runs this package inside a real n8n (ENNEO_N8N_VERSION, default 2.41.1, from scripts/install-n8n.sh), installed
 * from the packed tarball exactly the way n8n installs a community node. Used by the e2e suite
 * (test/e2e) and by `npm run dev`.
 *
 * Start and stop (one n8n per test run: test/e2e/globalSetup.ts does this):
 *   const tarball = await packPackage();                  // staged `npm run build` + `npm pack`
 *   const n8n = await startN8n({ packageTarball: tarball });  // fresh home, owner account, logged in
 *   ...
 *   await n8n.stop();                                     // kills n8n's process group, waits
 *
 * In a test file, connect to the n8n of this run (test/e2e/lib/setup.ts wraps this):
 *   const n8n = await connectN8n();                       // reads the state file, logs in as owner
 *   const cred = await n8n.createCredential({ name: 'Enneo', type: 'enneoApi', data: { instanceUrl, apiKey } });
 *   const wf = await n8n.createWorkflow(linearWorkflow('name', [manualTrigger(), enneoNode({...})]));
 *   const run = await n8n.runWorkflow(wf.id);             // manual run via REST, waits for the end
 *   run.status; run.output('Enneo'); run.error('Enneo');  // items / node error of a node
 *   await n8n.activate(wf.id);                            // publishes it and waits until its triggers are live
 *   const res = await n8n.webhook('<webhookId>/<path>', { method: 'POST', body: {...} });
 *   const runs = await n8n.waitForExecutions(wf.id, 1);   // executions of a webhook-started workflow
 *   await n8n.deactivate(wf.id);
 *   await n8n.cliRun(['export:nodes', '--output=x.json']); // any n8n CLI command (own broker port)
 *
 * A community trigger with a static webhook path answers at `/webhook/<webhookId>/<path>`, where
 * webhookId is the node's `webhookId` in the workflow JSON (set it yourself, e.g. randomUUID()).
 * See test/e2e/webhook.e2e.test.ts for a published workflow end to end.
 *
 * Gotchas seen in n8n 2.41: jest's NODE_ENV=test makes n8n exit silently (childEnv drops it);
 * `$json.caller` is refused by n8n's expression sandbox ("Cannot access "caller" due to security
 * concerns"); GET /rest/executions pages at most 100.
 *
 * Everything talks to n8n's own REST API (/rest/...) with the owner's session cookie, like the
 * editor does; endpoints as in n8n 2.41 (owner.controller, auth.controller, workflows.controller,
 * executions.controller, credentials.controller). Where n8n 1.x differs the client says so
 * (`n8nMajor`): creating a workflow needs `active`, a manual run needs the workflow in the body,
 * activation is done when the call returns (no publication status), only saved credentials can be
 * tested, REST routes come up after /healthz/readiness, and the CLI activates with
 * `update:workflow --active=true` instead of `publish:workflow` (cliActivateArgs).
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

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
	return (JSON.parse(readFileSync(join(installDir, 'node_modules/n8n/package.json'), 'utf8')) as { version: string }).version;
}

/** Where the e2e run keeps its n8n connection details for the test files. */
export const STATE_FILE = process.env.ENNEO_E2E_STATE ?? join(tmpdir(), `n8n-nodes-enneo-e2e-${process.getuid?.() ?? 0}.json`);

type Log = (message: string) => void;
const quiet: Log = () => undefined;

// ---------------------------------------------------------------------------------------------
// Processes and ports

function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}) {
	return new Promise<{ code: number; stdout: string; stderr: string }>((resolvePromise) => {
		execFile(
			cmd,
			args,
			{ cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 256 * 1024 * 1024, timeout: options.timeoutMs ?? 0, killSignal: 'SIGKILL' },
			(error, stdout, stderr) => {
				const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
				resolvePromise({ code, stdout: String(stdout), stderr: String(stderr) });
			},
		);
	});
}

async function runOrThrow(cmd: string, args: string[], options: Parameters<typeof run>[2] = {}): Promise<string> {
	const result = await run(cmd, args, options);
	if (result.code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${result.code}):\n${result.stderr || result.stdout}`);
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

// ---------------------------------------------------------------------------------------------
// Install n8n, pack the package, install the tarball

/** Installs the selected n8n version once per machine (cached) and returns its directory. */
export async function ensureN8nInstalled(log: Log = quiet, version = selectedN8nVersion()): Promise<string> {
	log(`checking the n8n ${version} install (first run installs it: several minutes)`);
	const child = spawn('bash', [join(REPO_ROOT, 'scripts/install-n8n.sh')], {
		stdio: ['ignore', 'pipe', 'inherit'],
		env: { ...process.env, ENNEO_N8N_VERSION: version },
	});
	let out = '';
	child.stdout.on('data', (chunk) => (out += chunk));
	const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? 1)));
	if (code !== 0) throw new Error(`scripts/install-n8n.sh failed (${code})`);
	const dir = out.trim().split('\n').pop()!;
	if (!existsSync(join(dir, 'node_modules/n8n/bin/n8n'))) throw new Error(`no n8n in ${dir}`);
	return dir;
}

/**
 * Builds and packs the package in a staging copy (the checkout's own `dist/` is left alone, so a
 * concurrent `npm run build` cannot change what is tested). Returns the path of the .tgz; without
 * `outDir` it lands in a new temporary directory the caller removes.
 */
export async function packPackage(options: { outDir?: string; log?: Log } = {}): Promise<string> {
	const log = options.log ?? quiet;
	const stage = await mkdtemp(join(tmpdir(), 'enneo-pack-'));
	try {
		const top = await readdir(REPO_ROOT);
		const wanted = top.filter(
			(name) =>
				['nodes', 'credentials', 'package.json', 'index.js', 'gulpfile.js'].includes(name) ||
				/^tsconfig.*\.json$/.test(name) ||
				/^(README|LICENSE|LICENCE|CHANGELOG)/i.test(name),
		);
		for (const name of wanted) await cp(join(REPO_ROOT, name), join(stage, name), { recursive: true });
		await runOrThrow('ln', ['-s', join(REPO_ROOT, 'node_modules'), join(stage, 'node_modules')]);
		log('building the package (npm run build)');
		await runOrThrow('npm', ['run', 'build', '--silent'], { cwd: stage });
		log('packing it (npm pack)');
		const outDir = options.outDir ?? (await mkdtemp(join(tmpdir(), 'enneo-tarball-')));
		mkdirSync(outDir, { recursive: true });
		const stdout = await runOrThrow('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', outDir], { cwd: stage });
		const [info] = JSON.parse(stdout) as Array<{ filename: string }>;
		return join(outDir, info.filename);
	} finally {
		await rm(stage, { recursive: true, force: true });
	}
}

/**
 * Installs a tarball the way n8n 2.41 installs a community package: extract into
 * `<home>/.n8n/nodes/node_modules/<name>`, drop dev/peer/optional dependencies, `npm install
 * --ignore-scripts --package-lock=false` there, list it in `<home>/.n8n/nodes/package.json`.
 */
export async function installTarball(userFolder: string, tarball: string): Promise<string> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesDir, 'node_modules', PACKAGE_NAME);
	await rm(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	await runOrThrow('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	const pkgPath = join(target, 'package.json');
	const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as Record<string, unknown>;
	delete pkg.devDependencies;
	delete pkg.peerDependencies;
	delete pkg.optionalDependencies;
	writeFileSync(pkgPath, JSON.stringify(pkg, null, 2));
	await runOrThrow('npm', ['install', '--ignore-scripts', '--package-lock=false', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: target });
	const listPath = join(nodesDir, 'package.json');
	const list = existsSync(listPath)
		? (JSON.parse(readFileSync(listPath, 'utf8')) as { dependencies?: Record<string, string> })
		: { name: 'installed-nodes', private: true, dependencies: {} };
	list.dependencies = { ...list.dependencies, [PACKAGE_NAME]: String(pkg.version) };
	writeFileSync(listPath, JSON.stringify(list, null, 2));
	return target;
}

// ---------------------------------------------------------------------------------------------
// Start n8n

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export const DEFAULT_OWNER: Owner = { email: 'owner@example.com', password: 'Enneo-demo-1', firstName: 'Demo', lastName: 'Owner' };

export interface StartN8nOptions {
	/** The .tgz from packPackage(); installed into the fresh home. */
	packageTarball: string;
	/** Extra environment for n8n (wins over the defaults). */
	env?: Record<string, string>;
	/** Default: a free port. */
	port?: number;
	/** Default: a new temporary directory (a fresh n8n home), removed again by stop(). */
	userFolder?: string;
	/** Keep a home that startN8n created when stopping (also ENNEO_E2E_KEEP_HOME=1). */
	keepHome?: boolean;
	/** Owner account created on start (default DEFAULT_OWNER). */
	owner?: Owner;
	/** Where n8n's stdout/stderr go; default `<userFolder>/n8n.log`. */
	logFile?: string;
	/** Progress messages. */
	log?: Log;
	startTimeoutMs?: number;
	/** The n8n install (default: ensureN8nInstalled()). */
	installDir?: string;
}

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
	/** Where production webhooks are called (queue mode: the load balancer); default baseUrl. */
	webhookUrl?: string;
	/** Queue mode only: the load balancer's listener that keeps every delivery of a call on one webhook process. */
	stickyWebhookUrl?: string;
	/** Queue mode only: the other processes of the set-up (test/e2e/lib/queue.ts). */
	queue?: QueueProcesses;
}

/** Queue mode: process groups and logs of the processes besides main. */
export interface QueueProcesses {
	/** Every process group to stop at the end (Redis, Postgres, webhook processes, workers, proxy). */
	groups: number[];
	/** Log file per process name (main, webhook-1, worker-1, proxy, redis, postgres, …). */
	logFiles: Record<string, string>;
	workers: Array<{ name: string; pid: number; logFile: string }>;
	webhooks: Array<{ name: string; pid: number; port: number; logFile: string }>;
	redisPort: number;
	postgresPort: number;
	/** Directory holding every process's home, the databases and logs; removed at the end. */
	root: string;
}

export interface N8nInstance extends N8nClient {
	connection: N8nConnection;
	stop(): Promise<void>;
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

/** n8n's environment for a fresh, quiet, local home. */
export function n8nEnv(installDir: string, userFolder: string, port: number, brokerPort: number, extra: Record<string, string> = {}) {
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

export function childEnv(installDir: string, env: Record<string, string>): NodeJS.ProcessEnv {
	const base = { ...process.env };
	// Settings of the caller's own n8n or Node must not leak into the instance under test.
	// NODE_ENV=test (set by jest) makes n8n exit silently at start.
	for (const key of Object.keys(base)) if (/^(N8N_|DB_|EXECUTIONS_|JEST_|NODE_ENV$|NODE_OPTIONS$|NODE_PATH$)/.test(key)) delete base[key];
	return { ...base, ...env, PATH: `${join(installDir, 'node_modules/node/bin')}:${process.env.PATH ?? ''}` };
}

/** Starts n8n in a fresh home with the tarball installed, creates the owner and logs in. */
export async function startN8n(options: StartN8nOptions): Promise<N8nInstance> {
	const log = options.log ?? quiet;
	const installDir = options.installDir ?? (await ensureN8nInstalled(log));
	const ownHome = !options.userFolder;
	const userFolder = options.userFolder ?? (await mkdtemp(join(tmpdir(), 'n8n-home-')));
	mkdirSync(userFolder, { recursive: true });
	log(`installing ${options.packageTarball.split('/').pop()} into ${userFolder}/.n8n/nodes (like n8n installs community nodes)`);
	await installTarball(userFolder, options.packageTarball);

	const port = options.port ?? (await freePort());
	if (!(await portIsFree(port))) throw new Error(`port ${port} is in use; set another one`);
	const brokerPort = await freePort();
	const env = n8nEnv(installDir, userFolder, port, brokerPort, options.env);
	const logFile = options.logFile ?? join(userFolder, 'n8n.log');
	const out = createWriteStream(logFile, { flags: 'a' });
	await new Promise((r) => out.once('open', r));

	log(`starting n8n on http://127.0.0.1:${port} (log: ${logFile})`);
	const child: ChildProcess = spawn(
		'bash',
		['-c', WATCHDOG, 'n8n-watchdog', String(process.pid), join(installDir, 'node_modules/node/bin/node'), join(installDir, 'node_modules/n8n/bin/n8n'), 'start'],
		{
			env: childEnv(installDir, env),
			cwd: userFolder,
			detached: true, // own process group: stop() kills n8n and everything it started
			stdio: ['ignore', out, out],
		},
	);
	const pid = child.pid!;
	let exited: number | null | undefined;
	child.on('exit', (code) => (exited = code));
	const owner = options.owner ?? DEFAULT_OWNER;
	const n8nVersion = installedN8nVersion(installDir);
	const connection: N8nConnection = { baseUrl: `http://127.0.0.1:${port}`, userFolder, installDir, n8nVersion, owner, pid, port, env, logFile };

	const stop = async () => {
		await killProcessGroup(pid);
		out.end();
		if (ownHome && !options.keepHome && !process.env.ENNEO_E2E_KEEP_HOME) await rm(userFolder, { recursive: true, force: true });
	};
	try {
		const deadline = Date.now() + (options.startTimeoutMs ?? 180_000);
		for (;;) {
			if (exited !== undefined) throw new Error(`n8n exited (${exited}) during start; see ${logFile}:\n${tail(logFile)}`);
			if (Date.now() > deadline) throw new Error(`n8n did not answer /healthz/readiness in time; see ${logFile}:\n${tail(logFile)}`);
			// n8n 1.x reports ready before its REST routes are mounted: wait for both.
			const ready = await fetch(`${connection.baseUrl}/healthz/readiness`).then((r) => r.ok, () => false);
			if (ready && (await restIsUp(connection.baseUrl))) break;
			await sleep(250);
		}
		const client = new N8nClient(connection);
		await client.setupOwner();
		log('n8n is ready');
		const instance = client as N8nInstance;
		instance.connection = connection;
		instance.stop = stop;
		return instance;
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Whether n8n's REST API answers (GET /rest/settings needs no login). */
export async function restIsUp(baseUrl: string): Promise<boolean> {
	return fetch(`${baseUrl}/rest/settings`).then((r) => r.ok, () => false);
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
	if (!existsSync(file)) throw new Error(`no running e2e n8n (${file} missing): run the suite with npm run test:e2e`);
	return JSON.parse(readFileSync(file, 'utf8')) as N8nConnection;
}

/** A logged-in client for the n8n this e2e run started. */
export async function connectN8n(file = STATE_FILE): Promise<N8nClient> {
	const client = new N8nClient(loadConnection(file));
	await client.login();
	return client;
}

// ---------------------------------------------------------------------------------------------
// The client

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	pinData?: Record<string, unknown>;
}

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	[key: string]: unknown;
}

export interface CreatedWorkflow {
	id: string;
	versionId: string;
	name: string;
	[key: string]: unknown;
}

export interface NodeRunError {
	message: string;
	description?: string | null;
	name?: string;
	httpCode?: string | null;
	[key: string]: unknown;
}

export interface ItemJson {
	json: Record<string, unknown>;
	binary?: Record<string, { mimeType?: string; fileName?: string; data?: string; id?: string; [k: string]: unknown }>;
	pairedItem?: unknown;
	error?: unknown;
}

/** A finished execution, with its run data parsed. */
export class ExecutionResult {
	constructor(readonly raw: { id: string; status: string; finished: boolean; mode: string; workflowId: string; data: ExecutionData }) {}

	get id(): string {
		return this.raw.id;
	}

	/** 'success' | 'error' | 'crashed' | 'canceled' | ... */
	get status(): string {
		return this.raw.status;
	}

	get runData(): Record<string, Array<{ data?: { main?: Array<ItemJson[] | null> }; error?: NodeRunError; executionStatus?: string }>> {
		return this.raw.data.resultData.runData ?? {};
	}

	/** The workflow-level error (the failing node's error when the run stopped). */
	get workflowError(): NodeRunError | undefined {
		return this.raw.data.resultData.error;
	}

	get lastNodeExecuted(): string | undefined {
		return this.raw.data.resultData.lastNodeExecuted;
	}

	/** Items a node put on an output (first run of the node). */
	items(nodeName: string, outputIndex = 0, runIndex = 0): ItemJson[] {
		const runs = this.runData[nodeName];
		if (!runs?.[runIndex]) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(this.runData).join(', ')}${this.describeError()}`);
		return runs[runIndex].data?.main?.[outputIndex] ?? [];
	}

	/** The JSON of the items a node put on an output. */
	output(nodeName: string, outputIndex = 0): Array<Record<string, unknown>> {
		return this.items(nodeName, outputIndex).map((item) => item.json);
	}

	/** The error a node stopped with, if it did. */
	error(nodeName: string): NodeRunError | undefined {
		return this.runData[nodeName]?.[0]?.error;
	}

	private describeError(): string {
		const e = this.workflowError;
		return e ? `; workflow error: ${e.message}${e.description ? ` (${e.description})` : ''}` : '';
	}

	/** Throws with the workflow error unless the run succeeded. */
	assertSuccess(): this {
		if (this.status !== 'success') throw new Error(`execution ${this.id} ended with status ${this.status}${this.describeError()}`);
		return this;
	}
}

interface ExecutionData {
	resultData: {
		runData?: ExecutionResult['runData'];
		error?: NodeRunError;
		lastNodeExecuted?: string;
	};
}

export interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	liveVersionId: string | null;
	pendingVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

export class N8nHttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		message: string,
	) {
		super(message);
	}
}

export class N8nClient {
	private cookie = '';
	private readonly browserId = randomBytes(8).toString('hex');
	private flatted?: { parse(text: string): unknown };

	constructor(readonly connection: N8nConnection) {}

	get baseUrl(): string {
		return this.connection.baseUrl;
	}

	get userFolder(): string {
		return this.connection.userFolder;
	}

	/** A request to n8n with the owner's session; throws N8nHttpError on non-2xx. Returns `data` of n8n's envelope. */
	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie?.() ?? [];
		const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth;
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			/* not JSON */
		}
		if (!response.ok) {
			const message = (parsed as { message?: string } | undefined)?.message ?? text;
			throw new N8nHttpError(response.status, parsed, `${method} /rest${path} → ${response.status}: ${message}`);
		}
		return (parsed && typeof parsed === 'object' && 'data' in parsed ? (parsed as { data: T }).data : parsed) as T;
	}

	async setupOwner(): Promise<void> {
		const { email, password, firstName, lastName } = this.connection.owner;
		await this.rest('POST', '/owner/setup', { email, password, firstName, lastName });
	}

	async login(): Promise<void> {
		const { email, password } = this.connection.owner;
		await this.rest('POST', '/login', { emailOrLdapLoginId: email, password });
	}

	/** GET on n8n outside /rest (e.g. /types/nodes.json, icons), with the session. */
	async get(path: string): Promise<Response> {
		return fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookie, 'browser-id': this.browserId } });
	}

	/** Node type descriptions n8n knows (the editor's /types/nodes.json). */
	async nodeTypes(): Promise<Array<Record<string, unknown> & { name: string }>> {
		const response = await this.get('/types/nodes.json');
		if (!response.ok) throw new Error(`/types/nodes.json → ${response.status}`);
		return (await response.json()) as Array<Record<string, unknown> & { name: string }>;
	}

	/** Credential type descriptions n8n knows (the editor's /types/credentials.json). */
	async credentialTypes(): Promise<Array<Record<string, unknown> & { name: string }>> {
		const response = await this.get('/types/credentials.json');
		if (!response.ok) throw new Error(`/types/credentials.json → ${response.status}`);
		return (await response.json()) as Array<Record<string, unknown> & { name: string }>;
	}

	async createCredential(credential: { name: string; type: string; data: Record<string, unknown> }): Promise<{ id: string; name: string }> {
		return this.rest('POST', '/credentials', credential);
	}

	/**
	 * n8n's credential test (the editor's "Retry"/"Test" button). n8n 1.x tests only saved
	 * credentials: there an unsaved one is saved for the test and deleted afterwards.
	 */
	async testCredential(credential: { id?: string; name?: string; type: string; data: Record<string, unknown> }): Promise<{ status: 'OK' | 'Error'; message: string }> {
		if (this.n8nMajor < 2 && !credential.id) {
			const saved = await this.createCredential({ name: `credential test ${randomBytes(4).toString('hex')}`, type: credential.type, data: credential.data });
			try {
				return await this.testCredential({ ...credential, id: saved.id, name: saved.name });
			} finally {
				await this.rest('DELETE', `/credentials/${saved.id}`).catch(() => undefined);
			}
		}
		return this.rest('POST', '/credentials/test', { credentials: { id: credential.id ?? '', name: credential.name ?? '', ...credential } });
	}

	async createWorkflow(workflow: WorkflowJson): Promise<CreatedWorkflow> {
		// n8n 1.x stores `active` from the request and has no default for it.
		const legacy = this.n8nMajor < 2 ? { active: false } : {};
		return this.rest('POST', '/workflows', { settings: { executionOrder: 'v1' }, ...legacy, ...workflow });
	}

	async getWorkflow(id: string): Promise<CreatedWorkflow> {
		return this.rest('GET', `/workflows/${id}`);
	}

	/** Major version of the n8n this client talks to (1 or 2). */
	get n8nMajor(): number {
		return Number((this.connection.n8nVersion ?? '2').split('.')[0]);
	}

	/**
	 * Publishes (activates) the current version and waits until n8n reports its triggers live
	 * (n8n 2.41 publishes through an outbox, so webhooks answer ~0.5 s after the activate call;
	 * n8n 1.x activates before it answers). Throws with the trigger's error message when a trigger
	 * failed to activate.
	 */
	async activate(id: string, timeoutMs = 30_000): Promise<CreatedWorkflow> {
		const { versionId } = await this.getWorkflow(id);
		const workflow = await this.rest<CreatedWorkflow>('POST', `/workflows/${id}/activate`, { versionId });
		if (this.n8nMajor < 2) {
			if (workflow.active !== true) throw new Error(`workflow ${id} did not activate: ${JSON.stringify(workflow)}`);
			return workflow;
		}
		const status = await this.waitForPublication(id, (s) => s.status !== 'in_progress' && s.status !== 'not_published' && s.liveVersionId === versionId, timeoutMs);
		if (status.status !== 'published') {
			const errors = status.triggers.map((t) => t.errorMessage).filter(Boolean);
			throw new Error(`workflow ${id} publication ${status.status}: ${errors.join('; ') || JSON.stringify(status)}`);
		}
		return workflow;
	}

	/** Unpublishes a workflow and waits until its triggers are down. */
	async deactivate(id: string, timeoutMs = 30_000): Promise<CreatedWorkflow> {
		const workflow = await this.rest<CreatedWorkflow>('POST', `/workflows/${id}/deactivate`, {});
		if (this.n8nMajor >= 2) await this.waitForPublication(id, (s) => s.status === 'not_published', timeoutMs);
		return workflow;
	}

	/** The CLI arguments that activate a workflow while no server runs (2.x: publish, 1.x: update). */
	cliActivateArgs(id: string): string[] {
		return this.n8nMajor >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
	}

	/** n8n's publication status of a workflow (GET /rest/workflows/:id/publication-status). */
	async publicationStatus(id: string): Promise<PublicationStatus> {
		return this.rest('GET', `/workflows/${id}/publication-status`);
	}

	private async waitForPublication(id: string, done: (status: PublicationStatus) => boolean, timeoutMs: number): Promise<PublicationStatus> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const status = await this.publicationStatus(id);
			if (done(status)) return status;
			if (Date.now() > deadline) throw new Error(`workflow ${id}: publication still ${JSON.stringify(status)} after ${timeoutMs} ms`);
			await sleep(100);
		}
	}

	/** Runs a workflow manually from its trigger (default: the first node) and waits for the end. */
	async runWorkflow(id: string, options: { trigger?: string; timeoutMs?: number } = {}): Promise<ExecutionResult> {
		let trigger = options.trigger;
		if (!trigger) {
			const workflow = (await this.getWorkflow(id)) as unknown as WorkflowJson;
			trigger = workflow.nodes[0].name;
		}
		const started = await this.startManualRun(id, trigger);
		if (!started.executionId) throw new Error(`n8n did not start a run of ${id}: ${JSON.stringify(started)}`);
		return this.waitForExecution(started.executionId, options.timeoutMs);
	}

	/**
	 * The editor's "Execute workflow" from a trigger: runs it, or, for a webhook trigger, starts
	 * listening for a test event (`waitingForWebhook`). n8n 1.x wants the workflow in the body.
	 */
	async startManualRun(id: string, trigger: string): Promise<{ executionId?: string; waitingForWebhook?: boolean }> {
		const body: Record<string, unknown> = { triggerToStartFrom: { name: trigger } };
		if (this.n8nMajor < 2) body.workflowData = await this.getWorkflow(id);
		return this.rest('POST', `/workflows/${id}/run`, body);
	}

	/** Waits until an execution has ended and returns it with its data parsed. */
	async waitForExecution(executionId: string, timeoutMs = 120_000): Promise<ExecutionResult> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.rest<{ id: string; status: string; finished: boolean; mode: string; workflowId: string; data: string }>(
				'GET',
				`/executions/${executionId}`,
			).catch((error: unknown) => {
				if (error instanceof N8nHttpError && error.status === 404) return undefined; // not saved yet
				throw error;
			});
			if (execution && !['new', 'running', 'waiting'].includes(execution.status)) {
				return new ExecutionResult({ ...execution, data: this.parseFlatted(execution.data) as ExecutionData });
			}
			if (Date.now() > deadline) throw new Error(`execution ${executionId} still ${execution?.status ?? 'unsaved'} after ${timeoutMs} ms`);
			await sleep(200);
		}
	}

	/** Executions of a workflow, newest first (summaries: id, status, mode, ...). */
	async listExecutions(workflowId: string): Promise<Array<{ id: string; status: string; mode: string }>> {
		const all: Array<{ id: string; status: string; mode: string }> = [];
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		for (;;) {
			// n8n pages executions at most 100 at a time, newest first; lastId continues below an ID.
			const lastId = all.length ? `&lastId=${all[all.length - 1].id}` : '';
			const page = await this.rest<{ results: Array<{ id: string; status: string; mode: string }> }>('GET', `/executions?filter=${filter}&limit=100${lastId}`);
			all.push(...page.results);
			if (page.results.length < 100) return all;
		}
	}

	/** Waits until a workflow has at least `count` ended executions; returns them oldest first. */
	async waitForExecutions(workflowId: string, count: number, timeoutMs = 60_000): Promise<ExecutionResult[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = await this.listExecutions(workflowId);
			const ended = list.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
			if (ended.length >= count) {
				const sorted = ended.sort((a, b) => Number(a.id) - Number(b.id));
				return Promise.all(sorted.map((e) => this.waitForExecution(e.id)));
			}
			if (Date.now() > deadline) throw new Error(`workflow ${workflowId}: ${ended.length}/${count} executions after ${timeoutMs} ms`);
			await sleep(200);
		}
	}

	/**
	 * Calls a production webhook: `path` is what follows /webhook/, e.g. `<webhookId>/<path>`. In
	 * queue mode production calls go through the load balancer (`sticky`: its listener that keeps
	 * a call's deliveries on one webhook process); test webhooks always go to main.
	 */
	async webhook(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; test?: boolean; sticky?: boolean } = {}): Promise<Response> {
		const prefix = init.test ? 'webhook-test' : 'webhook';
		const base = init.test ? this.baseUrl : ((init.sticky ? this.connection.stickyWebhookUrl : undefined) ?? this.connection.webhookUrl ?? this.baseUrl);
		const body = init.body === undefined || typeof init.body === 'string' ? (init.body as string | undefined) : JSON.stringify(init.body);
		return fetch(`${base}/${prefix}/${path.replace(/^\/+/, '')}`, {
			method: init.method ?? 'POST',
			headers: { ...(typeof init.body === 'object' ? { 'content-type': 'application/json' } : {}), ...init.headers },
			body,
		});
	}

	/**
	 * Runs an n8n CLI command against this home while n8n runs (own task broker port, so it does
	 * not collide with the server). Returns exit code and output.
	 */
	async cliRun(args: string[], timeoutMs = 120_000): Promise<{ code: number; stdout: string; stderr: string }> {
		const { installDir, env } = this.connection;
		const brokerPort = await freePort();
		return run(join(installDir, 'node_modules/node/bin/node'), [join(installDir, 'node_modules/n8n/bin/n8n'), ...args], {
			cwd: this.userFolder,
			env: childEnv(installDir, { ...env, N8N_RUNNERS_BROKER_PORT: String(brokerPort) }),
			timeoutMs,
		});
	}

	/** Evaluates `require(specifier)` the way the installed package would, inside n8n's module setup. */
	async resolveFromPackage(specifier: string): Promise<string> {
		const { installDir } = this.connection;
		const pkgDir = join(this.userFolder, '.n8n/nodes/node_modules', PACKAGE_NAME);
		const script = [
			// n8n adds its own module paths to NODE_PATH before loading community packages; do the same.
			`const Module = require('module');`,
			`const n8nMain = require.resolve('n8n/dist/index.js', { paths: [${JSON.stringify(join(installDir, 'node_modules'))}] });`,
			`const m = new Module(n8nMain); m.paths = Module._nodeModulePaths(require('path').dirname(n8nMain));`,
			`process.env.NODE_PATH = m.paths.join(':'); Module._initPaths();`,
			`const r = require('module').createRequire(${JSON.stringify(join(pkgDir, 'dist/nodes/Enneo/Enneo.node.js'))});`,
			`console.log(r.resolve(${JSON.stringify(specifier)}));`,
		].join('\n');
		return (await runOrThrow(join(installDir, 'node_modules/node/bin/node'), ['-e', script], { cwd: this.userFolder })).trim();
	}

	private parseFlatted(text: string): unknown {
		if (!this.flatted) {
			// The exact serializer n8n stores execution data with.
			const requireFromN8n = createRequire(join(this.connection.installDir, 'node_modules/n8n/package.json'));
			this.flatted = requireFromN8n('flatted') as { parse(text: string): unknown };
		}
		return this.flatted.parse(text);
	}
}

// ---------------------------------------------------------------------------------------------
// Workflow builders

let counter = 0;
const uid = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(4).toString('hex')}`;

export const ENNEO_NODE = `${PACKAGE_NAME}.enneo`;
export const ENNEO_TRIGGER_NODE = `${PACKAGE_NAME}.enneoTrigger`;

export function manualTrigger(name = 'Start'): WorkflowNode {
	return { name, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
}

/** A Code node ("Run Once for All Items") returning `jsCode`'s items. */
export function codeNode(name: string, jsCode: string): WorkflowNode {
	return { name, type: 'n8n-nodes-base.code', typeVersion: 2, position: [0, 0], parameters: { jsCode } };
}

/** An Enneo action node with a credential. */
export function enneoNode(options: {
	name?: string;
	parameters: Record<string, unknown>;
	credential: { id: string; name: string };
	onError?: WorkflowNode['onError'];
}): WorkflowNode {
	return {
		name: options.name ?? 'Enneo',
		type: ENNEO_NODE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { enneoApi: options.credential },
		...(options.onError ? { onError: options.onError } : {}),
	};
}

/** Nodes connected one after the other (main output 0 → input 0), laid out left to right. */
export function linearWorkflow(name: string, nodes: WorkflowNode[]): WorkflowJson {
	const connections: Record<string, unknown> = {};
	nodes.forEach((node, index) => {
		node.id ??= uid();
		node.position = [index * 240, 0];
		const next = nodes[index + 1];
		if (next) connections[node.name] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
	});
	return { name: `${name} ${uid()}`, nodes, connections };
}

/** Connects `from` output `outputIndex` to `to` in a workflow built by hand. */
export function connect(workflow: WorkflowJson, from: string, to: string, outputIndex = 0): WorkflowJson {
	const entry = (workflow.connections[from] ??= { main: [] }) as { main: Array<Array<{ node: string; type: string; index: number }>> };
	while (entry.main.length <= outputIndex) entry.main.push([]);
	entry.main[outputIndex].push({ node: to, type: 'main', index: 0 });
	return workflow;
}
