import { shapeCustomer } from '../../../nodes/shaping/customer';
import { PROBE_HEADERS } from '../../fake-enneo/contract/record';
import { DEMO } from '../../fake-enneo/demoData';
import { useFakeEnneo } from '../../harness/fakeServer';
import { itemsOf, operationRunner } from '../../harness/runNode';

const enneo = useFakeEnneo({ tickets: 10 });

// These tests read the full Enneo objects (Output → Raw); the simplified shapes are covered in simplify.test.ts.
const run = operationRunner(enneo, 'customer', { output: 'raw' });

describe('customer VIP shaping', () => {
	test.each([
		[{ tags: [{ id: 2, name: 'VIP' }] }, {}, true],
		[{ tags: [{ id: 2, name: ' vip ' }] }, {}, true],
		[{ tags: [{ id: 9, name: 'Premium' }] }, { tagName: 'premium' }, true],
		[{ tags: [{ id: 9, name: 'Premium' }] }, {}, false],
		[{ tags: [{ id: 9, name: 'Gold' }] }, { tagName: 'VIP', tagId: 9 }, true],
		[{ tagIds: [9] }, { tagName: 'VIP', tagId: 9 }, true],
		[{ tags: [] }, {}, false],
		[{}, {}, false],
		[{ tags: [{ id: 2, name: 'VIP' }] }, { tagName: '' }, false],
	])('%p with rule %p → isVip %p', (customer, rule, expected) => {
		const shaped = shapeCustomer(
			{ id: 1, firstname: 'A', lastname: 'B', ...customer },
			{ tagName: 'VIP', ...rule },
		);
		expect(shaped.isVip).toBe(expected);
	});

	test('flat fields sit beside the raw customer', () => {
		expect(
			shapeCustomer(
				{
					id: 1,
					firstname: 'Victoria',
					lastname: 'Sterling',
					tags: [{ id: 2, name: 'VIP', color: 'green' }],
				},
				{ tagName: 'VIP' },
			),
		).toEqual({
			id: 1,
			firstname: 'Victoria',
			lastname: 'Sterling',
			tags: [{ id: 2, name: 'VIP', color: 'green' }],
			fullName: 'Victoria Sterling',
			tagNames: ['VIP'],
			tagIds: [2],
			isVip: true,
		});
		expect(
			shapeCustomer(
				{ id: 2, firstname: null, lastname: '', company: 'Muster GmbH' },
				{ tagName: 'VIP' },
			).fullName,
		).toBe('Muster GmbH');
	});
});

