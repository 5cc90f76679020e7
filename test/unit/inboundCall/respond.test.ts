import type { IDataObject } from 'n8n-workflow';

import { Enneo } from '../../../nodes/Enneo/Enneo.node';
import { makeContext } from '../../harness/runNode';

/** The Respond operation outside a triggered run: its own rules, before anything is sent. */
async function run(
	parameters: IDataObject,
	options: { trigger?: IDataObject; continueOnFail?: boolean } = {},
) {
	const sent: unknown[] = [];
	const base = makeContext(
		{
			parameters: { resource: 'inboundCall', operation: 'respond', ...parameters },
			items: [{ json: { a: 1 } }, { json: { a: 2 } }],
			credentials: { instanceUrl: 'http://127.0.0.1:1', apiKey: 'unused' },
			continueOnFail: options.continueOnFail,
			trigger: options.trigger && { name: 'Call', item: options.trigger },
		},
		[],
		sent,
	);
	const output = (await new Enneo().execute.call(base))[0];
	return { output, sent };
}

const trigger = { sessionId: 'session-x', boundAiAgentId: 5, boundIvrId: null };

describe('Inbound Call → Respond', () => {
	test('without an Enneo Trigger before it and no Session ID it fails naming the fix', async () => {
		await expect(run({ routing: 'keepDefault' })).rejects.toThrow(
			'No inbound call to answer [item 0]',
		);
	});

	test('a missing AI agent ID fails naming the field and the item', async () => {
		await expect(run({ routing: 'aiAgent', aiAgentId: '' }, { trigger })).rejects.toThrow(
			'"AI Agent ID" must be a positive whole number, got "" [item 0]',
		);
	});

	test('an IVR ID of 0 fails naming the field', async () => {
		await expect(run({ routing: 'ivr', ivrId: 0 }, { trigger })).rejects.toThrow(
			'"IVR ID" must be a positive whole number, got 0 [item 0]',
		);
	});

	test('with Continue On Fail each item reports the broken rule and nothing is sent', async () => {
		const { output, sent } = await run(
			{ routing: 'keepDefault', variables: { variable: [{ key: '', value: 'x' }] } },
			{ trigger, continueOnFail: true },
		);
		expect(output.map((item) => item.json.error)).toEqual([
			'Variable 1 has an empty Key [item 0]',
			'Variable 1 has an empty Key [item 1]',
		]);
		expect(sent).toEqual([]);
	});

	test('a call this process does not hold (manual run, queue worker) is handed to n8n and reported as relayed', async () => {
		const { output, sent } = await run({ routing: 'keepDefault' }, { trigger });
		expect(output[0].json).toEqual({
			a: 1,
			inboundCallAnswer: {
				sessionId: 'session-x',
				status: 'relayed',
				routing: 'keepDefault',
				answer: { CallInBound: { OverrideAIAgentId: 5 } },
			},
		});
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(sent[0]).toEqual({
			body: { CallInBound: { OverrideAIAgentId: 5 } },
			headers: { 'x-enneo-inbound-answer': 'keepDefault' },
			statusCode: 200,
		});
	});

	test('the Session ID option names the call when no trigger is connected', async () => {
		const { output } = await run({ routing: 'ivr', ivrId: 3, options: { sessionId: 'abc' } });
		expect(output[0].json.inboundCallAnswer).toMatchObject({
			sessionId: 'abc',
			status: 'relayed',
			answer: { CallInBound: { OverrideIvrId: 3 } },
		});
	});
});
