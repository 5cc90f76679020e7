import { PROBE_HEADERS } from '../../fake-enneo/contract/record';
import { DEMO } from '../../fake-enneo/demoData';
import { useFakeEnneo } from '../../harness/fakeServer';
import { itemsOf, operationRunner } from '../../harness/runNode';

const enneo = useFakeEnneo({ tickets: 10 });

const run = operationRunner(enneo, 'telephony');

describe('telephony call received', () => {
	test('inbound native call: E.164 phone, transcript from both inputs, customer identified, queue id returned', async () => {
		const { output } = await run('callReceived', {
			direction: 'in',
			routing: 'native',
			phone: '0151 1234-5678',
			additionalFields: {
				channelId: 'call_123abc456',
				callerName: 'Victoria Sterling',
				subchannelId: DEMO.phoneSubchannelId,
				externalTicketId: 'ext-123',
				transcript: {
					entry: [
						{
							speaker: 'bot',
							message: 'Hello, how can I help?',
							timestamp: '2024-01-23T14:32:11Z',
						},
					],
				},
				transcriptJson: JSON.stringify([
					{
						speaker: 'customer',
						message: 'My bill is wrong.',
						timestamp: '2024-01-23T15:32:20+01:00',
					},
				]),
			},
			options: { defaultCountryCode: '49' },
		});
		const [call] = enneo.fake.received('POST', '/telephony/callReceived');
		expect(call.body).toEqual({
			routing: 'native',
			direction: 'in',
			phone: DEMO.vipPhone,
			channelId: 'call_123abc456',
			callerName: 'Victoria Sterling',
			externalTicketId: 'ext-123',
			subchannelId: DEMO.phoneSubchannelId,
			transcript: [
				{ speaker: 'bot', message: 'Hello, how can I help?', timestamp: '2024-01-23T14:32:11Z' },
				{ speaker: 'customer', message: 'My bill is wrong.', timestamp: '2024-01-23T14:32:20Z' },
			],
		});
		expect(output[0].json).toEqual({
			ticketId: expect.any(Number),
			customerId: String(DEMO.vipCustomerId),
			contractId: '746839',
			ioResponse: 'None, as routing is not external',
			queueId: expect.any(Number),
		});
		const ticket = enneo.fake.state.tickets.get(output[0].json.ticketId as number)!;
		expect(ticket).toMatchObject({
			channel: 'phone',
			status: 'open',
			aiProcessing: true,
			fromName: 'Victoria Sterling',
		});
	});

	test("a transcript entry without a timestamp is sent without one, never with the run's time", async () => {
		await run('callReceived', {
			routing: 'none',
			phone: '+491234567890',
			additionalFields: {
				// Seed 001's entry (with its timestamp), then entries from both inputs without one.
				transcript: {
					entry: [
						{
							speaker: 'bot',
							message: 'Hello, my name is AI Assistant. How can I help you today?',
							timestamp: '2024-01-23T14:32:11Z',
						},
						{ speaker: 'customer', message: 'My meter reading.', timestamp: '' },
					],
				},
				transcriptJson: JSON.stringify([{ speaker: 'bot', message: 'Thank you.' }]),
			},
		});
		expect(
			(enneo.fake.received('POST', '/telephony/callReceived')[0].body as { transcript: unknown })
				.transcript,
		).toEqual([
			{
				speaker: 'bot',
				message: 'Hello, my name is AI Assistant. How can I help you today?',
				timestamp: '2024-01-23T14:32:11Z',
			},
			{ speaker: 'customer', message: 'My meter reading.' },
			{ speaker: 'bot', message: 'Thank you.' },
		]);
	});

	test('routing none logs a closed ticket without AI and returns no queue id', async () => {
		const { output } = await run('callReceived', { routing: 'none', phone: '+49 (0)30 1234-56' });
		expect(enneo.fake.received('POST', '/telephony/callReceived')[0].body).toEqual({
			routing: 'none',
			direction: 'in',
			phone: '+4930123456',
		});
		expect(output[0].json).not.toHaveProperty('queueId');
		expect(output[0].json.customerId).toBe('83772');
		expect(enneo.fake.state.tickets.get(output[0].json.ticketId as number)).toMatchObject({
			status: 'closed',
			aiProcessing: false,
		});
	});

	test('explicit status and AI flag override the routing defaults; User connects with external routing', async () => {
		const { output } = await run('callReceived', {
			routing: 'external',
			phone: '0049 30 123456',
			additionalFields: {
				status: 'pending',
				triggerAiProcessing: false,
				userId: 8,
				contractId: '746839',
				customerId: '83771',
			},
		});
		expect(enneo.fake.received('POST', '/telephony/callReceived')[0].body).toEqual({
			routing: 'external',
			direction: 'in',
			phone: '+4930123456',
			userId: 8,
			contractId: '746839',
			customerId: '83771',
			status: 'pending',
			triggerAiProcessing: false,
		});
		expect(output[0].json.ioResponse).toBe('Call forwarded to the external routing engine');
		// Contract wins over the phone number for identification.
		expect(output[0].json.customerId).toBe('83771');
		expect(enneo.fake.state.tickets.get(output[0].json.ticketId as number)).toMatchObject({
			status: 'pending',
			aiProcessing: false,
			connectedUserId: 8,
		});
	});

	test('outbound voicebot call sends to, agentId and aiAgentId', async () => {
		const { output } = await run('callReceived', {
			direction: 'out',
			routing: 'none',
			to: '+49 151 12345678',
			agentId: 7,
			aiAgentId: DEMO.vipAiAgentId,
		});
		expect(enneo.fake.received('POST', '/telephony/callReceived')[0].body).toEqual({
			routing: 'none',
			direction: 'out',
			to: DEMO.vipPhone,
			agentId: 7,
			aiAgentId: DEMO.vipAiAgentId,
		});
		expect(output[0].json.customerId).toBe(String(DEMO.vipCustomerId));
		const entry = [...enneo.fake.state.queue.values()].find(
			(e) => e.ticketId === output[0].json.ticketId,
		)!;
		expect(entry).toMatchObject({ status: 'assigned', assignedUserId: 7 });
	});

	test('the AI agent is not sent for inbound calls', async () => {
		await run('callReceived', {
			direction: 'in',
			routing: 'none',
			phone: '+4930123456',
			aiAgentId: DEMO.vipAiAgentId,
			agentId: 7,
			to: '+4930999999',
		});
		expect(enneo.fake.received('POST', '/telephony/callReceived')[0].body).toEqual({
			routing: 'none',
			direction: 'in',
			phone: '+4930123456',
		});
	});

	test.each([
		[
			{ direction: 'out', to: '', agentId: 7 },
			'"Called Number (To)" is required for outbound calls [item 0]',
		],
		[
			{ direction: 'out', to: '+4930123456', agentId: '' },
			'Outbound calls need "Initiating Agent" or "User" [item 0]',
		],
		[
			{ routing: 'native', additionalFields: { userId: 8 } },
			'"User" only works with routing None or External, not Native [item 0]',
		],
		[
			{ phone: `+49 30 ${'1'.repeat(60)}` },
			'"Caller Phone Number" is longer than 64 characters [item 0]',
		],
		[
			{ direction: 'out', to: { number: '+4930123456' }, agentId: 7 },
			'"Called Number (To)" must be a phone number as text [item 0]',
		],
		[
			{ additionalFields: { transcript: { entry: [{ speaker: 'bot', message: '' }] } } },
			'"Transcript" entry 1 has no message [item 0]',
		],
		[
			{ additionalFields: { transcriptJson: '{"speaker": "bot"}' } },
			'"Transcript (JSON)" must be a JSON array of entries [item 0]',
		],
		[
			{
				additionalFields: {
					transcriptJson: '[{"speaker": "bot", "message": "hi", "timestamp": "yesterday-ish"}]',
				},
			},
			'"Transcript (JSON)" entry 1 has an unreadable timestamp',
		],
		[
			{ additionalFields: { transcriptJson: '[{"message": "hi"}]' } },
			'"Transcript (JSON)" entry 1 has no speaker [item 0]',
		],
	])('invalid call %# is refused before any request', async (parameters, message) => {
		await expect(
			run('callReceived', { routing: 'external', phone: '+4930123456', ...parameters }),
		).rejects.toThrow(message);
		expect(enneo.fake.received()).toHaveLength(0);
	});

	test.each([
		// [as the platform reports it, Default Country Code, what Enneo receives]
		['anonymous', '49', 'anonymous'],
		['unknown', '', 'unknown'],
		['sip:+4930123456@pbx.example.com', '49', 'sip:+4930123456@pbx.example.com'],
		['110', '49', '110'],
		['030 1234-56', '', '030 1234-56'],
		['030 1234-56', '49', '+4930123456'],
		['8613066668888', '49', '+8613066668888'],
		['008613066668888', '49', '+8613066668888'],
		['+86 130 6666 8888', '49', '+8613066668888'],
		['30 123456', '49', '+4930123456'],
	])('caller %p (country code %p) is sent as %p', async (phone, defaultCountryCode, expected) => {
		const { output } = await run('callReceived', {
			routing: 'external',
			phone,
			options: { defaultCountryCode },
		});
		expect(enneo.fake.received('POST', '/telephony/callReceived')[0].body).toMatchObject({
			phone: expected,
		});
		expect(output[0].json.ticketId).toEqual(expect.any(Number));
	});

	test('an empty caller is left out, not sent empty', async () => {
		await run('callReceived', { routing: 'external', phone: '  ' });
		expect(enneo.fake.received('POST', '/telephony/callReceived')[0].body).toEqual({
			routing: 'external',
			direction: 'in',
		});
	});

	test('the fake enforces the documented rules itself', async () => {
		const post = async (body: unknown) => {
			const response = await fetch(`${enneo.fake.instanceUrl}/api/mind/telephony/callReceived`, {
				method: 'POST',
				headers: {
					Authorization: `Bearer ${enneo.fake.apiKey}`,
					'Content-Type': 'application/json',
					...PROBE_HEADERS,
				},
				body: JSON.stringify(body),
			});
			return { status: response.status, body: (await response.json()) as { code: string } };
		};
		expect(await post({ direction: 'out', agentId: 7 })).toMatchObject({
			status: 400,
			body: { code: 'missing_field' },
		});
		expect(await post({ direction: 'out', to: '+4930123456' })).toMatchObject({
			status: 400,
			body: { code: 'missing_field' },
		});
		expect(await post({ routing: 'native', userId: 7 })).toMatchObject({
			status: 400,
			body: { code: 'invalid_enum', field: 'routing' },
		});
		expect(await post({ routing: 'smart' })).toMatchObject({
			status: 400,
			body: { code: 'invalid_enum' },
		});
		expect(await post({ direction: 'sideways' })).toMatchObject({
			status: 400,
			body: { code: 'invalid_enum' },
		});
		expect(await post({ status: 'resolved' })).toMatchObject({
			status: 400,
			body: { code: 'invalid_enum' },
		});
		expect(await post({ callId: 'x' })).toMatchObject({
			status: 400,
			body: { code: 'unknown_field' },
		});
	});

	test('many calls: each item gets its ticket; Continue On Fail reports the bad number with its item', async () => {
		const { output } = await run(
			'callReceived',
			{ routing: 'external', phone: '={{ $json.number }}' },
			{
				items: itemsOf(
					{ number: '+4930123456' },
					{ number: '1'.repeat(65) },
					{ number: '+4915112345678' },
				),
				continueOnFail: true,
			},
		);
		expect(output).toHaveLength(3);
		expect(output[0].json.customerId).toBe('83772');
		expect(output[1].json).toMatchObject({
			error: '"Caller Phone Number" is longer than 64 characters [item 1]',
			itemIndex: 1,
		});
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[2].json.customerId).toBe(String(DEMO.vipCustomerId));
		expect(enneo.fake.received('POST', '/telephony/callReceived')).toHaveLength(2);
	});
});

