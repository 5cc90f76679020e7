import type { IDataObject } from 'n8n-workflow';

import { insertEvents } from '../../fake-enneo/events';
import { sqlDate } from '../../fake-enneo/state';
import { useFakeEnneo } from '../../harness/fakeServer';
import type { PollOptions } from '../../harness/runPoll';
import { runPoll } from '../../harness/runPoll';

const enneo = useFakeEnneo();
const ticketIds = () => [...enneo.fake.state.tickets.keys()].slice(0, 20);

/** A published workflow's poller: static data kept between polls the way n8n keeps it (JSON in the database). */
function poller(
	parameters: PollOptions['parameters'] = { events: ['ticketCreated'] },
	extra: Partial<PollOptions> = {},
) {
	let staticData: IDataObject = {};
	return {
		get staticData() {
			return staticData;
		},
		async poll(more: Partial<PollOptions> = {}) {
			const result = await runPoll({
				parameters,
				credentials: enneo.credentials,
				staticData,
				...extra,
				...more,
			});
			staticData = result.staticData;
			return result;
		},
		/** n8n restarted: only what was saved survives. */
		restart() {
			staticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		},
	};
}

const ids = (items: Array<{ json: IDataObject }> | null) =>
	(items ?? []).map((item) => item.json.id as number);
const searches = () => enneo.fake.received('POST', '/event/search');

describe('Enneo Event Trigger: position between polls', () => {
	test('the first poll starts from now: events that already happened are not delivered, one request', async () => {
		insertEvents(enneo.fake.state, 30, { type: 'ticketCreated', ticketIds: ticketIds() });
		const trigger = poller();
		const first = await trigger.poll();
		expect(first.items).toBeNull();
		expect(first.http).toHaveLength(1);
		expect(trigger.staticData.lastEventId).toBe(
			enneo.fake.state.events[enneo.fake.state.events.length - 1].id,
		);
		expect((await trigger.poll()).items).toBeNull();
	});

	test('new events arrive once each, oldest first; a poll with nothing new emits nothing', async () => {
		const trigger = poller();
		await trigger.poll();
		const created = insertEvents(enneo.fake.state, 7, {
			type: 'ticketCreated',
			ticketIds: ticketIds(),
		});
		insertEvents(enneo.fake.state, 3, { type: 'newNote', ticketIds: ticketIds() });
		const second = await trigger.poll();
		expect(ids(second.items)).toEqual(created);
		expect(second.items![0].json).toMatchObject({
			type: 'ticketCreated',
			ticketId: ticketIds()[0],
			actor: { id: 1, name: 'Api User' },
		});
		expect((await trigger.poll()).items).toBeNull();
		expect(searches().map((r) => r.body)).toContainEqual({
			filters: [
				{ key: 'e.id', comparator: '>', value: created[created.length - 1] },
				{ key: 'e.type', comparator: 'in', values: ['ticketCreated'] },
			],
		});
	});

	test('more new events than one page: 250 events in 3 requests of at most 100, ascending by ID, none twice', async () => {
		const trigger = poller();
		await trigger.poll();
		enneo.fake.requests = [];
		const created = insertEvents(enneo.fake.state, 250, {
			type: 'ticketCreated',
			ticketIds: ticketIds(),
		});
		const result = await trigger.poll();
		expect(ids(result.items)).toEqual(created);
		expect(searches()).toHaveLength(3);
		expect(searches().map((r) => r.query)).toEqual(
			Array(3).fill({
				offset: '0',
				limit: '100',
				orderByField: 'e.id',
				orderByDirection: 'asc',
				includeTraces: 'false',
			}),
		);
	});

	test('Max Events per Poll: 250 new events with a cap of 120 arrive as 120, 120, 10 over three polls', async () => {
		const trigger = poller({ events: ['ticketCreated'], options: { maxEventsPerPoll: 120 } });
		await trigger.poll();
		const created = insertEvents(enneo.fake.state, 250, {
			type: 'ticketCreated',
			ticketIds: ticketIds(),
		});
		const batches = [
			ids((await trigger.poll()).items),
			ids((await trigger.poll()).items),
			ids((await trigger.poll()).items),
		];
		expect(batches.map((batch) => batch.length)).toEqual([120, 120, 10]);
		expect(batches.flat()).toEqual(created);
		expect((await trigger.poll()).items).toBeNull();
	});

	test('a restart between polls neither repeats nor skips events', async () => {
		const trigger = poller();
		await trigger.poll();
		const before = insertEvents(enneo.fake.state, 40, {
			type: 'ticketCreated',
			ticketIds: ticketIds(),
		});
		expect(ids((await trigger.poll()).items)).toEqual(before);
		trigger.restart();
		const during = insertEvents(enneo.fake.state, 15, {
			type: 'ticketCreated',
			ticketIds: ticketIds(),
		});
		trigger.restart();
		expect(ids((await trigger.poll()).items)).toEqual(during);
		expect((await trigger.poll()).items).toBeNull();
	});

	test('events written while a poll pages through Enneo are delivered once: in this poll or the next', async () => {
		const trigger = poller();
		await trigger.poll();
		const first = insertEvents(enneo.fake.state, 150, {
			type: 'ticketCreated',
			ticketIds: ticketIds(),
		});
		const written: number[] = [];
		const during = await trigger.poll({
			afterRequest: (_entry, index) => {
				// After the first page: 30 more events, as agents keep working.
				if (index === 0)
					written.push(
						...insertEvents(enneo.fake.state, 30, {
							type: 'ticketCreated',
							ticketIds: ticketIds(),
						}),
					);
			},
		});
		const later = written.length
			? insertEvents(enneo.fake.state, 5, { type: 'ticketCreated', ticketIds: ticketIds() })
			: [];
		const next = await trigger.poll();
		const all = [...ids(during.items), ...ids(next.items)];
		expect(all).toEqual([...first, ...written, ...later]);
		expect(new Set(all).size).toBe(all.length);
	});

	test('a failed poll keeps the position, so the next poll delivers the same events (nothing lost)', async () => {
		const trigger = poller({ events: ['ticketCreated'], options: { includeTicket: true } });
		await trigger.poll();
		const created = insertEvents(enneo.fake.state, 5, {
			type: 'ticketCreated',
			ticketIds: ticketIds(),
		});
		enneo.fake.fail({ method: 'POST', path: '/ticket/search', status: 500 });
		await expect(trigger.poll()).rejects.toThrow(/\(500\)/);
		expect(ids((await trigger.poll()).items)).toEqual(created);
	});

	test('over 10,000 matches Enneo sorts by time (sort-field-changed): the trigger reads ID windows and still delivers in ID order', async () => {
		enneo.fake.state.eventSortFallbackOver = 10_000;
		const trigger = poller({ events: ['ticketCreated'], options: { maxEventsPerPoll: 5_000 } });
		await trigger.poll();
		const created = insertEvents(enneo.fake.state, 10_050, {
			type: 'ticketCreated',
			ticketIds: ticketIds(),
		});
		// Times out of ID order: a time sort would deliver them shuffled.
		enneo.fake.state.events.forEach(
			(event, index) => (event.createdAt = sqlDate(new Date(Date.now() - (index % 60) * 1000))),
		);
		const delivered: number[] = [];
		for (let poll = 0; poll < 4; poll++) delivered.push(...ids((await trigger.poll()).items));
		expect(delivered).toEqual(created);
		expect(searches().some((r) => JSON.stringify(r.body).includes('"between"'))).toBe(true);
	});
});
