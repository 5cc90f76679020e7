/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * Hostile and malformed CallInBound requests for the Enneo Trigger's live webhook, and how to judge
 * their answers. Used by the fuzz harness (bench/fuzz/run.ts) and the e2e slice
 * (test/e2e/trigger/hostile.e2e.test.ts).
 *
 *   const target = { path: `${webhookId}/enneo-inbound-call`, tokenName: 'token', token: secret };
 *   for (const request of hostileRequests(target, { count: 10_000, seed: 1 })) await send(baseUrl, request);
 *
 * Every request names its `kind` (family.variant) so a report can say exactly which input did what.
 * The same seed gives the same requests. Heavy kinds (MB bodies, long whitespace fields that a
 * quadratic regex chokes on, deep nesting, real calls that start an execution) are capped per run.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest, Agent } from 'node:http';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';

import { callEvent as wellFormedCall } from '../lib/calls';
import { inFlight } from '../lib/load';

export interface HostileTarget {
	/** What follows /webhook/: `<webhookId>/<path>` */
	path: string;
	/** Query parameter carrying the secret (the trigger's Query Token mode). */
	tokenName: string;
	token: string;
}

export interface HostileRequest {
	/** `family.variant`, e.g. `json.truncated`, `caller.spaces60k`. */
	kind: string;
	family: Family;
	method: string;
	/** Path after the host, query included, e.g. `/webhook/<id>/<path>?token=…` */
	url: string;
	headers: Record<string, string | string[]>;
	body?: Buffer;
	/** Sent over a raw socket exactly as given (request line, headers, body): for broken framing. */
	raw?: Buffer;
	/** With `raw`: close our side after sending (a body shorter than its Content-Length must end somewhere). */
	halfClose?: boolean;
	/**
	 * An authenticated, well-formed CallInBound (odd values allowed): it rings like a real call, so it
	 * must get 200 with a non-empty CallInBound and starts an execution.
	 */
	validCall: boolean;
}

export type Family =
	| 'json'
	| 'type'
	| 'huge'
	| 'deep'
	| 'proto'
	| 'long'
	| 'content'
	| 'auth'
	| 'method'
	| 'path'
	| 'caller'
	| 'retry'
	| 'encoding'
	| 'framing';

/** Families whose requests cost much more than an ordinary one; each capped per run. */
export interface HostileLimits {
	/** Bodies of 1 MB and more (default 12). */
	huge: number;
	/** Caller/Callee/SessionId of 60-80 KB with whitespace runs (default 12). */
	long: number;
	/** Bodies nested thousands of levels deep (default 40). */
	deep: number;
	/** Authenticated, well-formed calls with odd values: each starts a workflow run (default 3 % of count). */
	calls: number;
	/** Broken HTTP framing over raw sockets (default 60). */
	framing: number;
}

export interface HostileOptions {
	count: number;
	seed?: number;
	limits?: Partial<HostileLimits>;
	/** Largest body in bytes (default 8 MB; n8n's own limit is N8N_PAYLOAD_SIZE_MAX, 16 MiB). */
	maxBodyBytes?: number;
	/** Kinds (`family.variant`) or whole families (`family`) not to send. */
	exclude?: string[];
}

/**
 * Kinds that n8n 2.41 itself answers with 500 before the Enneo Trigger runs (seen in the fuzz
 * run): its webhook router throws for methods it does not know, and its body parser's errors
 * (bad gzip, over N8N_PAYLOAD_SIZE_MAX) become "There was a problem executing the workflow".
 * No node can change these; a test that wants 0 × 5xx from the package leaves them out.
 */
export const N8N_CORE_5XX_KINDS = [
	'method.PROPFIND',
	'method.TRACE',
	'encoding.gzipInvalid',
	'huge.overLimit17MB',
	'huge.gzipBomb20MB',
];

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

// ---------------------------------------------------------------------------------------------
// Building blocks

const json = (value: unknown) =>
	Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const JSON_TYPE = { 'content-type': 'application/json' };

/** A well-formed CallInBound as the platform sends it (../lib/calls.ts), with a `fuzz-` SessionId. */
export function callEvent(
	details: Record<string, unknown> = {},
	sessionId = `fuzz-${randomUUID()}`,
): Record<string, unknown> {
	return wellFormedCall(details, sessionId);
}

