/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs in Node outside n8n (tests and tools), never part of the package */
import type { IncomingHttpHeaders } from 'node:http';

import type { CheckResult } from './contract/types';

/** An error the fake answers with: `{ success: false, code, message }` and the status. */
export class HttpError extends Error {
	constructor(
		public status: number,
		message: string,
		public code = 'error',
		public extra: Record<string, unknown> = {},
	) {
		super(message);
	}
}

export interface RecordedRequest {
	method: string;
	path: string;
	/** Parsed query; PHP-style `key[]=a&key[]=b` becomes `{ key: ['a', 'b'] }`. */
	query: Record<string, string | string[]>;
	rawQuery: string;
	headers: IncomingHttpHeaders;
	body: unknown;
	rawBody: string;
	at: number;
	status?: number;
	/** What the contract check found (contract/validator.ts). */
	contract?: CheckResult;
}

export interface RouteContext<S> {
	params: Record<string, string>;
	query: Record<string, string | string[]>;
	body: unknown;
	state: S;
	request: RecordedRequest;
}

/** An answer with a status or headers other than 200 JSON; plain return values are 200 bodies. */
export class Reply {
	constructor(
		public status: number,
		public body: unknown,
		public headers: Record<string, string> = {},
	) {}
}

export const reply = (status: number, body: unknown, headers: Record<string, string> = {}) =>
	new Reply(status, body, headers);

export type Handler<S> = (ctx: RouteContext<S>) => unknown;

export interface Route<S> {
	method: string;
	pattern: RegExp;
	keys: string[];
	handler: Handler<S>;
}

export class Router<S> {
	routes: Array<Route<S>> = [];

	on(method: string, path: string, handler: Handler<S>): this {
		const keys: string[] = [];
		const pattern = new RegExp(
			'^' +
				path.replace(/\//g, '\\/').replace(/:(\w+)/g, (_m, key: string) => {
					keys.push(key);
					return '([^/]+)';
				}) +
				'\\/?$',
		);
		this.routes.push({ method, pattern, keys, handler });
		return this;
	}

	get(path: string, handler: Handler<S>) {
		return this.on('GET', path, handler);
	}
	post(path: string, handler: Handler<S>) {
		return this.on('POST', path, handler);
	}
	patch(path: string, handler: Handler<S>) {
		return this.on('PATCH', path, handler);
	}
	delete(path: string, handler: Handler<S>) {
		return this.on('DELETE', path, handler);
	}

	match(
		method: string,
		path: string,
	): { route: Route<S>; params: Record<string, string> } | undefined {
		for (const route of this.routes) {
			if (route.method !== method) continue;
			const m = route.pattern.exec(path);
			if (!m) continue;
			const params: Record<string, string> = {};
			route.keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1])));
			return { route, params };
		}
		return undefined;
	}

	/** Whether any route serves this path with another method (405 rather than 404). */
	hasPath(path: string): boolean {
		return this.routes.some((route) => route.pattern.test(path));
	}
}

export function parseQuery(raw: string): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [rawKey, value] of new URLSearchParams(raw)) {
		const arrayKey = /^(.+?)\[\d*\]$/.exec(rawKey);
		if (arrayKey) {
			const key = arrayKey[1];
			const list = Array.isArray(out[key])
				? (out[key] as string[])
				: out[key] !== undefined
					? [out[key] as string]
					: [];
			list.push(value);
			out[key] = list;
		} else if (out[rawKey] !== undefined) {
			out[rawKey] = ([] as string[]).concat(out[rawKey] as string | string[], value);
		} else out[rawKey] = value;
	}
	return out;
}
