/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * A scripted OpenAI-compatible chat model over real HTTP, for running n8n's AI Agent with the
 * Enneo tools in the loop. It answers what n8n's OpenAI Chat Model node (v1.2, Chat Completions)
 * and its credential call, below the credential's Base URL (`<baseUrl>` = `http://127.0.0.1:<port>/v1`):
 *
 * - `GET /v1/models`: the model list (the node's model dropdown and the credential test);
 * - `POST /v1/chat/completions`: one scripted turn per request, as JSON. The node does not stream
 *   inside an AI Agent run; a request with `stream: true` is refused (400), so a change there shows.
 *
 * Each test case sets a script: one turn per model call, either a fixed answer or a function of
 * the request (so a final answer can quote what the tools returned). Every request is recorded.
 * A request after the script ran out, or one without the API key, is answered 500/401 and
 * recorded, so the run fails visibly instead of looping.
 *
 *   const model = new FakeChatModel({ apiKey: 'sk-test' });
 *   await model.start();
 *   model.script([
 *     { toolCalls: [{ name: 'Search_Tickets', arguments: { searchText: 'invoice' } }] },
 *     (request) => ({ content: `Found: ${lastToolResult(request)}` }),
 *   ]);
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The largest request body the fake reads (a chat with tool results stays far below). */
const MAX_BODY_BYTES = 2_000_000;

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool' | 'developer';
	content?: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: Array<{
		id: string;
		type: 'function';
		function: { name: string; arguments: string };
	}>;
	tool_call_id?: string;
	name?: string;
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: Array<{
		type: 'function';
		function: { name: string; description?: string; parameters?: Record<string, unknown> };
	}>;
	stream?: boolean;
	[key: string]: unknown;
}

/** One model turn: tool calls (arguments as an object, serialised like OpenAI does) or text. */
export type Turn =
	| { toolCalls: Array<{ name: string; arguments: Record<string, unknown> | string }> }
	| { content: string };

export type ScriptStep = Turn | ((request: ChatRequest) => Turn);

export interface RecordedModelRequest {
	method: string;
	path: string;
	authorization?: string;
	body?: ChatRequest;
	status: number;
}

export class FakeChatModel {
	readonly apiKey: string;
	readonly models: string[];
	requests: RecordedModelRequest[] = [];
	private steps: ScriptStep[] = [];
	private server?: Server;
	private callCounter = 0;
	port = 0;

	constructor(options: { apiKey?: string; models?: string[] } = {}) {
		this.apiKey = options.apiKey ?? 'sk-fake-model-key';
		this.models = options.models ?? ['gpt-4.1-mini'];
	}

	/** What goes into the OpenAI credential's Base URL. */
	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}/v1`;
	}

	async start(): Promise<string> {
		this.server = createServer((req, res) => void this.handle(req, res));
		this.server.keepAliveTimeout = 1000;
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(0, '127.0.0.1', () => resolve());
		});
		this.port = (this.server.address() as AddressInfo).port;
		return this.baseUrl;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections?.();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	/** Replaces the script and forgets earlier requests. */
	script(steps: ScriptStep[]): void {
		this.steps = [...steps];
		this.requests = [];
	}

	/** Scripted turns not used yet. */
	get remainingSteps(): number {
		return this.steps.length;
	}

	/** The bodies of the chat completion requests, in order. */
	get chatRequests(): ChatRequest[] {
		return this.requests
			.filter((r) => r.path === '/v1/chat/completions' && r.body)
			.map((r) => r.body!);
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const path = (req.url ?? '/').split('?')[0];
		const record: RecordedModelRequest = {
			method: req.method ?? 'GET',
			path,
			authorization: req.headers.authorization,
			status: 200,
		};
		this.requests.push(record);
		const send = (status: number, body: unknown) => {
			record.status = status;
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		const error = (status: number, message: string, type: string) =>
			send(status, { error: { message, type, param: null, code: null } });

		let text = '';
		let size = 0;
		for await (const chunk of req) {
			size += (chunk as Buffer).length;
			if (size > MAX_BODY_BYTES)
				return error(413, 'Request body too large', 'invalid_request_error');
			text += (chunk as Buffer).toString('utf8');
		}
		if (req.headers.authorization !== `Bearer ${this.apiKey}`)
			return error(401, 'Incorrect API key provided', 'invalid_request_error');

		if (req.method === 'GET' && path === '/v1/models') {
			return send(200, {
				object: 'list',
				data: this.models.map((id) => ({
					id,
					object: 'model',
					created: 1700000000,
					owned_by: 'test',
				})),
			});
		}
		if (req.method !== 'POST' || path !== '/v1/chat/completions')
			return error(404, `Unknown request ${req.method} ${path}`, 'invalid_request_error');

		let body: ChatRequest;
		try {
			body = JSON.parse(text) as ChatRequest;
		} catch {
			return error(400, 'The request body is not JSON', 'invalid_request_error');
		}
		record.body = body;
		if (body.stream)
			return error(400, 'This fake answers only non-streamed requests', 'invalid_request_error');
		if (!Array.isArray(body.messages))
			return error(400, "'messages' is a required property", 'invalid_request_error');

		const step = this.steps.shift();
		if (!step)
			return error(
				500,
				'The test script has no further model turn for this request',
				'server_error',
			);
		const turn = typeof step === 'function' ? step(body) : step;
		const id = `chatcmpl-${++this.callCounter}`;
		const message = {
			role: 'assistant' as const,
			content: 'content' in turn ? turn.content : null,
			...('toolCalls' in turn
				? {
						tool_calls: turn.toolCalls.map((call, index) => ({
							id: `call_${this.callCounter}_${index}`,
							type: 'function' as const,
							function: {
								name: call.name,
								arguments:
									typeof call.arguments === 'string'
										? call.arguments
										: JSON.stringify(call.arguments),
							},
						})),
					}
				: {}),
		};
		const finishReason = 'toolCalls' in turn ? 'tool_calls' : 'stop';
		const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
		const created = Math.floor(Date.now() / 1000);

		return send(200, {
			id,
			object: 'chat.completion',
			created,
			model: body.model,
			choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
			usage,
		});
	}
}

/** The text of a message's content (string or content parts). */
export function contentText(message: ChatMessage): string {
	if (typeof message.content === 'string') return message.content;
	if (Array.isArray(message.content))
		return message.content.map((part) => part.text ?? '').join('');
	return '';
}

/** The tool results in a request, in order (`role: tool` messages). */
export function toolResults(request: ChatRequest): string[] {
	return request.messages.filter((m) => m.role === 'tool').map(contentText);
}