describe('customer search', () => {
	test('finds by name and flags the VIP; only q, limit and offset are sent', async () => {
		const { output } = await run('search', {
			query: 'Sterling',
			options: { includeRawData: true },
		});
		const [call] = enneo.fake.received('GET', '/customer/search');
		expect(call.query).toEqual({ q: 'Sterling', limit: '50', offset: '0' });
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			id: DEMO.vipCustomerId,
			fullName: 'Victoria Sterling',
			tagNames: ['VIP'],
			tagIds: [2],
			isVip: true,
		});
	});

	test('the fake stores phones as Enneo does (digits) and matches the query as given', async () => {
		expect(enneo.fake.state.customers.get(DEMO.vipCustomerId)!.phone).toBe(4915112345678);
		const search = async (q: string) => {
			const response = await fetch(
				`${enneo.fake.instanceUrl}/api/mind/customer/search?q=${encodeURIComponent(q)}`,
				{ headers: { Authorization: `Bearer ${enneo.fake.apiKey}`, ...PROBE_HEADERS } },
			);
			return ((await response.json()) as Array<{ id: number }>).map((c) => c.id);
		};
		expect(await search('4915112345678')).toEqual([DEMO.vipCustomerId]);
		expect(await search('+4915112345678')).toEqual([]);
		expect(await search('015112345678')).toEqual([]);
	});

	test.each([
		['+49 151 12345678', {}],
		['0151 1234 5678', { defaultCountryCode: '49' }],
		['0049 151 12345678', {}],
	])(
		'a caller number %p finds the customer whose phone is stored as digits, in one request',
		async (query, options) => {
			const { output } = await run('search', { query, options });
			expect(enneo.fake.received('GET', '/customer/search').map((r) => r.query.q)).toEqual([
				'4915112345678',
			]);
			expect(output.map((o) => o.json.id)).toEqual([DEMO.vipCustomerId]);
			expect(output[0].json).toMatchObject({
				isVip: true,
				matchedPhone: { form: 'digits', query: '4915112345678' },
			});
		},
	);

	test('when the digits find no one, E.164 and then the national form are tried (3 requests at most)', async () => {
		const customer = enneo.fake.state.customers.get(83772)!;
		customer.phone = '030 123456';
		const { output } = await run('search', {
			query: '+49 30 123456',
			options: { defaultCountryCode: '49' },
		});
		expect(enneo.fake.received('GET', '/customer/search').map((r) => r.query.q)).toEqual([
			'4930123456',
			'+4930123456',
			'030123456',
		]);
		expect(output.map((o) => o.json)).toEqual([
			{ found: false, query: '+49 30 123456', isVip: false },
		]);

		// Stored with "+": the digits are part of it, so the first search already finds it.
		enneo.fake.requests = [];
		customer.phone = '+4930123456';
		const found = await run('search', {
			query: '030 123456',
			options: { defaultCountryCode: '49' },
		});
		expect(enneo.fake.received('GET', '/customer/search').map((r) => r.query.q)).toEqual([
			'4930123456',
		]);
		expect(found.output[0].json).toMatchObject({
			id: 83772,
			matchedPhone: { form: 'digits', query: '4930123456' },
		});
	});

	test('a number found by its national form says so', async () => {
		enneo.fake.state.customers.get(83772)!.phone = '030123456';
		const { output } = await run('search', {
			query: '+4930123456',
			options: { defaultCountryCode: '49' },
		});
		expect(enneo.fake.received('GET', '/customer/search')).toHaveLength(3);
		expect(output[0].json).toMatchObject({
			id: 83772,
			matchedPhone: { form: 'national', query: '030123456' },
		});
	});

	test('phone normalization can be switched off; IDs are never rewritten', async () => {
		await run('search', { query: '+49 151 12345678', options: { normalizePhone: false } });
		await run('search', { query: '746839' });
		const [first, second] = enneo.fake.received('GET', '/customer/search');
		expect(first.query.q).toBe('+49 151 12345678');
		expect(second.query.q).toBe('746839');
	});

	test('return all pages through the results; a regular customer is not VIP', async () => {
		const { output } = await run('search', { query: 'example.com', returnAll: true });
		expect(output.length).toBe(12);
		const calls = enneo.fake.received('GET', '/customer/search');
		expect(calls.map((c) => c.query.offset)).toEqual(['0']);
		expect(calls[0].query.limit).toBe('100');
		expect(output.find((o) => o.json.id === 83772)!.json).toMatchObject({
			isVip: false,
			tagNames: [],
			tagIds: [],
		});
		expect(output.filter((o) => o.json.isVip).map((o) => o.json.id)).toEqual([
			DEMO.vipCustomerId,
			84003,
		]);
	});

	test('rows without tags are completed from the customer record so VIP flags stay right', async () => {
		enneo.fake.fail({
			method: 'GET',
			path: '/customer/search',
			status: 200,
			body: [{ id: DEMO.vipCustomerId, firstname: 'Victoria', lastname: 'Sterling' }],
		});
		const { output } = await run('search', { query: 'Sterling' });
		expect(enneo.fake.received('GET', `/customer/byCustomerId/${DEMO.vipCustomerId}`)).toHaveLength(
			1,
		);
		expect(output[0].json).toMatchObject({ isVip: true, tagIds: [2] });
	});

	test('version 4: one VIP Tag option takes a tag name or ID', async () => {
		const byName = await run('search', { query: 'Sterling', options: { vipTag: 'Premium' } });
		expect(byName.output[0].json.isVip).toBe(false);
		const byId = await run('search', { query: 'Sterling', options: { vipTag: '2' } });
		expect(byId.output[0].json.isVip).toBe(true);
		const byNameAnyCase = await run('search', { query: 'Sterling', options: { vipTag: ' vip ' } });
		expect(byNameAnyCase.output[0].json.isVip).toBe(true);
		const none = await run('search', { query: 'Sterling', options: { vipTag: '' } });
		expect(none.output[0].json.isVip).toBe(false);
	});

	test('versions 1–3: a custom VIP tag name or ID decides isVip', async () => {
		const byName = await run(
			'search',
			{ query: 'Sterling', options: { vipTagName: 'Premium' } },
			{ typeVersion: 3 },
		);
		expect(byName.output[0].json.isVip).toBe(false);
		const byId = await run(
			'search',
			{ query: 'Sterling', options: { vipTagName: 'Premium', vipTagId: 2 } },
			{ typeVersion: 3 },
		);
		expect(byId.output[0].json.isVip).toBe(true);
	});

	test.each([['  '], [''], [null]])(
		'an empty search text (%p, e.g. an anonymous caller) finds no one without a request',
		async (query) => {
			const { output } = await run('search', { query });
			expect(output.map((o) => o.json)).toEqual([{ found: false, query: '', isVip: false }]);
			const v3 = await run('search', { query }, { typeVersion: 3 });
			expect(v3.output).toEqual([]);
			expect(enneo.fake.received()).toHaveLength(0);
		},
	);

	test('version 4: found customers carry found = true; nobody found is one found = false item', async () => {
		const { output } = await run('search', { query: 'Sterling' });
		expect(output.map((o) => o.json.found)).toEqual([true]);
		const nobody = await run('search', { query: 'Nobody Here' });
		expect(nobody.output.map((o) => o.json)).toEqual([
			{ found: false, query: 'Nobody Here', isVip: false },
		]);
		expect(nobody.output[0].pairedItem).toEqual({ item: 0 });
		const v3 = await run('search', { query: 'Nobody Here' }, { typeVersion: 3 });
		expect(v3.output).toEqual([]);
	});

	test('an over-long search text is refused before any request', async () => {
		await expect(run('search', { query: 'a'.repeat(257) })).rejects.toThrow(
			'"Search Text" is longer than 256 characters [item 0]',
		);
		expect(enneo.fake.received()).toHaveLength(0);
	});
});

