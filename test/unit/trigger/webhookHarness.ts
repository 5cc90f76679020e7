/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests and tools), never part of the package */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	IWebhookResponseData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { Enneo } from '../../../nodes/Enneo/Enneo.node';
import { EnneoTrigger } from '../../../nodes/EnneoTrigger/EnneoTrigger.node';
import type { Reply } from '../../harness/inboundCall';
import { callEvent, readReply } from '../../harness/inboundCall';
import { webhookContext } from '../../harness/n8nCore';
import { makeContext } from '../../harness/runNode';

/**
 * Drives the Enneo Trigger's webhook() over a REAL node http server, with a minimal
 * IWebhookFunctions, and lets a test play "the rest of the workflow" and n8n's end-of-run write
 * (what n8n 2.41's webhook handler does: res.status(code).json(body)).
 */
export interface StartedRun {
	item: IDataObject;
	workflowId: string;
	mode: string;
	/** n8n's end-of-run write as express does it; throws like express if the socket was already answered. */
	n8nWrites(statusCode: number, body: unknown, headers?: Record<string, string>): void;
}

export interface TriggerServerOptions {
	parameters: Record<string, unknown>;
	credentials?: { secret?: string; user?: string };
	mode?: 'webhook' | 'manual';
	workflowId?: string;
	onExecution?: (run: StartedRun) => void | Promise<void>;
	/** What express reports as req.ip (e.g. taken from X-Forwarded-For behind a proxy); default the socket address. */
	clientIp?: string;
	/** The Enneo API credential (routing rules look callers up with it), e.g. a FakeEnneo's. */
	enneo?: { instanceUrl: string; apiKey: string; credentialId?: string };
	/** The workflow's time zone (default UTC). */
	timezone?: string;
}

export interface TriggerServer {
	url: string;
	runs: StartedRun[];
	results: IWebhookResponseData[];
	/** Errors thrown by webhook() or by the simulated workflow/n8n writes. */
	errors: Error[];
	logs: string[];
	close(): Promise<void>;
}

type ExpressLike = ServerResponse & {
	status(code: number): ExpressLike;
	json(body: unknown): ExpressLike;
	send(body: unknown): ExpressLike;
};

