/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * The edge in front of n8n: Debian's nginx (installed by scripts/install-edge.sh when missing)
 * with deploy/nginx/enneo-edge.conf.template, the same file the README's Docker recipe mounts.
 * Used by the queue-mode set-up (lib/queue.ts), the benchmarks and `npm run fuzz -- --edge`.
 *
 *   const edge = await startEdge({ root, main: '127.0.0.1:5678', webhooks: ['127.0.0.1:5690'] });
 *   edge.url;                       // http://127.0.0.1:<port>
 *   edgeUpstreamsOf(edge.accessLog, sessionId);  // the webhook process of each delivery of a call
 *
 * The template is rendered like the nginx image renders /etc/nginx/templates/*.template: every
 * `${NAME}` it uses must be given, and the result is checked with `nginx -t` before nginx starts.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Log, Spawned } from './processes';
import { freePort, REPO_ROOT, run, runInstallScript, spawnGroup, waitFor } from './processes';

export const EDGE_TEMPLATE = join(REPO_ROOT, 'deploy/nginx/enneo-edge.conf.template');

/** The values deploy/nginx/enneo-edge.conf.template names (see its header). */
export interface EdgeValues {
	EDGE_LISTEN: string;
	EDGE_WEBHOOK_SERVERS: string;
	EDGE_MAIN_SERVER: string;
	EDGE_WEBHOOK_TOKEN: string;
	EDGE_PLATFORM_ADDRESSES: string;
	EDGE_RATE: string;
	EDGE_BURST: string;
	EDGE_CONNECTIONS: string;
}

/** Fills in the template; fails on a `${NAME}` without a value or a value no line uses. */
export function renderEdgeConfig(
	values: EdgeValues,
	template = readFileSync(EDGE_TEMPLATE, 'utf8'),
): string {
	const used = new Set<string>();
	const rendered = template.replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => {
		if (!(name in values)) throw new Error(`${EDGE_TEMPLATE}: no value for \${${name}}`);
		used.add(name);
		return values[name as keyof EdgeValues];
	});
	const unused = Object.keys(values).filter((name) => !used.has(name));
	if (unused.length) throw new Error(`${EDGE_TEMPLATE} does not use ${unused.join(', ')}`);
	for (const [name, value] of Object.entries(values))
		if (
			/[\n"{}]/.test(value) &&
			name !== 'EDGE_WEBHOOK_SERVERS' &&
			name !== 'EDGE_PLATFORM_ADDRESSES'
		)
			throw new Error(`${name} must not contain quotes, braces or line breaks`);
	return rendered;
}

export interface EdgeOptions {
	/** Directory for the rendered config, nginx's temporary files and logs. */
	root: string;
	/** host:port of n8n's main process. */
	main: string;
	/** host:port of each process serving production webhooks (the main one in regular mode). */
	webhooks: string[];
	/** Port to listen on (default: a free one), on 127.0.0.1. */
	port?: number;
	/** Refuse /webhook/ requests without `?token=<this>` at the edge. */
	token?: string;
	/** Addresses exempt from the per-address limits (the telephony platform's); default 127.0.0.1. */
	platformAddresses?: string[];
	rate?: string;
	burst?: number;
	connections?: number;
	log?: Log;
}

export interface Edge {
	url: string;
	port: number;
	spawned: Spawned;
	configFile: string;
	/** Every request with the n8n process that answered it (readEdgeLog, edgeUpstreamsOf). */
	accessLog: string;
}

/** nginx's binary (scripts/install-edge.sh installs Debian's package when it is missing). */
export async function ensureNginx(log: Log = () => undefined): Promise<string> {
	log('checking nginx (first run installs it with apt-get)');
	return (await runInstallScript('scripts/install-edge.sh')).pop()!;
}

