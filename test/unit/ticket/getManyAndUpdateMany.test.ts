/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- fixture keys for the fake Enneo, not secrets */
import { useFakeEnneo } from '../../harness/fakeServer';
import { itemsOf, runNode } from '../../harness/runNode';

const enneo = useFakeEnneo({ tickets: 1234 });

describe('ticket get many', () => {
	test('return all walks every page at 500 per request', async () => {
		const { output } = await runNode({
			parameters: { resource: 'ticket', operation: 'getMany', returnAll: true, simplify: false },
			credentials: enneo.credentials,
		});
		expect(output).toHaveLength(1234);
		const calls = enneo.fake.received('POST', '/ticket/search');
		expect(calls.map((c) => (c.body as { limit: number; offset: number }).offset)).toEqual([
			0, 500, 1000,
		]);
		expect(calls.every((c) => (c.body as { limit: number }).limit === 500)).toBe(true);
		expect(new Set(output.map((o) => o.json.id)).size).toBe(1234);
		expect(output.every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('a limit fetches only what is needed', async () => {
		const { output } = await runNode({
			parameters: { resource: 'ticket', operation: 'getMany', returnAll: false, limit: 7 },
			credentials: enneo.credentials,
		});
		expect(output).toHaveLength(7);
		const calls = enneo.fake.received('POST', '/ticket/search');
		expect(calls).toHaveLength(1);
		expect(calls[0].body).toMatchObject({
			limit: 7,
			offset: 0,
			orderByField: 't.id',
			orderByDirection: 'desc',
			filters: [],
		});
		expect(Object.keys(output[0].json)).toEqual(
			expect.arrayContaining(['id', 'status', 'tagNames', 'agentId']),
		);
	});

	test('filters become Enneo filter objects', async () => {
		await runNode({
			parameters: {
				resource: 'ticket',
				operation: 'getMany',
				returnAll: false,
				limit: 10,
				filters: {
					status: ['open'],
					unassigned: true,
					agentIds: [7],
					tagIds: [1, 3],
					tagMatch: 'all',
					createdAfter: '2026-10-01T00:00:00Z',
				},
				sort: { field: 't.createdAt', direction: 'asc' },
			},
			credentials: enneo.credentials,
		});
		const [call] = enneo.fake.received('POST', '/ticket/search');
		expect(call.body).toEqual({
			filters: [
				{ key: 't.status', comparator: 'in', values: ['open'] },
				{ key: 't.agentId', comparator: 'in', values: [7, 'unassigned'] },
				{ key: 'tt_matchAll.tagId', comparator: 'in', values: [1, 3] },
				{ key: 't.createdAt', comparator: '>=', value: '2026-10-01 00:00:00' },
			],
			orderByField: 't.createdAt',
			orderByDirection: 'asc',
			limit: 10,
			offset: 0,
		});
	});
});

describe('ticket get many: filters shared with the Enneo Event Trigger', () => {
	const getMany = (filters: Record<string, unknown>) =>
		runNode({
			parameters: {
				resource: 'ticket',
				operation: 'getMany',
				returnAll: true,
				output: 'raw',
				filters,
			},
			credentials: enneo.credentials,
		});

	test('Subchannel Names or IDs filters by the mailbox or line', async () => {
		const { output } = await getMany({ subchannelIds: [1] });
		expect(enneo.fake.received('POST', '/ticket/search')[0].body).toMatchObject({
			filters: [{ key: 't.subchannelId', comparator: 'in', values: [1] }],
		});
		expect(output.length).toBeGreaterThan(0);
		expect(output.map((item) => item.json.subchannelId)).toEqual(output.map(() => 1));
	});

	test.each([
		[{ status: ['open', 'fax'] }, 'Filters → Status has an invalid value: "fax" [item 0]'],
		[{ tagIds: ['VIP'] }, 'Filters → Tag Names or IDs has an invalid value: "VIP" [item 0]'],
		[
			{ subchannelIds: Array.from({ length: 201 }, (_, i) => i + 1) },
			'Filters → Subchannel Names or IDs has 201 values; at most 200 are allowed [item 0]',
		],
	])('%p is refused before any request, naming the field', async (filters, message) => {
		await expect(getMany(filters)).rejects.toThrow(message);
		expect(enneo.fake.received()).toHaveLength(0);
	});
});

describe('ticket update many', () => {
	test('version 1 keeps its sort fields among the options; version 2 has Sort of its own', async () => {
		await runNode({
			parameters: {
				resource: 'ticket',
				operation: 'getMany',
				returnAll: false,
				limit: 1,
				options: { orderByField: 't.priority', orderByDirection: 'asc' },
			},
			credentials: enneo.credentials,
			typeVersion: 1,
		});
		await runNode({
			parameters: {
				resource: 'ticket',
				operation: 'getMany',
				returnAll: false,
				limit: 1,
				sort: { field: 't.priority' },
			},
			credentials: enneo.credentials,
		});
		const [v1, v2] = enneo.fake.received('POST', '/ticket/search');
		expect(v1.body).toMatchObject({ orderByField: 't.priority', orderByDirection: 'asc' });
		expect(v2.body).toMatchObject({ orderByField: 't.priority', orderByDirection: 'desc' });
	});
	test('1,000 items cost ceil(1000/batch) PATCH /ticket requests and pair with their items', async () => {
		const ids = [...enneo.fake.state.tickets.keys()].slice(0, 1000);
		const { output } = await runNode({
			parameters: {
				resource: 'ticket',
				operation: 'updateMany',
				updateFields: { priority: 'high', tagIds: [4], tagsMode: 'add' },
				options: { batchSize: 300 },
			},
			items: itemsOf(...ids.map((id) => ({ id }))),
			credentials: enneo.credentials,
		});
		// Adding a tag reads the current tags first: one search per 500 tickets.
		expect(enneo.fake.received('POST', '/ticket/search')).toHaveLength(2);
		const calls = enneo.fake.received('PATCH', '/ticket');
		expect(calls).toHaveLength(4);
		expect(calls.map((c) => (c.body as unknown[]).length)).toEqual([300, 300, 300, 100]);
		expect((calls[0].body as unknown[])[0]).toEqual({
			id: ids[0],
			priority: 'high',
			tags: [{ id: 1 }, { id: 3 }, { id: 4 }],
		});
		expect(output).toHaveLength(1000);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.id).toBe(ids[index]);
		});
		expect(enneo.fake.state.tickets.get(ids[999])!.priority).toBe('high');
		expect(enneo.fake.state.tickets.get(ids[999])!.tagIds).toContain(4);
	});

	test('a failed batch is reported on each of its items under Continue On Fail', async () => {
		const ids = [...enneo.fake.state.tickets.keys()].slice(0, 5);
		enneo.fake.fail({ method: 'PATCH', path: '/ticket', status: 500, times: 1 });
		const { output } = await runNode({
			parameters: {
				resource: 'ticket',
				operation: 'updateMany',
				updateFields: { status: 'closed' },
				options: { batchSize: 2 },
			},
			items: itemsOf(...ids.map((id) => ({ id }))),
			credentials: enneo.credentials,
			continueOnFail: true,
		});
		expect(output.map((o) => Boolean(o.json.error))).toEqual([true, true, false, false, false]);
		expect(String(output[0].json.error)).toContain('failed to answer (500)');
		expect(enneo.fake.received('PATCH', '/ticket')).toHaveLength(3);
	});

	test('pending without a future due date is refused before any request', async () => {
		await expect(
			runNode({
				parameters: {
					resource: 'ticket',
					operation: 'updateMany',
					updateFields: { status: 'pending' },
				},
				items: itemsOf({ id: 376100 }),
				credentials: enneo.credentials,
			}),
		).rejects.toThrow('Status "Pending" needs a "Due By" date in the future [item 0]');
		expect(enneo.fake.received('PATCH', '/ticket')).toHaveLength(0);
	});
});

