import type { IDataObject } from 'n8n-workflow';

import { ageEvents, insertEvents } from '../../fake-enneo/events';
import { useFakeEnneo } from '../../harness/fakeServer';
import { runPoll } from '../../harness/runPoll';

const enneo = useFakeEnneo();

describe('Enneo Event Trigger: errors', () => {
	test("a key without the 'events' permission: 403 names the permission and the fix", async () => {
		enneo.fake.state.me.permissions = [];
		const error = (await runPoll({
			parameters: { events: ['ticketCreated'] },
			credentials: enneo.credentials,
		}).catch((e: unknown) => e)) as Error & { description?: string };
		expect(error.message).toMatch(/permission 'events' is missing/);
		expect(error.description).toMatch(/grant it to the role of the key's user/);
	});

	test('new events older than 30 days behind the saved position: an error naming the gap and the option; Continue delivers what is left, Start From Now skips', async () => {
		const ticketIds = [...enneo.fake.state.tickets.keys()].slice(0, 3);
		const staticData: IDataObject = {};
		await runPoll({
			parameters: { events: ['ticketCreated'] },
			credentials: enneo.credentials,
			staticData,
		});
		const old = insertEvents(enneo.fake.state, 3, { type: 'ticketCreated', ticketIds });
		// Fast-forward 40 days: the workflow was unpublished while these happened.
		ageEvents(enneo.fake.state, 40);
		const newer = insertEvents(enneo.fake.state, 2, { type: 'ticketCreated', ticketIds });
		const saved = { ...staticData };

		const error = (await runPoll({
			parameters: { events: ['ticketCreated'] },
			credentials: enneo.credentials,
			staticData,
		}).catch((e: unknown) => e)) as Error & {
			description?: string;
		};
		expect(error.message).toMatch(
			new RegExp(
				`may be incomplete: the next event after the saved position \\(ID ${old[0]}\\) is 40 days old and Enneo keeps event details for 30 days`,
			),
		);
		expect(error.description).toMatch(/After a Gap of More Than 30 Days/);
		expect(staticData).toEqual(saved);

		const go = await runPoll({
			parameters: { events: ['ticketCreated'], options: { retentionGap: 'continue' } },
			credentials: enneo.credentials,
			staticData: { ...saved },
		});
		expect(go.items!.map((item) => item.json.id)).toEqual([...old, ...newer]);
		expect(go.items![0].json.data).toBeNull();

		const fresh = await runPoll({
			parameters: { events: ['ticketCreated'], options: { retentionGap: 'restart' } },
			credentials: enneo.credentials,
			staticData: { ...saved },
		});
		expect(fresh.items).toBeNull();
		expect(fresh.staticData.lastEventId).toBe(newer[1]);
	});

	test('a trigger whose events are rare sees no gap: only the age of the new events counts', async () => {
		const staticData: IDataObject = { lastEventId: 1 };
		const [fresh] = insertEvents(enneo.fake.state, 1, {
			type: 'callCompleted',
			ticketIds: [...enneo.fake.state.tickets.keys()].slice(0, 1),
		});
		const { items } = await runPoll({
			parameters: { events: ['callCompleted'] },
			credentials: enneo.credentials,
			staticData,
		});
		expect(items!.map((item) => item.json.id)).toEqual([fresh]);
	});

	test('Events from an expression as text: comma, semicolon or line separated, each type asked for once', async () => {
		await expect(
			runPoll({
				parameters: { events: '={{ "ticketCreated; callCompleted\\nticketCreated, newReply" }}' },
				credentials: enneo.credentials,
				mode: 'manual',
			}),
		).rejects.toThrow('No matching event in Enneo yet for: ticketCreated, callCompleted, newReply');
		const [search] = enneo.fake.received('POST', '/event/search');
		expect((search.body as { filters: IDataObject[] }).filters).toContainEqual({
			key: 'e.type',
			comparator: 'in',
			values: ['ticketCreated', 'callCompleted', 'newReply'],
		});
	});

	test.each([
		[{ events: [] }, /Choose at least one event in "Events"/],
		[{ events: ['ticket Created'] }, /"Events" has an invalid event type: "ticket Created"/],
		[
			{ events: ['ticketCreated'], options: { maxEventsPerPoll: 0 } },
			/"Max Events per Poll" must be a whole number from 1 to 5000/,
		],
		[
			{ events: ['ticketCreated'], filters: { channel: ['fax'] } },
			/Filters → Channel has an invalid value: "fax"/,
		],
		[
			{ events: ['ticketCreated'], filters: { tagIds: ['VIP'] } },
			/Filters → Tag Names or IDs has an invalid value: "VIP"/,
		],
	])('invalid settings are refused before any request: %j', async (parameters, message) => {
		await expect(runPoll({ parameters, credentials: enneo.credentials })).rejects.toThrow(message);
		expect(enneo.fake.requests).toHaveLength(0);
	});
});
