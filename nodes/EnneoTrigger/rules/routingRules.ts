/**
 * Routing rules of the Enneo Trigger's "Using Routing Rules" mode: read and checked once per
 * configuration (at activation and on each call), then evaluated per call in microseconds, with no
 * expression engine and no workflow run on the caller's path. Longer than most files because the
 * reading, checking and evaluation of every condition kind stay together.
 */
import { DateTime } from 'luxon';

import type { AnswerChoice, BoundRouting, BuiltAnswer } from '../../inboundCall/answer';
import { buildAnswer } from '../../inboundCall/answer';
import { readAnswerChoice, RULE_ANSWER } from '../../inboundCall/answerFields';
import { toStringList } from '../../values/values';

/**
 * Every rule condition, declaring whether it needs the caller looked up in Enneo. A new condition
 * is added here (its name is the type below), so the lookup cannot be skipped by omission;
 * test/unit/trigger/ruleConditions.test.ts fails when a condition reads the customer undeclared.
 */
export const RULE_CONDITIONS = {
	customerHasTag: { needsCustomer: true },
	customerFound: { needsCustomer: true },
	customerNotFound: { needsCustomer: true },
	calleeIs: { needsCustomer: false },
	callerStartsWith: { needsCustomer: false },
	withinHours: { needsCustomer: false },
	outsideHours: { needsCustomer: false },
	always: { needsCustomer: false },
} as const satisfies Record<string, { needsCustomer: boolean }>;

export type RuleCondition = keyof typeof RULE_CONDITIONS;

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export interface TimeWindow {
	days: number[];
	fromMinute: number;
	toMinute: number;
	zone: string;
}

export interface RoutingRule {
	/** 1-based position, for messages and the output. */
	position: number;
	name: string;
	condition: RuleCondition;
	tag?: { name?: string; id?: number };
	numbers?: string[];
	prefixes?: string[];
	window?: TimeWindow;
	answer: AnswerChoice;
}

/** What a rule can look at for one call. */
export interface CallFacts {
	callerNumber: string | null;
	callerE164: string | null;
	calleeNumber: string | null;
	calleeE164: string | null;
	/** undefined: not looked up (no rule needs it). */
	customer?: CustomerFacts | null;
	now: number;
}

export interface CustomerFacts {
	id?: unknown;
	firstName: string;
	lastName: string;
	fullName: string;
	tagNames: string[];
	tagIds: number[];
}

/** A broken rule, named by its position and field so the editor message says what to fix. */
export class RoutingRuleError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RoutingRuleError';
	}
}

const MAX_RULES = 50;
const MAX_TEXT = 256;

function text(value: unknown): string {
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' ? value.trim().slice(0, MAX_TEXT) : '';
}

/** Digits of a number as dialled or stored, with a leading + kept: for prefix and line comparisons. */
export function dialKey(value: string | null | undefined): string {
	if (!value || value.length > 64) return '';
	const digits = value.replace(/\D/g, '');
	if (value.trim().startsWith('+')) return `+${digits}`;
	// 0049… is +49… dialled from abroad.
	return digits.startsWith('00') ? `+${digits.slice(2)}` : digits;
}

/**
 * Whether the dialled number (as sent, or its E.164 form) is one of `lines` (dial keys): digit by
 * digit, with or without the leading +.
 */
export function isDialledLine(
	lines: string[],
	calleeNumber: string | null | undefined,
	calleeE164: string | null | undefined,
): boolean {
	const callee = [dialKey(calleeNumber), dialKey(calleeE164)].filter(Boolean);
	return lines.some(
		(line) =>
			callee.includes(line) || callee.some((c) => c.replace('+', '') === line.replace('+', '')),
	);
}

function readMinute(value: unknown, field: string): number {
	const match = /^(\d{1,2}):(\d{2})$/.exec(text(value));
	const minute = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
	if (!match || Number(match[1]) > 24 || Number(match[2]) > 59 || minute > 24 * 60) {
		throw new RoutingRuleError(
			`${field} must be a time such as 08:00 or 18:30, got ${JSON.stringify(text(value))}`,
		);
	}
	return minute;
}

