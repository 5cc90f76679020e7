import { randomUUID } from 'node:crypto';

/**
 * A CallInBound request as the telephony platform's documentation shows it (its example numbers,
 * bound to AI agent 123), with a fresh SessionId; `details` replaces fields of CallInBound.
 * Shared by the trigger's unit tests, the e2e tests and the benchmarks.
 */
export function callEvent(details: Record<string, unknown> = {}, sessionId: string = randomUUID()) {
	return {
		Event: 'CallInBound',
		SessionId: sessionId,
		SdkAppId: 1400692008,
		CallInBound: {
			AIAgentId: 123,
			IvrId: 0,
			Caller: '+8613066668888',
			Callee: '+8675566668888',
			...details,
		},
	};
}

/** What the trigger's item says of a callEvent() call: bound to AI agent 123, the caller in E.164, a first attempt. */
export const callEventItem = {
	boundAiAgentId: 123,
	aiAgentBound: true,
	boundIvrId: null,
	ivrBound: false,
	callerE164: '+8613066668888',
	attempt: 1,
	isRetry: false,
};

export interface Reply {
	status: number;
	/** The JSON answer parsed, or its text when it is not JSON. */
	body: unknown;
	text: string;
	/** From `started` until the answer was read. */
	ms: number;
	headers: Headers;
}

/** Reads an HTTP answer; `started` is the Date.now() taken when the request was sent. */
export async function readReply(response: Response, started: number): Promise<Reply> {
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		body = text;
	}
	return {
		status: response.status,
		body,
		text,
		ms: Date.now() - started,
		headers: response.headers,
	};
}
