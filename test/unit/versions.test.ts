/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * Node version 3: every ticket ID is entered with the Ticket locator and every delete answers
 * `{ deleted: true, ticketId, … }`. Versions 1 and 2 keep their parameters and outputs, so saved
 * workflows run unchanged. Display names are the README's names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { Enneo } from '../../nodes/Enneo/Enneo.node';
import { conversationOperations } from '../../nodes/Enneo/actions/conversation';
import { customerOperations } from '../../nodes/Enneo/actions/customer';
import { telephonyOperations } from '../../nodes/Enneo/actions/telephony';
import { ticketOperations } from '../../nodes/Enneo/actions/ticket';
import { DEMO } from '../fake-enneo/demoData';
import { shownProperties } from '../harness/display';
import { useFakeEnneo } from '../harness/fakeServer';
import { itemsOf, locator, runNode } from '../harness/runNode';

const enneo = useFakeEnneo({ tickets: 10 });
const description = new Enneo().description;

function run(parameters: IDataObject, typeVersion: number, items?: IDataObject[]) {
	return runNode({
		parameters,
		credentials: enneo.credentials,
		typeVersion,
		...(items ? { items: itemsOf(...items) } : {}),
	});
}

/** A call ticket from Call Received; `native` routing also queues the call. */
async function startCall(routing: 'none' | 'native'): Promise<number> {
	const call = await run(
		{
			resource: 'telephony',
			operation: 'callReceived',
			direction: 'in',
			routing,
			phone: '+4930123456',
		},
		3,
	);
	enneo.fake.requests = [];
	return call.output[0].json.ticketId as number;
}

const resources = {
	ticket: ticketOperations,
	conversation: conversationOperations,
	telephony: telephonyOperations,
	customer: customerOperations,
};
/** Every operation with the values that show its ticket field, when it has one behind a choice. */
const operations = Object.entries(resources).flatMap(([resource, map]) =>
	Object.keys(map).map((operation) => {
		const values: IDataObject = { resource, operation };
		if (resource === 'customer' && operation === 'get') values.lookUpBy = 'ticketId';
		if (resource === 'telephony' && operation === 'getRouting') values.lookUpBy = 'ticketId';
		return values;
	}),
);

/** The ticket fields n8n shows for these values, top level and inside collections. */
function ticketFields(values: IDataObject, version: number): INodeProperties[] {
	return shownProperties(description, values as never, version).flatMap((property) => {
		const inner = ((property.type === 'collection' ? property.options : []) ??
			[]) as INodeProperties[];
		return [property, ...inner].filter((p) => p.name === 'ticketId');
	});
}