describe('customer get', () => {
	test('by customer ID with contracts and raw data', async () => {
		const { output } = await run('get', {
			lookUpBy: 'customerId',
			customerId: String(DEMO.vipCustomerId),
			options: { includeContracts: true, includeRawData: true },
		});
		const [call] = enneo.fake.received('GET', `/customer/byCustomerId/${DEMO.vipCustomerId}`);
		expect(call.query).toEqual({ includeContracts: 'true', includeRawData: 'true' });
		expect(output[0].json).toMatchObject({
			id: DEMO.vipCustomerId,
			isVip: true,
			fullName: 'Victoria Sterling',
			contracts: [{ id: 746839 }],
			rawData: { source: 'erp' },
		});
	});

	test('by contract ID (Include Raw Data is not sent: the route takes no query parameters)', async () => {
		const { output } = await run('get', {
			lookUpBy: 'contractId',
			contractId: '746840',
			options: { includeRawData: true },
		});
		expect(enneo.fake.received('GET', '/customer/byContractId/746840')[0].query).toEqual({});
		expect(output[0].json).toMatchObject({ id: 83772, isVip: false, contracts: [{ id: 746840 }] });
	});

	test('by ticket', async () => {
		const ticket = enneo.fake.state.tickets.get(376100)!;
		const { output } = await run('get', {
			lookUpBy: 'ticketId',
			ticketId: { __rl: true, mode: 'url', value: 'https://demo.enneo.ai/ticket/376100' },
		});
		expect(enneo.fake.received('GET', '/customer/byTicketId/376100')).toHaveLength(1);
		expect(output[0].json.id).toBe(Number(ticket.customerId));
	});

	test('unknown customer is a 404 naming the customer', async () => {
		await expect(run('get', { customerId: '1' })).rejects.toThrow(
			'The customer was not found in Enneo (404)',
		);
	});

	test('an empty customer ID is refused before any request', async () => {
		await expect(run('get', { customerId: ' ' })).rejects.toThrow(
			'"Customer ID" must be an ID, got " " [item 0]',
		);
		expect(enneo.fake.received()).toHaveLength(0);
	});
});

