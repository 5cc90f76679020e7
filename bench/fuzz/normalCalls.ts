/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * Normal calls through the VIP routing template (examples/vip-inbound-routing.json), rung on a
 * fixed schedule (open loop: a slow answer does not delay the next call), and their latency.
 * Used by the fuzz harness and the e2e slice next to the hostile traffic of ./hostile.ts.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { templateWithCredential } from '../../test/e2e/examples/templates';
import type { N8nInstance } from '../../test/e2e/lib/n8n';
import { DEMO } from '../../test/fake-enneo/demoData';
import { callerFor, callEvent, postTimed } from '../lib/calls';
import { latencyStats } from '../lib/stats';
import { isHangUp } from './hostile';

/** The demo data's VIP, the VIP agent and the agent calls are bound to (test/fake-enneo/demoData.ts). */
export const VIP_PHONE = DEMO.vipPhone;
export const VIP_AI_AGENT_ID = DEMO.vipAiAgentId;
export const BOUND_AI_AGENT_ID = DEMO.defaultAiAgentId;

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

/**
 * Imports and publishes the VIP routing template the way a user does, with a new Query Token
 * secret; returns the workflow, its webhook path (`<webhookId>/<path>`) and the secret.
 */
export async function publishVipTemplate(
	n8n: N8nInstance,
	enneo: { id: string; name: string },
	suffix: string,
): Promise<{ workflowId: string; path: string; secret: string }> {
	const secret = randomBytes(24).toString('hex');
	const webhookSecret = await n8n.createCredential({
		name: 'Inbound call secret',
		type: 'enneoInboundCallWebhookApi',
		data: { secret },
	});
	const workflow = templateWithCredential('vip-inbound-routing.json', enneo, suffix, {
		enneoInboundCallWebhookApi: webhookSecret,
	});
	const trigger = workflow.nodes.find((node) => node.name === 'Inbound Call')!;
	trigger.webhookId = randomUUID();
	const created = await n8n.createWorkflow(workflow);
	await n8n.activate(created.id);
	return {
		workflowId: created.id,
		path: `${trigger.webhookId}/${(trigger.parameters as { path: string }).path}`,
		secret,
	};
}

/** Rings one call: even indexes are the VIP, odd ones a known regular customer. */
export async function ringNormalCall(
	url: string,
	index: number,
	at = 0,
	timeoutMs = 30_000,
): Promise<NormalCall> {
	const caller = callerFor(index);
	const sentAt = Date.now();
	const reply = await postTimed(url, callEvent({ Caller: caller }, `normal-${randomUUID()}`), {
		timeoutMs,
	});
	if (reply.error)
		return {
			index,
			caller,
			status: 0,
			ms: reply.ms,
			ok: false,
			hangUp: false,
			body: `<${reply.error.message}>`,
			at,
			sentAt,
		};
	let ok = false;
	try {
		const answer = (
			JSON.parse(reply.text) as {
				CallInBound?: { OverrideAIAgentId?: number; Variables?: Array<{ Value: string }> };
			}
		).CallInBound;
		ok =
			reply.status === 200 &&
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
		status: reply.status,
		ms: reply.ms,
		ok,
		hangUp: isHangUp(reply.status, reply.text),
		body: reply.text.slice(0, 300),
		at,
		sentAt,
	};
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
	const { p50, p95, p99 } = latencyStats(ms);
	const r = (n: number) => Math.round(n);
	return {
		calls: calls.length,
		p50: r(p50),
		p95: r(p95),
		p99: r(p99),
		max: r(Math.max(...ms)),
		over5s: calls.filter((c) => c.ms > 5_000).length,
		wrongAnswers: calls.filter((c) => !c.ok).length,
		hangUps: calls.filter((c) => c.hangUp).length,
	};
}
