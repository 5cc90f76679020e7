/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * The REST client of the e2e lib (the whole picture is in ./n8n.ts): n8n's own /rest API with the
 * owner's session, as the editor uses it, plus n8n's CLI. Longer than the other files because it is
 * one class with one method per call the tests make, and the execution result they read.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createRequire } from 'node:module';

import { childEnv, freePort, PACKAGE_NAME, run, runOrThrow, sleep } from './processes';
import type { N8nConnection } from './processes';

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
	binary?: Record<
		string,
		{ mimeType?: string; fileName?: string; data?: string; id?: string; [k: string]: unknown }
	>;
	pairedItem?: unknown;
	error?: unknown;
}

/** A finished execution, with its run data parsed. */
export class ExecutionResult {
	constructor(
		readonly raw: {
			id: string;
			status: string;
			finished: boolean;
			mode: string;
			workflowId: string;
			data: ExecutionData;
		},
	) {}

	get id(): string {
		return this.raw.id;
	}

	/** 'success' | 'error' | 'crashed' | 'canceled' | ... */
	get status(): string {
		return this.raw.status;
	}

	get runData(): Record<
		string,
		Array<{
			data?: { main?: Array<ItemJson[] | null> };
			error?: NodeRunError;
			executionStatus?: string;
		}>
	> {
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
		if (!runs?.[runIndex])
			throw new Error(
				`node "${nodeName}" did not run; ran: ${Object.keys(this.runData).join(', ')}${this.describeError()}`,
			);
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
		if (this.status !== 'success')
			throw new Error(
				`execution ${this.id} ended with status ${this.status}${this.describeError()}`,
			);
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
			throw new N8nHttpError(
				response.status,
				parsed,
				`${method} /rest${path} → ${response.status}: ${message}`,
			);
		}
		return (
			parsed && typeof parsed === 'object' && 'data' in parsed
				? (parsed as { data: T }).data
				: parsed
		) as T;
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
		return fetch(`${this.baseUrl}${path}`, {
			headers: { cookie: this.cookie, 'browser-id': this.browserId },
		});
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

	async createCredential(credential: {
		name: string;
		type: string;
		data: Record<string, unknown>;
	}): Promise<{ id: string; name: string }> {
		return this.rest('POST', '/credentials', credential);
	}

	/**
	 * n8n's credential test (the editor's "Retry"/"Test" button). n8n 1.x tests only saved
	 * credentials: there an unsaved one is saved for the test and deleted afterwards.
	 */
	async testCredential(credential: {
		id?: string;
		name?: string;
		type: string;
		data: Record<string, unknown>;
	}): Promise<{ status: 'OK' | 'Error'; message: string }> {
		if (this.n8nMajor < 2 && !credential.id) {
			const saved = await this.createCredential({
				name: `credential test ${randomBytes(4).toString('hex')}`,
				type: credential.type,
				data: credential.data,
			});
			try {
				return await this.testCredential({ ...credential, id: saved.id, name: saved.name });
			} finally {
				await this.rest('DELETE', `/credentials/${saved.id}`).catch(() => undefined);
			}
		}
		return this.rest('POST', '/credentials/test', {
			credentials: { id: credential.id ?? '', name: credential.name ?? '', ...credential },
		});
	}

	async createWorkflow(workflow: WorkflowJson): Promise<CreatedWorkflow> {
		// n8n 1.x stores `active` from the request and has no default for it.
		const legacy = this.n8nMajor < 2 ? { active: false } : {};
		return this.rest('POST', '/workflows', {
			settings: { executionOrder: 'v1' },
			...legacy,
			...workflow,
		});
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
		const workflow = await this.rest<CreatedWorkflow>('POST', `/workflows/${id}/activate`, {
			versionId,
		});
		if (this.n8nMajor < 2) {
			if (workflow.active !== true)
				throw new Error(`workflow ${id} did not activate: ${JSON.stringify(workflow)}`);
			return workflow;
		}
		await this.waitUntilLive(id, versionId, timeoutMs);
		return workflow;
	}

