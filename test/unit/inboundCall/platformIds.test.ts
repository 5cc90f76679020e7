import type { IDataObject, INodeParameters, INodeTypeDescription } from 'n8n-workflow';

import { Enneo } from '../../../nodes/Enneo/Enneo.node';
import { makeContext } from '../../harness/runNode';
import { shownProperties, shownProperty } from '../../harness/display';
import { EnneoTrigger } from '../../../nodes/EnneoTrigger/EnneoTrigger.node';

/**
 * The IDs in a CallInBound answer belong to the telephony platform (docs/enneo-api-notes.md#callinbound),
 * not to Enneo: version 2 of the node takes them as plain numbers and Respond needs no Enneo
 * credential. Version 1 workflows keep loading and answering as before.
 */
const description = new Enneo().description;
const trigger = { sessionId: 'session-p', boundAiAgentId: 123, boundIvrId: null };

async function respond(parameters: IDataObject, typeVersion: number) {
	const sent: unknown[] = [];
	const context = makeContext(
		{
			parameters: { resource: 'inboundCall', operation: 'respond', ...parameters },
			items: [{ json: {} }],
			credentials: { instanceUrl: 'http://127.0.0.1:1', apiKey: 'unused' },
			typeVersion,
			trigger: { name: 'Call', typeVersion: 2, item: trigger },
		},
		[],
		sent,
	);
	Object.assign(context, {
		// Respond must never ask for the Enneo credential.
		getCredentials: async () => {
			throw new Error('Respond asked for a credential');
		},
	});
	const output = (await new Enneo().execute.call(context))[0];
	return { output, sent };
}

const aiAgentFields = (version: number) => [
	shownProperty(
		description,
		'aiAgentId',
		{ resource: 'inboundCall', operation: 'respond', routing: 'aiAgent' },
		version,
	),
];

describe("Inbound Call → Respond takes the telephony platform's IDs", () => {
	test('versions 1 and 2 stay available for saved workflows', () => {
		expect(description.version).toEqual([1, 2, 3, 4]);
		expect(description.defaultVersion).toBe(4);
	});

	test('version 3 keeps the plain number of version 2', () => {
		expect(aiAgentFields(3)).toEqual(aiAgentFields(2));
	});

	test('version 2: the AI agent is a plain number pointing to the platform console, no Enneo dropdown', () => {
		const [field] = aiAgentFields(2);
		expect(field).toMatchObject({ type: 'number', displayName: 'AI Agent ID' });
		expect(field.typeOptions?.loadOptionsMethod).toBeUndefined();
		expect(field.description).toContain("platform's console");
		expect(field.hint).toContain('boundAiAgentId');
	});

	test('version 1 keeps its field (saved values load unchanged)', () => {
		const [field] = aiAgentFields(1);
		expect(field).toMatchObject({
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getAiAgents' },
		});
	});

	test('the Enneo API credential is not asked for by Inbound Call operations', () => {
		expect(description.credentials).toEqual([
			{ name: 'enneoApi', required: true, displayOptions: { hide: { resource: ['inboundCall'] } } },
		]);
	});

	test.each([
		[2, 388],
		[2, '388'],
		[1, '388'],
	])(
		'version %p answers with the platform ID %p as OverrideAIAgentId, without any credential',
		async (typeVersion, aiAgentId) => {
			const { sent } = await respond(
				{
					routing: 'aiAgent',
					aiAgentId,
					variables: { variable: [{ key: 'name', value: 'Victoria' }] },
				},
				typeVersion,
			);
			expect(sent[0]).toMatchObject({
				body: {
					CallInBound: { OverrideAIAgentId: 388, Variables: [{ Key: 'name', Value: 'Victoria' }] },
				},
			});
		},
	);
});

describe('the editor says when an AI Agent ID or IVR ID is missing (n8n checks required numbers only for being set)', () => {
	const respondValues = (values: INodeParameters) => ({
		resource: 'inboundCall',
		operation: 'respond',
		...values,
	});
	const shownNames = (d: INodeTypeDescription, values: INodeParameters, version: number) =>
		shownProperties(d, values, version).map((p) => p.name);

	test.each([
		['aiAgentId', { routing: 'aiAgent', aiAgentId: 0 }, true],
		['aiAgentId', { routing: 'aiAgent', aiAgentId: -1 }, true],
		['aiAgentId', { routing: 'aiAgent', aiAgentId: 388 }, false],
		['ivrId', { routing: 'ivr', ivrId: 0 }, true],
		['ivrId', { routing: 'ivr', ivrId: 12 }, false],
	])('Respond: %s %j → notice %s', (name, values, shown) => {
		expect(shownNames(description, respondValues(values), 3).includes(`${name}Missing`)).toBe(
			shown,
		);
	});

	test('the notice names the field as the editor shows it', () => {
		const notice = shownProperty(
			description,
			'aiAgentIdMissing',
			respondValues({ routing: 'aiAgent', aiAgentId: 0 }),
			3,
		);
		expect(notice.displayName).toMatch(/^Enter the AI Agent ID: /);
	});

	test.each([
		[{ fallbackRouting: 'aiAgent', fallbackAiAgentId: 0 }, 'fallbackAiAgentIdMissing', true],
		[{ fallbackRouting: 'aiAgent', fallbackAiAgentId: 7 }, 'fallbackAiAgentIdMissing', false],
		[{ fallbackRouting: 'ivr', fallbackIvrId: 0 }, 'fallbackIvrIdMissing', true],
	])("the trigger's fallback %j → %s shown: %s", (values, name, shown) => {
		const trigger = new EnneoTrigger().description;
		expect(shownNames(trigger, values, 2).includes(name)).toBe(shown);
	});
});