describe('customer update tags', () => {
	test('add reads the customer and writes the full list', async () => {
		const { output } = await run('updateTags', {
			customerId: '83772',
			mode: 'add',
			tagIds: [DEMO.vipTagId],
		});
		expect(enneo.fake.received().map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /customer/byCustomerId/83772',
			'PATCH /customer/83772',
		]);
		expect(enneo.fake.received('PATCH', '/customer/83772')[0].body).toEqual({ tagIds: [2] });
		expect(output[0].json).toEqual({
			customerId: '83772',
			tagIds: [2],
			previousTagIds: [],
			changed: true,
		});
		expect(enneo.fake.state.customers.get(83772)!.tags).toEqual([
			{ id: 2, color: 'green', name: 'VIP' },
		]);
	});

	test('add of a tag the customer already has writes nothing', async () => {
		const { output } = await run('updateTags', {
			customerId: String(DEMO.vipCustomerId),
			mode: 'add',
			tagIds: [2],
		});
		expect(enneo.fake.received('PATCH')).toHaveLength(0);
		expect(output[0].json).toMatchObject({ changed: false, tagIds: [2] });
	});

	test('remove keeps the other tags', async () => {
		enneo.fake.state.tags.set(6, {
			id: 6,
			name: 'Newsletter',
			type: 'customerProperty',
			reference: 'customer',
			color: 'blue',
		});
		enneo.fake.state.customers.get(DEMO.vipCustomerId)!.tags = [
			{ id: 2, name: 'VIP', color: 'green' },
			{ id: 6, name: 'Newsletter', color: 'blue' },
		];
		const { output } = await run('updateTags', {
			customerId: String(DEMO.vipCustomerId),
			mode: 'remove',
			tagIds: '2',
		});
		expect(enneo.fake.received('PATCH', `/customer/${DEMO.vipCustomerId}`)[0].body).toEqual({
			tagIds: [6],
		});
		expect(output[0].json).toMatchObject({ tagIds: [6], previousTagIds: [2, 6], changed: true });
	});

	test('replace writes exactly the given tags without reading first', async () => {
		await run('updateTags', { customerId: '83772', mode: 'replace', tagIds: [2, 2] });
		expect(enneo.fake.received().map((r) => `${r.method} ${r.path}`)).toEqual([
			'PATCH /customer/83772',
		]);
		expect(enneo.fake.received('PATCH')[0].body).toEqual({ tagIds: [2] });
	});

	test("a ticket tag is Enneo's 400", async () => {
		await expect(
			run('updateTags', { customerId: '83772', mode: 'replace', tagIds: [1] }),
		).rejects.toThrow(/tag 1 is not a customer tag/);
	});

	test('no tags is refused before any request', async () => {
		await expect(
			run('updateTags', { customerId: '83772', mode: 'add', tagIds: [] }),
		).rejects.toThrow('"Tag Names or IDs" is empty [item 0]');
		expect(enneo.fake.received()).toHaveLength(0);
	});

	test('many customers; Continue On Fail keeps going after an unknown one', async () => {
		const { output } = await run(
			'updateTags',
			{
				customerId: '={{ String($json.id) }}',
				mode: 'add',
				tagIds: [2],
			},
			{ items: itemsOf({ id: 83772 }, { id: 1 }, { id: 84000 }), continueOnFail: true },
		);
		expect(output.map((o) => o.json.changed ?? o.json.httpCode)).toEqual([true, '404', true]);
		expect(output[1].json.itemIndex).toBe(1);
		expect(enneo.fake.state.customers.get(84000)!.tags).toEqual([
			{ id: 2, color: 'green', name: 'VIP' },
		]);
	});
});