	/**
	 * Waits until n8n 2.x reports `versionId` of a workflow live (published from the editor or by
	 * activate); throws with the triggers' error messages when the publication failed.
	 */
	async waitUntilLive(id: string, versionId: string, timeoutMs = 30_000): Promise<void> {
		// A failed publication has no live version: stop waiting and report the triggers' errors.
		const status = await this.waitForPublication(
			id,
			(s) =>
				s.status === 'failed' ||
				(s.status !== 'in_progress' &&
					s.status !== 'not_published' &&
					s.liveVersionId === versionId),
			timeoutMs,
		);
		if (status.status !== 'published') {
			const errors = status.triggers.map((t) => t.errorMessage).filter(Boolean);
			throw new Error(
				`workflow ${id} publication ${status.status}: ${errors.join('; ') || JSON.stringify(status)}`,
			);
		}
	}

	/** Unpublishes a workflow and waits until its triggers are down. */
	async deactivate(id: string, timeoutMs = 30_000): Promise<CreatedWorkflow> {
		const workflow = await this.rest<CreatedWorkflow>('POST', `/workflows/${id}/deactivate`, {});
		if (this.n8nMajor >= 2)
			await this.waitForPublication(id, (s) => s.status === 'not_published', timeoutMs);
		return workflow;
	}

	/** The CLI arguments that activate a workflow while no server runs (2.x: publish, 1.x: update). */
	cliActivateArgs(id: string): string[] {
		return this.n8nMajor >= 2
			? ['publish:workflow', `--id=${id}`]
			: ['update:workflow', `--id=${id}`, '--active=true'];
	}

	/** n8n's publication status of a workflow (GET /rest/workflows/:id/publication-status). */
	async publicationStatus(id: string): Promise<PublicationStatus> {
		return this.rest('GET', `/workflows/${id}/publication-status`);
	}

