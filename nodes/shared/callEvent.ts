import type { IDataObject } from 'n8n-workflow';

import { toE164 } from '../Enneo/helpers/phone';

/** A CallInBound request as the telephony platform sends it (seed 004). */
export interface CallInBoundRequest {
	event: 'CallInBound';
	sessionId: string;
	sdkAppId: number | null;
	/** 0 in the request means "not bound"; kept as null here. */
	boundAiAgentId: number | null;
	boundIvrId: number | null;
	caller: string | null;
	callee: string | null;
}

export type ParseResult = { ok: true; call: CallInBoundRequest; body: IDataObject } | { ok: false; status: 400; code: string; message: string };

/** SessionIds longer than this are refused so the per-process call registry stays bounded. */
export const MAX_SESSION_ID_LENGTH = 256;

const bad = (code: string, message: string): ParseResult => ({ ok: false, status: 400, code, message });

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Integer ids may arrive as numbers or digit strings; anything else is a wrong type. */
function readId(value: unknown): number | null | 'invalid' {
	if (value === undefined || value === null) return null;
	const number = typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : value;
	if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) return 'invalid';
	return number;
}

function readPhone(value: unknown): string | null | 'invalid' {
	if (value === undefined || value === null) return null;
	if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
	if (typeof value !== 'string') return 'invalid';
	return value;
}

/**
 * Reads the body n8n parsed (or the raw text when the platform sent JSON under another content
 * type) and checks every documented field. Unknown extra fields are tolerated.
 */
export function parseCallInBound(body: unknown, rawBody?: string): ParseResult {
	let data = body;
	if (!isObject(data) || Object.keys(data).length === 0) {
		const text = typeof data === 'string' ? data : rawBody;
		if (text !== undefined) {
			if (!text.trim()) return bad('emptyBody', 'The request body is empty; expected a CallInBound JSON object');
			try {
				data = JSON.parse(text);
			} catch {
				return bad('invalidJson', 'The request body is not valid JSON; expected a CallInBound JSON object');
			}
		}
	}
	if (!isObject(data)) return bad('notAnObject', 'The request body must be a JSON object with Event, SessionId and CallInBound');
	if (data.Event === undefined) return bad('missingEvent', 'The request body has no "Event"; expected "CallInBound"');
	if (data.Event !== 'CallInBound') {
		return bad('unsupportedEvent', `Unsupported Event ${JSON.stringify(data.Event)}: this webhook answers "CallInBound" only`);
	}
	if (data.SessionId === undefined || data.SessionId === null || data.SessionId === '') {
		return bad('missingSessionId', 'The request body has no "SessionId"');
	}
	if (typeof data.SessionId !== 'string') return bad('invalidSessionId', '"SessionId" must be a string');
	const sessionId = data.SessionId.trim();
	if (!sessionId || sessionId.length > MAX_SESSION_ID_LENGTH) {
		return bad('invalidSessionId', `"SessionId" must be 1-${MAX_SESSION_ID_LENGTH} characters`);
	}
	const sdkAppId = readId(data.SdkAppId);
	if (sdkAppId === 'invalid') return bad('invalidSdkAppId', '"SdkAppId" must be a whole number');
	if (data.CallInBound === undefined || data.CallInBound === null) return bad('missingCallInBound', 'The request body has no "CallInBound" object');
	if (!isObject(data.CallInBound)) return bad('invalidCallInBound', '"CallInBound" must be an object');
	const details = data.CallInBound;
	const aiAgentId = readId(details.AIAgentId);
	if (aiAgentId === 'invalid') return bad('invalidAIAgentId', '"CallInBound.AIAgentId" must be a whole number (0 = not bound)');
	const ivrId = readId(details.IvrId);
	if (ivrId === 'invalid') return bad('invalidIvrId', '"CallInBound.IvrId" must be a whole number (0 = not bound)');
	const caller = readPhone(details.Caller);
	if (caller === 'invalid') return bad('invalidCaller', '"CallInBound.Caller" must be a string');
	const callee = readPhone(details.Callee);
	if (callee === 'invalid') return bad('invalidCallee', '"CallInBound.Callee" must be a string');
	return {
		ok: true,
		body: data,
		call: {
			event: 'CallInBound',
			sessionId,
			sdkAppId,
			boundAiAgentId: aiAgentId ? aiAgentId : null,
			boundIvrId: ivrId ? ivrId : null,
			caller,
			callee,
		},
	};
}

/** The trigger's output item: normalised fields first, the raw body last. */
export function callItem(
	call: CallInBoundRequest,
	extra: { attempt: number; receivedAt: number; deadlineAt: number; responseMode: string; body: unknown; defaultCountryCode?: string },
): IDataObject {
	return {
		event: call.event,
		sessionId: call.sessionId,
		sdkAppId: call.sdkAppId,
		boundAiAgentId: call.boundAiAgentId,
		aiAgentBound: call.boundAiAgentId !== null,
		boundIvrId: call.boundIvrId,
		ivrBound: call.boundIvrId !== null,
		// Not "caller"/"callee": n8n's expression sandbox refuses `$json.caller` and `$json.callee`.
		callerNumber: call.caller,
		callerE164: toE164(call.caller, extra.defaultCountryCode),
		calleeNumber: call.callee,
		calleeE164: toE164(call.callee, extra.defaultCountryCode),
		attempt: extra.attempt,
		isRetry: extra.attempt > 1,
		receivedAt: new Date(extra.receivedAt).toISOString(),
		answerDeadline: new Date(extra.deadlineAt).toISOString(),
		responseMode: extra.responseMode,
		body: extra.body as IDataObject,
	};
}
