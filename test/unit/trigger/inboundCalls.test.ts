import { keepDefaultAnswer } from '../../../nodes/inboundCall/answer';
import { InboundCallRegistry } from '../../../nodes/inboundCall/inboundCalls';

const bound = { boundAiAgentId: 123, boundIvrId: null };
const answer = { body: { CallInBound: { OverrideAIAgentId: 388 } }, kind: 'aiAgent' as const };
const fallback = keepDefaultAnswer(bound);

function clock(start = 1_000_000) {
	let now = start;
	return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('per-process call registry', () => {
	test('a second delivery of a SessionId is a retry of the same call', () => {
		const registry = new InboundCallRegistry();
		const first = registry.register('wf|live|s1', 's1', bound);
		const second = registry.register('wf|live|s1', 's1', bound);
		expect(first.isNew).toBe(true);
		expect(second.isNew).toBe(false);
		expect(second.record).toBe(first.record);
		expect(second.record.deliveries).toBe(2);
	});

	test('test-URL runs and live runs of one workflow are different calls', () => {
		expect(InboundCallRegistry.key('wf', 'manual', 's')).not.toBe(
			InboundCallRegistry.key('wf', 'webhook', 's'),
		);
	});

	test('the first decision wins and reaches every delivery; later ones are reported', () => {
		const registry = new InboundCallRegistry();
		const { record } = registry.register('k', 's', bound);
		const heard: unknown[] = [];
		registry.onDecision(record, (d) => heard.push(['first', d.body]));
		expect(registry.decide('k', answer, 'workflow').status).toBe('sent');
		registry.onDecision(record, (d) => heard.push(['retry', d.body]));
		expect(registry.decide('k', answer, 'workflow').status).toBe('duplicate');
		expect(registry.decide('k', fallback, 'fallback').status).toBe('duplicate');
		expect(heard).toEqual([
			['first', answer.body],
			['retry', answer.body],
		]);
		expect(record.lateDecisions).toBe(2);
	});

	test('a workflow answer after the fallback is dropped late', () => {
		const registry = new InboundCallRegistry();
		registry.register('k', 's', bound);
		registry.decide('k', fallback, 'fallback', 'deadline');
		const late = registry.decide('k', answer, 'workflow');
		expect(late).toMatchObject({
			status: 'dropped-late',
			decision: { source: 'fallback', reason: 'deadline', body: fallback.body },
		});
	});

	test('the scheduled fallback decides only if nothing else did', async () => {
		const registry = new InboundCallRegistry();
		registry.register('a', 's', bound);
		registry.register('b', 's', bound);
		registry.decide('b', answer, 'workflow');
		const [a, b] = await Promise.all([
			registry.scheduleFallback('a', 20, fallback),
			registry.scheduleFallback('b', 20, fallback),
		]);
		expect(a).toMatchObject({
			status: 'sent',
			decision: { source: 'fallback', reason: 'deadline' },
		});
		expect(b.status).toBe('duplicate');
	});

	test('an unknown call is reported as such', () => {
		expect(new InboundCallRegistry().decide('nope', answer, 'workflow')).toEqual({
			status: 'unknown-call',
		});
	});

	test('decided calls are forgotten after the TTL; undecided ones are kept', () => {
		const time = clock();
		const registry = new InboundCallRegistry({ ttlMs: 1000, now: time.now });
		registry.register('old', 's1', bound);
		registry.decide('old', answer, 'workflow');
		registry.register('pending', 's2', bound);
		time.advance(1500);
		registry.register('new', 's3', bound);
		expect(registry.get('old')).toBeUndefined();
		expect(registry.get('pending')).toBeDefined();
		expect(registry.register('old', 's1', bound).isNew).toBe(true);
	});

	test('the number of remembered calls is capped, forgetting the oldest decided ones first', () => {
		const registry = new InboundCallRegistry({ maxRecords: 3 });
		registry.register('pending', 'p', bound);
		for (const key of ['a', 'b', 'c', 'd']) {
			registry.register(key, key, bound);
			registry.decide(key, answer, 'workflow');
		}
		expect(registry.size).toBeLessThanOrEqual(3);
		expect(registry.get('pending')).toBeDefined();
		expect(registry.get('d')).toBeDefined();
		expect(registry.get('a')).toBeUndefined();
	});
});
