import { demoState } from '../../fake-enneo/demoData';
import { useFakeEnneo } from '../../harness/fakeServer';
import { itemsOf, runNode, locator, ticketOp } from '../../harness/runNode';

const enneo = useFakeEnneo();

describe('ticket get next to work on', () => {
	test('earliest sends only the direction and outputs the first ticket in the routing queue', async () => {
		const { output } = await runNode({
			parameters: ticketOp('getNext'),
			credentials: enneo.credentials,
		});
		const [call] = enneo.fake.received('POST', '/ticket/getLatest');
		expect(call.body).toEqual({ preferredDirection: 'earliest' });
		expect(output.map((o) => o.json)).toEqual([{ success: true, ticketId: 376104 }]);
	});

	test('next and previous move from the current ticket', async () => {
		const next = await runNode({
			parameters: ticketOp('getNext', { preferredDirection: 'next', ticketId: locator('376104') }),
			credentials: enneo.credentials,
		});
		const previous = await runNode({
			parameters: ticketOp('getNext', {
				preferredDirection: 'previous',
				ticketId: locator('376108'),
			}),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('POST', '/ticket/getLatest').map((r) => r.body)).toEqual([
			{ preferredDirection: 'next', ticketId: 376104 },
			{ preferredDirection: 'previous', ticketId: 376108 },
		]);
		expect(next.output[0].json.ticketId).toBe(376108);
		expect(previous.output[0].json.ticketId).toBe(376104);
	});

	test('filters are sent in the search filter format', async () => {
		const { output } = await runNode({
			parameters: ticketOp('getNext', { filters: { channel: ['chat'] } }),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('POST', '/ticket/getLatest')[0].body).toEqual({
			preferredDirection: 'earliest',
			filters: [{ key: 't.channel', comparator: 'in', values: ['chat'] }],
		});
		expect(output[0].json.ticketId).toBe(376128);
	});

	test('next or previous without the current ticket is refused before any request', async () => {
		await expect(
			runNode({
				parameters: ticketOp('getNext', { preferredDirection: 'next' }),
				credentials: enneo.credentials,
			}),
		).rejects.toThrow('"Current Ticket" is required when the direction is "next" [item 0]');
		expect(enneo.fake.received('POST', '/ticket/getLatest')).toHaveLength(0);
	});

	test.each([
		['a bare number', 376190, { ticketId: 376190 }],
		[
			'an {id} object',
			{ id: 376191, success: true },
			{ ticketId: 376191, id: 376191, success: true },
		],
		['a {ticket} object', { ticket: { id: 376192 } }, { ticketId: 376192, ticket: { id: 376192 } }],
		['an empty queue', { success: true, ticketId: null }, { success: true, ticketId: null }],
	])('the undocumented response as %s still yields ticketId', async (_name, body, expected) => {
		enneo.fake.fail({ method: 'POST', path: '/ticket/getLatest', status: 200, body });
		const { output } = await runNode({
			parameters: ticketOp('getNext'),
			credentials: enneo.credentials,
		});
		expect(output[0].json).toEqual(expected);
	});
});

describe('ticket get', () => {
	test('by default: viewing=false and nothing else; the read does not join "worked on by"', async () => {
		const before = [...((enneo.fake.state.tickets.get(376100)!.workedOnByIds as number[]) ?? [])];
		const { output } = await runNode({
			parameters: ticketOp('get', { ticketId: locator('376100'), output: 'raw' }),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('GET', '/ticket/376100')[0].query).toEqual({ viewing: 'false' });
		expect(enneo.fake.state.tickets.get(376100)!.workedOnByIds ?? []).toEqual(before);
		expect(output[0].json).not.toHaveProperty('intents');
		expect(output[0].json).not.toHaveProperty('rawData');
		expect((output[0].json.customer as Record<string, unknown>).lastname).toBeUndefined();
	});

	test('every option is sent: customer, intents and raw data come back, viewing joins "worked on by"', async () => {
		const ticket = enneo.fake.state.tickets.get(376100)!;
		ticket.intents = [{ id: 3, name: 'Meter reading' }];
		ticket.rawData = { source: 'imap' };
		const { output } = await runNode({
			parameters: ticketOp('get', {
				ticketId: locator('376100'),
				output: 'raw',
				options: {
					viewing: true,
					includeCustomer: true,
					includeIntents: true,
					includeRawData: true,
					erpCacheOnly: true,
					contentTranslationLanguage: 'en',
				},
			}),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('GET', '/ticket/376100')[0].query).toEqual({
			viewing: 'true',
			includeCustomer: 'true',
			includeIntents: 'true',
			includeRawData: 'true',
			erpCacheOnly: 'true',
			contentTranslationLanguage: 'en',
		});
		expect(output[0].json).toMatchObject({
			id: 376100,
			intents: [{ id: 3, name: 'Meter reading' }],
			rawData: { source: 'imap' },
			customer: { id: 83771, lastname: 'Sterling' },
		});
		expect(ticket.workedOnByIds).toContain(enneo.fake.state.me.id);
	});
});

describe('ticket get variables', () => {
	test('GET /ticket/{id}/variables, output tagged with the ticket ID', async () => {
		const { output } = await runNode({
			parameters: ticketOp('getVariables', { ticketId: locator('376100') }),
			credentials: enneo.credentials,
		});
		const [call] = enneo.fake.received('GET', '/ticket/376100/variables');
		expect(call.query).toEqual({});
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			ticketId: 376100,
			ticket: { id: 376100, channel: 'phone' },
			customer: { id: 83771, lastname: 'Sterling' },
			tag: ['Billing', 'Complaint'],
		});
	});
});

describe('ticket get history', () => {
	test('one item per history entry, limited', async () => {
		const { output } = await runNode({
			parameters: ticketOp('getHistory', {
				ticketId: locator('376100'),
				returnAll: false,
				limit: 3,
			}),
			credentials: enneo.credentials,
		});
		const calls = enneo.fake.received('GET', '/ticket/376100/history');
		expect(calls.map((c) => c.query)).toEqual([{ limit: '3', offset: '0' }]);
		expect(output).toHaveLength(3);
		expect(output[0].json).toMatchObject({ type: 'ticket', id: 376148, channel: 'email' });
		expect(typeof output[0].json.createdAt).toBe('number');
	});

	test('Return All walks pages of 1,000 until the total is reached', async () => {
		enneo.fake.reset(demoState({ tickets: 2345 }));
		for (const ticket of enneo.fake.state.tickets.values()) ticket.customerId = '83771';
		const { output } = await runNode({
			parameters: ticketOp('getHistory', { ticketId: locator('376100'), returnAll: true }),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('GET', '/ticket/376100/history').map((c) => c.query)).toEqual([
			{ limit: '1000', offset: '0' },
			{ limit: '1000', offset: '1000' },
			{ limit: '1000', offset: '2000' },
		]);
		expect(output).toHaveLength(2345);
		expect(new Set(output.map((o) => o.json.id)).size).toBe(2345);
	});
});

describe('ticket ping', () => {
	test('records the API user as working on the ticket and outputs who is on it', async () => {
		expect(enneo.fake.state.tickets.get(376101)!.workedOnByIds).toBeUndefined();
		const { output } = await runNode({
			parameters: ticketOp('ping', { ticketId: locator('376101') }),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('GET', '/ticket/376101/ping')).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			ticketId: 376101,
			success: true,
			workedOnBy: [{ id: 1, firstName: 'Api' }],
		});
		expect(enneo.fake.state.tickets.get(376101)!.workedOnByIds).toEqual([1]);
	});
});

describe('ticket get activity', () => {
	test('outputs the timeline without technical events by default', async () => {
		const { output } = await runNode({
			parameters: ticketOp('getActivity', { ticketId: locator('376101') }),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('GET', '/ticket/376101/activity')[0].query).toEqual({});
		const activity = output[0].json.activity as Array<{ type: string }>;
		expect(output[0].json.ticketId).toBe(376101);
		expect(activity.map((a) => a.type)).toEqual([
			'ticketCreated',
			'customerIdentified',
			'tagsDetected',
			'ticketAssigned',
		]);
	});

	test('Show Technical Information sends the flag and adds technical events when permitted', async () => {
		(enneo.fake.state.me.permissions as string[]).push('accessTechnicalEvents');
		const { output } = await runNode({
			parameters: ticketOp('getActivity', {
				ticketId: locator('376101'),
				options: { showTechnicalInformation: true },
			}),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('GET', '/ticket/376101/activity')[0].query).toEqual({
			showTechnicalInformation: 'true',
		});
		expect((output[0].json.activity as Array<{ type: string }>).map((a) => a.type)).toContain(
			'modelRun',
		);
	});

	test('Show Technical Information without accessTechnicalEvents is a 403 naming the permission', async () => {
		const error = await runNode({
			parameters: ticketOp('getActivity', {
				ticketId: locator('376101'),
				options: { showTechnicalInformation: true },
			}),
			credentials: enneo.credentials,
		}).catch((e: Error) => e);
		expect((error as Error).message).toContain('(403)');
		expect((error as Error).message).toContain('accessTechnicalEvents');
	});
});

describe('ticket stats and agent queue', () => {
	test('get stats outputs the open count with breakdowns by tag and AI agent', async () => {
		const { output } = await runNode({
			parameters: ticketOp('getStats'),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('GET', '/ticket/stats')).toHaveLength(1);
		const open = [...enneo.fake.state.tickets.values()].filter(
			(t) => t.status === 'open' && !t.spamStatus,
		);
		expect(output).toHaveLength(1);
		expect(output[0].json.open).toBe(open.length);
		expect(output[0].json.tags).toContainEqual({ tagId: 1, name: 'Billing', count: open.length });
		expect(output[0].json.intents).toContainEqual({
			aiAgentId: 456,
			name: 'Meter Reading Bot',
			count: open.length,
		});
	});

	test('get agent queue status outputs waiting chats per agent', async () => {
		const { output } = await runNode({
			parameters: ticketOp('getAgentQueueStatus'),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('GET', '/agents/queue')).toHaveLength(1);
		// Two unassigned open chats (376128, 376156) for three agents.
		expect(output[0].json).toEqual({
			agentQueue: 0.67,
			liveConversationPossible: { chat: true },
			expectedWaitingTime: { chat: 80 },
			success: true,
		});
	});

	test('with no agent available the queue is -1', async () => {
		for (const profile of enneo.fake.state.profiles.values()) profile.chatRoutingStatus = 'offline';
		const { output } = await runNode({
			parameters: ticketOp('getAgentQueueStatus'),
			credentials: enneo.credentials,
		});
		expect(output[0].json).toMatchObject({
			agentQueue: -1,
			liveConversationPossible: { chat: false },
			expectedWaitingTime: { chat: -1 },
		});
	});

	test('one request per input item', async () => {
		const { output } = await runNode({
			parameters: ticketOp('getStats'),
			items: itemsOf({}, {}),
			credentials: enneo.credentials,
		});
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(enneo.fake.received('GET', '/ticket/stats')).toHaveLength(2);
	});
});
