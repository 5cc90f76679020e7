/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- fixture keys for the fake Enneo, not secrets */
import type { StartedRun } from './webhookHarness';
import { callEvent, post, respond, sleep, useTriggerServers } from './webhookHarness';
import { callEventItem } from '../../harness/inboundCall';

const SECRET = 'c0ffee0123456789abcdef42';
const server = useTriggerServers();

describe('Enneo Trigger webhook over real HTTP', () => {
	test('one execution per call with the normalised call as its item', async () => {
		const s = await server({ parameters: { answerDeadlineMs: 100 } });
		const event = callEvent();
		const reply = post(s.url, event);
		await sleep(50);
		expect(s.runs).toHaveLength(1);
		expect(s.runs[0].item).toMatchObject({
			sessionId: event.SessionId,
			sdkAppId: 1400692008,
			...callEventItem,
			responseMode: 'action',
			body: event,
		});
		await reply;
	});

	test.each([
		[
			'Route to AI Agent with variables',
			{
				routing: 'aiAgent',
				aiAgentId: 388,
				variables: { variable: [{ key: 'name', value: 'Xiao Ming' }] },
			},
			{ CallInBound: { OverrideAIAgentId: 388, Variables: [{ Key: 'name', Value: 'Xiao Ming' }] } },
		],
		['Route to IVR', { routing: 'ivr', ivrId: 12 }, { CallInBound: { OverrideIvrId: 12 } }],
		[
			'Keep Default Routing',
			{ routing: 'keepDefault' },
			{ CallInBound: { OverrideAIAgentId: 123 } },
		],
		['Hang Up', { routing: 'hangUp' }, { CallInBound: {} }],
	])('the Respond action answers the caller: %s', async (_name, parameters, expected) => {
		let output: unknown;
		const s = await server({
			onExecution: async (run) => {
				output = (await respond(run, parameters)).output;
				// n8n writes at the end of the run; the guard keeps it away from the answered caller.
				run.n8nWrites(200, undefined);
			},
		});
		const reply = await post(s.url, callEvent());
		expect(reply.status).toBe(200);
		expect(reply.body).toEqual(expected);
		expect(reply.headers.get('content-type')).toContain('application/json');
		expect(output).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({
					inboundCallAnswer: expect.objectContaining({ status: 'sent', answer: expected }),
				}),
			}),
		]);
	});

	test('the action passes its input item through and the workflow goes on after the caller has the answer', async () => {
		let answeredAt = 0;
		let finishedAt = 0;
		let output: unknown;
		const s = await server({
			onExecution: async (run) => {
				output = (
					await respond(run, { routing: 'ivr', ivrId: 3 }, [
						{ json: { ...run.item, customer: 'Ada' } },
					])
				).output;
				answeredAt = Date.now();
				await sleep(1000);
				finishedAt = Date.now();
				run.n8nWrites(200, undefined);
			},
		});
		const reply = await post(s.url, callEvent());
		const received = Date.now();
		expect(reply.body).toEqual({ CallInBound: { OverrideIvrId: 3 } });
		expect(received).toBeLessThan(answeredAt + 500);
		await sleep(1100);
		expect(finishedAt).toBeGreaterThan(received);
		expect(output).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({
					customer: 'Ada',
					inboundCallAnswer: expect.objectContaining({ status: 'sent' }),
				}),
			}),
		]);
	});

	test('a broken answering rule fails the action before anything is sent; the caller gets the fallback at once', async () => {
		let failure: Error | undefined;
		const s = await server({
			parameters: { answerDeadlineMs: 3000 },
			onExecution: async (run) => {
				try {
					await respond(run, {
						routing: 'keepDefault',
						variables: {
							variable: [
								{ key: 'a', value: '1' },
								{ key: 'a', value: '2' },
							],
						},
					});
				} catch (error) {
					failure = error as Error;
					// n8n's answer for a failed run in responseNode mode (webhook-helpers.ts).
					run.n8nWrites(500, { message: 'Error in workflow' });
				}
			},
		});
		const reply = await post(s.url, callEvent());
		expect(failure?.message).toBe('Variable Key "a" is used more than once [item 0]');
		expect(reply.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		expect(reply.ms).toBeLessThan(1000);
	});

	test('a workflow that ends without answering gets the fallback as soon as it ends', async () => {
		const s = await server({
			parameters: { answerDeadlineMs: 3000 },
			onExecution: (run) =>
				run.n8nWrites(200, { message: 'Workflow executed successfully but no data was returned' }),
		});
		const reply = await post(s.url, callEvent({ AIAgentId: 0, IvrId: 55 }));
		expect(reply.body).toEqual({ CallInBound: { OverrideIvrId: 55 } });
		expect(reply.ms).toBeLessThan(1000);
	});
});