describe('version 3: one way to enter a ticket', () => {
	test('is the default version; 1 and 2 stay for saved workflows', () => {
		expect(description.version).toEqual([1, 2, 3, 4]);
		expect(description.defaultVersion).toBe(4);
	});

	test('every ticket field of every operation is the Ticket locator', () => {
		const fields = operations.flatMap((values) =>
			ticketFields(values, 3).map((field) => ({
				operation: `${values.resource}.${values.operation}`,
				type: field.type,
				modes: field.modes?.map((mode) => mode.name),
			})),
		);
		// 22 operations name a ticket (the others search, create or work without one).
		expect(new Set(fields.map((f) => f.operation)).size).toBe(22);
		for (const field of fields)
			expect(field).toEqual({ ...field, type: 'resourceLocator', modes: ['list', 'id', 'url'] });
	});

	test('the operations that took a ticket ID as text in version 2 keep it there', () => {
		const textFields = operations
			.filter((values) => ticketFields(values, 2).some((field) => field.type !== 'resourceLocator'))
			.map((values) => `${values.resource}.${values.operation}`);
		expect(textFields.sort()).toEqual([
			'customer.contractSearch',
			'telephony.agentConnected',
			'telephony.callCompleted',
			'ticket.updateMany',
		]);
		// and every one of them has the locator in version 3
		for (const name of textFields) {
			const [resource, operation] = name.split('.');
			const values = operations.find((v) => v.resource === resource && v.operation === operation)!;
			expect(ticketFields(values, 3).map((field) => field.type)).toEqual(['resourceLocator']);
		}
	});

	test('Agent Connected takes a ticket URL; version 2 still takes the ID as text', async () => {
		const ticketId = await startCall('none');
		const url = `${enneo.fake.instanceUrl}/ticket/${ticketId}`;
		await run(
			{
				resource: 'telephony',
				operation: 'agentConnected',
				userId: 7,
				ticketId: { __rl: true, mode: 'url', value: url },
			},
			3,
		);
		await run(
			{ resource: 'telephony', operation: 'agentConnected', userId: 7, ticketId: String(ticketId) },
			2,
		);
		const sent = enneo.fake.received('POST', '/telephony/agentConnected').map((c) => c.body);
		expect(sent).toEqual([
			{ ticketId, userId: 7 },
			{ ticketId, userId: 7 },
		]);
	});

	test('an empty optional Ticket leaves the call ID to identify the call', async () => {
		await expect(
			run(
				{
					resource: 'telephony',
					operation: 'callCompleted',
					ticketId: { __rl: true, mode: 'id', value: '' },
				},
				3,
			),
		).rejects.toThrow('Set "Call ID (Channel ID)" or "Ticket" to identify the call [item 0]');
		await expect(
			run({ resource: 'telephony', operation: 'callCompleted', ticketId: '' }, 2),
		).rejects.toThrow('Set "Call ID (Channel ID)" or "Ticket ID" to identify the call [item 0]');
		expect(enneo.fake.received()).toHaveLength(0);
	});

	test('a ticket that is not a number is refused naming the field, in both versions', async () => {
		await expect(
			run({ resource: 'telephony', operation: 'callCompleted', ticketId: locator('abc') }, 3),
		).rejects.toThrow('"Ticket" must be a positive whole number, got "abc" [item 0]');
		await expect(
			run({ resource: 'telephony', operation: 'callCompleted', ticketId: 'abc' }, 2),
		).rejects.toThrow('"Ticket ID" must be a positive whole number, got "abc" [item 0]');
	});

	test('Get Routing: the Ticket locator in version 3, the Value text in version 2', async () => {
		const ticketId = await startCall('native');
		await run({ resource: 'telephony', operation: 'getRouting', ticketId: locator(ticketId) }, 3);
		await run({ resource: 'telephony', operation: 'getRouting', lookUpValue: String(ticketId) }, 2);
		const queries = enneo.fake.received('GET', '/telephony/getRouting').map((c) => c.query);
		expect(queries).toEqual([{ ticketId: String(ticketId) }, { ticketId: String(ticketId) }]);
		// Version 3 shows Value only for the call and queue IDs.
		const shown = (lookUpBy: string) =>
			shownProperties(
				description,
				{ resource: 'telephony', operation: 'getRouting', lookUpBy },
				3,
			).map((p) => p.name);
		expect(shown('ticketId')).toContain('ticketId');
		expect(shown('ticketId')).not.toContain('lookUpValue');
		expect(shown('channelId')).toContain('lookUpValue');
		expect(shown('channelId')).not.toContain('ticketId');
	});

	test("Update Many reads each item's ticket from the locator's default, {{ $json.id }}", async () => {
		const items = [{ id: 376101 }, { id: 376102 }];
		const parameters = {
			resource: 'ticket',
			operation: 'updateMany',
			updateFields: { priority: 'high' },
		};
		const v3 = await run(parameters, 3, items);
		const v2 = await run(parameters, 2, items);
		const bodies = enneo.fake.received('PATCH', '/ticket').map((c) => c.body as IDataObject[]);
		expect(bodies.map((body) => body.map((element) => element.id))).toEqual([
			[376101, 376102],
			[376101, 376102],
		]);
		expect(v3.output.map((o) => o.json.id)).toEqual([376101, 376102]);
		expect(v2.output.map((o) => o.json.id)).toEqual([376101, 376102]);
	});

	test('Search Contracts records on the ticket from Options → Record on Ticket', async () => {
		await run(
			{
				resource: 'customer',
				operation: 'contractSearch',
				searchFields: { contractId: '746839' },
				options: { ticketId: { __rl: true, mode: 'list', value: '376100' } },
			},
			3,
		);
		await run(
			{
				resource: 'customer',
				operation: 'contractSearch',
				searchFields: { contractId: '746839' },
				options: { ticketId: '376100' },
			},
			2,
		);
		const queries = enneo.fake.received('GET', '/contract/search').map((c) => c.query);
		expect(queries).toEqual([
			{ contractId: '746839', ticketId: '376100' },
			{ contractId: '746839', ticketId: '376100' },
		]);
		await expect(
			run(
				{
					resource: 'customer',
					operation: 'contractSearch',
					searchFields: { contractId: '746839' },
					options: { ticketId: locator('12x') },
				},
				3,
			),
		).rejects.toThrow('"Record on Ticket" must be a positive whole number, got "12x" [item 0]');
	});
});

