import { DateTime } from 'luxon';

import type { CallFacts, CustomerFacts } from '../../../nodes/EnneoTrigger/rules/routingRules';
import {
	decide,
	fillPlaceholders,
	needsCustomer,
	readRules,
	RoutingRuleError,
} from '../../../nodes/EnneoTrigger/rules/routingRules';

const bound = { boundAiAgentId: 123, boundIvrId: null };
const vip: CustomerFacts = {
	id: 83771,
	firstName: 'Victoria',
	lastName: 'Sterling',
	fullName: 'Victoria Sterling',
	tagNames: ['VIP'],
	tagIds: [2],
};
const facts = (overrides: Partial<CallFacts> = {}): CallFacts => ({
	callerNumber: '+4915112345678',
	callerE164: '+4915112345678',
	calleeNumber: '+49 30 12345600',
	calleeE164: '+493012345600',
	customer: null,
	now: Date.parse('2026-11-24T10:00:00Z'),
	...overrides,
});
const rule = (fields: Record<string, unknown>) => ({
	routing: 'aiAgent',
	aiAgentId: 388,
	...fields,
});
const rules = (...list: Array<Record<string, unknown>>) =>
	readRules({ rule: list }, bound, 'Europe/Berlin');
const elseKeep = { routing: 'keepDefault', variables: [] };

describe('routing rules: reading', () => {
	test.each([
		[[rule({ condition: 'customerHasTag', tag: '' })], 'Rule 1: enter the tag'],
		[
			[rule({ condition: 'calleeIs', numbers: ' , ' })],
			'Rule 1: enter at least one dialled number',
		],
		[
			[rule({ condition: 'withinHours', days: [], from: '08:00', to: '18:00' })],
			'Rule 1: choose the days',
		],
		[
			[rule({ condition: 'withinHours', days: ['mon'], from: '8', to: '18:00' })],
			'Rule 1: "From" must be a time such as 08:00',
		],
		[
			[
				rule({
					condition: 'withinHours',
					days: ['mon'],
					from: '08:00',
					to: '18:00',
					timeZone: 'Mars/Olympus',
				}),
			],
			'Rule 1: "Mars/Olympus" is not a time zone',
		],
		[
			[
				rule({ condition: 'always' }),
				rule({ name: 'VIP', condition: 'customerHasTag', tag: 'VIP', aiAgentId: 0 }),
			],
			'Rule 2 ("VIP"): "AI Agent ID" must be a positive whole number',
		],
		[
			[rule({ condition: 'always', routing: 'sideways' })],
			'Rule 1: "Answer" must be one of aiAgent, ivr, keepDefault, hangUp',
		],
		[
			[rule({ condition: 'always', routing: 'ivr', ivrId: -3 })],
			'Rule 1: "IVR ID" must be a positive whole number',
		],
		[[rule({ condition: 'sometimes' })], 'Rule 1: unknown condition "sometimes"'],
	])('%j is refused: %s', (list, message) => {
		expect(() => readRules({ rule: list }, bound, 'UTC')).toThrow(RoutingRuleError);
		expect(() => readRules({ rule: list }, bound, 'UTC')).toThrow(message);
	});

	test('a Hang Up rule ignores variables left from another answer, as the editor hides them', () => {
		const [hangUp] = rules(
			rule({
				condition: 'always',
				routing: 'hangUp',
				aiAgentId: 388,
				variables: { variable: [{ key: 'a', value: 'b' }] },
			}),
		);
		expect(hangUp.answer).toEqual({
			routing: 'hangUp',
			fields: expect.objectContaining({ routing: 'Answer' }),
		});
	});

	test('at most 50 rules', () => {
		expect(() => rules(...Array.from({ length: 51 }, () => rule({ condition: 'always' })))).toThrow(
			'At most 50 rules',
		);
	});

	test('only customer conditions and name placeholders need the lookup', () => {
		expect(
			needsCustomer(rules(rule({ condition: 'calleeIs', numbers: '+493012345600' })), elseKeep),
		).toBe(false);
		expect(needsCustomer(rules(rule({ condition: 'customerNotFound' })), elseKeep)).toBe(true);
		expect(
			needsCustomer([], {
				routing: 'keepDefault',
				variables: [{ key: 'name', value: 'Hi {firstName}' }],
			}),
		).toBe(true);
	});
});

