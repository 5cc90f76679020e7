/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * Normal calls through the VIP routing template (examples/vip-inbound-routing.json), rung on a
 * fixed schedule (open loop: a slow answer does not delay the next call), and their latency.
 * Used by the fuzz harness and the e2e slice next to the hostile traffic of ./hostile.ts.
 */
import { randomUUID } from 'node:crypto';

import { isHangUp } from './hostile';

/** The demo data's VIP and regular customer (test/fake-enneo/demoData.ts DEMO). */
export const VIP_PHONE = '+4915112345678';
export const REGULAR_PHONE = '+4930123456';
export const VIP_AI_AGENT_ID = 388;
export const BOUND_AI_AGENT_ID = 123;

export interface NormalCall {
	index: number;
	caller: string;
	status: number;
	ms: number;
	/** The answer the template must give: VIP agent for the VIP, the bound agent for everyone else. */
	ok: boolean;
	hangUp: boolean;
	body: string;
	/** ms since the phase started, when the call was placed. */
	at: number;
	/** When it was placed (Date.now()). */
	sentAt: number;
}

/** Rings one call: even indexes are the VIP, odd ones a known regular customer. */
export async function ringNormalCall(
	url: string,
	index: number,
	at = 0,
	timeoutMs = 30_000,
): Promise<NormalCall> {
	const caller = index % 2 === 0 ? VIP_PHONE : REGULAR_PHONE;
	const event = {
		Event: 'CallInBound',
		SessionId: `normal-${randomUUID()}`,
		SdkAppId: 1400692008,
		CallInBound: {
			AIAgentId: BOUND_AI_AGENT_ID,
			IvrId: 0,
			Caller: caller,
			Callee: '+493012345600',
		},
	};
	const sentAt = Date.now();
	const started = process.hrtime.bigint();
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(event),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await response.text();
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		let ok = false;
		try {
			const answer = (
				JSON.parse(text) as {
					CallInBound?: { OverrideAIAgentId?: number; Variables?: Array<{ Value: string }> };
				}
			).CallInBound;
			ok =
				response.status === 200 &&
				(caller === VIP_PHONE
					? answer?.OverrideAIAgentId === VIP_AI_AGENT_ID &&
						JSON.stringify(answer.Variables ?? []).includes('Victoria Sterling')
					: answer?.OverrideAIAgentId === BOUND_AI_AGENT_ID);
		} catch {
			ok = false;
		}
		return {
			index,
			caller,
			status: response.status,
			ms,
			ok,
			hangUp: isHangUp(response.status, text),
			body: text.slice(0, 300),
			at,
			sentAt,
		};
	} catch (error) {
		return {
			index,
			caller,
			status: 0,
			ms: Number(process.hrtime.bigint() - started) / 1e6,
			ok: false,
			hangUp: false,
			body: `<${(error as Error).message}>`,
			at,
			sentAt,
		};
	}
}

/**
 * Rings a call every `intervalMs` until `count` calls were placed or `until()` says stop; resolves
 * when every placed call has its answer.
 */
export async function ringOnSchedule(
	url: string,
	options: {
		intervalMs: number;
		count?: number;
		until?: () => boolean;
		firstIndex?: number;
		timeoutMs?: number;
	},
): Promise<NormalCall[]> {
	const started = Date.now();
	const pending: Array<Promise<NormalCall>> = [];
	for (let i = 0; ; i++) {
		if (options.count !== undefined && i >= options.count) break;
		if (options.until?.()) break;
		const due = started + i * options.intervalMs;
		const wait = due - Date.now();
		if (wait > 0) await new Promise((r) => setTimeout(r, wait));
		if (options.until?.()) break;
		pending.push(
			ringNormalCall(url, (options.firstIndex ?? 0) + i, Date.now() - started, options.timeoutMs),
		);
	}
	return Promise.all(pending);
}

/** Rings `count` calls at once. */
export function ringTogether(url: string, count: number, firstIndex = 0): Promise<NormalCall[]> {
	return Promise.all(Array.from({ length: count }, (_, i) => ringNormalCall(url, firstIndex + i)));
}

export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface LatencySummary {
	calls: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	/** Answered after the platform's 5 s (it would have re-sent the request). */
	over5s: number;
	wrongAnswers: number;
	hangUps: number;
}

export function latency(calls: NormalCall[]): LatencySummary {
	const ms = calls.map((c) => c.ms);
	const r = (n: number) => Math.round(n);
	return {
		calls: calls.length,
		p50: r(percentile(ms, 50)),
		p95: r(percentile(ms, 95)),
		p99: r(percentile(ms, 99)),
		max: r(Math.max(...ms)),
		over5s: calls.filter((c) => c.ms > 5_000).length,
		wrongAnswers: calls.filter((c) => !c.ok).length,
		hangUps: calls.filter((c) => c.hangUp).length,
	};
}
