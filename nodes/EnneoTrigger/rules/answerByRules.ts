import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { AnswerChoice, BoundRouting, BuiltAnswer } from '../../inboundCall/answer';
import { ELSE_ANSWER, readAnswerChoice } from '../../inboundCall/answerFields';
import type { CallInBoundRequest } from '../webhook/callEvent';
import type { CallerLookup } from './callerLookup';
import { lookUpCaller } from './callerLookup';
import { toE164 } from '../../values/phone';
import { readLookupSetting } from './rulesFields';
import type { CallFacts, RoutingRule } from './routingRules';
import { checkAnswer, decide, needsCustomer, readRules, RoutingRuleError } from './routingRules';

/** Time kept free between the lookup's end and the answer deadline. */
const DEADLINE_MARGIN_MS = 150;

export interface RulesOutcome {
	answer: BuiltAnswer;
	source: 'rules' | 'fallback';
	reason?: string;
	/** What the workflow gets besides the call: the customer, the rule, the answer, the lookup. */
	output: IDataObject;
}

export interface RulesSettings {
	rules: RoutingRule[];
	elseAnswer: AnswerChoice;
	lookUp: boolean;
}

/** The rules mode's settings, checked: the settings, or what is wrong naming the rule and field. */
export function readRulesSettings(
	get: (name: string, fallback: unknown) => unknown,
	bound: BoundRouting,
	zone: string,
): { ok: true; settings: RulesSettings } | { ok: false; message: string } {
	try {
		const rules = readRules(get('rules', {}), bound, zone);
		const elseAnswer = readAnswerChoice(ELSE_ANSWER, get);
		checkAnswer(elseAnswer, bound, ELSE_ANSWER.labels.routing);
		const lookUp = get('lookUpCaller', true) !== false && needsCustomer(rules, elseAnswer);
		return { ok: true, settings: { rules, elseAnswer, lookUp } };
	} catch (error) {
		return {
			ok: false,
			message:
				error instanceof RoutingRuleError
					? error.message
					: `unreadable rules: ${(error as Error).message}`,
		};
	}
}

function lookupOutput(lookup: CallerLookup | undefined): IDataObject {
	if (!lookup) return { status: 'skipped' };
	return {
		status: lookup.status,
		ms: lookup.ms,
		cached: lookup.cached,
		requests: lookup.requests,
		...(lookup.matchedPhone ? { matchedPhone: { ...lookup.matchedPhone } } : {}),
		...(lookup.error ? { error: lookup.error } : {}),
	};
}

/**
 * Decides a ringing call by the trigger's own rules, inside the webhook request: the caller is
 * looked up (cached, time-boxed before the deadline), the first matching rule answers, else the
 * else-answer. Misconfigured rules or a failed lookup answer with the fallback, never with silence.
 */
export async function answerByRules(
	context: IWebhookFunctions,
	input: {
		call: CallInBoundRequest;
		bound: BoundRouting;
		fallback: BuiltAnswer;
		deadlineAt: number;
		options: IDataObject;
	},
): Promise<RulesOutcome> {
	const { call, bound, fallback, options } = input;
	const zone = context.getTimezone();
	const countryCode =
		typeof options.defaultCountryCode === 'string' ? options.defaultCountryCode : undefined;
	const read = readRulesSettings(
		(name, fallbackValue) => context.getNodeParameter(name, fallbackValue),
		bound,
		zone,
	);
	if (!read.ok) {
		context.logger.error(
			`Enneo Trigger: routing rules are invalid (${read.message}); sending the Fallback Answer`,
		);
		return {
			answer: fallback,
			source: 'fallback',
			reason: 'invalidRules',
			output: {
				routing: { rule: null, answer: fallback.body, reason: `invalidRules: ${read.message}` },
			},
		};
	}
	const settings = read.settings;

	const callerE164 = toE164(call.caller, countryCode) ?? null;
	let lookup: CallerLookup | undefined;
	if (settings.lookUp) {
		const lookupTimeoutMs = readLookupSetting(options, 'lookupTimeoutMs');
		lookup = await lookUpCaller(context, callerE164, {
			lookupTimeoutMs,
			timeoutMs: Math.max(
				0,
				Math.min(lookupTimeoutMs, input.deadlineAt - DEADLINE_MARGIN_MS - Date.now()),
			),
			cacheTtlMs: readLookupSetting(options, 'callerCacheSeconds') * 1000,
			defaultCountryCode: countryCode,
		});
		if (lookup.status === 'timeout' || lookup.status === 'failed') {
			const reason = lookup.status === 'timeout' ? 'lookupTimeout' : 'lookupFailed';
			if (lookup.error)
				context.logger.warn(
					`Enneo Trigger: caller lookup failed (${lookup.error}); sending the Fallback Answer`,
				);
			return {
				answer: fallback,
				source: 'fallback',
				reason,
				output: {
					customer: null,
					routing: { rule: null, answer: fallback.body, reason },
					lookup: lookupOutput(lookup),
				},
			};
		}
	}

	const facts: CallFacts = {
		callerNumber: call.caller,
		callerE164,
		calleeNumber: call.callee,
		calleeE164: toE164(call.callee, countryCode) ?? null,
		customer: lookup ? lookup.customer : undefined,
		now: Date.now(),
	};
	const decision = decide(settings.rules, settings.elseAnswer, facts, bound);
	return {
		answer: decision.answer,
		source: 'rules',
		output: {
			customer: lookup?.record ?? null,
			routing: {
				rule: decision.position
					? { position: decision.position, name: decision.name, condition: decision.condition }
					: { position: 0, name: 'Else', condition: 'else' },
				answer: decision.answer.body,
				kind: decision.answer.kind,
				...(decision.answer.note ? { note: decision.answer.note } : {}),
			},
			lookup: lookupOutput(lookup),
		},
	};
}
