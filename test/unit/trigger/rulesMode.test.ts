import type { IHookFunctions, INode, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { EnneoTrigger } from '../../../nodes/EnneoTrigger/EnneoTrigger.node';
import { callerCache } from '../../../nodes/EnneoTrigger/rules/callerLookup';
import { DEMO } from '../../fake-enneo/demoData';
import { useFakeEnneo } from '../../harness/fakeServer';
import { callEvent, post, sleep, useTriggerServers } from './webhookHarness';

/**
 * "Respond: Using Routing Rules": the trigger looks the caller up in the fake Enneo (over real
 * HTTP), decides by its rules and answers inside the request; the run starts afterwards with the
 * call, the customer, the rule and the answer.
 */
const enneo = useFakeEnneo();
let credential = 0;

const vipRules = {
	responseMode: 'rules',
	rules: {
		rule: [
			{
				name: 'VIP',
				condition: 'customerHasTag',
				tag: 'VIP',
				routing: 'aiAgent',
				aiAgentId: 388,
				variables: { variable: [{ key: 'name', value: '{firstName}' }] },
			},
			{
				name: 'Hotline',
				condition: 'calleeIs',
				numbers: '+49 30 12345699',
				routing: 'ivr',
				ivrId: 12,
			},
		],
	},
	elseRouting: 'keepDefault',
	options: { defaultCountryCode: '49' },
};

const startServer = useTriggerServers();
const server = (parameters: Record<string, unknown>) =>
	startServer({
		parameters,
		enneo: { ...enneo.credentials, credentialId: `cred-${++credential}` },
		timezone: 'Europe/Berlin',
	});

beforeEach(() => callerCache.clear());

describe('Enneo Trigger: Using Routing Rules', () => {
	test('a VIP (phone stored as digits) is answered with the VIP agent and first name before any run; the run gets everything', async () => {
		const s = await server(vipRules);
		const reply = await post(s.url, callEvent({ Caller: DEMO.vipPhone }));
		expect(reply.status).toBe(200);
		expect(reply.body).toEqual({
			CallInBound: { OverrideAIAgentId: 388, Variables: [{ Key: 'name', Value: 'Victoria' }] },
		});
		expect(enneo.fake.received('GET', '/customer/search').map((r) => r.query.q)).toEqual([
			DEMO.vipPhone.slice(1),
		]);
		// The run starts only after the answer: n8n never writes to this request.
		expect(s.results[0].noWebhookResponse).toBe(true);
		expect(s.runs[0].item).toMatchObject({
			callerE164: DEMO.vipPhone,
			responseMode: 'rules',
			customer: { id: DEMO.vipCustomerId, fullName: 'Victoria Sterling', tagNames: ['VIP'] },
			routing: {
				rule: { position: 1, name: 'VIP', condition: 'customerHasTag' },
				answer: reply.body,
				kind: 'aiAgent',
			},
			lookup: {
				status: 'found',
				cached: false,
				requests: 1,
				matchedPhone: { form: 'digits', query: DEMO.vipPhone.slice(1) },
			},
		});
	});

	test('a known non-VIP calling the hotline line gets the IVR; an unknown caller the else answer', async () => {
		const s = await server(vipRules);
		expect(
			(await post(s.url, callEvent({ Caller: DEMO.regularPhone, Callee: '+493012345699' }))).body,
		).toEqual({ CallInBound: { OverrideIvrId: 12 } });
		const unknown = await post(s.url, callEvent({ Caller: '+4940999999' }));
		expect(unknown.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		expect(s.runs[1].item).toMatchObject({
			customer: null,
			routing: { rule: { position: 0, name: 'Else' } },
			lookup: { status: 'notFound', requests: 3 },
		});
	});

	test('an anonymous caller needs no lookup request and is answered at once', async () => {
		const s = await server({
			...vipRules,
			rules: {
				rule: [
					...vipRules.rules.rule,
					{ name: 'Withheld', condition: 'customerNotFound', routing: 'ivr', ivrId: 7 },
				],
			},
		});
		const reply = await post(s.url, callEvent({ Caller: 'anonymous' }));
		expect(reply.body).toEqual({ CallInBound: { OverrideIvrId: 7 } });
		expect(enneo.fake.received()).toHaveLength(0);
		expect(s.runs[0].item).toMatchObject({
			callerNumber: 'anonymous',
			routing: { rule: { name: 'Withheld' } },
			lookup: { status: 'noNumber' },
		});
	});

	test('a burst of 30 simultaneous calls from one number costs one lookup', async () => {
		const s = await server(vipRules);
		const replies = await Promise.all(
			Array.from({ length: 30 }, () => post(s.url, callEvent({ Caller: DEMO.vipPhone }))),
		);
		for (const reply of replies)
			expect(reply.body).toEqual({
				CallInBound: { OverrideAIAgentId: 388, Variables: [{ Key: 'name', Value: 'Victoria' }] },
			});
		expect(enneo.fake.received('GET', '/customer/search')).toHaveLength(1);
		// Later calls within the cache time are answered from the cache.
		await post(s.url, callEvent({ Caller: DEMO.vipPhone }));
		expect(enneo.fake.received('GET', '/customer/search')).toHaveLength(1);
		expect(s.runs.at(-1)!.item).toMatchObject({
			lookup: { status: 'found', cached: true, requests: 0 },
		});
	});

	test('with the cache off every call asks Enneo', async () => {
		const s = await server({
			...vipRules,
			options: { defaultCountryCode: '49', callerCacheSeconds: 0 },
		});
		await post(s.url, callEvent({ Caller: DEMO.vipPhone }));
		await post(s.url, callEvent({ Caller: DEMO.vipPhone }));
		expect(enneo.fake.received('GET', '/customer/search')).toHaveLength(2);
	});

	test('a hung Enneo: the Fallback Answer at the lookup timeout, recorded in the output', async () => {
		enneo.fake.fail({ path: '/customer/search', hang: true, times: Infinity });
		const s = await server({
			...vipRules,
			fallbackRouting: 'ivr',
			fallbackIvrId: 99,
			options: { defaultCountryCode: '49', lookupTimeoutMs: 300 },
		});
		const reply = await post(s.url, callEvent({ Caller: DEMO.vipPhone }));
		expect(reply.body).toEqual({ CallInBound: { OverrideIvrId: 99 } });
		expect(reply.ms).toBeGreaterThanOrEqual(280);
		expect(reply.ms).toBeLessThan(1000);
		expect(s.runs[0].item).toMatchObject({
			routing: { rule: null, reason: 'lookupTimeout' },
			lookup: { status: 'timeout' },
		});
	});

	test('the lookup never runs past the Answer Deadline', async () => {
		enneo.fake.fail({ path: '/customer/search', delayMs: 3000, times: Infinity });
		const s = await server({
			...vipRules,
			answerDeadlineMs: 500,
			options: { defaultCountryCode: '49', lookupTimeoutMs: 4000 },
		});
		const reply = await post(s.url, callEvent({ Caller: DEMO.vipPhone }));
		expect(reply.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		expect(reply.ms).toBeLessThan(600);
	});

	test('Enneo failing (500, 401) gives the fallback at once, without retries', async () => {
		enneo.fake.fail({ path: '/customer/search', status: 503, times: Infinity });
		const s = await server(vipRules);
		const reply = await post(s.url, callEvent({ Caller: DEMO.vipPhone }));
		expect(reply.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		expect(reply.ms).toBeLessThan(500);
		expect(enneo.fake.received('GET', '/customer/search')).toHaveLength(1);
		expect(s.runs[0].item).toMatchObject({
			routing: { reason: 'lookupFailed' },
			lookup: { status: 'failed', error: expect.stringContaining('503') },
		});
	});

	test('rules that need no customer make no lookup', async () => {
		const s = await server({
			responseMode: 'rules',
			rules: {
				rule: [{ condition: 'callerStartsWith', prefixes: '+49151', routing: 'ivr', ivrId: 3 }],
			},
			elseRouting: 'keepDefault',
			options: { defaultCountryCode: '49' },
		});
		expect((await post(s.url, callEvent({ Caller: DEMO.vipPhone }))).body).toEqual({
			CallInBound: { OverrideIvrId: 3 },
		});
		expect(enneo.fake.received()).toHaveLength(0);
		expect(s.runs[0].item).toMatchObject({ lookup: { status: 'skipped' } });
	});

	test('broken rules: activation fails naming the rule; at ring time the fallback answers', async () => {
		const broken = {
			...vipRules,
			rules: {
				rule: [
					{
						name: 'VIP',
						condition: 'customerHasTag',
						tag: 'VIP',
						routing: 'aiAgent',
						aiAgentId: 0,
					},
				],
			},
		};
		const hook = {
			getNodeParameter: (name: string, fallback: unknown) =>
				name in broken ? (broken as Record<string, unknown>)[name] : fallback,
			getTimezone: () => 'UTC',
			getNode: () => ({ name: 'Enneo Trigger', parameters: broken }),
			getChildNodes: () => [],
			getActivationMode: () => 'activate',
		} as unknown as IHookFunctions;
		// n8n runs create only when checkExists answers false (WebhookService.createWebhookIfNotExists).
		expect(await new EnneoTrigger().webhookMethods.default.checkExists.call(hook)).toBe(false);
		await expect(new EnneoTrigger().webhookMethods.default.create.call(hook)).rejects.toThrow(
			'Routing rules: Rule 1 ("VIP"): "AI Agent ID" must be a positive whole number',
		);
		const s = await server(broken);
		expect((await post(s.url, callEvent({ Caller: DEMO.vipPhone }))).body).toEqual({
			CallInBound: { OverrideAIAgentId: 123 },
		});
		expect(s.runs[0].item).toMatchObject({
			routing: { reason: expect.stringContaining('invalidRules') },
		});
	});

	test('retries of the call get the same answer and start no second run', async () => {
		const s = await server(vipRules);
		const event = callEvent({ Caller: DEMO.vipPhone });
		const first = await post(s.url, event);
		const retry = await post(s.url, event);
		await sleep(20);
		expect(retry.body).toEqual(first.body);
		expect(s.runs).toHaveLength(1);
	});

	test("the rules come out of n8n's own parameter resolution (as the editor saves them) unchanged", () => {
		const trigger = new EnneoTrigger();
		const node = {
			id: '1',
			name: 'Enneo Trigger',
			type: 'n8n-nodes-enneo.enneoTrigger',
			typeVersion: 2,
			position: [0, 0],
			parameters: vipRules,
		} as unknown as INode;
		const resolved = NodeHelpers.getNodeParameters(
			trigger.description.properties,
			vipRules as unknown as INodeParameters,
			true,
			false,
			node,
			trigger.description,
		)!;
		expect(resolved.rules).toEqual({
			rule: vipRules.rules.rule.map((rule) => expect.objectContaining(rule)),
		});
		expect(resolved.elseRouting).toBe('keepDefault');
	});

	test('with Start a Run After Answering off the trigger only routes: the answer, no run', async () => {
		const s = await server({
			...vipRules,
			options: { ...vipRules.options, runAfterAnswer: false },
		});
		const reply = await post(s.url, callEvent({ Caller: DEMO.vipPhone }));
		expect(reply.body).toEqual({
			CallInBound: { OverrideAIAgentId: 388, Variables: [{ Key: 'name', Value: 'Victoria' }] },
		});
		expect(s.runs).toHaveLength(0);
		expect(s.results[0]).toEqual({ noWebhookResponse: true });
	});
});