describe('version 3: one delete output', () => {
	test('ticket, conversation and attachment deletes answer { deleted, ticketId, … }', async () => {
		(enneo.fake.state.me.permissions as string[]).push('updateTechnicalTicketFields');
		enneo.fake.state.tickets.get(376101)!.attachments = [
			{ id: 'a1b2c3', name: 'meter.jpg', url: 'https://files.example.com/meter.jpg' },
		];
		const outputs = [
			await run({ resource: 'ticket', operation: 'delete', ticketId: locator(376102) }, 3),
			await run(
				{
					resource: 'conversation',
					operation: 'delete',
					ticketId: locator(DEMO.threadTicketId),
					conversationId: '5002',
				},
				3,
			),
			await run(
				{
					resource: 'ticket',
					operation: 'deleteAttachment',
					ticketId: locator(376101),
					attachmentId: 'a1b2c3',
				},
				3,
			),
		].map(({ output }) => output[0].json);
		expect(outputs).toEqual([
			{ deleted: true, ticketId: 376102 },
			{ deleted: true, ticketId: DEMO.threadTicketId, conversationId: 5002 },
			{ deleted: true, ticketId: 376101, attachmentId: 'a1b2c3' },
		]);
		for (const output of outputs) expect(Object.keys(output)[0]).toBe('deleted');
	});

	test('version 2 keeps its ticket delete output, { id, deleted }', async () => {
		const { output } = await run(
			{ resource: 'ticket', operation: 'delete', ticketId: locator(376103) },
			2,
		);
		expect(output[0].json).toEqual({ id: 376103, deleted: true });
	});
});

describe('display names are the README names', () => {
	const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
	const row = (resource: string) => {
		const line = readme.split('\n').find((l) => l.startsWith(`| ${resource} |`));
		return (line ?? '').split('|')[2] ?? '';
	};
	const labels: Record<string, string> = {
		ticket: 'Ticket',
		conversation: 'Conversation',
		telephony: 'Telephony',
		customer: 'Customer',
		inboundCall: 'Inbound Call',
	};

	test.each(Object.entries(labels))(
		'%s: every operation is named in the Operations table',
		(resource, label) => {
			const operationList = description.properties.find(
				(p) =>
					p.name === 'operation' &&
					(p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource),
			);
			const names = (operationList?.options as Array<{ name: string }>).map((o) => o.name);
			expect(names.length).toBeGreaterThan(0);
			const readmeNames = row(label)
				.replace(/\([^)]*\)/g, '')
				.split(',')
				.map((entry) => entry.trim());
			expect([...names].sort()).toEqual([...readmeNames].sort());
		},
	);
});
