/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * CallInBound requests as the telephony platform sends them, and sending one with its answer time
 * (bench/callinbound, bench/rules, bench/fuzz).
 */
import { randomUUID } from 'node:crypto';

import { DEMO } from '../../test/fake-enneo/demoData';
import { callEvent as documentedCall } from '../../test/harness/inboundCall';

/**
 * A well-formed CallInBound (seed: callinbound-webhook.txt) to the demo data: bound to its default
 * AI agent, from its regular customer; `details` replaces fields of CallInBound.
 */
export function callEvent(details: Record<string, unknown> = {}, sessionId: string = randomUUID()) {
	return documentedCall(
		{
			AIAgentId: DEMO.defaultAiAgentId,
			Caller: DEMO.regularPhone,
			Callee: '+493012345600',
			...details,
		},
		sessionId,
	);
}

/** The caller of call number `index`: the demo VIP on even numbers, the regular customer on odd ones. */
export const callerFor = (index: number): string =>
	index % 2 === 0 ? DEMO.vipPhone : DEMO.regularPhone;

export interface TimedReply {
	/** 0 when no answer came (then `error` says why). */
	status: number;
	text: string;
	/** From sending until the whole answer was read (or the request failed). */
	ms: number;
	error?: Error;
}

/** POSTs `body` as JSON and times the answer; a failed request resolves with status 0 and the error. */
export async function postTimed(
	url: string,
	body: unknown,
	options: { timeoutMs?: number } = {},
): Promise<TimedReply> {
	const started = process.hrtime.bigint();
	const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs),
		});
		const text = await response.text();
		return { status: response.status, text, ms: elapsed() };
	} catch (error) {
		return { status: 0, text: '', ms: elapsed(), error: error as Error };
	}
}