describe('transport', () => {
	test('a wrong key gives a 401 message that never contains the key', async () => {
		const error = await runNode({
			parameters: {
				resource: 'ticket',
				operation: 'get',
				ticketId: { __rl: true, mode: 'id', value: '376100' },
			},
			credentials: { instanceUrl: enneo.fake.instanceUrl, apiKey: 'wrong-secret-key-123' },
		}).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toContain('Enneo rejected the API key (401)');
		expect(JSON.stringify(error)).not.toContain('wrong-secret-key-123');
	});

	test('429 with Retry-After is retried and then succeeds', async () => {
		enneo.fake.fail({
			path: '/ticket/376100',
			status: 429,
			headers: { 'Retry-After': '1' },
			times: 1,
		});
		const started = Date.now();
		const { output } = await runNode({
			parameters: {
				resource: 'ticket',
				operation: 'get',
				ticketId: { __rl: true, mode: 'url', value: 'https://demo.enneo.ai/ticket/376100' },
			},
			credentials: enneo.credentials,
		});
		expect(output[0].json.id).toBe(376100);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(enneo.fake.received('GET', '/ticket/376100')).toHaveLength(2);
		expect(enneo.fake.received('GET', '/ticket/376100')[1].query).toEqual({ viewing: 'false' });
	});
});