function readWindow(
	entry: Record<string, unknown>,
	where: string,
	defaultZone: string,
): TimeWindow {
	const rawDays = Array.isArray(entry.days)
		? entry.days
		: text(entry.days)
				.split(/[\s,]+/)
				.filter(Boolean);
	const days = rawDays.map(
		(day) =>
			WEEKDAYS.indexOf(String(day).toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number]) + 1,
	);
	if (!days.length || days.some((day) => day < 1))
		throw new RoutingRuleError(`${where}: choose the days of the week the hours apply to`);
	const zone = text(entry.timeZone) || defaultZone;
	if (!DateTime.now().setZone(zone).isValid)
		throw new RoutingRuleError(`${where}: "${zone}" is not a time zone (e.g. Europe/Berlin)`);
	const fromMinute = readMinute(entry.from, `${where}: "From"`);
	const toMinute = readMinute(entry.to, `${where}: "To"`);
	if (fromMinute === toMinute)
		throw new RoutingRuleError(`${where}: "From" and "To" are the same time`);
	return { days, fromMinute, toMinute, zone };
}

function readList(value: unknown, where: string, what: string): string[] {
	const list = toStringList(Array.isArray(value) ? value.map(text) : text(value))
		.map(dialKey)
		.filter(Boolean);
	if (!list.length) throw new RoutingRuleError(`${where}: enter at least one ${what}`);
	return list;
}

/** Reads the rules parameter (`{ rule: [...] }`); throws RoutingRuleError naming the rule and field. */
export function readRules(value: unknown, bound: BoundRouting, defaultZone: string): RoutingRule[] {
	const list = (value as { rule?: unknown } | undefined)?.rule;
	const entries = Array.isArray(list) ? (list as Array<Record<string, unknown>>) : [];
	if (entries.length > MAX_RULES)
		throw new RoutingRuleError(`At most ${MAX_RULES} rules are allowed, got ${entries.length}`);
	return entries.map((entry, index) => {
		const position = index + 1;
		const name = text(entry.name);
		const where = `Rule ${position}${name ? ` ("${name}")` : ''}`;
		const condition = text(entry.condition) as RuleCondition;
		const rule: RoutingRule = {
			position,
			name,
			condition,
			answer: readAnswerChoice(RULE_ANSWER, (field, fallback) => entry[field] ?? fallback),
		};
		switch (condition) {
			case 'customerHasTag': {
				const tag = text(entry.tag);
				if (!tag) throw new RoutingRuleError(`${where}: enter the tag's name or ID`);
				rule.tag = /^\d+$/.test(tag) ? { id: Number(tag) } : { name: tag.toLowerCase() };
				break;
			}
			case 'calleeIs':
				rule.numbers = readList(entry.numbers, where, 'dialled number');
				break;
			case 'callerStartsWith':
				rule.prefixes = readList(entry.prefixes, where, 'number prefix');
				break;
			case 'withinHours':
			case 'outsideHours':
				rule.window = readWindow(entry, where, defaultZone);
				break;
			case 'customerFound':
			case 'customerNotFound':
			case 'always':
				break;
			default:
				throw new RoutingRuleError(
					`${where}: unknown condition ${JSON.stringify(entry.condition)}`,
				);
		}
		checkAnswer(rule.answer, bound, where);
		return rule;
	});
}