describe('contract search and get', () => {
	test('structured fields go to the query; the best match comes back with found = true', async () => {
		const { output } = await run('contractSearch', {
			searchFields: { lastname: 'Sterling', postalCode: '20249', birthday: '1980-02-29T00:00:00Z' },
			options: { ticketId: '376100', includeRawData: true },
		});
		const [call] = enneo.fake.received('GET', '/contract/search');
		expect(call.query).toEqual({
			lastname: 'Sterling',
			postalCode: '20249',
			birthday: '1980-02-29',
			includeRawData: 'true',
			ticketId: '376100',
		});
		expect(output[0].json).toMatchObject({
			found: true,
			id: 746839,
			contract: { id: 746839, rawData: { source: 'erp' } },
			customer: { id: DEMO.vipCustomerId },
		});
		expect(enneo.fake.state.tickets.get(376100)!.identificationTraces).toHaveLength(1);
	});

	test('customer ID, names, company, meter number, address and city are sent and matched', async () => {
		// Customer 84000 (a business) and its contract 750000; the meter number is set here.
		const contract = enneo.fake.state.contracts.get(750000)!;
		contract.counterNumber = '1ESY1160543210';
		const customer = enneo.fake.state.customers.get(84000)!;
		const searchFields = {
			customerId: '84000',
			firstname: String(customer.firstname),
			fullname: `${String(customer.firstname)} ${String(customer.lastname)}`,
			company: String(customer.company),
			meterNumber: '1ESY1160543210',
			address: String(contract.deliveryAddress),
			city: 'Hamburg',
		};
		const { output } = await run('contractSearch', { searchFields });
		const [call] = enneo.fake.received('GET', '/contract/search');
		expect(call.query).toEqual(searchFields);
		expect(output[0].json).toMatchObject({
			found: true,
			similarity: 1,
			contract: { id: 750000, customerId: 84000 },
		});
		// One field that does not match lowers the similarity (6 of 7).
		const other = await run('contractSearch', {
			searchFields: { ...searchFields, meterNumber: 'OTHER' },
		});
		expect(enneo.fake.received('GET', '/contract/search')[1].query.meterNumber).toBe('OTHER');
		expect(other.output[0].json).toMatchObject({ found: true, similarity: 0.86 });
	});

	test('contract ID match is exact', async () => {
		const { output } = await run('contractSearch', { searchFields: { contractId: '746840' } });
		expect(output[0].json).toMatchObject({
			found: true,
			similarity: 1,
			contract: { customerId: 83772 },
		});
	});

	test('no match gives one item with found = false', async () => {
		const { output } = await run('contractSearch', {
			searchFields: { email: 'nobody@example.com' },
		});
		expect(output).toEqual([{ json: { found: false }, pairedItem: { item: 0 } }]);
	});

	test('no search field is refused before any request', async () => {
		await expect(run('contractSearch', { searchFields: { lastname: ' ' } })).rejects.toThrow(
			'Add at least one field under "Search Fields" [item 0]',
		);
		expect(enneo.fake.received()).toHaveLength(0);
	});

	test('get contract', async () => {
		const { output } = await run('getContract', {
			contractId: '746839',
			options: { refresh: true },
		});
		expect(enneo.fake.received('GET', '/contract/746839')[0].query).toEqual({ refresh: 'true' });
		expect(output[0].json).toMatchObject({
			found: true,
			id: 746839,
			customerId: DEMO.vipCustomerId,
			productName: 'Green Power 12',
		});
		expect(output[0].json.rawData).toBeUndefined();
	});

	test('get contract with Include Raw Data', async () => {
		const { output } = await run('getContract', {
			contractId: '746839',
			options: { includeRawData: true },
		});
		expect(enneo.fake.received('GET', '/contract/746839')[0].query).toEqual({
			includeRawData: 'true',
		});
		expect(output[0].json).toMatchObject({ found: true, id: 746839, rawData: { source: 'erp' } });
	});

	test("Enneo's 200 contract_not_found is an error naming the contract", async () => {
		await expect(run('getContract', { contractId: '999' })).rejects.toThrow(
			'Contract 999 was not found in Enneo [item 0]',
		);
	});

	test('or, when asked, an item with found = false', async () => {
		const { output } = await run('getContract', {
			contractId: '999',
			options: { continueIfNotFound: true },
		});
		expect(output[0].json).toEqual({ found: false, contractId: '999', code: 'contract_not_found' });
	});
});
