/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * Lifecycle of the n8n under test (the whole picture is in ./n8n.ts): install n8n once, pack this
 * package and install the tarball like a community node, start n8n with an owner and log in, and
 * connect a test file to the n8n of this run.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { N8nClient } from './client';
import {
	childEnv,
	DEFAULT_OWNER,
	freePort,
	installedN8nVersion,
	killProcessGroup,
	loadConnection,
	n8nEnv,
	PACKAGE_NAME,
	portIsFree,
	quiet,
	REPO_ROOT,
	runOrThrow,
	selectedN8nVersion,
	sleep,
	STATE_FILE,
	tail,
	WATCHDOG,
} from './processes';
import type { Log, N8nConnection, Owner } from './processes';

/** Installs the selected n8n version once per machine (cached) and returns its directory. */
export async function ensureN8nInstalled(
	log: Log = quiet,
	version = selectedN8nVersion(),
): Promise<string> {
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
		for (const name of wanted)
			await cp(join(REPO_ROOT, name), join(stage, name), { recursive: true });
		await runOrThrow('ln', ['-s', join(REPO_ROOT, 'node_modules'), join(stage, 'node_modules')]);
		log('building the package (npm run build)');
		await runOrThrow('npm', ['run', 'build', '--silent'], { cwd: stage });
		log('packing it (npm pack)');
		const outDir = options.outDir ?? (await mkdtemp(join(tmpdir(), 'enneo-tarball-')));
		mkdirSync(outDir, { recursive: true });
		const stdout = await runOrThrow(
			'npm',
			['pack', '--ignore-scripts', '--json', '--pack-destination', outDir],
			{ cwd: stage },
		);
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
	await runOrThrow(
		'npm',
		[
			'install',
			'--ignore-scripts',
			'--package-lock=false',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
		],
		{ cwd: target },
	);
	const listPath = join(nodesDir, 'package.json');
	const list = existsSync(listPath)
		? (JSON.parse(readFileSync(listPath, 'utf8')) as { dependencies?: Record<string, string> })
		: { name: 'installed-nodes', private: true, dependencies: {} };
	list.dependencies = { ...list.dependencies, [PACKAGE_NAME]: String(pkg.version) };
	writeFileSync(listPath, JSON.stringify(list, null, 2));
	return target;
}

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

export interface N8nInstance extends N8nClient {
	connection: N8nConnection;
	stop(): Promise<void>;
}

/** Starts n8n in a fresh home with the tarball installed, creates the owner and logs in. */
export async function startN8n(options: StartN8nOptions): Promise<N8nInstance> {
	const log = options.log ?? quiet;
	const installDir = options.installDir ?? (await ensureN8nInstalled(log));
	const ownHome = !options.userFolder;
	const userFolder = options.userFolder ?? (await mkdtemp(join(tmpdir(), 'n8n-home-')));
	mkdirSync(userFolder, { recursive: true });
	log(
		`installing ${options.packageTarball.split('/').pop()} into ${userFolder}/.n8n/nodes (like n8n installs community nodes)`,
	);
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
		[
			'-c',
			WATCHDOG,
			'n8n-watchdog',
			String(process.pid),
			join(installDir, 'node_modules/node/bin/node'),
			join(installDir, 'node_modules/n8n/bin/n8n'),
			'start',
		],
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
	const connection: N8nConnection = {
		baseUrl: `http://127.0.0.1:${port}`,
		userFolder,
		installDir,
		n8nVersion,
		owner,
		pid,
		port,
		env,
		logFile,
	};

	const stop = async () => {
		await killProcessGroup(pid);
		out.end();
		if (ownHome && !options.keepHome && !process.env.ENNEO_E2E_KEEP_HOME)
			await rm(userFolder, { recursive: true, force: true });
	};
	try {
		const deadline = Date.now() + (options.startTimeoutMs ?? 180_000);
		for (;;) {
			if (exited !== undefined)
				throw new Error(`n8n exited (${exited}) during start; see ${logFile}:\n${tail(logFile)}`);
			if (Date.now() > deadline)
				throw new Error(
					`n8n did not answer /healthz/readiness in time; see ${logFile}:\n${tail(logFile)}`,
				);
			// n8n 1.x reports ready before its REST routes are mounted: wait for both.
			const ready = await fetch(`${connection.baseUrl}/healthz/readiness`).then(
				(r) => r.ok,
				() => false,
			);
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
	return fetch(`${baseUrl}/rest/settings`).then(
		(r) => r.ok,
		() => false,
	);
}

/** A logged-in client for the n8n this e2e run started. */
export async function connectN8n(file = STATE_FILE): Promise<N8nClient> {
	const client = new N8nClient(loadConnection(file));
	await client.login();
	return client;
}
