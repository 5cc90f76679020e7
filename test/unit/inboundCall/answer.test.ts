import {
	AnswerRuleError,
	buildAnswer,
	buildVariables,
	checkAnswerBody,
	keepDefaultAnswer,
	NOTHING_BOUND_NOTE,
} from '../../../nodes/inboundCall/answer';

const agentBound = { boundAiAgentId: 123, boundIvrId: null };
const ivrBound = { boundAiAgentId: null, boundIvrId: 77 };
const nothingBound = { boundAiAgentId: null, boundIvrId: null };

function ruleError(fn: () => unknown): AnswerRuleError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(AnswerRuleError);
		return error as AnswerRuleError;
	}
	throw new Error('expected an AnswerRuleError');
}

describe('answer builder', () => {
	test('Route to AI Agent sends OverrideAIAgentId and the variables as strings', () => {
		const built = buildAnswer(
			{
				routing: 'aiAgent',
				aiAgentId: '388',
				variables: [
					{ key: 'name', value: 'Xiao Ming' },
					{ key: 'vip', value: true as unknown as string },
					{ key: 'score', value: 7 as unknown as string },
				],
			},
			agentBound,
		);
		expect(built).toEqual({
			kind: 'aiAgent',
			body: {
				CallInBound: {
					OverrideAIAgentId: 388,
					Variables: [
						{ Key: 'name', Value: 'Xiao Ming' },
						{ Key: 'vip', Value: 'true' },
						{ Key: 'score', Value: '7' },
					],
				},
			},
		});
	});

	test('Route to IVR sends OverrideIvrId only', () => {
		expect(buildAnswer({ routing: 'ivr', ivrId: 5 }, agentBound).body).toEqual({
			CallInBound: { OverrideIvrId: 5 },
		});
	});

	test.each([[0], [-1], [1.5], ['abc'], [''], [undefined]])(
		'an AI agent ID of %p is refused naming the field',
		(id) => {
			const error = ruleError(() => buildAnswer({ routing: 'aiAgent', aiAgentId: id }, agentBound));
			expect(error.field).toBe('AI Agent ID');
			expect(error.message).toContain('"AI Agent ID" must be a positive whole number');
		},
	);

	test('an IVR ID of 0 is refused naming the field', () => {
		expect(ruleError(() => buildAnswer({ routing: 'ivr', ivrId: 0 }, agentBound)).field).toBe(
			'IVR ID',
		);
	});

	test('Keep Default Routing names the bound AI agent explicitly, so the answer is never empty', () => {
		expect(buildAnswer({ routing: 'keepDefault' }, agentBound).body).toEqual({
			CallInBound: { OverrideAIAgentId: 123 },
		});
		expect(buildAnswer({ routing: 'keepDefault' }, ivrBound).body).toEqual({
			CallInBound: { OverrideIvrId: 77 },
		});
	});

	test('Keep Default Routing prefers the AI agent when both an agent and an IVR are bound', () => {
		expect(keepDefaultAnswer({ boundAiAgentId: 1, boundIvrId: 2 }).body).toEqual({
			CallInBound: { OverrideAIAgentId: 1 },
		});
	});

	test('Keep Default Routing with nothing bound sends no override but a non-empty CallInBound, with a note', () => {
		const built = buildAnswer({ routing: 'keepDefault' }, nothingBound);
		expect(built.body).toEqual({ CallInBound: { Variables: [] } });
		expect(Object.keys(built.body.CallInBound)).not.toHaveLength(0);
		expect(built.note).toBe(NOTHING_BOUND_NOTE);
	});

	test('Keep Default Routing keeps the variables', () => {
		expect(
			buildAnswer({ routing: 'keepDefault', variables: [{ key: 'name', value: 'Ada' }] }, ivrBound)
				.body,
		).toEqual({
			CallInBound: { OverrideIvrId: 77, Variables: [{ Key: 'name', Value: 'Ada' }] },
		});
	});

	test('Hang Up is the one choice that sends an empty CallInBound', () => {
		expect(buildAnswer({ routing: 'hangUp' }, agentBound)).toEqual({
			kind: 'hangUp',
			body: { CallInBound: {} },
		});
		for (const routing of ['aiAgent', 'ivr', 'keepDefault']) {
			const built = buildAnswer({ routing, aiAgentId: 1, ivrId: 1 }, nothingBound);
			expect(Object.keys(built.body.CallInBound).length).toBeGreaterThan(0);
		}
	});

	test('Hang Up with variables is refused', () => {
		expect(
			ruleError(() =>
				buildAnswer({ routing: 'hangUp', variables: [{ key: 'a', value: 'b' }] }, agentBound),
			).field,
		).toBe('Variables');
	});

	test('an unknown routing is refused', () => {
		expect(ruleError(() => buildAnswer({ routing: 'transfer' }, agentBound)).field).toBe('Routing');
	});
});

describe('variables', () => {
	test('keys are trimmed and values become strings (objects as JSON, null as empty)', () => {
		expect(
			buildVariables([
				{ key: ' name ', value: 'Ada' },
				{ key: 'data', value: { a: 1 } },
				{ key: 'none', value: null },
			]),
		).toEqual([
			{ Key: 'name', Value: 'Ada' },
			{ Key: 'data', Value: '{"a":1}' },
			{ Key: 'none', Value: '' },
		]);
	});

	test('an empty key is refused, naming its position', () => {
		expect(
			ruleError(() =>
				buildVariables([
					{ key: 'a', value: '1' },
					{ key: '  ', value: '2' },
				]),
			).message,
		).toBe('Variable 2 has an empty Key');
	});

	test('a duplicate key is refused', () => {
		expect(
			ruleError(() =>
				buildVariables([
					{ key: 'name', value: '1' },
					{ key: 'name', value: '2' },
				]),
			).message,
		).toContain('"name" is used more than once');
	});
});

describe('checking a ready-made answer (last node, relayed answer)', () => {
	test('a valid answer is normalised', () => {
		const checked = checkAnswerBody({
			CallInBound: { OverrideAIAgentId: '9', Variables: [{ Key: 'n', Value: 3 }] },
			other: 'ignored',
		});
		expect(checked).toEqual({
			ok: true,
			answer: {
				kind: 'aiAgent',
				body: { CallInBound: { OverrideAIAgentId: 9, Variables: [{ Key: 'n', Value: '3' }] } },
			},
		});
	});

	test.each([
		[undefined, 'not a JSON object'],
		[{ message: 'Workflow executed successfully' }, 'no "CallInBound" object'],
		[
			{ CallInBound: { OverrideAIAgentId: 1, OverrideIvrId: 2 } },
			'only one of OverrideAIAgentId and OverrideIvrId',
		],
		[{ CallInBound: { OverideAIAgentId: 1 } }, 'unknown fields: OverideAIAgentId'],
		[{ CallInBound: { OverrideIvrId: 0 } }, 'positive whole number'],
		[{ CallInBound: { Variables: 'x' } }, '"Variables" must be a list'],
		[{ CallInBound: { Variables: [{ Key: 'a' }, { Key: 'a' }] } }, 'more than once'],
		[{ CallInBound: {} }, 'an empty "CallInBound" hangs up'],
	])('%j is refused (%s)', (body, reason) => {
		const checked = checkAnswerBody(body);
		expect(checked.ok).toBe(false);
		expect(checked.ok ? '' : checked.reason).toContain(reason);
	});

	test('an empty CallInBound passes only when Hang Up was chosen', () => {
		expect(checkAnswerBody({ CallInBound: {} }, true)).toEqual({
			ok: true,
			answer: { kind: 'hangUp', body: { CallInBound: {} } },
		});
	});
});
