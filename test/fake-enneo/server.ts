/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- runs in Node outside n8n (tests and tools), never part of the package */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ENNEO_CONTRACT } from './contract/operations';
import { PROBE_HEADER, recordRequest } from './contract/record';
import type { Contract } from './contract/types';
import { checkRequest } from './contract/validator';
import { demoState } from './demoData';
import type { RecordedRequest } from './http';
import { HttpError, parseQuery, Reply, Router } from './http';
import { registerConversationRoutes } from './routes/conversations';
import { insertEvents } from './events';
import { registerCustomerRoutes } from './routes/customers';
import { registerEventRoutes } from './routes/events';
import { registerLookupRoutes } from './routes/lookups';
import { registerTelephonyRoutes } from './routes/telephony';
import { registerTicketRoutes } from './routes/tickets';
import type { FakeState } from './state';

export const API_PREFIX = '/api/mind';

/** A failure to inject: matching requests get this answer (or delay) instead of the real one. */
export interface FailureRule {
	method?: string;
	/** Path below /api/mind, e.g. `/ticket/search`, or a RegExp on that path. */
	path?: string | RegExp;
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** How many matching requests fail; default 1. Infinity for all. */
	times?: number;
	/** How many matching requests are answered normally before the failures start; default 0. */
	after?: number;
	/** Wait this long before answering (with the failure, or with the normal answer if no status). */
	delayMs?: number;
	/** Never answer (a hung instance); the connection stays open until the client gives up or the fake closes. */
	hang?: boolean;
	/** Answer with a redirect (status default 301) to this base URL plus the request's path and query. */
	redirectTo?: string;
}

export interface FakeEnneoOptions {
	apiKey?: string;
	/** Extra keys that authenticate but whose user has no permissions (every route answers 403). */
	forbiddenKeys?: string[];
	state?: FakeState;
	/** Don't keep request bodies (for large benchmarks). */
	recordBodies?: boolean;
	/** The API contract every request is checked against (default: Enneo's, contract/operations.ts). */
	contract?: Contract;
}

/**
 * A fake Enneo Mind API over real HTTP: documented endpoints, in-memory state, Bearer auth,
 * body validation, failure injection and a record of every request received.
 *
 * Every request is checked against Enneo's API contract before its route sees it (a contract error
 * answers 400 naming the field, see contract/validator.ts); the routes' own checks come after and
 * stay where they are stricter. With ENNEO_CONTRACT_LOG set, each request and what the check found
 * is appended to a log for `npm run check:contract` (contract/record.ts).
 */
export class FakeEnneo {
	readonly apiKey: string;
	readonly forbiddenKeys: string[];
	state: FakeState;
	requests: RecordedRequest[] = [];
	failures: Array<FailureRule & { remaining: number; passing: number }> = [];
	/**
	 * Set by a test that sends invalid requests on purpose (through the node) to show the fake
	 * refuses them: until the next reset, its requests are recorded as probes (contract/record.ts).
	 */
	expectingRefusals = false;
	private server?: Server;
	private router = new Router<FakeState>();
	private recordBodies: boolean;
	readonly contract: Contract;
	port = 0;

	constructor(options: FakeEnneoOptions = {}) {
		this.apiKey = options.apiKey ?? 'test-api-key';
		this.forbiddenKeys = options.forbiddenKeys ?? [];
		this.state = options.state ?? demoState();
		this.recordBodies = options.recordBodies ?? true;
		this.contract = options.contract ?? ENNEO_CONTRACT;
		registerLookupRoutes(this.router);
		registerTicketRoutes(this.router);
		registerConversationRoutes(this.router);
		registerTelephonyRoutes(this.router);
		registerCustomerRoutes(this.router);
		registerEventRoutes(this.router);
	}