	private async waitForPublication(
		id: string,
		done: (status: PublicationStatus) => boolean,
		timeoutMs: number,
	): Promise<PublicationStatus> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const status = await this.publicationStatus(id);
			if (done(status)) return status;
			if (Date.now() > deadline)
				throw new Error(
					`workflow ${id}: publication still ${JSON.stringify(status)} after ${timeoutMs} ms`,
				);
			await sleep(100);
		}
	}

	/** Runs a workflow manually from its trigger (default: the first node) and waits for the end. */
	async runWorkflow(
		id: string,
		options: { trigger?: string; timeoutMs?: number } = {},
	): Promise<ExecutionResult> {
		let trigger = options.trigger;
		if (!trigger) {
			const workflow = (await this.getWorkflow(id)) as unknown as WorkflowJson;
			trigger = workflow.nodes[0].name;
		}
		const started = await this.startManualRun(id, trigger);
		if (!started.executionId)
			throw new Error(`n8n did not start a run of ${id}: ${JSON.stringify(started)}`);
		return this.waitForExecution(started.executionId, options.timeoutMs);
	}

	/**
	 * The editor's "Execute workflow" from a trigger: runs it, or, for a webhook trigger, starts
	 * listening for a test event (`waitingForWebhook`). n8n 1.x wants the workflow in the body.
	 */
	async startManualRun(
		id: string,
		trigger: string,
	): Promise<{ executionId?: string; waitingForWebhook?: boolean }> {
		const body: Record<string, unknown> = { triggerToStartFrom: { name: trigger } };
		if (this.n8nMajor < 2) body.workflowData = await this.getWorkflow(id);
		return this.rest('POST', `/workflows/${id}/run`, body);
	}

	/** Waits until an execution has ended and returns it with its data parsed. */
	async waitForExecution(executionId: string, timeoutMs = 120_000): Promise<ExecutionResult> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.rest<{
				id: string;
				status: string;
				finished: boolean;
				mode: string;
				workflowId: string;
				data: string;
			}>('GET', `/executions/${executionId}`).catch((error: unknown) => {
				if (error instanceof N8nHttpError && error.status === 404) return undefined; // not saved yet
				throw error;
			});
			if (execution && !['new', 'running', 'waiting'].includes(execution.status)) {
				return new ExecutionResult({
					...execution,
					data: this.parseFlatted(execution.data) as ExecutionData,
				});
			}
			if (Date.now() > deadline)
				throw new Error(
					`execution ${executionId} still ${execution?.status ?? 'unsaved'} after ${timeoutMs} ms`,
				);
			await sleep(200);
		}
	}

	/** Executions of a workflow, newest first (summaries: id, status, mode, ...). */
	async listExecutions(
		workflowId: string,
	): Promise<Array<{ id: string; status: string; mode: string }>> {
		const all: Array<{ id: string; status: string; mode: string }> = [];
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		let next = '';
		for (;;) {
			// n8n pages executions at most 100 at a time, newest first; n8n 2.x continues with the
			// page's nextCursor, n8n 1.x with lastId (the oldest ID so far).
			const page = await this.rest<{
				results: Array<{ id: string; status: string; mode: string }>;
				nextCursor?: string | null;
			}>('GET', `/executions?filter=${filter}&limit=100${next}`);
			all.push(...page.results);
			if (page.results.length < 100 || page.nextCursor === null) return all;
			next =
				page.nextCursor === undefined
					? `&lastId=${all[all.length - 1].id}`
					: `&cursor=${encodeURIComponent(page.nextCursor)}`;
		}
	}

	/** Waits until a workflow has at least `count` ended executions; returns them oldest first. */
	async waitForExecutions(
		workflowId: string,
		count: number,
		timeoutMs = 60_000,
	): Promise<ExecutionResult[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = await this.listExecutions(workflowId);
			const ended = list.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
			if (ended.length >= count) {
				const sorted = ended.sort((a, b) => Number(a.id) - Number(b.id));
				return Promise.all(sorted.map((e) => this.waitForExecution(e.id)));
			}
			if (Date.now() > deadline)
				throw new Error(
					`workflow ${workflowId}: ${ended.length}/${count} executions after ${timeoutMs} ms`,
				);
			await sleep(200);
		}
	}

	/**
	 * Calls a production webhook: `path` is what follows /webhook/, e.g. `<webhookId>/<path>`. In
	 * queue mode production calls go through the edge (nginx, lib/edge.ts), which keeps a call's
	 * deliveries on one webhook process; test webhooks always go to main.
	 */
	async webhook(
		path: string,
		init: {
			method?: string;
			body?: unknown;
			headers?: Record<string, string>;
			test?: boolean;
			/** Instead of the production webhook URL (e.g. one webhook process, bypassing the edge). */
			baseUrl?: string;
		} = {},
	): Promise<Response> {
		const prefix = init.test ? 'webhook-test' : 'webhook';
		const base = init.test
			? this.baseUrl
			: (init.baseUrl ?? this.connection.webhookUrl ?? this.baseUrl);
		const body =
			init.body === undefined || typeof init.body === 'string'
				? (init.body as string | undefined)
				: JSON.stringify(init.body);
		return fetch(`${base}/${prefix}/${path.replace(/^\/+/, '')}`, {
			method: init.method ?? 'POST',
			headers: {
				...(typeof init.body === 'object' ? { 'content-type': 'application/json' } : {}),
				...init.headers,
			},
			body,
		});
	}

	/**
	 * Runs an n8n CLI command against this home while n8n runs (own task broker port, so it does
	 * not collide with the server). Returns exit code and output.
	 */
	async cliRun(
		args: string[],
		timeoutMs = 120_000,
	): Promise<{ code: number; stdout: string; stderr: string }> {
		const { installDir, env } = this.connection;
		const brokerPort = await freePort();
		return run(
			join(installDir, 'node_modules/node/bin/node'),
			[join(installDir, 'node_modules/n8n/bin/n8n'), ...args],
			{
				cwd: this.userFolder,
				env: childEnv(installDir, { ...env, N8N_RUNNERS_BROKER_PORT: String(brokerPort) }),
				timeoutMs,
			},
		);
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
		return (
			await runOrThrow(join(installDir, 'node_modules/node/bin/node'), ['-e', script], {
				cwd: this.userFolder,
			})
		).trim();
	}

	private parseFlatted(text: string): unknown {
		if (!this.flatted) {
			// The exact serializer n8n stores execution data with.
			const requireFromN8n = createRequire(
				join(this.connection.installDir, 'node_modules/n8n/package.json'),
			);
			this.flatted = requireFromN8n('flatted') as { parse(text: string): unknown };
		}
		return this.flatted.parse(text);
	}
}
