/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- runs in Node outside n8n (tests and tools), never part of the package */
import { openSync, readSync, closeSync, fstatSync } from 'node:fs';

import { parse } from 'yaml';

/** An OpenAPI document is read up to this size (a whole Enneo document is well under 5 MB). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
export const DOCUMENT_TIMEOUT_MS = 30_000;

function parseDocument(text: string, name: string): unknown {
	const trimmed = text.trimStart();
	if (trimmed.startsWith('{')) {
		try {
			return JSON.parse(trimmed);
		} catch (error) {
			throw new Error(`${name} is not valid JSON: ${(error as Error).message}`);
		}
	}
	try {
		return parse(text, { maxAliasCount: 100 });
	} catch (error) {
		throw new Error(`${name} is neither JSON nor valid YAML: ${(error as Error).message}`);
	}
}

function readFileCapped(path: string): string {
	const fd = openSync(path, 'r');
	try {
		const size = fstatSync(fd).size;
		if (size > MAX_DOCUMENT_BYTES)
			throw new Error(`${path} is ${size} bytes, more than ${MAX_DOCUMENT_BYTES}`);
		const buffer = Buffer.alloc(size);
		let read = 0;
		while (read < size) {
			const n = readSync(fd, buffer, read, size - read, read);
			if (n === 0) break;
			read += n;
		}
		return buffer.subarray(0, read).toString('utf8');
	} finally {
		closeSync(fd);
	}
}

/**
 * Reads an OpenAPI document from a file or an http(s) URL. A URL is fetched once with GET, the
 * API key (if given) as Bearer to that URL only: redirects are not followed (the key would go
 * along), the answer is cut off past MAX_DOCUMENT_BYTES and after DOCUMENT_TIMEOUT_MS.
 */
export async function loadOpenApiDocument(source: string, apiKey?: string): Promise<unknown> {
	if (!/^https?:\/\//i.test(source)) return parseDocument(readFileCapped(source), source);
	const url = new URL(source);
	const where = `${url.origin}${url.pathname}`;
	const response = await fetch(url, {
		method: 'GET',
		headers: {
			accept: 'application/json, application/yaml;q=0.9, */*;q=0.5',
			...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
		},
		redirect: 'manual',
		signal: AbortSignal.timeout(DOCUMENT_TIMEOUT_MS),
	}).catch((error: Error & { cause?: Error }) => {
		throw new Error(`${where}: ${error.cause?.message ?? error.message}`);
	});
	if (response.status >= 300 && response.status < 400) {
		await response.body?.cancel();
		throw new Error(
			`${where} answered ${response.status} (redirect to ${(response.headers.get('location') ?? '?').slice(0, 200)}); give the final URL (the API key is not sent along redirects)`,
		);
	}
	if (!response.ok) {
		await response.body?.cancel();
		throw new Error(
			`${where} answered ${response.status}${response.status === 401 || response.status === 403 ? ' (set ENNEO_API_KEY to a key of this instance)' : ''}`,
		);
	}
	const declared = Number(response.headers.get('content-length') ?? 0);
	if (declared > MAX_DOCUMENT_BYTES)
		throw new Error(`${where} is ${declared} bytes, more than ${MAX_DOCUMENT_BYTES}`);
	const chunks: Buffer[] = [];
	let total = 0;
	const reader = response.body?.getReader();
	while (reader) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.byteLength;
		if (total > MAX_DOCUMENT_BYTES) {
			await reader.cancel();
			throw new Error(`${where} sent more than ${MAX_DOCUMENT_BYTES} bytes`);
		}
		chunks.push(Buffer.from(value));
	}
	return parseDocument(Buffer.concat(chunks).toString('utf8'), where);
}
