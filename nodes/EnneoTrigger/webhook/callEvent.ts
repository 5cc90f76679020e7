import type { IDataObject } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { MAX_PHONE_LENGTH, toE164 } from '../../values/phone';
import { boundedCopy } from '../../values/boundedCopy';

/** A CallInBound request as the telephony platform sends it (docs/enneo-api-notes.md#callinbound). */
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

export type ParseResult =
	| { ok: true; call: CallInBoundRequest; body: IDataObject; warnings: string[] }
	| { ok: false; status: 400 | 413; code: string; message: string };

/** SessionIds longer than this are refused so the per-process call registry stays bounded. */
export const MAX_SESSION_ID_LENGTH = 256;

/** A raw body this webhook parses itself (JSON under another content type); a CallInBound is ~250 bytes. */
export const MAX_RAW_BODY_LENGTH = 64 * 1024;

/** Longest Caller/Callee kept; longer values are not phone numbers and become null. */
export const MAX_NUMBER_LENGTH = MAX_PHONE_LENGTH;

const bad = (code: string, message: string): ParseResult => ({
	ok: false,
	status: 400,
	code,
	message,
});

/** A value for an error message: short strings and scalars as JSON, anything else by its type only. */
function shown(value: unknown): string {
	if (typeof value === 'string')
		return value.length <= 40 ? JSON.stringify(value) : `a string of ${value.length} characters`;
	if (typeof value === 'number' || typeof value === 'boolean' || value === null)
		return String(value);
	return Array.isArray(value) ? 'an array' : `a value of type ${typeof value}`;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Integer ids may arrive as numbers or digit strings; anything else is a wrong type. */
function readId(value: unknown): number | null | 'invalid' {
	if (value === undefined || value === null) return null;
	const text = typeof value === 'string' && value.length <= 32 ? value.trim() : undefined;
	const number = text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : value;
	if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) return 'invalid';
	return number;
}

/** Caller/Callee as sent; a string too long to be a number is dropped (null) with a warning, never parsed. */
function readPhone(value: unknown, field: string, warnings: string[]): string | null | 'invalid' {
	if (value === undefined || value === null) return null;
	if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
	if (typeof value !== 'string') return 'invalid';
	if (value.length > MAX_NUMBER_LENGTH) {
		warnings.push(
			`${field} was ${value.length} characters long (more than ${MAX_NUMBER_LENGTH}) and was ignored`,
		);
		return null;
	}
	return value.trim();
}

/** jsonParse's fallback for a body that is not JSON: unlike null or a string, no JSON text gives it. */
const NOT_JSON = Symbol('not JSON');

/**
 * Reads the body n8n parsed (or the raw text when the platform sent JSON under another content
 * type) and checks every documented field. Unknown extra fields are tolerated.
 */
export function parseCallInBound(body: unknown, rawBody?: string): ParseResult {
	let data = body;
	if (!isObject(data) || Object.keys(data).length === 0) {
		const text = typeof data === 'string' ? data : rawBody;
		if (text !== undefined) {
			if (text.length > MAX_RAW_BODY_LENGTH) {
				return {
					ok: false,
					status: 413,
					code: 'bodyTooLarge',
					message: `The request body is larger than ${MAX_RAW_BODY_LENGTH} bytes; a CallInBound request is a small JSON object`,
				};
			}
			if (!text.trim())
				return bad('emptyBody', 'The request body is empty; expected a CallInBound JSON object');
			data = jsonParse<unknown>(text, { fallbackValue: NOT_JSON });
			if (data === NOT_JSON)
				return bad(
					'invalidJson',
					'The request body is not valid JSON; expected a CallInBound JSON object',
				);
		}
	}
	if (!isObject(data))
		return bad(
			'notAnObject',
			'The request body must be a JSON object with Event, SessionId and CallInBound',
		);
	if (data.Event === undefined)
		return bad('missingEvent', 'The request body has no "Event"; expected "CallInBound"');
	if (data.Event !== 'CallInBound') {
		return bad(
			'unsupportedEvent',
			`Unsupported Event ${shown(data.Event)}: this webhook answers "CallInBound" only`,
		);
	}
	if (data.SessionId === undefined || data.SessionId === null || data.SessionId === '') {
		return bad('missingSessionId', 'The request body has no "SessionId"');
	}
	if (typeof data.SessionId !== 'string')
		return bad('invalidSessionId', '"SessionId" must be a string');
	if (data.SessionId.length > MAX_SESSION_ID_LENGTH * 2)
		return bad('invalidSessionId', `"SessionId" must be 1-${MAX_SESSION_ID_LENGTH} characters`);
	const sessionId = data.SessionId.trim();
	if (!sessionId || sessionId.length > MAX_SESSION_ID_LENGTH) {
		return bad('invalidSessionId', `"SessionId" must be 1-${MAX_SESSION_ID_LENGTH} characters`);
	}
	const sdkAppId = readId(data.SdkAppId);
	if (sdkAppId === 'invalid') return bad('invalidSdkAppId', '"SdkAppId" must be a whole number');
	if (data.CallInBound === undefined || data.CallInBound === null)
		return bad('missingCallInBound', 'The request body has no "CallInBound" object');
	if (!isObject(data.CallInBound))
		return bad('invalidCallInBound', '"CallInBound" must be an object');
	const details = data.CallInBound;
	const aiAgentId = readId(details.AIAgentId);
	if (aiAgentId === 'invalid')
		return bad(
			'invalidAIAgentId',
			'"CallInBound.AIAgentId" must be a whole number (0 = not bound)',
		);
	const ivrId = readId(details.IvrId);
	if (ivrId === 'invalid')
		return bad('invalidIvrId', '"CallInBound.IvrId" must be a whole number (0 = not bound)');
	const warnings: string[] = [];
	const caller = readPhone(details.Caller, 'CallInBound.Caller', warnings);
	if (caller === 'invalid') return bad('invalidCaller', '"CallInBound.Caller" must be a string');
	const callee = readPhone(details.Callee, 'CallInBound.Callee', warnings);
	if (callee === 'invalid') return bad('invalidCallee', '"CallInBound.Callee" must be a string');
	return {
		ok: true,
		body: data,
		warnings,
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
	extra: {
		attempt: number;
		receivedAt: number;
		deadlineAt: number;
		responseMode: string;
		body: unknown;
		defaultCountryCode?: string;
		warnings?: string[];
	},
): IDataObject {
	// The raw body is copied with bounds: extra fields of any depth or size must not reach the saved execution.
	const body = boundedCopy(extra.body);
	const warnings = [...(extra.warnings ?? [])];
	if (body.truncated)
		warnings.push(
			'The request body had more, larger or deeper fields than are kept; "body" holds a shortened copy',
		);
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
		callerE164: toE164(call.caller, extra.defaultCountryCode) ?? null,
		calleeNumber: call.callee,
		calleeE164: toE164(call.callee, extra.defaultCountryCode) ?? null,
		attempt: extra.attempt,
		isRetry: extra.attempt > 1,
		receivedAt: new Date(extra.receivedAt).toISOString(),
		answerDeadline: new Date(extra.deadlineAt).toISOString(),
		responseMode: extra.responseMode,
		...(warnings.length ? { warnings } : {}),
		body: body.value as IDataObject,
	};
}