describe('n8n holds the request until an answer or the end of the run', () => {
	test('n8n keeps the request open for the answer, so an answer relayed from a queue-mode worker reaches the caller', async () => {
		const s = await server({
			onExecution: (run) =>
				run.n8nWrites(
					200,
					{ CallInBound: { OverrideIvrId: 8 } },
					{ 'X-Enneo-Inbound-Answer': 'ivr' },
				),
		});
		const reply = await post(s.url, callEvent());
		expect(s.results[0]).toEqual({
			workflowData: [[expect.objectContaining({ json: expect.any(Object) })]],
		});
		expect(reply.body).toEqual({ CallInBound: { OverrideIvrId: 8 } });
		expect(reply.ms).toBeLessThan(1000);
	});

	test("the Respond action answers the call and hands the answer to n8n too, which ends n8n's part of the request", async () => {
		let sent: unknown[] = [];
		const s = await server({
			onExecution: async (run) =>
				void ({ sent } = await respond(run, { routing: 'ivr', ivrId: 1 })),
		});
		expect((await post(s.url, callEvent())).body).toEqual({ CallInBound: { OverrideIvrId: 1 } });
		expect(sent).toEqual([
			{
				body: { CallInBound: { OverrideIvrId: 1 } },
				headers: { 'x-enneo-inbound-answer': 'ivr' },
				statusCode: 200,
			},
		]);
	});

	test.each([
		[
			'ends without answering (one process: an empty body)',
			200,
			undefined,
			'workflowFinishedWithoutAnswer',
		],
		['ends without answering (queue mode: {})', 200, {}, 'workflowFinishedWithoutAnswer'],
		['fails (one process)', 500, { message: 'Error in workflow' }, 'workflowError'],
		['fails (queue mode)', 500, { message: 'Workflow execution failed' }, 'workflowError'],
	])(
		'a run that %s gets the fallback at once, and says why',
		async (_name, status, body, reason) => {
			const s = await server({
				parameters: { answerDeadlineMs: 3000, fallbackRouting: 'ivr', fallbackIvrId: 31 },
				onExecution: async (run) => {
					await sleep(50);
					run.n8nWrites(status, body);
				},
			});
			const reply = await post(s.url, callEvent());
			expect(reply.body).toEqual({ CallInBound: { OverrideIvrId: 31 } });
			expect(reply.ms).toBeGreaterThanOrEqual(45);
			expect(reply.ms).toBeLessThan(1000);
			expect(reply.headers.get('x-enneo-answered-by')).toBe(`fallback; reason=${reason}`);
			expect(s.logs.join('\n')).toContain(
				reason === 'workflowError'
					? 'the run failed before an Inbound Call → Respond answered'
					: 'the run ended without an Inbound Call → Respond',
			);
		},
	);

	test('a run still going when n8n has written nothing gets the fallback at the deadline', async () => {
		const s = await server({ parameters: { answerDeadlineMs: 400 } });
		const reply = await post(s.url, callEvent());
		expect(reply.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		expect(reply.ms).toBeGreaterThanOrEqual(390);
		expect(reply.headers.get('x-enneo-answered-by')).toBe('fallback; reason=deadline');
	});

	test('Immediately: n8n is told to write nothing, so it is done with the request as soon as the run starts', async () => {
		const s = await server({ parameters: { responseMode: 'immediately' } });
		await post(s.url, callEvent());
		expect(s.results[0]).toEqual({
			workflowData: [[expect.objectContaining({ json: expect.any(Object) })]],
			noWebhookResponse: true,
		});
	});
});

describe('deadline fallback and late answers', () => {
	test('a slow workflow: the caller gets the fallback at the deadline; the late answer is dropped and recorded', async () => {
		let late: unknown;
		const s = await server({
			parameters: { answerDeadlineMs: 300 },
			onExecution: async (run) => {
				await sleep(1000);
				late = (await respond(run, { routing: 'aiAgent', aiAgentId: 999 })).output[0].json
					.inboundCallAnswer;
				run.n8nWrites(200, undefined);
			},
		});
		const reply = await post(s.url, callEvent());
		expect(reply.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		expect(reply.ms).toBeGreaterThanOrEqual(290);
		expect(reply.ms).toBeLessThan(900);
		await sleep(900);
		expect(late).toMatchObject({
			status: 'dropped-late',
			answer: { CallInBound: { OverrideAIAgentId: 999 } },
			sentAnswer: { CallInBound: { OverrideAIAgentId: 123 } },
			answeredBy: 'fallback',
			fallbackReason: 'deadline',
		});
	});

	test.each([
		['Hang Up', { fallbackRouting: 'hangUp' }, { CallInBound: {} }],
		[
			'Route to AI Agent',
			{ fallbackRouting: 'aiAgent', fallbackAiAgentId: 42 },
			{ CallInBound: { OverrideAIAgentId: 42 } },
		],
		[
			'Route to IVR',
			{ fallbackRouting: 'ivr', fallbackIvrId: 8 },
			{ CallInBound: { OverrideIvrId: 8 } },
		],
		[
			'Route to AI Agent without an ID (misconfigured → Keep Default Routing)',
			{ fallbackRouting: 'aiAgent', fallbackAiAgentId: 0 },
			{ CallInBound: { OverrideAIAgentId: 123 } },
		],
	])('the configured fallback is sent: %s', async (_name, parameters, expected) => {
		const s = await server({ parameters: { answerDeadlineMs: 150, ...parameters } });
		expect((await post(s.url, callEvent())).body).toEqual(expected);
	});

	test('Keep Default Routing as fallback for a number with nothing bound never hangs up by accident', async () => {
		const s = await server({ parameters: { answerDeadlineMs: 150 } });
		expect((await post(s.url, callEvent({ AIAgentId: 0, IvrId: 0 }))).body).toEqual({
			CallInBound: { Variables: [] },
		});
	});

	test('Respond Immediately answers with the fallback at once; the workflow runs anyway', async () => {
		let late: unknown;
		const s = await server({
			parameters: { responseMode: 'immediately' },
			onExecution: async (run) => {
				late = (await respond(run, { routing: 'ivr', ivrId: 1 })).output[0].json.inboundCallAnswer;
			},
		});
		const reply = await post(s.url, callEvent());
		expect(reply.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		expect(reply.ms).toBeLessThan(500);
		await sleep(50);
		expect(late).toMatchObject({ status: 'dropped-late', answeredBy: 'immediate' });
	});

	test('answering twice: the second answer is a duplicate and changes nothing', async () => {
		const outputs: unknown[] = [];
		const s = await server({
			onExecution: async (run) => {
				outputs.push(
					(await respond(run, { routing: 'ivr', ivrId: 1 })).output[0].json.inboundCallAnswer,
				);
				outputs.push((await respond(run, { routing: 'hangUp' })).output[0].json.inboundCallAnswer);
			},
		});
		expect((await post(s.url, callEvent())).body).toEqual({ CallInBound: { OverrideIvrId: 1 } });
		await sleep(20);
		expect(outputs).toMatchObject([
			{ status: 'sent' },
			{
				status: 'duplicate',
				sentAnswer: { CallInBound: { OverrideIvrId: 1 } },
				answeredBy: 'workflow',
			},
		]);
	});
});

describe('When Last Node Finishes', () => {
	test("the last node's CallInBound answer is sent", async () => {
		const s = await server({
			parameters: { responseMode: 'lastNode' },
			onExecution: (run) =>
				run.n8nWrites(200, {
					CallInBound: { OverrideIvrId: 4, Variables: [{ Key: 'n', Value: 1 }] },
				}),
		});
		expect((await post(s.url, callEvent())).body).toEqual({
			CallInBound: { OverrideIvrId: 4, Variables: [{ Key: 'n', Value: '1' }] },
		});
	});

	test.each([
		['an empty CallInBound (hang up only by choice)', { CallInBound: {} }],
		['something else', { customer: 'Ada' }],
		['both overrides', { CallInBound: { OverrideIvrId: 4, OverrideAIAgentId: 5 } }],
	])('%s from the last node gives the fallback', async (_name, body) => {
		const s = await server({
			parameters: { responseMode: 'lastNode' },
			onExecution: (run) => run.n8nWrites(200, body),
		});
		const reply = await post(s.url, callEvent());
		expect(reply.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		expect(reply.ms).toBeLessThan(1000);
	});
});

describe('answers relayed through n8n (queue mode: the action runs in another process)', () => {
	const relayed = (run: StartedRun, body: unknown, kind?: string) =>
		run.n8nWrites(200, body, kind ? { 'X-Enneo-Inbound-Answer': kind } : {});

	test('an answer relayed by the Respond action reaches the caller, hang-up included', async () => {
		const s = await server({
			onExecution: (run) => relayed(run, { CallInBound: {} }, 'hangUp'),
		});
		expect((await post(s.url, callEvent())).body).toEqual({ CallInBound: {} });
	});

	test("an empty answer without the action's mark is not taken as a hang-up", async () => {
		const s = await server({
			onExecution: (run) => relayed(run, { CallInBound: {} }),
		});
		expect((await post(s.url, callEvent())).body).toEqual({
			CallInBound: { OverrideAIAgentId: 123 },
		});
	});

	test('the action reports "relayed" when this process does not hold the call', async () => {
		const s = await server({ parameters: { answerDeadlineMs: 200 } });
		const reply = post(s.url, callEvent());
		await sleep(30);
		const elsewhere = { ...s.runs[0], workflowId: 'another-process' };
		const { output, sent } = await respond(elsewhere, { routing: 'ivr', ivrId: 2 });
		expect(output[0].json.inboundCallAnswer).toMatchObject({ status: 'relayed' });
		expect(sent).toEqual([
			{
				body: { CallInBound: { OverrideIvrId: 2 } },
				headers: { 'x-enneo-inbound-answer': 'ivr' },
				statusCode: 200,
			},
		]);
		await reply;
	});
});

describe('platform retries', () => {
	test('a retry while the call is being handled starts no second execution and gets the first answer', async () => {
		const s = await server({
			onExecution: async (run) => {
				await sleep(300);
				await respond(run, { routing: 'aiAgent', aiAgentId: 7 });
			},
		});
		const event = callEvent();
		const first = post(s.url, event);
		await sleep(50);
		const retry = await post(s.url, event);
		expect(retry.body).toEqual({ CallInBound: { OverrideAIAgentId: 7 } });
		expect((await first).body).toEqual({ CallInBound: { OverrideAIAgentId: 7 } });
		expect(s.runs).toHaveLength(1);
		expect(s.results[1]).toEqual({ noWebhookResponse: true });
	});

	test('a retry after the answer gets the same answer at once', async () => {
		const s = await server({
			onExecution: (run) => respond(run, { routing: 'ivr', ivrId: 6 }).then(() => undefined),
		});
		const event = callEvent();
		await post(s.url, event);
		const retry = await post(s.url, event);
		expect(retry.body).toEqual({ CallInBound: { OverrideIvrId: 6 } });
		expect(retry.ms).toBeLessThan(200);
		expect(s.runs).toHaveLength(1);
	});

	test('a retry after the fallback gets the fallback, not a later workflow answer (one decision per call)', async () => {
		const s = await server({
			parameters: { answerDeadlineMs: 100 },
			onExecution: async (run) => {
				await sleep(250);
				await respond(run, { routing: 'hangUp' });
			},
		});
		const event = callEvent();
		expect((await post(s.url, event)).body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		await sleep(300);
		expect((await post(s.url, event)).body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		expect(s.runs).toHaveLength(1);
	});

	test('the same SessionId on the test URL and the live URL are different calls', async () => {
		const event = callEvent();
		const live = await server({
			workflowId: 'same-wf',
			onExecution: (run) => respond(run, { routing: 'ivr', ivrId: 1 }).then(() => undefined),
		});
		const test = await server({
			workflowId: 'same-wf',
			mode: 'manual',
			onExecution: (run) => respond(run, { routing: 'ivr', ivrId: 2 }).then(() => undefined),
		});
		expect((await post(live.url, event)).body).toEqual({ CallInBound: { OverrideIvrId: 1 } });
		expect((await post(test.url, event)).body).toEqual({ CallInBound: { OverrideIvrId: 2 } });
	});
});

describe('bad requests: 4xx JSON, no execution', () => {
	test.each([
		[
			'malformed JSON as text/plain',
			{ raw: '{"Event":', headers: { 'Content-Type': 'text/plain' } },
			'invalidJson',
		],
		['an empty body', { raw: '', headers: { 'Content-Type': 'text/plain' } }, 'emptyBody'],
		['a JSON array', { raw: '[1,2]' }, 'notAnObject'],
		['another Event', { body: { ...callEvent(), Event: 'CallEnd' } }, 'unsupportedEvent'],
		['no SessionId', { body: { ...callEvent(), SessionId: undefined } }, 'missingSessionId'],
		['a wrong type', { body: callEvent({ AIAgentId: 'agent' }) }, 'invalidAIAgentId'],
	])('%s', async (_name, request, code) => {
		const s = await server({ onExecution: () => undefined });
		const reply = await post(
			s.url,
			(request as { body?: unknown }).body,
			request as { raw?: string; headers?: Record<string, string> },
		);
		expect(reply.status).toBe(400);
		expect(reply.body).toEqual({ error: { code, message: expect.any(String) } });
		expect(s.runs).toHaveLength(0);
	});
});

describe('authentication over HTTP', () => {
	const withAuth = (
		parameters: Record<string, unknown>,
		credentials: { secret?: string; user?: string } = { secret: SECRET },
	) =>
		server({
			parameters,
			credentials,
			onExecution: (run) => respond(run, { routing: 'ivr', ivrId: 1 }).then(() => undefined),
		});

	test('Query Token: right token runs; wrong or missing token is 401 without execution', async () => {
		const s = await withAuth({ authentication: 'queryToken' });
		expect((await post(s.url, callEvent(), { query: `?token=${SECRET}` })).status).toBe(200);
		const wrong = await post(s.url, callEvent(), { query: '?token=guess' });
		expect(wrong.status).toBe(401);
		expect(wrong.text).not.toContain(SECRET);
		expect((await post(s.url, callEvent())).status).toBe(401);
		expect(s.runs).toHaveLength(1);
	});

	test('Header Token', async () => {
		const s = await withAuth({ authentication: 'headerToken', headerName: 'X-Webhook-Token' });
		expect(
			(await post(s.url, callEvent(), { headers: { 'X-Webhook-Token': SECRET } })).status,
		).toBe(200);
		expect(
			(await post(s.url, callEvent(), { headers: { 'X-Webhook-Token': 'nope' } })).status,
		).toBe(401);
		expect(s.runs).toHaveLength(1);
	});

	test('Basic Auth challenges a caller without credentials', async () => {
		const s = await withAuth({ authentication: 'basicAuth' }, { user: 'tel', secret: SECRET });
		const auth = (u: string, p: string) => ({
			Authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`,
		});
		expect((await post(s.url, callEvent(), { headers: auth('tel', SECRET) })).status).toBe(200);
		const missing = await post(s.url, callEvent());
		expect(missing.status).toBe(401);
		expect(missing.headers.get('www-authenticate')).toContain('Basic');
		expect((await post(s.url, callEvent(), { headers: auth('tel', 'x') })).status).toBe(401);
		expect(s.runs).toHaveLength(1);
	});

	test('a token mode without a credential answers 500 and starts nothing', async () => {
		const s = await server({
			parameters: { authentication: 'queryToken' },
			credentials: undefined,
		});
		const reply = await post(s.url, callEvent(), { query: '?token=x' });
		expect(reply.status).toBe(500);
		expect(reply.body).toMatchObject({ error: { code: 'authNotConfigured' } });
		expect(s.runs).toHaveLength(0);
	});

	test('IP allowlist: the local caller passes an allowing CIDR, is refused by another', async () => {
		const allowing = await server({
			parameters: { options: { ipAllowlist: '10.0.0.0/8, 127.0.0.0/8, ::1' } },
			onExecution: (run) => respond(run, { routing: 'ivr', ivrId: 1 }).then(() => undefined),
		});
		expect((await post(allowing.url, callEvent())).status).toBe(200);
		const refusing = await server({
			parameters: { options: { ipAllowlist: '10.0.0.0/8, 2001:db8::/32' } },
			onExecution: () => undefined,
		});
		const reply = await post(refusing.url, callEvent());
		expect(reply.status).toBe(403);
		expect(reply.body).toMatchObject({ error: { code: 'ipNotAllowed' } });
		expect(refusing.runs).toHaveLength(0);
	});

	test('a broken IP allowlist fails closed with 500, naming the entry only in the log', async () => {
		const s = await server({
			parameters: { options: { ipAllowlist: '10.0.0.0/99' } },
			onExecution: () => undefined,
		});
		const reply = await post(s.url, callEvent());
		expect(reply.status).toBe(500);
		expect(reply.text).not.toContain('10.0.0.0/99');
		expect(s.logs.join('\n')).toContain('10.0.0.0/99');
		expect(s.runs).toHaveLength(0);
	});

	test.each([
		['an IPv4 address with a port (from X-Forwarded-For)', '10.1.2.3:5678', 200],
		['an IPv4-mapped IPv6 address', '::ffff:10.1.2.3', 200],
		['a bracketed IPv6 address with a port', '[2001:db8::7]:443', 200],
		['an address outside the list, with a port', '203.0.113.9:5678', 403],
		['garbage', 'not-an-address', 403],
	])('IP allowlist reads %s', async (_name, clientIp, status) => {
		const s = await server({
			clientIp,
			parameters: { options: { ipAllowlist: '10.0.0.0/8, 2001:db8::/32' } },
			onExecution: (run) => respond(run, { routing: 'ivr', ivrId: 1 }).then(() => undefined),
		});
		const reply = await post(s.url, callEvent());
		expect(reply.status).toBe(status);
		// The refusal never echoes the caller's address.
		expect(reply.text).not.toContain(clientIp.replace(/[[\]]/g, '').split(':')[0] || clientIp);
	});

	describe('sender checks (Options → Expected SdkAppId, Dialled Numbers (Callee))', () => {
		const checks = {
			expectedSdkAppId: '1400692008',
			dialledNumbers: '+49 30 1234567, 0086 755 66668888',
		};
		const answering = (options: Record<string, unknown>) =>
			server({
				parameters: { options },
				onExecution: (run) => respond(run, { routing: 'ivr', ivrId: 1 }).then(() => undefined),
			});

		test.each([
			['the seed call (SdkAppId and Callee as configured, Callee dialled as +86…)', {}, 200],
			['a Callee written 0049… where the list says +49…', { Callee: '0049301234567' }, 200],
			['another SdkAppId', { SdkAppId: 1400000001 }, 403],
			['no SdkAppId', { SdkAppId: undefined }, 403],
			['another dialled number', { Callee: '+8675599999999' }, 403],
			['no Callee', { Callee: undefined }, 403],
		])('%s', async (_name, change, status) => {
			const s = await answering(checks);
			const { SdkAppId, ...inner } = change as { SdkAppId?: number; Callee?: string };
			const event = callEvent(inner);
			if ('SdkAppId' in change) {
				if (SdkAppId === undefined) delete (event as Record<string, unknown>).SdkAppId;
				else (event as Record<string, unknown>).SdkAppId = SdkAppId;
			}
			const reply = await post(s.url, event);
			expect(reply.status).toBe(status);
			expect(s.runs).toHaveLength(status === 200 ? 1 : 0);
		});

		test('the 403 is the same whichever check failed, and names neither', async () => {
			const s = await answering(checks);
			const wrongApp = await post(s.url, { ...callEvent(), SdkAppId: 1 });
			const wrongLine = await post(s.url, callEvent({ Callee: '+11234567890' }));
			expect(wrongApp.status).toBe(403);
			expect(wrongApp.text).toBe(wrongLine.text);
			expect(wrongApp.text).not.toMatch(/sdkappid|callee|number|1400692008/i);
			expect(s.logs.join('\n')).toMatch(
				/its SdkAppId is not the expected one[\s\S]*its Callee is not/,
			);
		});

		test('empty checks (the default) accept every call, as before', async () => {
			const s = await answering({ expectedSdkAppId: '', dialledNumbers: '' });
			expect((await post(s.url, { ...callEvent(), SdkAppId: 7 })).status).toBe(200);
		});

		test('a broken check fails closed with 500 and names the field in the log only', async () => {
			const s = await answering({ expectedSdkAppId: 'my app' });
			const reply = await post(s.url, callEvent());
			expect(reply.status).toBe(500);
			expect(reply.body).toMatchObject({ error: { code: 'senderChecksInvalid' } });
			expect(s.logs.join('\n')).toContain('"Expected SdkAppId" must be');
			expect(s.runs).toHaveLength(0);
		});
	});

	test('a webhook secret shorter than 16 characters is refused at run time (500), starting nothing', async () => {
		const s = await server({
			parameters: { authentication: 'queryToken' },
			credentials: { secret: 'short-secret' },
		});
		const reply = await post(s.url, callEvent(), { query: '?token=short-secret' });
		expect(reply.status).toBe(500);
		expect(reply.body).toMatchObject({
			error: { code: 'authNotConfigured', message: expect.stringContaining('shorter than 16') },
		});
		expect(reply.text).not.toContain('short-secret');
		expect(s.runs).toHaveLength(0);
	});

	test('duplicate or over-long tokens are refused like missing/wrong ones', async () => {
		const s = await server({
			parameters: { authentication: 'queryToken' },
			credentials: { secret: SECRET },
		});
		expect(
			(await post(s.url, callEvent(), { query: `?token=${SECRET}&token=${SECRET}` })).status,
		).toBe(401);
		expect((await post(s.url, callEvent(), { query: `?token=${'a'.repeat(10_000)}` })).status).toBe(
			401,
		);
		expect(s.runs).toHaveLength(0);
	});

	test.each([
		['below the range', -5, 100],
		['a digit string', '250', 250],
	])(
		'an Answer Deadline %s from an expression is clamped at run time',
		async (_name, answerDeadlineMs, expected) => {
			const s = await server({ parameters: { answerDeadlineMs }, onExecution: () => undefined });
			const reply = await post(s.url, callEvent());
			expect(reply.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
			expect(reply.ms).toBeGreaterThanOrEqual(expected - 20);
			expect(reply.ms).toBeLessThan(expected + 400);
		},
	);

	test('an Answer Deadline of 10^12 ms (timer overflow) still answers before the 5 s the platform waits', async () => {
		const s = await server({
			parameters: { answerDeadlineMs: 1e12 },
			onExecution: () => undefined,
		});
		const reply = await post(s.url, callEvent());
		expect(reply.body).toEqual({ CallInBound: { OverrideAIAgentId: 123 } });
		expect(reply.ms).toBeGreaterThanOrEqual(4450);
		expect(reply.ms).toBeLessThan(4900);
		expect(s.runs[0].item.answerDeadline).toBe(
			new Date(Date.parse(s.runs[0].item.receivedAt as string) + 4500).toISOString(),
		);
	}, 10_000);

	test('an 80 KB Caller does not delay 10 normal calls ringing at the same time', async () => {
		const s = await server({
			onExecution: (run) => respond(run, { routing: 'ivr', ivrId: 7 }).then(() => undefined),
		});
		const hostile = post(s.url, callEvent({ Caller: `1${' '.repeat(80_000)}1` }));
		await sleep(20);
		const normal = await Promise.all(Array.from({ length: 10 }, () => post(s.url, callEvent())));
		for (const reply of normal) {
			expect(reply.body).toEqual({ CallInBound: { OverrideIvrId: 7 } });
			expect(reply.ms).toBeLessThan(1000);
		}
		const answered = await hostile;
		expect(answered.body).toEqual({ CallInBound: { OverrideIvrId: 7 } });
		const item = s.runs.find((run) => run.item.callerNumber === null)!.item;
		expect(item).toMatchObject({
			callerNumber: null,
			callerE164: null,
			warnings: expect.arrayContaining([expect.stringContaining('80002 characters')]),
		});
	});

	test.each([['anonymous'], [''], ['sip:alice@pbx.example.com'], ['110']])(
		'an odd caller (%p) starts a normal run and gets the workflow answer',
		async (caller) => {
			const s = await server({
				onExecution: (run) => respond(run, { routing: 'ivr', ivrId: 9 }).then(() => undefined),
			});
			const reply = await post(s.url, callEvent({ Caller: caller }));
			expect(reply.body).toEqual({ CallInBound: { OverrideIvrId: 9 } });
			expect(s.runs[0].item).toMatchObject({ callerNumber: caller, callerE164: null });
		},
	);
});
