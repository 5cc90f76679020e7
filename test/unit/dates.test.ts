/**
 * One date rule for everything the node sends: wall time in the workflow's time zone. A value
 * without an offset is read in that zone; a value with an offset, or an n8n DateTime such as
 * {{ $now }}, is converted to it. Proven over real HTTP for each operation that sends dates.
 */
import { DateTime } from 'luxon';

import { DEMO } from '../fake-enneo/demoData';
import { useFakeEnneo } from '../harness/fakeServer';
import { runNode, locator } from '../harness/runNode';

const enneo = useFakeEnneo();
const ZONE = 'Europe/Berlin';

/** The same moment three ways: as {{ $now }} yields it, as a date picker writes it, and in UTC with an offset. */
const sameMoment = [
	['an n8n DateTime in the workflow zone', DateTime.fromISO('2099-03-01T10:30:00', { zone: ZONE })],
	['a date-picker value without an offset', '2099-03-01T10:30:00'],
	["Enneo's own format without an offset", '2099-03-01 10:30:00'],
	['the same moment in UTC', '2099-03-01T09:30:00Z'],
	['the same moment with another offset', '2099-03-01T04:30:00-05:00'],
] as const;

function run(parameters: Record<string, unknown>) {
	return runNode({ parameters, credentials: enneo.credentials, timezone: ZONE });
}

describe(`dates are sent as wall time in the workflow's time zone (${ZONE})`, () => {
	test.each(sameMoment)('Ticket → Update: %s', async (_name, dueBy) => {
		await run({
			resource: 'ticket',
			operation: 'update',
			ticketId: locator('376101'),
			updateFields: { dueBy },
			options: {},
		});
		expect(enneo.fake.received('PATCH', '/ticket/376101')[0].body).toEqual({
			dueBy: '2099-03-01 10:30:00',
		});
	});

	test.each(sameMoment)('Ticket → Create: %s', async (_name, dueBy) => {
		await run({
			resource: 'ticket',
			operation: 'create',
			subject: 'Dates',
			additionalFields: { dueBy, createdAt: dueBy },
		});
		expect(enneo.fake.received('POST', '/ticket')[0].body).toMatchObject({
			dueBy: '2099-03-01 10:30:00',
			createdAt: '2099-03-01 10:30:00',
		});
	});

	test.each(sameMoment)('Conversation → Store: %s', async (_name, createdAt) => {
		await run({
			resource: 'conversation',
			operation: 'store',
			ticketId: locator(String(DEMO.threadTicketId)),
			direction: 'in',
			body: 'Hello',
			additionalFields: { createdAt, dueBy: createdAt },
		});
		expect(
			enneo.fake.received('POST', `/ticket/${DEMO.threadTicketId}/conversation/store`)[0].body,
		).toMatchObject({
			createdAt: '2099-03-01 10:30:00',
			dueBy: '2099-03-01 10:30:00',
		});
	});

	test.each(sameMoment)(
		'Telephony → Call Received transcript timestamps (ISO 8601, UTC): %s',
		async (_name, timestamp) => {
			await run({
				resource: 'telephony',
				operation: 'callReceived',
				routing: 'external',
				phone: '+4930123456',
				additionalFields: { transcript: { entry: [{ speaker: 'bot', message: 'Hi', timestamp }] } },
			});
			expect(enneo.fake.received('POST', '/telephony/callReceived')[0].body).toMatchObject({
				transcript: [{ speaker: 'bot', message: 'Hi', timestamp: '2099-03-01T09:30:00Z' }],
			});
		},
	);

	test('Ticket → Get Many date filters read dates the same way; relative tokens pass unchanged', async () => {
		await run({
			resource: 'ticket',
			operation: 'getMany',
			returnAll: false,
			limit: 5,
			filters: { createdAfter: '2099-03-01T09:30:00Z', createdBefore: '-7 DAY' },
			options: {},
		});
		const body = enneo.fake.received('POST', '/ticket/search')[0].body as {
			filters: Array<Record<string, unknown>>;
		};
		expect(JSON.stringify(body.filters)).toContain('2099-03-01 10:30:00');
	});

	test('in winter the offset differs and is applied too', async () => {
		await run({
			resource: 'ticket',
			operation: 'update',
			ticketId: locator('376101'),
			updateFields: { dueBy: '2099-01-15T08:00:00Z' },
			options: {},
		});
		expect(enneo.fake.received('PATCH', '/ticket/376101')[0].body).toEqual({
			dueBy: '2099-01-15 09:00:00',
		});
	});

	test('a workflow in UTC sends UTC wall time', async () => {
		await runNode({
			parameters: {
				resource: 'ticket',
				operation: 'update',
				ticketId: locator('376101'),
				updateFields: { dueBy: DateTime.fromISO('2099-03-01T10:30:00', { zone: ZONE }) },
				options: {},
			},
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('PATCH', '/ticket/376101')[0].body).toEqual({
			dueBy: '2099-03-01 09:30:00',
		});
	});

	test.each(['2099/03/01 10:30', '03/01/2099', 'March 1, 2099', 'Ticket 5'])(
		"text only JavaScript's Date.parse reads (in the server's time zone) is refused, not guessed: %s",
		async (dueBy) => {
			await expect(
				run({
					resource: 'ticket',
					operation: 'update',
					ticketId: locator('376101'),
					updateFields: { dueBy },
					options: {},
				}),
			).rejects.toThrow(`"Due By" is not a date: ${JSON.stringify(dueBy)}`);
			expect(enneo.fake.received()).toHaveLength(0);
		},
	);

	test('a blank date (e.g. an expression that yields spaces) is not sent, like every blank field', async () => {
		await run({
			resource: 'ticket',
			operation: 'update',
			ticketId: locator('376101'),
			updateFields: { dueBy: '   ', priority: 'high' },
			options: {},
		});
		expect(enneo.fake.received('PATCH', '/ticket/376101')[0].body).toEqual({ priority: 'high' });
	});

	test('an over-long or unreadable date is refused naming the field, the item and the zone', async () => {
		await expect(
			run({
				resource: 'ticket',
				operation: 'update',
				ticketId: locator('376101'),
				updateFields: { dueBy: '2099'.repeat(100) },
				options: {},
			}),
		).rejects.toMatchObject({
			message: expect.stringContaining('"Due By" is not a date'),
			description: expect.stringContaining(ZONE),
		});
		expect(enneo.fake.received()).toHaveLength(0);
	});
});