/** Renders the edge config for this machine and starts nginx with it (under the watchdog). */
export async function startEdge(options: EdgeOptions): Promise<Edge> {
	const nginx = await ensureNginx(options.log);
	const port = options.port ?? (await freePort());
	const dir = join(options.root, 'edge');
	mkdirSync(join(dir, 'temp'), { recursive: true });
	// nginx's workers run as an unprivileged user when started as root: they write temp files here.
	chmodSync(join(dir, 'temp'), 0o777);
	const site = renderEdgeConfig({
		EDGE_LISTEN: `127.0.0.1:${port}`,
		EDGE_WEBHOOK_SERVERS: options.webhooks.map((w) => `server ${w} max_fails=0;`).join('\n    '),
		EDGE_MAIN_SERVER: options.main,
		EDGE_WEBHOOK_TOKEN: options.token ?? '',
		EDGE_PLATFORM_ADDRESSES: (options.platformAddresses ?? ['127.0.0.1'])
			.map((a) => `${a} 1;`)
			.join('\n    '),
		EDGE_RATE: options.rate ?? '20r/s',
		EDGE_BURST: String(options.burst ?? 40),
		EDGE_CONNECTIONS: String(options.connections ?? 8),
	});
	writeFileSync(join(dir, 'enneo-edge.conf'), site);
	const accessLog = join(options.root, 'edge-access.log');
	// What the nginx package's /etc/nginx/nginx.conf (or the image's) provides around the site.
	const configFile = join(dir, 'nginx.conf');
	writeFileSync(
		configFile,
		[
			'daemon off;',
			'worker_processes 1;',
			`pid ${join(dir, 'nginx.pid')};`,
			`error_log ${join(options.root, 'edge-error.log')} warn;`,
			'events { worker_connections 4096; }',
			'http {',
			`    client_body_temp_path ${join(dir, 'temp/body')};`,
			`    proxy_temp_path ${join(dir, 'temp/proxy')};`,
			`    fastcgi_temp_path ${join(dir, 'temp/fastcgi')};`,
			`    uwsgi_temp_path ${join(dir, 'temp/uwsgi')};`,
			`    scgi_temp_path ${join(dir, 'temp/scgi')};`,
			// The site first: its map_hash_bucket_size must come before any map.
			`    include ${join(dir, 'enneo-edge.conf')};`,
			// The webhook process of every request and the SessionId of its body, for the stickiness checks.
			`    log_format enneo_edge '$remote_addr "$request_method $uri" $status $upstream_addr $request_time sid=$enneo_edge_session';`,
			`    map $request_body $enneo_edge_session { "~\\"SessionId\\"\\s*:\\s*\\"(?<sid>[^\\"]{1,128})\\"" $sid; default -; }`,
			`    access_log ${accessLog} enneo_edge;`,
			'}',
			'',
		].join('\n'),
	);
	const check = await run(
		nginx,
		['-t', '-q', '-c', configFile, '-e', join(options.root, 'edge-error.log')],
		{
			cwd: dir,
		},
	);
	if (check.code !== 0)
		throw new Error(`nginx -t refused ${configFile}:\n${check.stdout}${check.stderr}`);
	const spawned = await spawnGroup(
		[nginx, '-c', configFile, '-e', join(options.root, 'edge-error.log')],
		{ env: process.env, cwd: dir, logFile: join(options.root, 'edge.log') },
	);
	const url = `http://127.0.0.1:${port}`;
	await waitFor(
		'nginx (edge)',
		() => fetch(`${url}/webhook/`, { method: 'GET' }).then((r) => r.status === 405),
		spawned,
		15_000,
	);
	options.log?.(
		`edge (nginx) on ${url}: /webhook/ → ${options.webhooks.join(', ')}, rest → ${options.main}`,
	);
	return {
		url,
		port,
		spawned,
		configFile,
		accessLog,
	};
}

/** One request in the edge's access log (the `enneo_edge` format of startEdge). */
export interface EdgeLogEntry {
	address: string;
	method: string;
	uri: string;
	status: number;
	/** host:port of the n8n process that answered, `-` when the edge answered itself. */
	upstream: string;
	seconds: number;
	/** The SessionId in the body, `-` when there was none. */
	sessionId: string;
}

export function readEdgeLog(accessLog: string): EdgeLogEntry[] {
	let text = '';
	try {
		text = readFileSync(accessLog, 'utf8');
	} catch {
		return [];
	}
	return text
		.split('\n')
		.map((line) => /^(\S+) "(\S+) (\S+)" (\d+) (\S+) (\S+) sid=(\S+)$/.exec(line))
		.filter((m): m is RegExpExecArray => m !== null)
		.map((m) => ({
			address: m[1],
			method: m[2],
			uri: m[3],
			status: Number(m[4]),
			upstream: m[5],
			seconds: Number(m[6]),
			sessionId: m[7],
		}));
}

/** The webhook process (host:port) that got each delivery of a call, in order. */
export function edgeUpstreamsOf(accessLog: string, sessionId: string): string[] {
	return readEdgeLog(accessLog)
		.filter(
			(e) => e.method === 'POST' && e.uri.startsWith('/webhook/') && e.sessionId === sessionId,
		)
		.map((e) => e.upstream);
}

/** Production webhook requests per n8n process (host:port) in the access log so far. */
export function edgeWebhookCounts(accessLog: string): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const e of readEdgeLog(accessLog))
		if (e.uri.startsWith('/webhook/') && e.upstream !== '-')
			counts[e.upstream] = (counts[e.upstream] ?? 0) + 1;
	return counts;
}