describe('telephony hooks after the call started', () => {
	async function startCall(routing = 'native') {
		const { output } = await run('callReceived', {
			routing,
			phone: '+4930123456',
			additionalFields: { channelId: 'call-77' },
		});
		enneo.fake.requests = [];
		return output[0].json.ticketId as number;
	}

	test('agent connected by call ID assigns the user', async () => {
		const ticketId = await startCall();
		const { output } = await run('agentConnected', { userId: 7, channelId: 'call-77' });
		expect(enneo.fake.received('POST', '/telephony/agentConnected')[0].body).toEqual({
			userId: 7,
			channelId: 'call-77',
		});
		expect(output[0].json).toEqual({ userId: 7, channelId: 'call-77', success: true });
		expect(enneo.fake.state.tickets.get(ticketId)).toMatchObject({
			agentId: 7,
			connectedUserId: 7,
		});
	});

	test('agent connected by ticket ID', async () => {
		const ticketId = await startCall();
		await run('agentConnected', { userId: '8', ticketId: String(ticketId) });
		expect(enneo.fake.received('POST', '/telephony/agentConnected')[0].body).toEqual({
			userId: 8,
			ticketId,
		});
	});

	test.each([
		[
			'agentConnected',
			{ userId: 7 },
			'Set "Call ID (Channel ID)" or "Ticket" to identify the call [item 0]',
		],
		[
			'agentConnected',
			{ userId: '', channelId: 'call-77' },
			'"User" must be a positive whole number, got "" [item 0]',
		],
		['callCompleted', {}, 'Set "Call ID (Channel ID)" or "Ticket" to identify the call [item 0]'],
		[
			'callCompleted',
			{ channelId: 'call-77', additionalFields: { queueDurationSeconds: -5 } },
			'"Queue Duration (Seconds)" must be a number of seconds >= 0, got -5 [item 0]',
		],
		[
			'getRouting',
			{ ticketId: { __rl: true, mode: 'list', value: '' } },
			'"Ticket" must be a positive whole number, got "" [item 0]',
		],
		[
			'getRouting',
			{ lookUpBy: 'channelId', lookUpValue: ' ' },
			'"Value" is empty: enter the Call ID (Channel ID) of the call [item 0]',
		],
		[
			'getRouting',
			{ lookUpBy: 'queueId', lookUpValue: '12' },
			'"Look Up By" Queue ID is no longer taken by Enneo\'s API [item 0]',
		],
	])('%s refuses %p before any request', async (operation, parameters, message) => {
		await expect(run(operation, parameters)).rejects.toThrow(message);
		expect(enneo.fake.received()).toHaveLength(0);
	});

	test('call completed sends transcript and durations, completes the queue entry', async () => {
		const ticketId = await startCall();
		const before = [...enneo.fake.state.conversations.values()].filter(
			(c) => c.ticketId === ticketId,
		).length;
		const { output } = await run('callCompleted', {
			ticketId: String(ticketId),
			additionalFields: {
				totalDurationSeconds: 185,
				botDurationSeconds: 40,
				queueDurationSeconds: 25.4,
				humanDurationSeconds: 120,
				transcript: {
					entry: [
						{ speaker: 'agent', message: 'Anything else?', timestamp: '2026-01-05T10:00:00Z' },
					],
				},
			},
		});
		// Enneo requires channelId: the node reads it from the call ticket.
		expect(enneo.fake.received('POST', '/ticket/search')).toHaveLength(1);
		expect(enneo.fake.received('POST', '/telephony/callCompleted')[0].body).toEqual({
			ticketId,
			channelId: 'call-77',
			transcript: [
				{ speaker: 'agent', message: 'Anything else?', timestamp: '2026-01-05T10:00:00Z' },
			],
			botDurationSeconds: 40,
			humanDurationSeconds: 120,
			queueDurationSeconds: 25,
			totalDurationSeconds: 185,
		});
		expect(output[0].json).toMatchObject({ ticketId, totalDurationSeconds: 185, success: true });
		expect(
			[...enneo.fake.state.conversations.values()].filter((c) => c.ticketId === ticketId),
		).toHaveLength(before + 1);
		expect([...enneo.fake.state.queue.values()].find((e) => e.ticketId === ticketId)).toMatchObject(
			{ status: 'completed' },
		);
	});

	test('get routing by ticket ID returns the queue entry', async () => {
		const ticketId = await startCall();
		const { output } = await run('getRouting', {
			ticketId: { __rl: true, mode: 'url', value: `https://demo.enneo.ai/ticket/${ticketId}` },
			options: { forceReEvaluation: true, cleanState: true },
		});
		expect(enneo.fake.received('GET', '/telephony/getRouting')[0].query).toEqual({
			ticketId: String(ticketId),
			forceReEvaluation: 'true',
			cleanState: 'true',
		});
		expect(output[0].json).toMatchObject({
			ticketId,
			status: 'waitingForAgent',
			channel: 'phone',
			positionDetails: { position: 1 },
		});
	});

	test('get routing by call ID finds the call ticket, then asks by ticket', async () => {
		const ticketId = await startCall();
		const { output } = await run('getRouting', { lookUpBy: 'channelId', lookUpValue: 'call-77' });
		expect(enneo.fake.received('POST', '/ticket/search')[0].body).toMatchObject({
			filters: [{ key: 't.channelId', comparator: 'in', values: ['call-77'] }],
		});
		expect(enneo.fake.received('GET', '/telephony/getRouting')[0].query).toEqual({
			ticketId: String(ticketId),
		});
		expect(output[0].json.ticketId).toBe(ticketId);
	});

	test('get routing by an unknown call ID names the field and sends no routing request', async () => {
		await startCall();
		await expect(
			run('getRouting', { lookUpBy: 'channelId', lookUpValue: 'call-404' }),
		).rejects.toThrow('No call ticket has the Call ID "call-404" ("Value") [item 0]');
		expect(enneo.fake.received('GET', '/telephony/getRouting')).toHaveLength(0);
	});

	test('call completed with no transcript sends an empty one (Enneo requires it)', async () => {
		await startCall();
		await run('callCompleted', { channelId: 'call-77' });
		expect(enneo.fake.received('POST', '/telephony/callCompleted')[0].body).toEqual({
			channelId: 'call-77',
			transcript: [],
		});
	});

	test('call completed by a ticket that is no call names the fields', async () => {
		const { output } = await run('callReceived', { routing: 'none', phone: '+4930123456' });
		enneo.fake.requests = [];
		const ticketId = output[0].json.ticketId as number;
		await expect(run('callCompleted', { ticketId: String(ticketId) })).rejects.toThrow(
			`Ticket ${ticketId} ("Ticket") has no Call ID: it was not created by Call Received [item 0]`,
		);
		expect(enneo.fake.received('POST', '/telephony/callCompleted')).toHaveLength(0);
	});

	test('routing availability, optionally for one user', async () => {
		const { output } = await run('routingAvailability', { options: { userId: 7 } });
		expect(enneo.fake.received('GET', '/telephony/routingAvailability')[0].query).toEqual({
			userId: '7',
		});
		expect(output).toHaveLength(1);
		expect(output[0].json.users).toEqual([
			expect.objectContaining({ id: 7, callRoutingStatus: 'idle' }),
		]);
	});
});

