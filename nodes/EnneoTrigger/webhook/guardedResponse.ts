import { jsonParse } from 'n8n-workflow';

/**
 * One-shot writer for the caller's HTTP response, plus a guard that turns n8n's own later writes
 * to that response into reports instead of writes. n8n 2.41 writes to the response of a webhook in
 * responseNode/lastNode mode when the run ends (webhook-helpers.ts executeWebhook): with the guard
 * that write can never reach a caller already answered ("Cannot set headers after they are sent"),
 * and it tells us the run ended, failed, or what the last node returned.
 */

/** What n8n tried to send: status, body and headers it set. */
export interface InterceptedWrite {
	statusCode: number;
	body: unknown;
	headers: Record<string, string>;
}

type Method = (...args: unknown[]) => unknown;

/** The part of Node's/Express's response object this module touches. */
interface ResponseLike {
	headersSent?: boolean;
	writableEnded?: boolean;
	destroyed?: boolean;
	[method: string]: unknown;
}

/** Methods n8n (express) may call to answer; all of them are neutralised by the guard. */
const GUARDED_METHODS = [
	'status',
	'sendStatus',
	'setHeader',
	'setHeaders',
	'header',
	'set',
	'type',
	'contentType',
	'writeHead',
	'write',
	'json',
	'send',
	'end',
	'render',
	'redirect',
];

export class GuardedResponse {
	private written = false;

	private intercepted = false;

	/** The guard's stand-ins, and what they replaced (undefined: the prototype's method). */
	private replacements?: Record<string, Method>;

	private originals: Record<string, unknown> = {};

	constructor(private readonly res: ResponseLike) {}

	/** Writes a JSON response once; later calls and closed sockets return false and never throw. */
	send(statusCode: number, body: unknown, headers: Record<string, string> = {}): boolean {
		if (this.written) return false;
		this.written = true;
		const res = this.res;
		if (res.headersSent || res.writableEnded || res.destroyed) return false;
		// The real methods come back for this one write only (middleware such as on-headers routes
		// writeHead's headers through setHeader); n8n's later writes still meet the guard.
		this.install(this.originals, true);
		try {
			const payload = JSON.stringify(body);
			(res.writeHead as Method).call(res, statusCode, {
				...headers,
				'Content-Type': 'application/json; charset=utf-8',
				'Content-Length': String(Buffer.byteLength(payload)),
			});
			(res.end as Method).call(res, payload);
			return true;
		} catch {
			// The caller went away mid-write; nothing else can be done for that socket.
			return false;
		} finally {
			if (this.replacements) this.install(this.replacements, false);
		}
	}

	private install(methods: Record<string, unknown>, restoring: boolean): void {
		if (!this.replacements) return;
		for (const method of GUARDED_METHODS) {
			const value = methods[method];
			if (restoring && value === undefined) delete this.res[method];
			else this.res[method] = value;
		}
	}

	/**
	 * From now on n8n's writes (status, headers, json/send/end) are captured: the first one that
	 * carries a body is reported to `onWrite` (once); none of them reaches the socket.
	 */
	guard(onWrite: (write: InterceptedWrite) => void): void {
		const res = this.res;
		let statusCode = 200;
		const headers: Record<string, string> = {};
		const chain = () => res;
		const report = (body: unknown) => {
			if (this.intercepted) return;
			this.intercepted = true;
			try {
				onWrite({ statusCode, body, headers });
			} catch {
				// A report must never turn into an exception inside n8n's response handling.
				return;
			}
		};
		const setHeader = (name: unknown, value: unknown) => {
			if (typeof name === 'string')
				headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
		};
		const replacements: Record<string, Method> = {
			status: (code) => {
				if (typeof code === 'number') statusCode = code;
				return res;
			},
			sendStatus: (code) => {
				if (typeof code === 'number') statusCode = code;
				report(undefined);
				return res;
			},
			setHeader: (name, value) => {
				setHeader(name, value);
				return res;
			},
			setHeaders: (all) => {
				if (all && typeof (all as Map<string, unknown>).forEach === 'function') {
					(all as Map<string, unknown>).forEach((value, name) => setHeader(name, value));
				}
				return res;
			},
			header: (name, value) => {
				if (typeof name === 'object' && name !== null)
					for (const [key, v] of Object.entries(name)) setHeader(key, v);
				else setHeader(name, value);
				return res;
			},
			type: chain,
			contentType: chain,
			writeHead: (code) => {
				if (typeof code === 'number') statusCode = code;
				return res;
			},
			write: () => true,
			json: (body) => {
				report(body);
				return res;
			},
			send: (body) => {
				report(typeof body === 'string' ? jsonParse(body, { fallbackValue: body }) : body);
				return res;
			},
			end: (chunk) => {
				report(typeof chunk === 'string' ? jsonParse(chunk, { fallbackValue: chunk }) : undefined);
				return res;
			},
			render: () => undefined,
			redirect: () => undefined,
		};
		replacements.set = replacements.header;
		for (const method of GUARDED_METHODS) {
			this.originals[method] = Object.prototype.hasOwnProperty.call(res, method)
				? res[method]
				: undefined;
		}
		this.replacements = replacements;
		this.install(replacements, false);
	}
}