/** What is wrong with an answer choice as it will be built, or undefined. */
export function answerProblem(choice: AnswerChoice, bound: BoundRouting): string | undefined {
	try {
		buildAnswer(choice, bound);
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}

/** Checks an answer choice as it will be built, naming where it is. */
export function checkAnswer(choice: AnswerChoice, bound: BoundRouting, where: string): void {
	const problem = answerProblem(choice, bound);
	if (problem) throw new RoutingRuleError(`${where}: ${problem}`);
}

/** Whether any rule, or a variable of any answer, needs the customer from Enneo. */
export function needsCustomer(rules: RoutingRule[], elseAnswer: AnswerChoice): boolean {
	const usesCustomerField = (choice: AnswerChoice) =>
		(choice.variables ?? []).some((variable) =>
			/\{(firstName|lastName|fullName|customerId)\}/.test(text(variable.value)),
		);
	return (
		rules.some(
			(rule) => RULE_CONDITIONS[rule.condition].needsCustomer || usesCustomerField(rule.answer),
		) || usesCustomerField(elseAnswer)
	);
}

function inWindow(window: TimeWindow, now: number): boolean {
	const local = DateTime.fromMillis(now, { zone: window.zone });
	const minute = local.hour * 60 + local.minute;
	const today = local.weekday;
	if (window.fromMinute < window.toMinute)
		return window.days.includes(today) && minute >= window.fromMinute && minute < window.toMinute;
	// Over midnight (e.g. 22:00–06:00): the evening part belongs to the listed day, the morning part to the day after.
	const yesterday = today === 1 ? 7 : today - 1;
	return (
		(window.days.includes(today) && minute >= window.fromMinute) ||
		(window.days.includes(yesterday) && minute < window.toMinute)
	);
}

/** Whether a rule matches the call; only the conditions that need the customer read it. */
export function matches(rule: RoutingRule, facts: CallFacts): boolean {
	switch (rule.condition) {
		case 'always':
			return true;
		case 'customerFound':
			return (facts.customer ?? null) !== null;
		case 'customerNotFound':
			return (facts.customer ?? null) === null;
		case 'customerHasTag': {
			const customer = facts.customer ?? null;
			return (
				customer !== null &&
				(rule.tag?.id !== undefined
					? customer.tagIds.includes(rule.tag.id)
					: customer.tagNames.some((name) => name.trim().toLowerCase() === rule.tag?.name))
			);
		}
		case 'calleeIs':
			return isDialledLine(rule.numbers ?? [], facts.calleeNumber, facts.calleeE164);
		case 'callerStartsWith': {
			const caller = [dialKey(facts.callerNumber), dialKey(facts.callerE164)].filter(Boolean);
			return (rule.prefixes ?? []).some((prefix) => caller.some((c) => c.startsWith(prefix)));
		}
		case 'withinHours':
			return inWindow(rule.window!, facts.now);
		case 'outsideHours':
			return !inWindow(rule.window!, facts.now);
	}
}

/** Fills `{firstName}`, `{lastName}`, `{fullName}`, `{customerId}`, `{callerNumber}`, `{calleeNumber}` in variable values. */
export function fillPlaceholders(value: unknown, facts: CallFacts): string {
	const customer = facts.customer ?? null;
	const values: Record<string, string> = {
		firstName: customer?.firstName ?? '',
		lastName: customer?.lastName ?? '',
		fullName: customer?.fullName ?? '',
		customerId: customer?.id === undefined || customer?.id === null ? '' : String(customer.id),
		callerNumber: facts.callerE164 ?? facts.callerNumber ?? '',
		calleeNumber: facts.calleeE164 ?? facts.calleeNumber ?? '',
	};
	return text(value).replace(
		/\{(firstName|lastName|fullName|customerId|callerNumber|calleeNumber)\}/g,
		(_match, key: string) => values[key],
	);
}

export interface RuleDecision {
	answer: BuiltAnswer;
	/** The rule's position, or 0 for the else-answer. */
	position: number;
	name: string;
	condition: RuleCondition | 'else';
}

/** First matching rule wins; else the else-answer. Variables get the caller's fields. */
export function decide(
	rules: RoutingRule[],
	elseAnswer: AnswerChoice,
	facts: CallFacts,
	bound: BoundRouting,
): RuleDecision {
	const rule = rules.find((candidate) => matches(candidate, facts));
	const choice = rule ? rule.answer : elseAnswer;
	const filled: AnswerChoice = {
		...choice,
		variables: (choice.variables ?? []).map((v) => ({
			key: v.key,
			value: fillPlaceholders(v.value, facts),
		})),
	};
	return {
		answer: buildAnswer(filled, bound),
		position: rule ? rule.position : 0,
		name: rule ? rule.name : 'Else',
		condition: rule ? rule.condition : 'else',
	};
}