describe('telephony hooks reserved for Enneo telephony', () => {
	test.each([
		['callReceived', { routing: 'none', phone: '+4930123456' }],
		['agentConnected', { userId: 7, channelId: 'call-1' }],
		['callCompleted', { channelId: 'call-1' }],
		['getRouting', { ticketId: { __rl: true, mode: 'id', value: '376100' } }],
	])('%s answers 403 with what to ask the admin', async (operation, parameters) => {
		enneo.fake.state.telephonyHooksForbidden = true;
		const error = await run(operation, parameters).then(
			() => undefined,
			(e: unknown) => e as { message: string; description: string; httpCode: string },
		);
		expect(error).toBeDefined();
		expect(error!.httpCode).toBe('403');
		expect(error!.message).toContain(
			'This Enneo instance does not let an API key call the telephony hooks (403)',
		);
		expect(error!.description).toContain(
			"reserve callReceived, agentConnected, callCompleted and getRouting for Enneo's built-in telephony",
		);
		expect(error!.description).toContain('Ask your Enneo admin');
	});

	test('routing availability stays available', async () => {
		enneo.fake.state.telephonyHooksForbidden = true;
		const { output } = await run('routingAvailability', {});
		expect((output[0].json.users as unknown[]).length).toBeGreaterThan(0);
	});
});
