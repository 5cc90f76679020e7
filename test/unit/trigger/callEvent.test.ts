import { callItem, parseCallInBound } from '../../../nodes/shared/callEvent';

const valid = {
	Event: 'CallInBound',
	SessionId: '01bd935d-c45e-476a-9e5b-700e09494470',
	SdkAppId: 1400692008,
	CallInBound: { AIAgentId: 123, IvrId: 0, Caller: '+8613066668888', Callee: '+8675566668888' },
};

describe('reading a CallInBound request', () => {
	test('the seed example is read with 0 as "not bound"', () => {
		const parsed = parseCallInBound(valid);
		expect(parsed).toEqual({
			ok: true,
			body: valid,
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
		const parsed = parseCallInBound({ ...valid, SdkAppId: '1400692008', CallInBound: { ...valid.CallInBound, IvrId: '5' } });
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
		['a negative AIAgentId', { ...valid, CallInBound: { ...valid.CallInBound, AIAgentId: -1 } }, undefined, 'invalidAIAgentId'],
		['a fractional IvrId', { ...valid, CallInBound: { ...valid.CallInBound, IvrId: 1.5 } }, undefined, 'invalidIvrId'],
		['an object Caller', { ...valid, CallInBound: { ...valid.CallInBound, Caller: {} } }, undefined, 'invalidCaller'],
		['a boolean Callee', { ...valid, CallInBound: { ...valid.CallInBound, Callee: true } }, undefined, 'invalidCallee'],
	])('%s is a 400 (%s)', (_name, body, raw, code) => {
		const parsed = parseCallInBound(body, raw as string | undefined);
		expect(parsed).toMatchObject({ ok: false, status: 400, code });
	});

	test('the output item carries normalised fields, E.164 numbers, timing and the raw body', () => {
		const parsed = parseCallInBound({ ...valid, CallInBound: { ...valid.CallInBound, Caller: '030 1234567', AIAgentId: 0, IvrId: 9 } });
		if (!parsed.ok) throw new Error('expected a valid call');
		const item = callItem(parsed.call, { attempt: 1, receivedAt: 0, deadlineAt: 3500, responseMode: 'action', body: parsed.body, defaultCountryCode: '49' });
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
});
