/**
 * Per-process memory of ringing calls, shared by the Enneo Trigger (which holds the caller's HTTP
 * request) and the Respond to Inbound Call action (which decides). Compiled once into
 * dist/nodes/inboundCall, so both nodes of one n8n process see the same instance.
 *
 * One decision per call: the first `decide` wins (workflow answer, last node, immediate answer or
 * deadline fallback); every delivery of that SessionId (first request and platform retries) is
 * answered with it, later decisions are dropped and counted.
 */
import { sleep } from 'n8n-workflow';

import type { BoundRouting, BuiltAnswer, CallInBoundAnswer } from './answer';

/** Who made the decision. */
/**
 * Header Inbound Call → Respond sets on an answer that travels through n8n (queue mode relay);
 * the trigger's guard reads it to recognise the relayed answer.
 */
export const RELAY_KIND_HEADER = 'x-enneo-inbound-answer';

export type DecisionSource = 'workflow' | 'lastNode' | 'immediate' | 'rules' | 'fallback';

export interface CallDecision {
	body: CallInBoundAnswer;
	source: DecisionSource;
	/** Why the fallback was used (deadline, workflowError, workflowFinishedWithoutAnswer, …). */
	reason?: string;
	at: number;
}

export interface CallRecord {
	sessionId: string;
	bound: BoundRouting;
	firstReceivedAt: number;
	deliveries: number;
	decision?: CallDecision;
	/** Decisions that arrived after the call was already answered. */
	lateDecisions: number;
	listeners: Array<(decision: CallDecision) => void>;
}

export type AnswerOutcome =
	| { status: 'sent'; decision: CallDecision; record: CallRecord }
	| { status: 'dropped-late' | 'duplicate'; decision: CallDecision; record: CallRecord }
	| { status: 'unknown-call' };

export interface RegistryOptions {
	/** How long a decided call is remembered for retries. */
	ttlMs: number;
	/** Upper bound on remembered calls; the oldest decided ones are forgotten first. */
	maxRecords: number;
	now: () => number;
}

export const DEFAULT_REGISTRY_OPTIONS: RegistryOptions = {
	ttlMs: 10 * 60_000,
	maxRecords: 10_000,
	now: () => Date.now(),
};

export class InboundCallRegistry {
	private readonly records = new Map<string, CallRecord>();

	private readonly options: RegistryOptions;

	constructor(options: Partial<RegistryOptions> = {}) {
		this.options = { ...DEFAULT_REGISTRY_OPTIONS, ...options };
	}

	/** Test URL runs and live runs of one workflow are kept apart. */
	static key(workflowId: string | undefined, mode: string | undefined, sessionId: string): string {
		return `${workflowId ?? ''}|${mode === 'manual' ? 'test' : 'live'}|${sessionId}`;
	}

	get size(): number {
		return this.records.size;
	}

	get(key: string): CallRecord | undefined {
		return this.records.get(key);
	}

	/** Records a delivery; `isNew` is false for a platform retry of a call already known. */
	register(
		key: string,
		sessionId: string,
		bound: BoundRouting,
	): { record: CallRecord; isNew: boolean } {
		const now = this.options.now();
		this.sweep(now);
		const existing = this.records.get(key);
		if (existing) {
			existing.deliveries++;
			return { record: existing, isNew: false };
		}
		const record: CallRecord = {
			sessionId,
			bound,
			firstReceivedAt: now,
			deliveries: 1,
			lateDecisions: 0,
			listeners: [],
		};
		this.records.set(key, record);
		return { record, isNew: true };
	}

	/** Calls `listener` once with the call's decision: now if made, else when it is made. */
	onDecision(record: CallRecord, listener: (decision: CallDecision) => void): void {
		if (record.decision) listener(record.decision);
		else record.listeners.push(listener);
	}

	/** The first decision wins; returns whether this one was taken. */
	decide(key: string, answer: BuiltAnswer, source: DecisionSource, reason?: string): AnswerOutcome {
		const record = this.records.get(key);
		if (!record) return { status: 'unknown-call' };
		if (record.decision) {
			record.lateDecisions++;
			const status =
				record.decision.source === 'workflow' || record.decision.source === 'lastNode'
					? 'duplicate'
					: 'dropped-late';
			return { status, decision: record.decision, record };
		}
		const decision: CallDecision = {
			body: answer.body,
			source,
			reason,
			at: this.options.now(),
		};
		record.decision = decision;
		const listeners = record.listeners;
		record.listeners = [];
		for (const listener of listeners) {
			try {
				listener(decision);
			} catch {
				// A listener writes to one caller's socket; a broken socket must not stop the others.
				continue;
			}
		}
		return { status: 'sent', decision, record };
	}

	/** After `delayMs`, decides with the fallback unless a decision was made before. */
	scheduleFallback(
		key: string,
		delayMs: number,
		fallback: BuiltAnswer,
		reason = 'deadline',
	): Promise<AnswerOutcome> {
		return sleep(Math.max(0, delayMs)).then(() => this.decide(key, fallback, 'fallback', reason));
	}

	/** Forgets calls decided longer than the TTL ago, then the oldest decided ones above the cap. */
	private sweep(now: number): void {
		for (const [key, record] of this.records) {
			if (record.decision && now - record.decision.at > this.options.ttlMs)
				this.records.delete(key);
			else if (now - record.firstReceivedAt <= this.options.ttlMs) break;
		}
		if (this.records.size < this.options.maxRecords) return;
		for (const [key, record] of this.records) {
			if (this.records.size < this.options.maxRecords) break;
			if (record.decision) this.records.delete(key);
		}
	}
}

/** The one registry of this n8n process. */
export const inboundCalls = new InboundCallRegistry();