describe('routing rules: deciding', () => {
	const list = rules(
		rule({
			name: 'VIP',
			condition: 'customerHasTag',
			tag: 'vip',
			variables: { variable: [{ key: 'name', value: '{firstName}' }] },
		}),
		rule({
			name: 'Hotline after hours',
			condition: 'outsideHours',
			days: ['mon', 'tue', 'wed', 'thu', 'fri'],
			from: '08:00',
			to: '18:00',
			routing: 'ivr',
			ivrId: 12,
		}),
		rule({ name: 'Unknown', condition: 'customerNotFound', routing: 'keepDefault' }),
	);

	test('first match wins: a VIP gets the VIP agent with the first name', () => {
		const decision = decide(list, elseKeep, facts({ customer: vip }), bound);
		expect(decision).toMatchObject({ position: 1, name: 'VIP', condition: 'customerHasTag' });
		expect(decision.answer.body).toEqual({
			CallInBound: { OverrideAIAgentId: 388, Variables: [{ Key: 'name', Value: 'Victoria' }] },
		});
	});

	test('a tag ID matches too', () => {
		const byId = rules(rule({ condition: 'customerHasTag', tag: '2' }));
		expect(decide(byId, elseKeep, facts({ customer: vip }), bound).position).toBe(1);
		expect(
			decide(byId, elseKeep, facts({ customer: { ...vip, tagIds: [3] } }), bound).position,
		).toBe(0);
	});

	test('Tuesday 11:00 in Berlin is within hours; the unknown caller falls to rule 3', () => {
		const decision = decide(list, elseKeep, facts({ customer: null }), bound);
		expect(decision).toMatchObject({ position: 3, name: 'Unknown' });
		expect(decision.answer.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
	});

	test('Tuesday 19:30 in Berlin is outside hours → the IVR', () => {
		const evening = DateTime.fromISO('2026-11-24T19:30:00', { zone: 'Europe/Berlin' }).toMillis();
		expect(decide(list, elseKeep, facts({ now: evening }), bound)).toMatchObject({
			position: 2,
			answer: { body: { CallInBound: { OverrideIvrId: 12 } } },
		});
	});

	test.each([
		['Mon 23:30', '2026-11-23T23:30:00', true],
		['Tue 05:59', '2026-11-24T05:59:00', true],
		['Tue 06:00', '2026-11-24T06:00:00', false],
		['Sat 23:30 (not a listed day)', '2026-11-28T23:30:00', false],
		['Sat 01:00 (Friday night)', '2026-11-28T01:00:00', true],
	])('hours over midnight (Mon–Fri 22:00–06:00): %s → %p', (_name, local, expected) => {
		const night = rules(
			rule({
				condition: 'withinHours',
				days: ['mon', 'tue', 'wed', 'thu', 'fri'],
				from: '22:00',
				to: '06:00',
			}),
		);
		const now = DateTime.fromISO(local, { zone: 'Europe/Berlin' }).toMillis();
		expect(decide(night, elseKeep, facts({ now }), bound).position).toBe(expected ? 1 : 0);
	});

	test('the dialled line and the caller prefix compare digits, with or without +', () => {
		const lines = rules(
			rule({ condition: 'calleeIs', numbers: '0049 30 1234 5699, +49 30 12345600' }),
		);
		expect(decide(lines, elseKeep, facts(), bound).position).toBe(1);
		expect(
			decide(
				lines,
				elseKeep,
				facts({ calleeNumber: '493012345600', calleeE164: '+493012345600' }),
				bound,
			).position,
		).toBe(1);
		expect(
			decide(
				lines,
				elseKeep,
				facts({ calleeNumber: '+493099999999', calleeE164: '+493099999999' }),
				bound,
			).position,
		).toBe(0);
		const mobile = rules(rule({ condition: 'callerStartsWith', prefixes: '+49151, +49160' }));
		expect(decide(mobile, elseKeep, facts(), bound).position).toBe(1);
		expect(
			decide(mobile, elseKeep, facts({ callerNumber: 'anonymous', callerE164: null }), bound)
				.position,
		).toBe(0);
	});

	test('no rule matches → the else answer, with placeholders filled', () => {
		const decision = decide(
			[],
			{
				routing: 'aiAgent',
				aiAgentId: 5,
				variables: [
					{ key: 'greeting', value: 'Hello {fullName} ({customerId}) from {callerNumber}' },
				],
			},
			facts({ customer: vip }),
			bound,
		);
		expect(decision).toMatchObject({ position: 0, name: 'Else', condition: 'else' });
		expect(decision.answer.body).toEqual({
			CallInBound: {
				OverrideAIAgentId: 5,
				Variables: [
					{ Key: 'greeting', Value: 'Hello Victoria Sterling (83771) from +4915112345678' },
				],
			},
		});
	});

	test('placeholders of an unknown caller are empty; unknown placeholders stay as written', () => {
		expect(fillPlaceholders('{firstName}|{lastName}|{nickname}', facts())).toBe('||{nickname}');
	});
});