/** `{"a":{"a":…}}` or `[[[…]]]` nested `depth` levels, built as text (no recursion). */
export function nestedJson(depth: number, style: 'object' | 'array'): string {
	return style === 'object'
		? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
		: `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

/** A JSON body that is a valid call with `rawExtra` (JSON text) as an extra top-level field. */
function callWithRawField(
	name: string,
	rawExtra: string,
	details: Record<string, unknown> = {},
): Buffer {
	const base = JSON.stringify(callEvent(details));
	return Buffer.from(`${base.slice(0, -1)},${JSON.stringify(name)}:${rawExtra}}`);
}

/** The whitespace run that makes a backtracking `\s*…$` regex quadratic. */
const spaced = (length: number, filler: string, end: string) =>
	`1${filler.repeat(Math.max(0, Math.floor((length - 1 - end.length) / filler.length)))}${end}`;

interface Variant {
	name: string;
	/** An authenticated, well-formed call (see HostileRequest.validCall). */
	validCall?: boolean;
	build(ctx: BuildContext): Omit<HostileRequest, 'kind' | 'family' | 'validCall'>;
}

interface BuildContext {
	rng: Rng;
	target: HostileTarget;
	maxBodyBytes: number;
	/** `/webhook/<path>?token=<secret>` */
	url: string;
	base: string;
	/** One SessionId per run that the retry kinds share (a retry storm of one call). */
	sharedSession: string;
}

const post = (
	ctx: BuildContext,
	body: Buffer | string | undefined,
	headers: Record<string, string | string[]> = JSON_TYPE,
	url = ctx.url,
) => ({
	method: 'POST',
	url,
	headers,
	body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body),
});

const call = (
	name: string,
	details: () => Record<string, unknown>,
	top: Record<string, unknown> = {},
): Variant => ({
	name,
	validCall: true,
	build: (ctx) => post(ctx, json({ ...callEvent(details()), ...top })),
});

/** Bytes of a hand-written HTTP request: the head lines, a blank line, the body. */
function rawBytes(lines: string[], body: Buffer | string = ''): Buffer {
	return Buffer.concat([
		Buffer.from(`${lines.join('\r\n')}\r\n\r\n`),
		Buffer.isBuffer(body) ? body : Buffer.from(body),
	]);
}

/**
 * A hand-written HTTP/1.1 JSON POST to the webhook: the request line, Host and Content-Type, then
 * `headers` as given (the broken part), then Connection: close.
 */
function rawPost(
	ctx: BuildContext,
	headers: string[],
	body: Buffer | string,
	extra: { halfClose?: boolean } = {},
): ReturnType<Variant['build']> {
	const lines = [
		`POST ${ctx.url} HTTP/1.1`,
		'Host: fuzz',
		'Content-Type: application/json',
		...headers,
		'Connection: close',
	];
	return { method: 'POST', url: ctx.url, headers: {}, raw: rawBytes(lines, body), ...extra };
}

// ---------------------------------------------------------------------------------------------
// The families

const FAMILIES: Record<Family, { weight: number; variants: Variant[] }> = {
	json: {
		weight: 12,
		variants: [
			{
				name: 'truncated',
				build: (ctx) =>
					post(ctx, JSON.stringify(callEvent()).slice(0, 20 + Math.floor(ctx.rng() * 60))),
			},
			{
				name: 'trailingComma',
				build: (ctx) => post(ctx, '{"Event":"CallInBound","SessionId":"x",}'),
			},
			{ name: 'singleQuotes', build: (ctx) => post(ctx, "{'Event':'CallInBound'}") },
			{ name: 'nan', build: (ctx) => post(ctx, '{"Event":"CallInBound","SdkAppId":NaN}') },
			{ name: 'comment', build: (ctx) => post(ctx, '/* hi */ {"Event":"CallInBound"}') },
			{ name: 'empty', build: (ctx) => post(ctx, '') },
			{ name: 'whitespaceOnly', build: (ctx) => post(ctx, ' \n\t ') },
			{ name: 'bom', build: (ctx) => post(ctx, `\ufeff${JSON.stringify(callEvent())}`) },
			{ name: 'array', build: (ctx) => post(ctx, JSON.stringify([callEvent()])) },
			{ name: 'string', build: (ctx) => post(ctx, '"CallInBound"') },
			{ name: 'number', build: (ctx) => post(ctx, '123') },
			{ name: 'null', build: (ctx) => post(ctx, 'null') },
			{ name: 'true', build: (ctx) => post(ctx, 'true') },
			{ name: 'emptyObject', build: (ctx) => post(ctx, '{}') },
			{
				name: 'twoObjects',
				build: (ctx) => post(ctx, `${JSON.stringify(callEvent())}${JSON.stringify(callEvent())}`),
			},
			{
				name: 'duplicateKeys',
				build: (ctx) =>
					post(
						ctx,
						`{"Event":"CallInBound","Event":"CallEnd","SessionId":"dup-${randomUUID()}","CallInBound":{"Caller":"+4930123456"}}`,
					),
			},
			{
				name: 'invalidUtf8',
				build: (ctx) =>
					post(
						ctx,
						Buffer.concat([
							Buffer.from('{"Event":"CallInBound","SessionId":"'),
							Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
							Buffer.from('"}'),
						]),
					),
			},
			{
				name: 'nulBytes',
				build: (ctx) => post(ctx, JSON.stringify(callEvent({ Caller: '+49\u0000301\u000023456' }))),
			},
			{
				name: 'loneSurrogate',
				build: (ctx) =>
					post(
						ctx,
						'{"Event":"CallInBound","SessionId":"\\ud800","CallInBound":{"Caller":"\\udfff"}}',
					),
			},
			{
				name: 'hugeNumber',
				build: (ctx) =>
					post(
						ctx,
						'{"Event":"CallInBound","SessionId":"n","SdkAppId":1e400,"CallInBound":{"AIAgentId":123456789012345678901234567890}}',
					),
			},
			{
				name: 'otherEvent',
				build: (ctx) =>
					post(
						ctx,
						JSON.stringify({
							...callEvent(),
							Event: pick(ctx.rng, ['CallEnd', 'callinbound', 'CallInBound ', '', 'CallOutBound']),
						}),
					),
			},
		],
	},
	type: {
		weight: 12,
		variants: [
			...(
				[
					['Event', [1, null, ['CallInBound'], { x: 1 }, true]],
					['SessionId', [1, 0, null, '', ' ', ['s'], { s: 1 }, true, 1.5, 'x'.repeat(257)]],
					['SdkAppId', ['abc', -1, 1.5, '1e3', [1], { a: 1 }, true, 2 ** 60, '']],
					['CallInBound', ['x', [], 1, true, null]],
				] as Array<[string, unknown[]]>
			).map(
				([field, values]): Variant => ({
					name: `top.${field}`,
					build: (ctx) => post(ctx, json({ ...callEvent(), [field]: pick(ctx.rng, values) })),
				}),
			),
			...(
				[
					['AIAgentId', ['abc', -1, 1.5, [123], { id: 1 }, true, '', '12a', 2 ** 60, ' 123 ']],
					['IvrId', ['x', -5, 0.1, [0], {}, false, '-1']],
					[
						'Caller',
						[
							4930123456,
							1.5,
							-1,
							true,
							false,
							[],
							['+4930123456'],
							{ number: '+4930123456' },
							2 ** 70,
						],
					],
					['Callee', [true, [], {}, 1e21, -0]],
				] as Array<[string, unknown[]]>
			).map(
				([field, values]): Variant => ({
					name: `call.${field}`,
					build: (ctx) => post(ctx, json(callEvent({ [field]: pick(ctx.rng, values) }))),
				}),
			),
		],
	},
	huge: {
		weight: 1,
		variants: [
			{
				name: 'paddedCall',
				build: (ctx) => {
					const size = Math.min(ctx.maxBodyBytes, (1 + Math.floor(ctx.rng() * 4)) * 1024 * 1024);
					return post(ctx, callWithRawField('Padding', JSON.stringify('x'.repeat(size))));
				},
			},
			{
				name: 'manyKeys',
				build: (ctx) => {
					const keys = Math.floor(Math.min(ctx.maxBodyBytes, 2 * 1024 * 1024) / 16);
					const fields = Array.from({ length: keys }, (_, i) => `"k${i}":${i}`).join(',');
					return post(ctx, callWithRawField('Extra', `{${fields}}`));
				},
			},
			{
				name: 'bigArray',
				build: (ctx) =>
					post(
						ctx,
						callWithRawField(
							'Extra',
							`[${'0,'.repeat(Math.floor(Math.min(ctx.maxBodyBytes, 2 * 1024 * 1024) / 2))}0]`,
						),
					),
			},
			{
				name: 'bigInvalid',
				build: (ctx) =>
					post(
						ctx,
						`{"Event":"CallInBound","x":"${'y'.repeat(Math.min(ctx.maxBodyBytes, 3 * 1024 * 1024))}`,
					),
			},
			{
				name: 'overLimit17MB',
				build: (ctx) =>
					post(
						ctx,
						callWithRawField(
							'Padding',
							JSON.stringify('z'.repeat(Math.max(ctx.maxBodyBytes, 17 * 1024 * 1024))),
						),
					),
			},
			{
				name: 'gzipBomb20MB',
				build: (ctx) =>
					post(ctx, gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20)), {
						...JSON_TYPE,
						'content-encoding': 'gzip',
					}),
			},
			{
				name: 'hugeText',
				build: (ctx) =>
					post(ctx, 'a'.repeat(Math.min(ctx.maxBodyBytes, 2 * 1024 * 1024)), {
						'content-type': 'text/plain',
					}),
			},
		],
	},
	deep: {
		weight: 1,
		variants: [
			{
				name: 'object1k.extra',
				validCall: true,
				build: (ctx) => post(ctx, callWithRawField('Extra', nestedJson(1_000, 'object'))),
			},
			{
				name: 'array10k.extra',
				validCall: true,
				build: (ctx) => post(ctx, callWithRawField('Extra', nestedJson(10_000, 'array'))),
			},
			{
				name: 'object50k.extra',
				validCall: true,
				build: (ctx) => post(ctx, callWithRawField('Extra', nestedJson(50_000, 'object'))),
			},
			{ name: 'array100k.body', build: (ctx) => post(ctx, nestedJson(100_000, 'array')) },
			{
				name: 'object100k.inCallInBound',
				build: (ctx) =>
					post(
						ctx,
						JSON.stringify(callEvent()).replace(
							'"CallInBound":{',
							`"CallInBound":{"Deep":${nestedJson(100_000, 'object')},`,
						),
					),
			},
			{
				name: 'array10k.caller',
				build: (ctx) =>
					post(
						ctx,
						JSON.stringify(callEvent()).replace(
							'"Caller":"+4930123456"',
							`"Caller":${nestedJson(10_000, 'array')}`,
						),
					),
			},
		],
	},
	proto: {
		weight: 4,
		variants: [
			{
				name: 'protoTop',
				build: (ctx) => post(ctx, `{"__proto__":${JSON.stringify(callEvent())}}`),
			},
			{
				name: 'protoCallInBound',
				build: (ctx) =>
					post(
						ctx,
						JSON.stringify(callEvent()).replace(
							'"CallInBound":{',
							'"CallInBound":{"__proto__":{"OverrideAIAgentId":666,"Caller":"+4915112345678"},',
						),
					),
			},
			{
				name: 'protoPollution.extra',
				validCall: true,
				build: (ctx) =>
					post(
						ctx,
						callWithRawField('__proto__', '{"polluted":"yes","isVip":true,"CallInBound":{}}'),
					),
			},
			{
				name: 'constructorPrototype.extra',
				validCall: true,
				build: (ctx) =>
					post(
						ctx,
						callWithRawField('constructor', '{"prototype":{"polluted":"yes","isVip":true}}'),
					),
			},
			{
				name: 'protoOnly',
				build: (ctx) =>
					post(ctx, '{"__proto__":{"Event":"CallInBound","SessionId":"p","CallInBound":{}}}'),
			},
			{
				name: 'constructorOnly',
				build: (ctx) => post(ctx, '{"constructor":{"prototype":{"Event":"CallInBound"}}}'),
			},
			{
				name: 'protoForm',
				build: (ctx) =>
					post(
						ctx,
						`__proto__[polluted]=yes&constructor[prototype][polluted]=yes&Event=CallInBound&SessionId=${randomUUID()}`,
						{ 'content-type': 'application/x-www-form-urlencoded' },
					),
			},
			{
				name: 'protoQuery',
				build: (ctx) =>
					post(
						ctx,
						json(callEvent()),
						JSON_TYPE,
						`${ctx.url}&__proto__[polluted]=yes&constructor[prototype][x]=1`,
					),
			},
		],
	},
	long: {
		weight: 1,
		variants: [
			// The issue's reproduction: "1" + 60,000 spaces + "1" froze n8n ~3.6 s.
			{
				name: 'caller.spaces60k',
				validCall: true,
				build: (ctx) => post(ctx, json(callEvent({ Caller: spaced(60_002, ' ', '1') }))),
			},
			{
				name: 'caller.spaces80KB',
				validCall: true,
				build: (ctx) => post(ctx, json(callEvent({ Caller: spaced(80 * 1024, ' ', '1') }))),
			},
			{
				name: 'callee.spaces80KB',
				validCall: true,
				build: (ctx) => post(ctx, json(callEvent({ Callee: spaced(80 * 1024, ' ', '1') }))),
			},
			{
				name: 'caller.tabsX80KB',
				validCall: true,
				build: (ctx) => post(ctx, json(callEvent({ Caller: spaced(80 * 1024, '\t', 'x') }))),
			},
			{
				name: 'caller.nbsp60k',
				validCall: true,
				build: (ctx) => post(ctx, json(callEvent({ Caller: spaced(60_000, '\u00a0', '#') }))),
			},
			{
				name: 'caller.digits80KB',
				validCall: true,
				build: (ctx) => post(ctx, json(callEvent({ Caller: '4'.repeat(80 * 1024) }))),
			},
			{
				name: 'caller.ext80KB',
				validCall: true,
				build: (ctx) =>
					post(ctx, json(callEvent({ Caller: `+4930123456${' ext 1'.repeat(13_000)}` }))),
			},
			{
				name: 'sessionId.80KB',
				build: (ctx) => post(ctx, json(callEvent({}, `s${' '.repeat(80 * 1024)}s`))),
			},
			{
				name: 'event.80KB',
				build: (ctx) =>
					post(ctx, json({ ...callEvent(), Event: `CallInBound${' '.repeat(80 * 1024)}` })),
			},
		],
	},
	content: {
		weight: 10,
		variants: [
			{
				name: 'form',
				build: (ctx) =>
					post(
						ctx,
						`Event=CallInBound&SessionId=${randomUUID()}&SdkAppId=1400692008&CallInBound[AIAgentId]=123&CallInBound[IvrId]=0&CallInBound[Caller]=%2B4930123456`,
						{
							'content-type': 'application/x-www-form-urlencoded',
						},
					),
			},
			{
				name: 'formDeep',
				build: (ctx) =>
					post(ctx, `${'a'.repeat(1)}${'[a]'.repeat(2_000)}=1&Event=CallInBound`, {
						'content-type': 'application/x-www-form-urlencoded',
					}),
			},
			{
				name: 'formManyKeys',
				build: (ctx) =>
					post(ctx, Array.from({ length: 5_000 }, (_, i) => `k${i}=${i}`).join('&'), {
						'content-type': 'application/x-www-form-urlencoded',
					}),
			},
			{
				name: 'xml',
				build: (ctx) =>
					post(
						ctx,
						`<?xml version="1.0"?><CallInBound><Event>CallInBound</Event><SessionId>${randomUUID()}</SessionId><CallInBound><Caller>+4930123456</Caller></CallInBound></CallInBound>`,
						{
							'content-type': 'application/xml',
						},
					),
			},
			{
				name: 'xmlEntities',
				build: (ctx) =>
					post(
						ctx,
						'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><a>&lol3;</a>',
						{ 'content-type': 'text/xml' },
					),
			},
			{
				name: 'xmlExternalEntity',
				build: (ctx) =>
					post(
						ctx,
						'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
						{ 'content-type': 'application/xml' },
					),
			},
			{
				name: 'multipart',
				build: (ctx) => {
					const boundary = `----fuzz${Math.floor(ctx.rng() * 1e9)}`;
					const part = (name: string, value: string, file?: string) =>
						`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${file}"\r\nContent-Type: application/octet-stream` : ''}\r\n\r\n${value}\r\n`;
					const body = `${part('Event', 'CallInBound')}${part('SessionId', randomUUID())}${part('payload', JSON.stringify(callEvent()), 'call.json')}${part('blob', 'B'.repeat(200 * 1024), 'blob.bin')}--${boundary}--\r\n`;
					return post(ctx, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
				},
			},
			{
				name: 'multipartBroken',
				build: (ctx) =>
					post(ctx, '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue-without-end', {
						'content-type': 'multipart/form-data; boundary=x',
					}),
			},
			{
				name: 'multipartNoBoundary',
				build: (ctx) => post(ctx, 'abc', { 'content-type': 'multipart/form-data' }),
			},
			{
				name: 'textGarbage',
				build: (ctx) => post(ctx, 'ring ring', { 'content-type': 'text/plain' }),
			},
			{
				name: 'textJsonCall',
				validCall: true,
				build: (ctx) => post(ctx, json(callEvent()), { 'content-type': 'text/plain' }),
			},
			{
				name: 'noContentTypeCall',
				validCall: true,
				build: (ctx) => post(ctx, json(callEvent()), {}),
			},
			{
				name: 'octetGarbage',
				build: (ctx) =>
					post(ctx, Buffer.from(Array.from({ length: 512 }, () => Math.floor(ctx.rng() * 256))), {
						'content-type': 'application/octet-stream',
					}),
			},
			{
				name: 'jsonUtf16Charset',
				build: (ctx) =>
					post(ctx, json(callEvent()), { 'content-type': 'application/json; charset=utf-16' }),
			},
			{
				name: 'jsonBogusCharset',
				build: (ctx) =>
					post(ctx, json(callEvent()), { 'content-type': 'application/json; charset=nope-42' }),
			},
			{
				name: 'contentTypeGarbage',
				build: (ctx) => post(ctx, json(callEvent()), { 'content-type': ';;;/=' }),
			},
			{
				name: 'ndjson',
				build: (ctx) =>
					post(ctx, `${JSON.stringify(callEvent())}\n${JSON.stringify(callEvent())}\n`, {
						'content-type': 'application/x-ndjson',
					}),
			},
		],
	},
	auth: {
		weight: 14,
		variants: [
			{ name: 'missingToken', build: (ctx) => post(ctx, json(callEvent()), JSON_TYPE, ctx.base) },
			{
				name: 'wrongToken',
				build: (ctx) =>
					post(
						ctx,
						json(callEvent()),
						JSON_TYPE,
						`${ctx.base}?${ctx.target.tokenName}=${randomUUID()}`,
					),
			},
			{
				name: 'emptyToken',
				build: (ctx) =>
					post(ctx, json(callEvent()), JSON_TYPE, `${ctx.base}?${ctx.target.tokenName}=`),
			},
			{
				name: 'tokenPrefix',
				build: (ctx) =>
					post(
						ctx,
						json(callEvent()),
						JSON_TYPE,
						`${ctx.base}?${ctx.target.tokenName}=${encodeURIComponent(ctx.target.token.slice(0, -1))}`,
					),
			},
			{
				name: 'tokenPlusOne',
				build: (ctx) =>
					post(
						ctx,
						json(callEvent()),
						JSON_TYPE,
						`${ctx.base}?${ctx.target.tokenName}=${encodeURIComponent(`${ctx.target.token}x`)}`,
					),
			},
			{
				name: 'duplicateRight',
				build: (ctx) =>
					post(
						ctx,
						json(callEvent()),
						JSON_TYPE,
						`${ctx.url}&${ctx.target.tokenName}=${encodeURIComponent(ctx.target.token)}`,
					),
			},
			{
				name: 'duplicateWrongFirst',
				build: (ctx) =>
					post(
						ctx,
						json(callEvent()),
						JSON_TYPE,
						`${ctx.base}?${ctx.target.tokenName}=wrong&${ctx.target.tokenName}=${encodeURIComponent(ctx.target.token)}`,
					),
			},
			{
				name: 'duplicateWrongLast',
				build: (ctx) =>
					post(ctx, json(callEvent()), JSON_TYPE, `${ctx.url}&${ctx.target.tokenName}=wrong`),
			},
			{
				name: 'tokenArray',
				build: (ctx) =>
					post(
						ctx,
						json(callEvent()),
						JSON_TYPE,
						`${ctx.base}?${ctx.target.tokenName}[]=${encodeURIComponent(ctx.target.token)}`,
					),
			},
			{
				name: 'tokenObject',
				build: (ctx) =>
					post(
						ctx,
						json(callEvent()),
						JSON_TYPE,
						`${ctx.base}?${ctx.target.tokenName}[a]=${encodeURIComponent(ctx.target.token)}`,
					),
			},
			{
				name: 'tokenUpperCaseName',
				build: (ctx) =>
					post(
						ctx,
						json(callEvent()),
						JSON_TYPE,
						`${ctx.base}?${ctx.target.tokenName.toUpperCase()}=${encodeURIComponent(ctx.target.token)}`,
					),
			},
			{
				name: 'tokenNul',
				build: (ctx) => post(ctx, json(callEvent()), JSON_TYPE, `${ctx.url}%00`),
			},
			{
				name: 'tokenLong8KB',
				build: (ctx) =>
					post(
						ctx,
						json(callEvent()),
						JSON_TYPE,
						`${ctx.base}?${ctx.target.tokenName}=${'t'.repeat(8 * 1024)}`,
					),
			},
			{
				name: 'tokenOverHeaderLimit',
				build: (ctx) =>
					post(
						ctx,
						json(callEvent()),
						JSON_TYPE,
						`${ctx.base}?${ctx.target.tokenName}=${'t'.repeat(20 * 1024)}`,
					),
			},
			{
				name: 'tokenInHeader',
				build: (ctx) =>
					post(
						ctx,
						json(callEvent()),
						{
							...JSON_TYPE,
							'x-webhook-token': ctx.target.token,
							authorization: `Bearer ${ctx.target.token}`,
						},
						ctx.base,
					),
			},
			{
				name: 'manyQueryParams',
				build: (ctx) =>
					post(
						ctx,
						json(callEvent()),
						JSON_TYPE,
						`${ctx.url}&${Array.from({ length: 2_000 }, (_, i) => `p${i}=1`).join('&')}`,
					),
			},
		],
	},
	method: {
		weight: 8,
		variants: ['GET', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'get'].map(
			(method): Variant => ({
				name: method,
				build: (ctx) => ({
					method,
					url: ctx.url,
					headers: method === 'GET' || method === 'HEAD' ? {} : JSON_TYPE,
					body:
						method === 'GET' || method === 'HEAD' || method === 'TRACE'
							? undefined
							: json(callEvent()),
				}),
			}),
		),
	},
	path: {
		weight: 5,
		variants: [
			{
				name: 'unknownPath',
				build: (ctx) =>
					post(
						ctx,
						json(callEvent()),
						JSON_TYPE,
						`/webhook/${randomUUID()}/enneo-inbound-call?${ctx.target.tokenName}=${encodeURIComponent(ctx.target.token)}`,
					),
			},
			{
				name: 'trailingSlash',
				build: (ctx) =>
					post(
						ctx,
						json(callEvent()),
						JSON_TYPE,
						`${ctx.base}/?${ctx.target.tokenName}=${encodeURIComponent(ctx.target.token)}`,
					),
			},
			{
				name: 'traversal',
				build: (ctx) =>
					post(
						ctx,
						json(callEvent()),
						JSON_TYPE,
						`${ctx.base}/../../rest/login?${ctx.target.tokenName}=x`,
					),
			},
			{
				name: 'encodedTraversal',
				build: (ctx) =>
					post(
						ctx,
						json(callEvent()),
						JSON_TYPE,
						`${ctx.base}/%2e%2e%2f%2e%2e%2frest?${ctx.target.tokenName}=x`,
					),
			},
			{
				name: 'upperCase',
				build: (ctx) =>
					post(
						ctx,
						json(callEvent()),
						JSON_TYPE,
						`${ctx.base.toUpperCase()}?${ctx.target.tokenName}=${encodeURIComponent(ctx.target.token)}`,
					),
			},
			{
				name: 'testUrl',
				build: (ctx) =>
					post(ctx, json(callEvent()), JSON_TYPE, ctx.url.replace('/webhook/', '/webhook-test/')),
			},
			{
				name: 'longPath',
				build: (ctx) => post(ctx, json(callEvent()), JSON_TYPE, `${ctx.base}/${'a'.repeat(6_000)}`),
			},
		],
	},
	caller: {
		weight: 3,
		variants: [
			...(
				[
					['anonymous', 'anonymous'],
					['Anonymous', 'Anonymous'],
					['unknown', 'unknown'],
					['withheld', 'withheld'],
					['restricted', 'restricted'],
					['empty', ''],
					['blank', '   '],
					['sipUri', 'sip:alice@pbx.example.com'],
					['sipPhone', 'sip:+4930123456@pbx.example.com;user=phone'],
					['telUri', 'tel:+4930123456'],
					['service110', '110'],
					['service116117', '116117'],
					['starCode', '*31#'],
					['plusOnly', '+'],
					['zeros', '0000000'],
					['noPlusInternational', '8613066668888'],
					['doubleZeroInternational', '0086 130 6666 8888'],
					['national', '030 123456'],
					['extension', '+49 30 123456 ext. 12'],
					['arabicDigits', '+٤٩٣٠١٢٣٤٥٦'],
					['emoji', '📞+4930123456'],
					['rtlOverride', '\u202e6543210394+'],
					['tooLong', '+49301234567890123456'],
					['letters', 'CALLER'],
					['nullCaller', null],
				] as Array<[string, unknown]>
			).map(([name, value]) => call(name, () => ({ Caller: value }))),
			call('missingCaller', () => ({ Caller: undefined })),
			call('numberCaller', () => ({ Caller: 4930123456 })),
			call('nothingBound.anonymous', () => ({ Caller: 'anonymous', AIAgentId: 0, IvrId: 0 })),
			call('nothingBound.vip', () => ({ Caller: '+4915112345678', AIAgentId: 0, IvrId: 0 })),
			call('ivrBound.unknown', () => ({ Caller: 'unknown', AIAgentId: 0, IvrId: 17 })),
			call('idsAsStrings', () => ({ AIAgentId: '123', IvrId: '0' }), { SdkAppId: '1400692008' }),
			call('sipCallee', () => ({ Callee: 'sip:hotline@pbx.example.com' })),
		],
	},
	retry: {
		weight: 1,
		variants: [
			{
				name: 'sameSessionTwice',
				validCall: true,
				build: (ctx) =>
					post(
						ctx,
						json(
							callEvent({ Caller: pick(ctx.rng, ['+4930123456', 'anonymous']) }, ctx.sharedSession),
						),
					),
			},
			{
				name: 'sameSessionOtherCaller',
				validCall: true,
				build: (ctx) => post(ctx, json(callEvent({ Caller: '+4915112345678' }, ctx.sharedSession))),
			},
		],
	},
	encoding: {
		weight: 3,
		variants: [
			{
				name: 'gzipCall',
				build: (ctx) =>
					post(ctx, gzipSync(json(callEvent())), { ...JSON_TYPE, 'content-encoding': 'gzip' }),
			},
			{
				name: 'gzipInvalid',
				build: (ctx) => post(ctx, 'not gzip at all', { ...JSON_TYPE, 'content-encoding': 'gzip' }),
			},
			{
				name: 'brotliGarbage',
				build: (ctx) => post(ctx, 'not brotli', { ...JSON_TYPE, 'content-encoding': 'br' }),
			},
			{
				name: 'unknownEncoding',
				build: (ctx) => post(ctx, json(callEvent()), { ...JSON_TYPE, 'content-encoding': 'rot13' }),
			},
		],
	},
	framing: {
		weight: 2,
		variants: [
			{
				name: 'shortBody',
				build: (ctx) =>
					rawPost(ctx, ['Content-Length: 500'], '{"Event":"CallInBound"', { halfClose: true }),
			},
			{
				name: 'badChunk',
				build: (ctx) => rawPost(ctx, ['Transfer-Encoding: chunked'], 'zz\r\n{}\r\n0\r\n\r\n'),
			},
			{
				name: 'lengthAndChunked',
				build: (ctx) =>
					rawPost(ctx, ['Content-Length: 4', 'Transfer-Encoding: chunked'], '2\r\n{}\r\n0\r\n\r\n'),
			},
			{
				name: 'duplicateContentType',
				build: (ctx) => {
					const body = JSON.stringify(callEvent());
					return rawPost(
						ctx,
						['Content-Type: text/xml', `Content-Length: ${Buffer.byteLength(body)}`],
						body,
					);
				},
			},
			{
				name: 'http10',
				build: (ctx) => ({
					method: 'POST',
					url: ctx.url,
					headers: {},
					raw: rawBytes(
						[`POST ${ctx.url} HTTP/1.0`, 'Content-Type: application/json', 'Content-Length: 2'],
						'{}',
					),
				}),
			},
			{
				name: 'garbageRequestLine',
				build: (ctx) => ({
					method: 'POST',
					url: ctx.url,
					headers: {},
					raw: Buffer.from('RING RING\r\n\r\n'),
				}),
			},
		],
	},
};

/** Families and their variants, for reports: `family.variant` names. */
export function hostileKinds(): string[] {
	return Object.entries(FAMILIES).flatMap(([family, { variants }]) =>
		variants.map((v) => `${family}.${v.name}`),
	);
}

const HEAVY: Partial<Record<Family, keyof HostileLimits>> = {
	huge: 'huge',
	long: 'long',
	deep: 'deep',
	framing: 'framing',
};

/**
 * `count` hostile requests against `target`: first every variant once (heavy ones within their
 * caps), then a weighted random mix; shuffled, so every slice of the run sees every kind.
 */
export function* hostileRequests(
	target: HostileTarget,
	options: HostileOptions,
): Generator<HostileRequest> {
	const rng = seededRandom(options.seed ?? 1);
	const limits: HostileLimits = {
		huge: 12,
		long: 12,
		deep: 40,
		calls: Math.max(20, Math.round(options.count * 0.03)),
		framing: 60,
		...options.limits,
	};
	const base = `/webhook/${target.path.replace(/^\/+/, '')}`;
	const ctx: BuildContext = {
		rng,
		target,
		maxBodyBytes: options.maxBodyBytes ?? 8 * 1024 * 1024,
		base,
		url: `${base}?${target.tokenName}=${encodeURIComponent(target.token)}`,
		sharedSession: `fuzz-retry-${randomUUID()}`,
	};
	const used: Record<keyof HostileLimits, number> = {
		huge: 0,
		long: 0,
		deep: 0,
		calls: 0,
		framing: 0,
	};
	const excluded = new Set(options.exclude ?? []);
	const allowed = (family: Family, variant: Variant) => {
		if (excluded.has(family) || excluded.has(`${family}.${variant.name}`)) return false;
		const cap = HEAVY[family];
		if (cap && used[cap] >= limits[cap]) return false;
		return !(variant.validCall && used.calls >= limits.calls);
	};
	const take = (family: Family, variant: Variant) => {
		const cap = HEAVY[family];
		if (cap) used[cap]++;
		if (variant.validCall) used.calls++;
	};

	// The plan: [family, variant index] per slot; built first so heavy kinds are spread evenly.
	const plan: Array<[Family, Variant]> = [];
	const families = Object.keys(FAMILIES) as Family[];
	for (const family of families) {
		for (const variant of FAMILIES[family].variants) {
			if (plan.length >= options.count) break;
			if (!allowed(family, variant)) continue;
			take(family, variant);
			plan.push([family, variant]);
		}
	}
	const totalWeight = families.reduce((sum, f) => sum + FAMILIES[f].weight, 0);
	let guard = 0;
	while (plan.length < options.count && guard++ < options.count * 200) {
		let roll = rng() * totalWeight;
		const family = families.find((f) => (roll -= FAMILIES[f].weight) < 0) ?? families[0];
		const variant = pick(rng, FAMILIES[family].variants);
		if (!allowed(family, variant)) continue;
		take(family, variant);
		plan.push([family, variant]);
	}
	for (let i = plan.length - 1; i > 0; i--) {
		const j = Math.floor(rng() * (i + 1));
		[plan[i], plan[j]] = [plan[j], plan[i]];
	}
	for (const [family, variant] of plan) {
		yield {
			kind: `${family}.${variant.name}`,
			family,
			validCall: variant.validCall === true,
			...variant.build(ctx),
		};
	}
}

/** The requests of one variant (e.g. `long.caller.spaces80KB`), for a test that needs that input. */
export function hostileRequest(target: HostileTarget, kind: string, seed = 1): HostileRequest {
	const [family, ...rest] = kind.split('.');
	const variant = FAMILIES[family as Family]?.variants.find((v) => v.name === rest.join('.'));
	if (!variant)
		throw new Error(`no hostile request kind ${kind}; kinds: ${hostileKinds().join(', ')}`);
	const base = `/webhook/${target.path.replace(/^\/+/, '')}`;
	const ctx: BuildContext = {
		rng: seededRandom(seed),
		target,
		maxBodyBytes: 8 * 1024 * 1024,
		base,
		url: `${base}?${target.tokenName}=${encodeURIComponent(target.token)}`,
		sharedSession: `fuzz-retry-${randomUUID()}`,
	};
	return {
		kind,
		family: family as Family,
		validCall: variant.validCall === true,
		...variant.build(ctx),
	};
}

// ---------------------------------------------------------------------------------------------
// Sending and judging

export interface HostileOutcome {
	kind: string;
	validCall: boolean;
	/** When it was sent (Date.now()). */
	sentAt: number;
	/** HTTP status; 0 when no answer came (connection closed or reset, or timed out). */
	status: number;
	ms: number;
	/** The first 300 characters of the answer (or the network error). */
	body: string;
	timedOut: boolean;
	/** 200 with an empty body, `{}` or an empty CallInBound: the platform would end the call. */
	hangUp: boolean;
	/** A well-formed authenticated call that got no proper answer (4xx, 5xx, none). */
	callRefused: boolean;
	/** A 200 answer carrying what a hostile body tried to inject (the `__proto__` override 666, "polluted"). */
	injected: boolean;
	/** Who answered: the Enneo Trigger (`{"error":{"code":…}}` or a CallInBound), the edge in front (nginx's own page) or n8n itself before or around the trigger. */
	origin: 'trigger' | 'n8n' | 'edge' | 'none';
	/** What was sent, shortened: for reports. */
	sent: string;
}

/** Whether an answer would make the platform end the call. */
export function isHangUp(status: number, text: string): boolean {
	if (status !== 200) return false;
	const trimmed = text.trim();
	if (!trimmed || trimmed === '{}') return true;
	try {
		const parsed = JSON.parse(trimmed) as { CallInBound?: unknown };
		const answer = parsed?.CallInBound;
		return (
			answer === undefined ||
			answer === null ||
			(typeof answer === 'object' && Object.keys(answer as object).length === 0)
		);
	} catch {
		return false;
	}
}

export function describeRequest(request: HostileRequest, max = 160): string {
	const payload = request.raw ?? request.body;
	const text = payload
		? payload
				.subarray(0, max)
				.toString('utf8')
				.replace(/\r?\n/g, '⏎')
				.replace(/\s{20,}/g, (m) => `<${m.length} whitespace>`)
		: '';
	const size = payload ? ` (${payload.length.toLocaleString('en-US')} bytes)` : '';
	const url =
		request.url.length > 120
			? `${request.url.slice(0, 120)}…(${request.url.length} chars)`
			: request.url;
	return `${request.method} ${url.replace(/([?&][^=&]*token[^=&]*=)[^&]*/gi, '$1<…>')} ${text}${payload && payload.length > max ? '…' : ''}${size}`;
}

function rawExchange(
	port: number,
	raw: Buffer,
	halfClose: boolean,
	timeoutMs: number,
	localAddress?: string,
): Promise<{ status: number; text: string; timedOut: boolean; error?: string }> {
	return new Promise((resolvePromise) => {
		const socket = connect({ port, host: '127.0.0.1', localAddress });
		const chunks: Buffer[] = [];
		let done = false;
		const finish = (timedOut: boolean, error?: string) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			socket.destroy();
			const text = Buffer.concat(chunks).toString('utf8');
			const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
			const bodyStart = text.indexOf('\r\n\r\n');
			resolvePromise({
				status: match ? Number(match[1]) : 0,
				text: bodyStart >= 0 ? text.slice(bodyStart + 4) : text,
				timedOut,
				error,
			});
		};
		const timer = setTimeout(() => finish(true, 'timeout'), timeoutMs);
		socket.on('data', (chunk) => {
			chunks.push(chunk);
			// One response is enough: stop once a complete head and a body of the announced length arrived.
			const text = Buffer.concat(chunks).toString('utf8');
			const head = text.indexOf('\r\n\r\n');
			const length = /content-length:\s*(\d+)/i.exec(text.slice(0, head));
			if (head >= 0 && length && Buffer.byteLength(text.slice(head + 4)) >= Number(length[1]))
				finish(false);
		});
		socket.on('end', () => finish(false));
		socket.on('error', (error) => finish(false, error.message));
		if (halfClose) socket.end(raw);
		else socket.write(raw);
	});
}

/** A keep-alive agent for `concurrency` requests in flight. */
export function hostileAgent(concurrency: number): Agent {
	return new Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
}

/**
 * Sends one request to n8n at `baseUrl` (or the edge in front of it) and judges the answer;
 * `localAddress` sends it from another loopback address (e.g. 127.0.0.2) than the platform's calls.
 */
export async function sendHostile(
	baseUrl: string,
	request: HostileRequest,
	options: { agent?: Agent; timeoutMs?: number; localAddress?: string } = {},
): Promise<HostileOutcome> {
	const timeoutMs = options.timeoutMs ?? 30_000;
	const url = new URL(baseUrl);
	const sentAt = Date.now();
	const started = process.hrtime.bigint();
	let result: { status: number; text: string; timedOut: boolean; error?: string };
	if (request.raw) {
		result = await rawExchange(
			Number(url.port),
			request.raw,
			request.halfClose === true,
			timeoutMs,
			options.localAddress,
		);
	} else {
		result = await new Promise((resolvePromise) => {
			const chunks: Buffer[] = [];
			let size = 0;
			const req = httpRequest(
				{
					host: url.hostname,
					port: url.port,
					method: request.method,
					path: request.url,
					headers: {
						...request.headers,
						...(request.body ? { 'content-length': String(request.body.length) } : {}),
					},
					agent: options.agent,
					localAddress: options.localAddress,
				},
				(res) => {
					res.on('data', (chunk: Buffer) => {
						size += chunk.length;
						if (size <= 64 * 1024) chunks.push(chunk);
					});
					res.on('end', () =>
						resolvePromise({
							status: res.statusCode ?? 0,
							text: Buffer.concat(chunks).toString('utf8'),
							timedOut: false,
						}),
					);
					res.on('error', (error) =>
						resolvePromise({
							status: res.statusCode ?? 0,
							text: Buffer.concat(chunks).toString('utf8'),
							timedOut: false,
							error: error.message,
						}),
					);
				},
			);
			req.setTimeout(timeoutMs, () => {
				req.destroy(new Error('timeout'));
			});
			req.on('error', (error) =>
				resolvePromise({
					status: 0,
					text: '',
					timedOut: error.message === 'timeout',
					error: error.message,
				}),
			);
			req.end(request.body);
		});
	}
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	// The platform only ever POSTs; a bodiless 200 to another method is not an answer to a call.
	const hangUp = request.method === 'POST' && isHangUp(result.status, result.text);
	const callRefused = request.validCall && (result.status !== 200 || hangUp);
	const injected = result.status === 200 && /\b666\b|polluted/.test(result.text);
	const origin =
		result.status === 0
			? 'none'
			: /^\s*\{\s*"(error|CallInBound)"\s*:/.test(result.text)
				? 'trigger'
				: /<center>nginx<\/center>/.test(result.text)
					? 'edge'
					: 'n8n';
	return {
		sentAt,
		kind: request.kind,
		validCall: request.validCall,
		status: result.status,
		ms,
		body: (result.error && !result.text ? `<${result.error}>` : result.text).slice(0, 300),
		timedOut: result.timedOut,
		hangUp,
		callRefused,
		injected,
		origin,
		sent: describeRequest(request),
	};
}

/** Runs `requests` with at most `concurrency` in flight; `onOutcome` sees each result as it lands. */
export async function sendAll(
	baseUrl: string,
	requests: Iterable<HostileRequest>,
	options: {
		concurrency: number;
		timeoutMs?: number;
		localAddress?: string;
		/** At most this many requests per second (default: as fast as answers come). */
		ratePerSecond?: number;
		onOutcome?: (outcome: HostileOutcome) => void;
	},
): Promise<HostileOutcome[]> {
	const agent = hostileAgent(options.concurrency);
	const started = Date.now();
	let sent = 0;
	try {
		return await inFlight(requests, options.concurrency, async (request) => {
			if (options.ratePerSecond) {
				const due = started + (sent++ * 1000) / options.ratePerSecond;
				if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
			}
			const outcome = await sendHostile(baseUrl, request, {
				agent,
				timeoutMs: options.timeoutMs,
				localAddress: options.localAddress,
			});
			options.onOutcome?.(outcome);
			return outcome;
		});
	} finally {
		agent.destroy();
	}
}

export interface HostileSummary {
	requests: number;
	statuses: Record<string, number>;
	fiveXx: number;
	hangUps: number;
	/** Past 10 s, or no answer within the client's timeout. */
	over10s: number;
	/** No answer at all (reset, closed or timed out). */
	noAnswer: number;
	callsRefused: number;
	/** 5xx answered by the Enneo Trigger itself (its `{"error":…}` body) vs by n8n before or around it. */
	fiveXxByOrigin: { trigger: number; n8n: number; edge: number };
	injected: number;
	/** Every request that got a 5xx, hung up, took > 10 s or (a valid call) was refused, grouped by kind. */
	problems: Array<{
		kind: string;
		problem: string;
		count: number;
		status: number;
		origin: string;
		maxMs: number;
		body: string;
		sent: string;
	}>;
}

/** Status histogram and the problem list, grouped by kind and kind of problem. */
export function summarize(outcomes: HostileOutcome[], slowMs = 10_000): HostileSummary {
	const statuses: Record<string, number> = {};
	const problems = new Map<string, HostileSummary['problems'][number]>();
	const note = (outcome: HostileOutcome, problem: string) => {
		const key = `${outcome.kind}|${problem}|${outcome.status}`;
		const entry = problems.get(key);
		if (entry) {
			entry.count++;
			entry.maxMs = Math.max(entry.maxMs, Math.round(outcome.ms));
		} else
			problems.set(key, {
				kind: outcome.kind,
				problem,
				count: 1,
				status: outcome.status,
				origin: outcome.origin,
				maxMs: Math.round(outcome.ms),
				body: outcome.body,
				sent: outcome.sent,
			});
	};
	let fiveXx = 0;
	let hangUps = 0;
	let over10s = 0;
	let noAnswer = 0;
	let callsRefused = 0;
	let injected = 0;
	const fiveXxByOrigin = { trigger: 0, n8n: 0, edge: 0 };
	for (const outcome of outcomes) {
		const label =
			outcome.status === 0 ? (outcome.timedOut ? 'timeout' : 'no answer') : String(outcome.status);
		statuses[label] = (statuses[label] ?? 0) + 1;
		if (outcome.status >= 500) {
			fiveXx++;
			fiveXxByOrigin[outcome.origin === 'none' ? 'n8n' : outcome.origin]++;
			note(outcome, '5xx');
		}
		if (outcome.hangUp) {
			hangUps++;
			note(outcome, 'hang-up');
		}
		if (outcome.ms > slowMs || outcome.timedOut) {
			over10s++;
			note(outcome, `over ${slowMs / 1000} s`);
		}
		if (outcome.status === 0) {
			noAnswer++;
			note(outcome, 'no answer');
		}
		if (outcome.injected) {
			injected++;
			note(outcome, 'injected value in answer');
		}
		if (outcome.callRefused && !outcome.hangUp) {
			callsRefused++;
			note(outcome, 'call refused');
		}
	}
	return {
		requests: outcomes.length,
		statuses: Object.fromEntries(Object.entries(statuses).sort(([a], [b]) => a.localeCompare(b))),
		fiveXx,
		hangUps,
		over10s,
		noAnswer,
		callsRefused,
		fiveXxByOrigin,
		injected,
		problems: [...problems.values()].sort(
			(a, b) => a.kind.localeCompare(b.kind) || a.problem.localeCompare(b.problem),
		),
	};
}

/** Per kind: how many, which statuses, slowest answer. */
export function byKind(
	outcomes: HostileOutcome[],
): Array<{ kind: string; count: number; statuses: string; maxMs: number }> {
	const kinds = new Map<
		string,
		{ count: number; statuses: Record<string, number>; maxMs: number }
	>();
	for (const outcome of outcomes) {
		const entry = kinds.get(outcome.kind) ?? { count: 0, statuses: {}, maxMs: 0 };
		entry.count++;
		const label =
			outcome.status === 0 ? (outcome.timedOut ? 'timeout' : 'none') : String(outcome.status);
		entry.statuses[label] = (entry.statuses[label] ?? 0) + 1;
		entry.maxMs = Math.max(entry.maxMs, Math.round(outcome.ms));
		kinds.set(outcome.kind, entry);
	}
	return [...kinds.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([kind, e]) => ({
			kind,
			count: e.count,
			statuses: Object.entries(e.statuses)
				.map(([s, n]) => `${s}×${n}`)
				.join(' '),
			maxMs: e.maxMs,
		}));
}

/**
 * Which hostile kinds were in flight while the slowest normal calls waited, against how often
 * each kind was sent: a kind that shows up far more often than its share points at the request
 * that slows the others down.
 */
export function inFlightDuring(
	slowCalls: Array<{ sentAt: number; ms: number }>,
	outcomes: HostileOutcome[],
): Array<{
	kind: string;
	slowCallsOverlapped: number;
	share: number;
	sentShare: number;
	lift: number;
}> {
	const sent = new Map<string, number>();
	for (const o of outcomes) sent.set(o.kind, (sent.get(o.kind) ?? 0) + 1);
	const overlapped = new Map<string, number>();
	for (const call of slowCalls) {
		const from = call.sentAt;
		const to = call.sentAt + call.ms;
		const kinds = new Set<string>();
		for (const o of outcomes) if (o.sentAt < to && o.sentAt + o.ms > from) kinds.add(o.kind);
		for (const kind of kinds) overlapped.set(kind, (overlapped.get(kind) ?? 0) + 1);
	}
	const total = outcomes.length || 1;
	const calls = slowCalls.length || 1;
	return [...overlapped.entries()]
		.map(([kind, n]) => {
			const share = n / calls;
			const sentShare = (sent.get(kind) ?? 0) / total;
			return {
				kind,
				slowCallsOverlapped: n,
				share: Number(share.toFixed(2)),
				sentShare: Number(sentShare.toFixed(4)),
				lift: Number((share / (sentShare || 1 / total)).toFixed(1)),
			};
		})
		.sort((a, b) => b.lift - a.lift || b.slowCallsOverlapped - a.slowCallsOverlapped);
}
