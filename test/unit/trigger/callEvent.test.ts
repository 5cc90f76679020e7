/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests and tools), never part of the package */
import { callItem, parseCallInBound } from '../../../nodes/EnneoTrigger/webhook/callEvent';

const valid = {
	Event: 'CallInBound',
	SessionId: '01bd935d-c45e-476a-9e5b-700e09494470',
	SdkAppId: 1400692008,
	CallInBound: { AIAgentId: 123, IvrId: 0, Caller: '+8613066668888', Callee: '+8675566668888' },
};

/** The documented example with other CallInBound fields. */
const withCall = (fields: Record<string, unknown>) => ({
	...valid,
	CallInBound: { ...valid.CallInBound, ...fields },
});

/**
 * Reads `body`, which must be a valid call, and builds the trigger's output item for it: the first
 * delivery, received at 0 with the answer due at 3.5 s.
 */
function itemOf(
	body: unknown,
	options: { defaultCountryCode?: string; keepWarnings?: boolean } = {},
) {
	const parsed = parseCallInBound(body);
	if (!parsed.ok) throw new Error('expected a valid call');
	const item = callItem(parsed.call, {
		attempt: 1,
		receivedAt: 0,
		deadlineAt: 3500,
		responseMode: 'action',
		body: parsed.body,
		...(options.keepWarnings ? { warnings: parsed.warnings } : {}),
		...(options.defaultCountryCode ? { defaultCountryCode: options.defaultCountryCode } : {}),
	});
	return { parsed, item };
}

