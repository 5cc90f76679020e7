import type { IDataObject } from 'n8n-workflow';

import { insertEvents } from '../../fake-enneo/events';
import { probeFake, useFakeEnneo } from '../../harness/fakeServer';
import { runPoll } from '../../harness/runPoll';

const enneo = useFakeEnneo();

/** Calls the fake's routes as a client would (creating tickets, replies, calls): they emit the events. */
async function call(method: string, path: string, body?: unknown): Promise<IDataObject> {
	const { status, json } = await probeFake(enneo.fake, method, path, body);
	if (status >= 300) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(json)}`);
	return json;
}

/** Starts a trigger (first poll notes the position) and returns a function for the next polls. */
async function started(parameters: IDataObject) {
	const staticData: IDataObject = {};
	await runPoll({ parameters, credentials: enneo.credentials, staticData });
	return async () => await runPoll({ parameters, credentials: enneo.credentials, staticData });
}

const ALL = [
	'ticketCreated',
	'ticketUpdated',
	'ticketRouted',
	'ticketResponse',
	'conversationCreated',
	'newReply',
	'newNote',
	'ticketForwarded',
	'ticketDeleted',
	'callStarted',
	'callCompleted',
];

describe('Enneo Event Trigger: events from real sequences', () => {
	test("the fake's own routes emit events; the trigger delivers them in order with type, ISO time, ticket and actor", async () => {
		const poll = await started({ events: ALL });
		const { ticket } = (await call('POST', '/ticket', {
			channel: 'email',
			subject: 'Broken meter',
			body: 'Hello',
			from: 'anna@example.com',
		})) as { ticket: IDataObject };
		const id = Number(ticket.id);
		await call('POST', `/ticket/${id}/conversation/store`, {
			direction: 'in',
			body: '<p>Any news?</p>',
			from: 'anna@example.com',
		});
		await call('POST', `/ticket/${id}/conversation/reply`, {
			content: { message: 'We are on it' },
		});
		await call('POST', `/ticket/${id}/conversation/reply`, {
			content: { message: 'Check meter' },
			private: true,
		});
		await call('PATCH', `/ticket/${id}`, { priority: 'high', agentId: 7 });
		await call('POST', `/ticket/${id}/forward`, { toEmail: 'billing@example.com' });
		const call1 = (await call('POST', '/telephony/callReceived', {
			phone: '+4930123456',
			channelId: 'call-1',
			routing: 'none',
		})) as IDataObject;
		await call('POST', '/telephony/callCompleted', {
			channelId: 'call-1',
			transcript: [],
			totalDurationSeconds: 42,
		});
		await call('DELETE', `/ticket/${id}`);

		const { items } = await poll();
		const events = items!.map((item) => item.json);
		expect(events.map((event) => event.type)).toEqual([
			'ticketCreated',
			'conversationCreated',
			'ticketResponse',
			'newReply',
			'newNote',
			'ticketUpdated',
			'ticketRouted',
			'ticketForwarded',
			'ticketCreated',
			'callStarted',
			'callCompleted',
			'ticketDeleted',
		]);
		const sorted = [...events].sort((a, b) => Number(a.id) - Number(b.id));
		expect(events).toEqual(sorted);
		expect(events[0]).toMatchObject({
			ticketId: id,
			actor: { id: 1, name: 'Api User', type: 'user' },
			status: 'closed',
			data: { channel: 'email' },
		});
		expect(String(events[0].createdAt)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		expect(events[2]).toMatchObject({ type: 'ticketResponse', actor: null });
		expect(events[10]).toMatchObject({
			ticketId: call1.ticketId,
			data: { totalDurationSeconds: 42 },
		});
		expect(events[11]).toMatchObject({ ticketId: null, data: { deletedBy: 1 } });
	});

	test('Include Ticket adds each ticket with one search per poll (null for a deleted ticket), simplified by default', async () => {
		const poll = await started({
			events: ['ticketCreated', 'ticketDeleted'],
			options: { includeTicket: true },
		});
		const tickets = [...enneo.fake.state.tickets.values()].slice(0, 30);
		insertEvents(enneo.fake.state, 250, {
			type: 'ticketCreated',
			ticketIds: tickets.map((t) => t.id),
		});
		await call('DELETE', `/ticket/${tickets[0].id}`);
		enneo.fake.requests = [];
		const { items } = await poll();
		expect(items).toHaveLength(251);
		expect(enneo.fake.received('POST', '/event/search')).toHaveLength(3);
		const searches = enneo.fake.received('POST', '/ticket/search');
		expect(searches).toHaveLength(1);
		expect((searches[0].body as { filters: IDataObject[] }).filters).toEqual([
			{ key: 't.id', comparator: 'in', values: tickets.map((t) => t.id) },
		]);
		expect(items![1].json.ticket).toEqual(
			expect.objectContaining({
				id: tickets[1].id,
				subject: tickets[1].subject,
				tagNames: expect.any(Array),
			}),
		);
		expect(items![0].json.ticket).toBeNull();
		expect(items![250].json).toMatchObject({ type: 'ticketDeleted', ticketId: null, ticket: null });
	});

	test('ticket filters go to one ticket search; events without a matching ticket (ticketDeleted) are left out without errors', async () => {
		const poll = await started({
			events: ['ticketCreated', 'ticketDeleted'],
			filters: { channel: ['phone'], status: ['open', 'closed'], tagIds: [1, 3] },
		});
		const all = [...enneo.fake.state.tickets.values()];
		Object.assign(all[0], { tagIds: [1], channel: 'phone', status: 'open' });
		insertEvents(enneo.fake.state, 60, {
			type: 'ticketCreated',
			ticketIds: all.slice(0, 60).map((t) => t.id),
		});
		await call('DELETE', `/ticket/${all[59].id}`);
		const expected = all
			.slice(0, 59)
			.filter(
				(t) =>
					t.channel === 'phone' &&
					((t.tagIds as number[]) ?? []).some((tag) => [1, 3].includes(tag)),
			);
		expect(expected.length).toBeGreaterThan(0);
		const { items } = await poll();
		expect((items ?? []).map((item) => item.json.ticketId)).toEqual(expected.map((t) => t.id));
		expect(
			enneo.fake
				.received('POST', '/ticket/search')
				.map((r) => (r.body as { filters: IDataObject[] }).filters.slice(1)),
		).toEqual([
			[
				{ key: 't.status', comparator: 'in', values: ['open', 'closed'] },
				{ key: 't.channel', comparator: 'in', values: ['phone'] },
				{ key: 'tt_matchAny.tagId', comparator: 'in', values: [1, 3] },
			],
		]);
	});

	test('manual run in the editor: the newest event of each chosen type, position untouched', async () => {
		const ticketIds = [...enneo.fake.state.tickets.keys()].slice(0, 5);
		insertEvents(enneo.fake.state, 5, { type: 'ticketCreated', ticketIds });
		const reply = insertEvents(enneo.fake.state, 2, { type: 'ticketResponse', ticketIds });
		const created = insertEvents(enneo.fake.state, 1, { type: 'ticketCreated', ticketIds });
		const staticData: IDataObject = {};
		const { items, http } = await runPoll({
			parameters: { events: ['ticketCreated', 'ticketResponse'] },
			credentials: enneo.credentials,
			staticData,
			mode: 'manual',
		});
		expect(items!.map((item) => item.json.id)).toEqual([reply[1], created[0]]);
		expect(http).toHaveLength(1);
		expect(staticData).toEqual({});
	});

	test('manual run with no matching event says what to do', async () => {
		await expect(
			runPoll({
				parameters: { events: ['callCompleted'] },
				credentials: enneo.credentials,
				mode: 'manual',
			}),
		).rejects.toThrow(/No matching event in Enneo yet for: callCompleted/);
	});
});
