import type { IDataObject } from 'n8n-workflow';

import { insertEvents } from '../../fake-enneo/events';
import { probeFake, useFakeEnneo } from '../../harness/fakeServer';

const enneo = useFakeEnneo();

async function search(
	query: string,
	body: unknown,
): Promise<{ status: number; json: IDataObject }> {
	return await probeFake(enneo.fake, 'POST', `/event/search${query}`, body);
}

const idsOf = (json: IDataObject) => (json.events as IDataObject[]).map((event) => event.id);

describe('the fake Enneo event search is as strict as the documented one', () => {
	test('unknown filter keys, comparators, query parameters and body fields are 400; limit over 100 (the maximum of the reference) is 400', async () => {
		for (const [query, body] of [
			['', { filters: [{ key: 'e.ticketStatus', comparator: '=', value: 'open' }] }],
			['', { filters: [{ key: 'e.id', comparator: 'like', value: 1 }] }],
			['', { filters: [{ key: 'e.type', comparator: 'in', value: 'ticketCreated' }] }],
			['', { filters: [{ key: 'e.subType', comparator: '=', value: 'x' }] }],
			['', { filters: [{ key: 'q', value: 'x' }] }],
			['', { filters: [], limit: 10 }],
			['?page=2', { filters: [] }],
			['?limit=101', { filters: [] }],
			['?orderByField=e.data', { filters: [] }],
		] as const) {
			expect({ query, body, status: (await search(query, body)).status }).toEqual({
				query,
				body,
				status: 400,
			});
		}
	});

	test('conditions on one key are OR, on different keys AND; at most 100 per page; traces only when asked', async () => {
		const tickets = [...enneo.fake.state.tickets.keys()].slice(0, 2);
		const created = insertEvents(enneo.fake.state, 4, {
			type: 'ticketCreated',
			ticketIds: tickets,
		});
		insertEvents(enneo.fake.state, 2, { type: 'newNote', ticketIds: tickets });
		const { json } = await search('?orderByField=e.id&orderByDirection=asc&includeTraces=false', {
			filters: [
				{ key: 'e.ticketId', comparator: '=', value: tickets[0] },
				{ key: 'e.ticketId', comparator: '=', value: tickets[1] },
				{ key: 'e.type', comparator: 'in', values: ['ticketCreated'] },
			],
		});
		expect(idsOf(json)).toEqual(created);
		expect((json.events as IDataObject[])[0]).not.toHaveProperty('eventTraces');
		insertEvents(enneo.fake.state, 150, { type: 'ticketCreated', ticketIds: tickets });
		const page = await search('?limit=100', {
			filters: [{ key: 'e.type', comparator: 'in', values: ['ticketCreated'] }],
		});
		expect(page.json.events).toHaveLength(100);
		expect(page.json.pagination).toEqual({ total: 154, offset: 0, limit: 100 });
	});

	test("events of tickets hidden from the key's user are left out; POST /__fake/events inserts events", async () => {
		const [visible, hidden] = [...enneo.fake.state.tickets.keys()];
		enneo.fake.state.hiddenTicketIds.add(hidden);
		const response = await fetch(`${enneo.fake.instanceUrl}/__fake/events`, {
			method: 'POST',
			body: JSON.stringify({ count: 4, type: 'ticketResponse', ticketIds: [visible, hidden] }),
		});
		const { ids } = (await response.json()) as { ids: number[] };
		const { json } = await search('?orderByField=e.id&orderByDirection=asc', {
			filters: [{ key: 'e.type', comparator: '=', value: 'ticketResponse' }],
		});
		expect(idsOf(json)).toEqual([ids[0], ids[2]]);
	});
});