describe('reading a CallInBound request', () => {
	test('the documented example is read with 0 as "not bound"', () => {
		const parsed = parseCallInBound(valid);
		expect(parsed).toEqual({
			ok: true,
			body: valid,
			warnings: [],
			call: {
				event: 'CallInBound',
				sessionId: '01bd935d-c45e-476a-9e5b-700e09494470',
				sdkAppId: 1400692008,
				boundAiAgentId: 123,
				boundIvrId: null,
				caller: '+8613066668888',
				callee: '+8675566668888',
			},
		});
	});

	test('JSON sent under another content type is read from the raw body', () => {
		expect(parseCallInBound({}, JSON.stringify(valid)).ok).toBe(true);
		expect(parseCallInBound(JSON.stringify(valid)).ok).toBe(true);
	});

	test('ids sent as digit strings are accepted', () => {
		const parsed = parseCallInBound({ ...withCall({ IvrId: '5' }), SdkAppId: '1400692008' });
		expect(parsed.ok && parsed.call.boundIvrId).toBe(5);
	});

	test.each([
		['empty body', {}, '', 'emptyBody'],
		['not JSON', 'hello', undefined, 'invalidJson'],
		['a JSON array', [valid], undefined, 'notAnObject'],
		['a JSON string', '"CallInBound"', undefined, 'notAnObject'],
		['no Event', { ...valid, Event: undefined }, undefined, 'missingEvent'],
		['another Event', { ...valid, Event: 'CallEnd' }, undefined, 'unsupportedEvent'],
		['no SessionId', { ...valid, SessionId: undefined }, undefined, 'missingSessionId'],
		['a numeric SessionId', { ...valid, SessionId: 42 }, undefined, 'invalidSessionId'],
		['a huge SessionId', { ...valid, SessionId: 'x'.repeat(300) }, undefined, 'invalidSessionId'],
		['a text SdkAppId', { ...valid, SdkAppId: 'app' }, undefined, 'invalidSdkAppId'],
		['no CallInBound', { ...valid, CallInBound: undefined }, undefined, 'missingCallInBound'],
		['CallInBound as a list', { ...valid, CallInBound: [] }, undefined, 'invalidCallInBound'],
		['a negative AIAgentId', withCall({ AIAgentId: -1 }), undefined, 'invalidAIAgentId'],
		['a fractional IvrId', withCall({ IvrId: 1.5 }), undefined, 'invalidIvrId'],
		['an object Caller', withCall({ Caller: {} }), undefined, 'invalidCaller'],
		['a boolean Callee', withCall({ Callee: true }), undefined, 'invalidCallee'],
	])('%s is a 400 (%s)', (_name, body, raw, code) => {
		const parsed = parseCallInBound(body, raw as string | undefined);
		expect(parsed).toMatchObject({ ok: false, status: 400, code });
	});

	test('the output item carries normalised fields, E.164 numbers, timing and the raw body', () => {
		const { parsed, item } = itemOf(withCall({ Caller: '030 1234567', AIAgentId: 0, IvrId: 9 }), {
			defaultCountryCode: '49',
		});
		expect(item).toMatchObject({
			sessionId: valid.SessionId,
			boundAiAgentId: null,
			aiAgentBound: false,
			boundIvrId: 9,
			ivrBound: true,
			callerNumber: '030 1234567',
			callerE164: '+49301234567',
			calleeE164: '+8675566668888',
			attempt: 1,
			isRetry: false,
			receivedAt: '1970-01-01T00:00:00.000Z',
			answerDeadline: '1970-01-01T00:00:03.500Z',
		});
		expect(item.body).toEqual(parsed.body);
	});

	test.each([
		['a Caller of "1" + 60,000 spaces + "1"', `1${' '.repeat(60_000)}1`],
		['an 80 KB Caller', `+49${' '.repeat(80_000)}x`],
		['a 1 MB Caller of digits and "ext"', `${'1ext'.repeat(250_000)}1`],
	])('%s is dropped (null, with a warning) in linear time, never parsed', (_name, caller) => {
		const started = process.hrtime.bigint();
		const { item } = itemOf(withCall({ Caller: caller }), {
			defaultCountryCode: '49',
			keepWarnings: true,
		});
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		expect(item).toMatchObject({
			callerNumber: null,
			callerE164: null,
			calleeE164: '+8675566668888',
		});
		expect(item.warnings).toEqual(
			expect.arrayContaining([
				expect.stringContaining(`CallInBound.Caller was ${caller.length} characters long`),
			]),
		);
		expect(JSON.stringify(item).length).toBeLessThan(10_000);
		expect(ms).toBeLessThan(200);
	});

	test.each([
		['anonymous', 'anonymous'],
		['withheld, empty', ''],
		['unknown', 'unknown'],
		['a SIP URI', 'sip:+4930123456@pbx.example.com'],
		['a short service number', '110'],
	])(
		'an odd caller (%s) is a normal call: callerE164 null, the raw value kept',
		(_name, caller) => {
			const { item } = itemOf(withCall({ Caller: caller }), { defaultCountryCode: '49' });
			expect(item.callerNumber).toBe(caller);
			expect(item.callerE164).toBeNull();
		},
	);

	test('numbers that carry a country code are never prefixed with the default one', () => {
		for (const caller of ['8613066668888', '008613066668888', '+8613066668888']) {
			const { item } = itemOf(withCall({ Caller: caller }), { defaultCountryCode: '49' });
			expect(item.callerE164).toBe('+8613066668888');
		}
	});

	test('a raw body over 64 KB is refused (413) before it is parsed', () => {
		const raw = JSON.stringify({ ...valid, padding: 'x'.repeat(70_000) });
		expect(parseCallInBound({}, raw)).toMatchObject({
			ok: false,
			status: 413,
			code: 'bodyTooLarge',
		});
	});

	test('error messages never echo a long value back', () => {
		const parsed = parseCallInBound({ ...valid, Event: 'e'.repeat(10_000) });
		expect(parsed).toMatchObject({ ok: false, code: 'unsupportedEvent' });
		if (parsed.ok) return;
		expect(parsed.message.length).toBeLessThan(120);
		expect(parsed.message).toContain('a string of 10000 characters');
	});

	test('deep, wide and prototype-polluting extra fields reach the item only as a bounded copy', () => {
		let deep: Record<string, unknown> = { leaf: true };
		for (let i = 0; i < 5_000; i++) deep = { next: deep };
		const wide = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]));
		const raw = `{"Event":"CallInBound","SessionId":"s-1","CallInBound":{"Caller":"+4930123456"},"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`;
		const body = {
			...(JSON.parse(raw) as Record<string, unknown>),
			deep,
			wide,
			big: 'y'.repeat(1_000_000),
			list: new Array(100_000).fill(1),
		};
		const { item } = itemOf(body);
		const text = JSON.stringify(item);
		expect(text.length).toBeLessThan(20_000);
		expect(item.warnings).toEqual([expect.stringContaining('shortened copy')]);
		const copy = item.body as Record<string, unknown>;
		expect(Object.prototype.hasOwnProperty.call(copy, '__proto__')).toBe(false);
		expect(Object.prototype.hasOwnProperty.call(copy, 'constructor')).toBe(false);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
		expect(copy.Event).toBe('CallInBound');
	});
});