/** The few express helpers n8n calls on the response. */
function expressify(res: ServerResponse): ExpressLike {
	const r = res as ExpressLike;
	// Like the on-headers module in n8n's middleware stack: writeHead's header object goes through setHeader.
	const writeHead = res.writeHead;
	r.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
		const headers = rest.find((arg) => typeof arg === 'object' && arg !== null) as
			| Record<string, string>
			| undefined;
		for (const [name, value] of Object.entries(headers ?? {})) this.setHeader(name, value);
		return writeHead.call(this, status);
	} as unknown as ExpressLike['writeHead'];
	r.status = function (code) {
		this.statusCode = code;
		return this;
	};
	r.send = function (body) {
		if (typeof body === 'string') {
			this.setHeader('Content-Type', 'text/html; charset=utf-8');
			this.end(body);
		} else return this.json(body);
		return this;
	};
	r.json = function (body) {
		this.setHeader('Content-Type', 'application/json; charset=utf-8');
		this.end(JSON.stringify(body));
		return this;
	};
	return r;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export async function startTriggerServer(options: TriggerServerOptions): Promise<TriggerServer> {
	const trigger = new EnneoTrigger();
	const workflowId = options.workflowId ?? `wf-${randomUUID()}`;
	const mode = options.mode ?? 'webhook';
	const runs: StartedRun[] = [];
	const results: IWebhookResponseData[] = [];
	const errors: Error[] = [];
	const logs: string[] = [];

	const server: Server = createServer((req, rawRes) => {
		const res = expressify(rawRes);
		void (async () => {
			const raw = await readBody(req);
			const url = new URL(req.url ?? '/', 'http://localhost');
			const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim();
			// n8n's body parser: JSON and text/plain are parsed; other types leave the body empty.
			let body: unknown = {};
			if (raw.length && contentType === 'application/json') body = JSON.parse(raw.toString('utf8'));
			else if (raw.length && contentType === 'text/plain') body = raw.toString('utf8');
			// n8n's query parser (express's): a repeated parameter becomes an array.
			const query: Record<string, string | string[]> = {};
			for (const [key, value] of url.searchParams.entries()) {
				const seen = query[key];
				query[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
			}
			const request = Object.assign(req, {
				body,
				rawBody: raw,
				query,
				ip: options.clientIp ?? req.socket.remoteAddress,
			});
			const context = webhookContext({
				nodeType: trigger,
				parameters: options.parameters as INodeParameters,
				credentials: {
					enneoInboundCallWebhookApi: options.credentials,
					enneoApi: options.enneo && {
						instanceUrl: options.enneo.instanceUrl,
						apiKey: options.enneo.apiKey,
					},
				},
				credentialIds: { enneoApi: options.enneo?.credentialId ?? 'enneo-cred' },
				workflowId,
				mode,
				timezone: options.timezone,
				request,
				response: res,
			});
			// n8n's logger, captured for the test.
			Object.defineProperty(context, 'logger', {
				value: {
					debug: (m: string) => logs.push(m),
					info: (m: string) => logs.push(m),
					warn: (m: string) => logs.push(m),
					error: (m: string) => logs.push(m),
				},
			});
			const result = await trigger.webhook!.call(context);
			results.push(result);
			// noWebhookResponse with workflowData: n8n starts the run but will not write the response.
			if (!result.workflowData) return;
			const run: StartedRun = {
				item: result.workflowData[0][0].json,
				workflowId,
				mode,
				n8nWrites: (statusCode, responseBody, headers = {}) => {
					for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
					res.status(statusCode).json(responseBody);
				},
			};
			runs.push(run);
			await options.onExecution?.(run);
		})().catch((error: Error) => errors.push(error));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook`,
		runs,
		results,
		errors,
		logs,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/**
 * Trigger servers for one test file: each call starts one (authentication None unless the
 * parameters say otherwise); after each test all are closed, and none may have recorded an error.
 */
export function useTriggerServers(): (
	options?: Partial<TriggerServerOptions>,
) => Promise<TriggerServer> {
	const open: TriggerServer[] = [];
	// The first call of a test file into a cold module cache (n8n's expression engine and the node's
	// code) is not what a running n8n pays per call: warm it up once before the timed tests.
	beforeAll(async () => {
		const warm = await startTriggerServer({
			parameters: { authentication: 'none', answerDeadlineMs: 100 },
		});
		await post(warm.url, callEvent());
		await warm.close();
	});
	afterEach(async () => {
		const servers = open.splice(0);
		await Promise.all(servers.map((s) => s.close()));
		// Nothing a caller sent may have made webhook(), the workflow or n8n's writes throw.
		for (const s of servers) expect(s.errors.map(String)).toEqual([]);
	});
	return async (options = {}) => {
		const started = await startTriggerServer({
			...options,
			parameters: { authentication: 'none', ...options.parameters },
		});
		open.push(started);
		return started;
	};
}

export async function post(
	url: string,
	body: unknown,
	init: { headers?: Record<string, string>; raw?: string; query?: string } = {},
): Promise<Reply> {
	const started = Date.now();
	const response = await fetch(url + (init.query ?? ''), {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...init.headers },
		body: init.raw ?? JSON.stringify(body),
	});
	return await readReply(response, started);
}

export { callEvent };

/** Runs the Enneo node's Inbound Call → Respond for a started run, as the next node of the workflow. */
export async function respond(
	run: StartedRun,
	parameters: Record<string, unknown>,
	items?: INodeExecutionData[],
): Promise<{ output: INodeExecutionData[]; sent: unknown[] }> {
	const sent: unknown[] = [];
	const context = makeContext(
		{
			parameters: { resource: 'inboundCall', operation: 'respond', ...parameters },
			items: items ?? [{ json: run.item }],
			credentials: { instanceUrl: 'http://127.0.0.1:1', apiKey: 'unused' },
			// The run the trigger started: same workflow, same mode, the trigger's item before it.
			trigger: { name: 'Enneo Trigger', item: run.item },
			workflowId: run.workflowId,
			mode: run.mode as WorkflowExecuteMode,
		},
		[],
		sent,
	);
	const result = await new Enneo().execute.call(context);
	return { output: result[0], sent };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
