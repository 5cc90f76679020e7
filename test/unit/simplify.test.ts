/**
 * Simplify (node version 2): Get operations return at most 10 fields by default, so an AI agent's
 * tool call gets a small answer; version 1 keeps its outputs for saved workflows.
 */
import { DEMO } from '../fake-enneo/demoData';
import { useFakeEnneo } from '../harness/fakeServer';
import { runNode, locator } from '../harness/runNode';

const enneo = useFakeEnneo({ tickets: 20 });

function run(parameters: Record<string, unknown>, typeVersion = 2) {
	return runNode({ parameters, credentials: enneo.credentials, typeVersion });
}

/** The fields of each simplified object (at most 10, n8n's guideline). */
const TICKET_FIELDS = [
	'id',
	'subject',
	'summary',
	'status',
	'priority',
	'channel',
	'customerId',
	'agentId',
	'tagNames',
	'dueBy',
];
const CONVERSATION_FIELDS = [
	'id',
	'ticketId',
	'type',
	'direction',
	'private',
	'isDraft',
	'from',
	'agentId',
	'text',
	'createdAt',
];
const CUSTOMER_FIELDS = [
	'id',
	'fullName',
	'email',
	'phone',
	'company',
	'address',
	'tagNames',
	'isVip',
	'contractIds',
];

describe('Simplify', () => {
	test.each([
		[
			'Ticket → Get',
			{ resource: 'ticket', operation: 'get', ticketId: locator(376101) },
			TICKET_FIELDS,
		],
		[
			'Ticket → Get Many',
			{ resource: 'ticket', operation: 'getMany', returnAll: false, limit: 3 },
			TICKET_FIELDS,
		],
		[
			'Conversation → Get',
			{
				resource: 'conversation',
				operation: 'get',
				ticketId: locator(DEMO.threadTicketId),
				conversationId: 5001,
			},
			CONVERSATION_FIELDS,
		],
		[
			'Conversation → Get Many',
			{
				resource: 'conversation',
				operation: 'getMany',
				ticketId: locator(DEMO.threadTicketId),
				returnAll: true,
			},
			CONVERSATION_FIELDS,
		],
		[
			'Customer → Search',
			{ resource: 'customer', operation: 'search', query: 'Sterling' },
			CUSTOMER_FIELDS,
		],
		[
			'Customer → Get',
			{
				resource: 'customer',
				operation: 'get',
				lookUpBy: 'customerId',
				customerId: String(DEMO.vipCustomerId),
			},
			CUSTOMER_FIELDS,
		],
	])('%s returns at most 10 fields by default in version 2', async (_name, parameters, keys) => {
		const { output } = await run(parameters);
		expect(output.length).toBeGreaterThan(0);
		for (const item of output) {
			expect(Object.keys(item.json).sort()).toEqual([...keys].sort());
			expect(Object.keys(item.json).length).toBeLessThanOrEqual(10);
		}
	});

	test('a phone search keeps matchedPhone in the simplified customer (the 10th field)', async () => {
		const { output } = await run({
			resource: 'customer',
			operation: 'search',
			query: DEMO.vipPhone,
		});
		expect(output[0].json).toMatchObject({
			id: DEMO.vipCustomerId,
			isVip: true,
			matchedPhone: { form: 'digits' },
		});
		expect(Object.keys(output[0].json).length).toBeLessThanOrEqual(10);
	});

	test('Simplify off returns the whole object', async () => {
		const { output } = await run({
			resource: 'ticket',
			operation: 'get',
			ticketId: locator(376101),
			simplify: false,
		});
		expect(Object.keys(output[0].json).length).toBeGreaterThan(10);
	});

	test('version 1 keeps its outputs: Get unsimplified, Get Many with its 19-field simplify', async () => {
		const get = await run({ resource: 'ticket', operation: 'get', ticketId: locator(376101) }, 1);
		expect(Object.keys(get.output[0].json).length).toBeGreaterThan(10);
		const many = await run(
			{ resource: 'ticket', operation: 'getMany', returnAll: false, limit: 1 },
			1,
		);
		expect(Object.keys(many.output[0].json)).toEqual(
			expect.arrayContaining([
				'fromName',
				'aiSupportLevel',
				'sentiment',
				'createdAt',
				'modifiedAt',
			]),
		);
	});
});

/** Version 4's simplified customer: the names as the routing rules spell them. */
const CUSTOMER_FIELDS_V4 = [
	'id',
	'firstName',
	'lastName',
	'fullName',
	'email',
	'phone',
	'tagNames',
	'isVip',
	'contractIds',
];

describe('Output (version 4): Simplified, Raw or Selected Fields', () => {
	const ticketGet = { resource: 'ticket', operation: 'get', ticketId: locator(376101) };

	test('Simplified is the default and keeps the simplified fields', async () => {
		const { output } = await run(ticketGet, 4);
		expect(Object.keys(output[0].json).sort()).toEqual([...TICKET_FIELDS].sort());
	});

	test('Raw returns the whole object; Simplify of version 3 is not read', async () => {
		const { output } = await run({ ...ticketGet, output: 'raw', simplify: true }, 4);
		expect(Object.keys(output[0].json).length).toBeGreaterThan(10);
	});

	test.each([
		['Ticket → Get', ticketGet, ['id', 'status', 'direction']],
		[
			'Ticket → Get Many',
			{ resource: 'ticket', operation: 'getMany', returnAll: false, limit: 2 },
			['id', 'status', 'direction'],
		],
		[
			'Conversation → Get Many',
			{
				resource: 'conversation',
				operation: 'getMany',
				ticketId: locator(DEMO.threadTicketId),
				returnAll: true,
			},
			['id', 'direction'],
		],
	])(
		'%s: Selected Fields returns the named fields that exist, and always the ID',
		async (_name, parameters, keys) => {
			const { output } = await run(
				{ ...parameters, output: 'selected', outputFields: 'status, direction,notAField' },
				4,
			);
			expect(output.length).toBeGreaterThan(0);
			for (const item of output) {
				expect(Object.keys(item.json).sort()).toEqual([...keys].sort());
				expect(item.json.id).toEqual(expect.any(Number));
			}
		},
	);

	test('Selected Fields with no field names is refused naming the field', async () => {
		await expect(run({ ...ticketGet, output: 'selected', outputFields: ' , ' }, 4)).rejects.toThrow(
			'"Fields" is empty: name the fields to return [item 0]',
		);
	});

	test.each([
		[
			'Customer → Search',
			{ resource: 'customer', operation: 'search', query: 'Sterling' },
			['found'],
		],
		[
			'Customer → Get',
			{
				resource: 'customer',
				operation: 'get',
				lookUpBy: 'customerId',
				customerId: String(DEMO.vipCustomerId),
			},
			[],
		],
	])(
		'%s: the simplified customer keeps firstName and lastName',
		async (_name, parameters, extra) => {
			const { output } = await run(parameters, 4);
			expect(Object.keys(output[0].json).sort()).toEqual([...CUSTOMER_FIELDS_V4, ...extra].sort());
			expect(output[0].json).toMatchObject({
				firstName: 'Victoria',
				lastName: 'Sterling',
				isVip: true,
			});
			expect(Object.keys(output[0].json).length).toBeLessThanOrEqual(10);
		},
	);
});