	/** `http://127.0.0.1:<port>`: what goes into the credential's Instance URL. */
	get instanceUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async start(port = 0, host = '127.0.0.1'): Promise<string> {
		this.server = createServer((req, res) => void this.handle(req, res));
		this.server.keepAliveTimeout = 1000;
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(port, host, () => resolve());
		});
		this.port = (this.server.address() as AddressInfo).port;
		return this.instanceUrl;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections?.();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	fail(rule: FailureRule): void {
		this.failures.push({ ...rule, remaining: rule.times ?? 1, passing: rule.after ?? 0 });
	}

	reset(state: FakeState = demoState()): void {
		this.state = state;
		this.requests = [];
		this.failures = [];
		this.expectingRefusals = false;
	}

	/** The requests of this test are refused on purpose: recorded as probes, not as the package's. */
	expectRefusals(): void {
		this.expectingRefusals = true;
	}

	/** Recorded requests, optionally only those with this method and path (below /api/mind). */
	received(method?: string, path?: string | RegExp): RecordedRequest[] {
		return this.requests.filter(
			(r) =>
				(!method || r.method === method) &&
				(!path || (typeof path === 'string' ? r.path === path : path.test(r.path))),
		);
	}

	private takeFailure(method: string, path: string): FailureRule | undefined {
		const rule = this.failures.find(
			(f) =>
				f.remaining > 0 &&
				(!f.method || f.method === method) &&
				(!f.path || (typeof f.path === 'string' ? f.path === path : f.path.test(path))),
		);
		if (!rule) return undefined;
		if (rule.passing > 0) {
			rule.passing--;
			return undefined;
		}
		rule.remaining--;
		return rule;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', 'http://fake');
		const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
			const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
			res.writeHead(status, {
				'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
				...headers,
			});
			res.end(text);
		};

		if (url.pathname.startsWith('/__fake/'))
			return this.control(url.pathname, req.method ?? 'GET', rawBody, send);
		if (!url.pathname.startsWith(API_PREFIX))
			return send(404, { success: false, code: 'not_found', message: 'Not found' });

		const path = url.pathname.slice(API_PREFIX.length) || '/';
		const method = req.method ?? 'GET';
		let body: unknown;
		if (rawBody) {
			try {
				body = JSON.parse(rawBody);
			} catch {
				body = undefined;
			}
		}
		const record: RecordedRequest = {
			method,
			path,
			query: parseQuery(url.search.slice(1)),
			rawQuery: url.search.slice(1),
			headers: req.headers,
			body: this.recordBodies ? body : undefined,
			rawBody: this.recordBodies ? rawBody : '',
			at: Date.now(),
		};
		this.requests.push(record);
		const contract = checkRequest(this.contract, {
			method,
			path,
			rawQuery: record.rawQuery,
			body,
		});
		record.contract = contract;
		const log = (status: number) =>
			recordRequest(
				{
					...contract,
					probe: this.expectingRefusals || req.headers[PROBE_HEADER] !== undefined,
					method,
					path,
					rawQuery: record.rawQuery,
					body,
					status,
				},
				rawBody.length,
			);
		const answer = (status: number, payload: unknown, headers?: Record<string, string>) => {
			record.status = status;
			log(status);
			send(status, payload, headers);
		};

		const failure = this.takeFailure(method, path);
		if (failure?.hang) {
			record.status = 0;
			log(0);
			return;
		}
		if (failure?.redirectTo) {
			return answer(failure.status ?? 301, '', {
				location: `${failure.redirectTo.replace(/\/$/, '')}${url.pathname}${url.search}`,
				...failure.headers,
			});
		}
		if (failure?.delayMs) await new Promise((r) => setTimeout(r, failure.delayMs));
		if (failure?.status) {
			return answer(
				failure.status,
				failure.body ?? {
					success: false,
					code: `http_${failure.status}`,
					message: `Injected failure ${failure.status}`,
				},
				failure.headers,
			);
		}

		const auth = req.headers.authorization ?? '';
		const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
		if (token === undefined || (token !== this.apiKey && !this.forbiddenKeys.includes(token))) {
			return answer(401, {
				success: false,
				code: 'invalid_token',
				message: token ? 'Invalid or expired token' : 'Authentication required',
			});
		}
		if (rawBody && body === undefined)
			return answer(400, {
				success: false,
				code: 'invalid_json',
				message: 'Request body is not valid JSON',
			});

		const match = this.router.match(method, path);
		if (!match) {
			return this.router.hasPath(path)
				? answer(405, {
						success: false,
						code: 'method_not_allowed',
						message: `${method} not allowed on ${path}`,
					})
				: answer(404, { success: false, code: 'not_found', message: `No route ${method} ${path}` });
		}
		if (this.forbiddenKeys.includes(token)) {
			return answer(403, {
				success: false,
				code: 'missing_permission',
				message: 'You do not have permission to perform this action',
			});
		}
		if (contract.errors.length) {
			const [first, ...more] = contract.errors;
			return answer(400, {
				success: false,
				code: first.code,
				message: first.message,
				field: first.field,
				...(more.length ? { errors: contract.errors.map((e) => e.message) } : {}),
			});
		}
		try {
			const result = await match.route.handler({
				params: match.params,
				query: record.query,
				body,
				state: this.state,
				request: record,
			});
			if (result instanceof Reply) answer(result.status, result.body, result.headers);
			else answer(200, result);
		} catch (error) {
			if (error instanceof HttpError) {
				return answer(error.status, {
					success: false,
					code: error.code,
					message: error.message,
					...error.extra,
				});
			}
			answer(500, { success: false, code: 'internal_error', message: (error as Error).message });
		}
	}

	private control(
		path: string,
		method: string,
		rawBody: string,
		send: (status: number, body: unknown) => void,
	): void {
		const body = rawBody ? (JSON.parse(rawBody) as Record<string, unknown>) : {};
		switch (`${method} ${path}`) {
			case 'GET /__fake/requests':
				return send(200, this.requests);
			case 'POST /__fake/reset':
				this.reset(
					demoState({ tickets: typeof body.tickets === 'number' ? body.tickets : undefined }),
				);
				return send(200, { success: true });
			case 'POST /__fake/clear-requests':
				this.requests = [];
				return send(200, { success: true });
			case 'POST /__fake/fail':
				this.fail({
					...(body as FailureRule),
					path:
						typeof body.pathRegex === 'string'
							? new RegExp(body.pathRegex)
							: (body.path as string | undefined),
				});
				return send(200, { success: true });
			case 'POST /__fake/config':
				if (typeof body.telephonyHooksForbidden === 'boolean')
					this.state.telephonyHooksForbidden = body.telephonyHooksForbidden;
				if (typeof body.ignoresOffset === 'boolean') this.state.ignoresOffset = body.ignoresOffset;
				if (Array.isArray(body.bulkIgnoredFields))
					this.state.bulkIgnoredFields = body.bulkIgnoredFields.map(String);
				if (Array.isArray(body.hiddenTicketIds))
					this.state.hiddenTicketIds = new Set(body.hiddenTicketIds as number[]);
				return send(200, { success: true });
			case 'POST /__fake/events':
				// Inserts `count` events of `type` on `ticketIds` (round robin), e.g. for a demo of the Event Trigger.
				return send(200, {
					success: true,
					ids: insertEvents(this.state, Math.min(10_000, Number(body.count ?? 1)), {
						type: String(body.type ?? 'ticketCreated'),
						ticketIds: Array.isArray(body.ticketIds) ? body.ticketIds.map(Number) : undefined,
					}),
				});
			case 'GET /__fake/health':
				return send(200, { ok: true });
			default:
				return send(404, { message: 'unknown control route' });
		}
	}
}

/** Standalone: `tsx test/fake-enneo/server.ts [port]` prints the instance URL and runs until killed. */
if (require.main === module) {
	const port = Number(process.argv[2] ?? process.env.FAKE_ENNEO_PORT ?? 0);
	const tickets = process.env.FAKE_ENNEO_TICKETS
		? Number(process.env.FAKE_ENNEO_TICKETS)
		: undefined;
	const fake = new FakeEnneo({
		apiKey: process.env.FAKE_ENNEO_API_KEY ?? 'demo-api-key',
		state: demoState({ tickets }),
	});
	void fake.start(port).then((url) => console.log(`fake Enneo listening on ${url}/api/mind`));
	const stop = () => void fake.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}
