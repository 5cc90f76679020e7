#!/usr/bin/env node
/**
 * The load balancer in front of an n8n queue-mode set-up on one machine (see scripts/queue-mode.sh):
 * production webhooks (/webhook/…) go to the `n8n webhook` processes, everything else (editor,
 * REST API, /webhook-test/…, /webhook-waiting/…) to the main process, as n8n's queue-mode docs ask.
 *
 * Two listeners, two ways to pick a webhook process:
 *   --port         round robin: request N goes to webhook process N mod count
 *   --sticky-port  sticky by call: a JSON body's SessionId (CallInBound) is hashed, so every
 *                  delivery of one call, retries included, reaches the same webhook process
 *                  (HAProxy does the same with `balance hash` on the body; see the Enneo Trigger README)
 * A webhook process that refuses the connection is skipped (the next one gets the request), like
 * nginx's proxy_next_upstream. GET /__proxy/stats on either port returns per-backend counts.
 *
 *   node scripts/round-robin-proxy.js --port 8080 --sticky-port 8081 --main 127.0.0.1:5678 \
 *        --webhook 127.0.0.1:5690 --webhook 127.0.0.1:5691
 */
'use strict';
const http = require('node:http');
const { createHash } = require('node:crypto');

function parseArgs(argv) {
	const options = { port: 0, stickyPort: 0, host: '127.0.0.1', main: '', webhooks: [] };
	for (let i = 0; i < argv.length; i++) {
		const value = argv[i + 1];
		switch (argv[i]) {
			case '--port':
				options.port = Number(value);
				i++;
				break;
			case '--sticky-port':
				options.stickyPort = Number(value);
				i++;
				break;
			case '--host':
				options.host = value;
				i++;
				break;
			case '--main':
				options.main = value;
				i++;
				break;
			case '--webhook':
				options.webhooks.push(value);
				i++;
				break;
			default:
				throw new Error(`unknown argument ${argv[i]}`);
		}
	}
	if (!options.main || options.webhooks.length === 0)
		throw new Error('need --main host:port and at least one --webhook host:port');
	return options;
}

function target(hostPort) {
	const [host, port] = hostPort.split(':');
	return { host, port: Number(port), name: hostPort };
}

/** SessionId of a CallInBound body, if the body is one. */
function sessionIdOf(body) {
	try {
		const parsed = JSON.parse(body.toString('utf8'));
		return parsed && typeof parsed.SessionId === 'string' ? parsed.SessionId : undefined;
	} catch {
		return undefined;
	}
}

function startProxy(options) {
	const main = target(options.main);
	const webhooks = options.webhooks.map(target);
	const stats = {
		main: 0,
		webhooks: Object.fromEntries(webhooks.map((w) => [w.name, 0])),
		skipped: 0,
		failed: 0,
	};
	let next = 0;

	/** Order in which to try the webhook processes for this request. */
	function webhookOrder(sticky, body) {
		let first;
		const sessionId = sticky ? sessionIdOf(body) : undefined;
		if (sessionId !== undefined)
			first = createHash('sha1').update(sessionId).digest().readUInt32BE(0) % webhooks.length;
		else first = next++ % webhooks.length;
		return webhooks.map((_, i) => webhooks[(first + i) % webhooks.length]);
	}

	function forward(req, res, body, candidates) {
		const [backend, ...rest] = candidates;
		const headers = {
			...req.headers,
			host: `${backend.host}:${backend.port}`,
			'x-forwarded-for': req.socket.remoteAddress ?? '',
		};
		headers['content-length'] = String(body.length);
		delete headers['transfer-encoding'];
		const upstream = http.request(
			{ host: backend.host, port: backend.port, method: req.method, path: req.url, headers },
			(reply) => {
				if (backend === main) stats.main++;
				else stats.webhooks[backend.name]++;
				res.writeHead(reply.statusCode ?? 502, reply.headers);
				reply.pipe(res);
			},
		);
		upstream.on('error', (error) => {
			// Nothing reached the backend: another one may take the request.
			if (['ECONNREFUSED', 'ECONNRESET'].includes(error.code) && rest.length && !res.headersSent) {
				stats.skipped++;
				forward(req, res, body, rest);
				return;
			}
			stats.failed++;
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ message: `proxy: ${backend.name} failed: ${error.message}` }));
		});
		upstream.end(body);
	}

	function handler(sticky) {
		return (req, res) => {
			const chunks = [];
			req.on('data', (chunk) => chunks.push(chunk));
			req.on('end', () => {
				const body = Buffer.concat(chunks);
				if (req.url === '/__proxy/stats') {
					res.writeHead(200, { 'content-type': 'application/json' });
					res.end(JSON.stringify(stats));
					return;
				}
				const isWebhook = req.url.startsWith('/webhook/');
				forward(req, res, body, isWebhook ? webhookOrder(sticky, body) : [main]);
			});
		};
	}

	const servers = [];
	const listen = (port, sticky) =>
		new Promise((resolve, reject) => {
			const server = http.createServer(handler(sticky));
			server.keepAliveTimeout = 65_000;
			server.once('error', reject);
			server.listen(port, options.host, () => resolve(server.address().port));
			servers.push(server);
		});
	return Promise.all([
		listen(options.port, false),
		options.stickyPort !== undefined ? listen(options.stickyPort, true) : undefined,
	]).then(([port, stickyPort]) => ({
		port,
		stickyPort,
		stats,
		close: () => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))),
	}));
}

module.exports = { startProxy, sessionIdOf };

if (require.main === module) {
	const options = parseArgs(process.argv.slice(2));
	startProxy(options).then(
		({ port, stickyPort }) =>
			console.log(
				`proxy: round robin on ${options.host}:${port}, sticky by SessionId on ${options.host}:${stickyPort}; main ${options.main}; webhooks ${options.webhooks.join(', ')}`,
			),
		(error) => {
			console.error(`proxy: ${error.message}`);
			process.exit(1);
		},
	);
	for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
}
