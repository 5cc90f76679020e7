/**
 * A rule condition that reads the customer must declare needsCustomer, or the trigger would skip
 * the lookup for it and the rule would silently never match.
 */
import type {
	CallFacts,
	RoutingRule,
	RuleCondition,
} from '../../../nodes/EnneoTrigger/rules/routingRules';
import { matches, RULE_CONDITIONS } from '../../../nodes/EnneoTrigger/rules/routingRules';

const window = { days: [0, 1, 2, 3, 4, 5, 6], fromMinute: 0, toMinute: 1440, zone: 'utc' };

function ruleOf(condition: RuleCondition): RoutingRule {
	return {
		position: 1,
		name: condition,
		condition,
		tag: { name: 'vip' },
		numbers: ['+4930123456'],
		prefixes: ['49'],
		window,
		answer: { routing: 'keepDefault' } as RoutingRule['answer'],
	};
}

/** Call facts that record whether `customer` was read. */
function watchedFacts(): { facts: CallFacts; readCustomer: () => boolean } {
	let read = false;
	const base: CallFacts = {
		callerNumber: '+4915112345678',
		callerE164: '+4915112345678',
		calleeNumber: '+4930123456',
		calleeE164: '+4930123456',
		now: Date.UTC(2026, 11, 3, 12),
	};
	const facts = new Proxy(base, {
		get(target, key) {
			if (key === 'customer') read = true;
			return Reflect.get(target, key) as unknown;
		},
	});
	return { facts, readCustomer: () => read };
}

/** The conditions that read the customer when evaluated. */
function conditionsReadingCustomer(conditions: RuleCondition[]): RuleCondition[] {
	return conditions.filter((condition) => {
		const { facts, readCustomer } = watchedFacts();
		matches(ruleOf(condition), facts);
		return readCustomer();
	});
}

const all = Object.keys(RULE_CONDITIONS) as RuleCondition[];

test('every condition that reads the customer declares needsCustomer, and only those', () => {
	const declared = all.filter((condition) => RULE_CONDITIONS[condition].needsCustomer);
	expect(conditionsReadingCustomer(all).sort()).toEqual(declared.sort());
	expect(declared).toEqual(
		expect.arrayContaining(['customerHasTag', 'customerFound', 'customerNotFound']),
	);
});

test('the check fails for a customer condition whose flag was forgotten', () => {
	const forgotten = { ...RULE_CONDITIONS, customerHasTag: { needsCustomer: false } };
	const declared = all.filter((condition) => forgotten[condition].needsCustomer);
	expect(conditionsReadingCustomer(all).sort()).not.toEqual(declared.sort());
});
