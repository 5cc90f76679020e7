import { useFakeEnneo } from '../../harness/fakeServer';
import { itemsOf, runNode } from '../../harness/runNode';

const enneo = useFakeEnneo();

const create = (
	additionalFields: Record<string, unknown>,
	extra: Record<string, unknown> = {},
) => ({
	resource: 'ticket',
	operation: 'create',
	channel: 'email',
	additionalFields,
	...extra,
});

describe('ticket create', () => {
	test('sends every documented field in Enneo formats and outputs the created ticket', async () => {
		const { output } = await runNode({
			parameters: create(
				{
					agentId: 7,
					attachments: {
						attachment: [{ name: 'invoice.pdf', url: 'https://files.example.com/invoice.pdf' }],
					},
					bcc: 'audit@example.com',
					body: '<p>My meter reading is 12345</p>',
					cc: ['a@example.com', 'b@example.com'],
					contractId: ' 746839 ',
					createdAt: '2026-10-01T08:00:00Z',
					direction: 'in',
					dueBy: '2099-01-01T12:00:00+02:00',
					externalTicketId: 'crm-1',
					firstResponseDueBy: '2099-01-01',
					from: 'anna@example.com',
					fromName: 'Anna Schmidt',
					interface: 'internal',
					priority: 'high',
					rawData: '{"source":"crm","nested":{"a":1}}',
					status: 'pending',
					subchannelId: 1,
					subject: 'Meter reading',
					tags: [1, 4],
					templateData: '{"firstName":"Anna"}',
					templateId: 12,
					to: 'service@energy.example, billing@energy.example',
				},
				{ process: 'realtime' },
			),
			credentials: enneo.credentials,
		});
		const [call] = enneo.fake.received('POST', '/ticket');
		expect(call.query).toEqual({ process: 'realtime' });
		expect(call.body).toEqual({
			channel: 'email',
			attachments: [{ name: 'invoice.pdf', url: 'https://files.example.com/invoice.pdf' }],
			bcc: ['audit@example.com'],
			body: '<p>My meter reading is 12345</p>',
			cc: ['a@example.com', 'b@example.com'],
			contractId: '746839',
			createdAt: '2026-10-01 08:00:00',
			dueBy: '2099-01-01 10:00:00',
			externalTicketId: 'crm-1',
			firstResponseDueBy: '2099-01-01 00:00:00',
			from: 'anna@example.com',
			fromName: 'Anna Schmidt',
			priority: 'high',
			rawData: { source: 'crm', nested: { a: 1 } },
			status: 'pending',
			subchannelId: 1,
			subject: 'Meter reading',
			tags: [1, 4],
			templateData: { firstName: 'Anna' },
			templateId: 12,
			to: ['service@energy.example', 'billing@energy.example'],
		});
		// Create takes no agentId: the new ticket is assigned with an update.
		expect(enneo.fake.received('PATCH').map((c) => [c.path, c.body])).toEqual([
			[`/ticket/${String(output[0].json.id)}`, { agentId: 7 }],
		]);
		expect(output).toHaveLength(1);
		const ticket = output[0].json;
		expect(ticket.success).toBeUndefined();
		expect(ticket).toMatchObject({
			channel: 'email',
			status: 'pending',
			priority: 'high',
			agentId: 7,
			tagIds: [1, 4],
			ccEmails: ['a@example.com', 'b@example.com'],
		});
		expect(enneo.fake.state.tickets.get(ticket.id as number)!.subject).toBe('Meter reading');
	});

	test('only the channel is needed: Enneo fills in its defaults and batch processing is the default', async () => {
		const before = enneo.fake.state.tickets.size;
		const { output } = await runNode({
			parameters: create({}, { channel: 'portal' }),
			credentials: enneo.credentials,
		});
		const [call] = enneo.fake.received('POST', '/ticket');
		expect(call.query).toEqual({ process: 'batch' });
		expect(call.body).toEqual({ channel: 'portal' });
		expect(output[0].json).toMatchObject({
			channel: 'portal',
			direction: 'in',
			status: 'open',
			priority: 'low',
			aiSupportLevel: 'unprocessed',
		});
		expect(String(output[0].json.createdAt)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		expect(enneo.fake.state.tickets.size).toBe(before + 1);
	});

	test.each([
		[{ direction: 'out' }, `"Direction" "out" is not taken by Enneo's Create a Ticket [item 0]`],
		[{ interface: 'api' }, `"Interface" "api" is not taken by Enneo's Create a Ticket [item 0]`],
	])('%p (not in POST /ticket) is refused before any request', async (fields, message) => {
		// Version 3 shows these fields; from version 4 (CONTRACT_VERSION) they are gone.
		await expect(
			runNode({ parameters: create(fields), credentials: enneo.credentials, typeVersion: 3 }),
		).rejects.toThrow(message);
		expect(enneo.fake.received()).toHaveLength(0);
	});

	test('process "none" is sent as process=false', async () => {
		const { output } = await runNode({
			parameters: create({}, { process: 'false' }),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('POST', '/ticket')[0].query).toEqual({ process: 'false' });
		expect(output[0].json.aiSupportLevel).toBe('human');
	});

	test('an existing External Ticket ID updates that ticket instead of creating a second one', async () => {
		const before = enneo.fake.state.tickets.size;
		const { output } = await runNode({
			parameters: create({ externalTicketId: 'ext-376110', subject: 'Updated from CRM' }),
			credentials: enneo.credentials,
		});
		expect(output[0].json).toMatchObject({
			id: 376110,
			subject: 'Updated from CRM',
			externalTicketId: 'ext-376110',
		});
		expect(enneo.fake.state.tickets.size).toBe(before);
	});

	test('a bare ticket response (no {success, ticket} wrapper) is output the same way', async () => {
		enneo.fake.fail({
			method: 'POST',
			path: '/ticket',
			status: 200,
			body: { id: 555, channel: 'email', status: 'open', success: true },
		});
		const { output } = await runNode({ parameters: create({}), credentials: enneo.credentials });
		expect(output.map((o) => o.json)).toEqual([{ id: 555, channel: 'email', status: 'open' }]);
	});

	test('each input item creates its own ticket, paired with it', async () => {
		const { output } = await runNode({
			parameters: create(
				{},
				{
					additionalFields: { subject: '={{ $json.subject }}' },
				},
			),
			items: itemsOf({ subject: 'First' }, { subject: 'Second' }, { subject: 'Third' }),
			credentials: enneo.credentials,
		});
		expect(output.map((o) => o.json.subject)).toEqual(['First', 'Second', 'Third']);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(new Set(output.map((o) => o.json.id)).size).toBe(3);
	});

	describe('refuses bad input before any request', () => {
		const cases: Array<[string, Record<string, unknown>, string]> = [
			[
				'missing channel',
				create({}, { channel: '' }),
				'"Channel" is required to create a ticket [item 0]',
			],
			[
				'unknown channel',
				create({}, { channel: 'fax' }),
				'"Channel" must be one of chat, email, letter, phone, portal, system, walkIn, got "fax" [item 0]',
			],
			[
				'bad date',
				create({ dueBy: 'next tuesday-ish' }),
				'"Due By" is not a date: "next tuesday-ish" [item 0]',
			],
			[
				'pending without due date',
				create({ status: 'pending' }),
				'Status "Pending" needs a "Due By" date in the future [item 0]',
			],
			[
				'pending with past due date',
				create({ status: 'pending', dueBy: '2020-01-01 00:00:00' }),
				'"Due By" must be in the future when the status is "Pending"',
			],
			['bad JSON', create({ rawData: '{not json' }), '"Raw Data" is not valid JSON [item 0]'],
			[
				'template data not an object',
				create({ templateData: '[1,2]' }),
				'"Template Data" must be a JSON object [item 0]',
			],
			[
				'attachment without URL',
				create({ attachments: { attachment: [{ name: 'a.pdf', url: '' }] } }),
				'"Attachments" entry 1 needs a URL starting with http:// or https://, got "" [item 0]',
			],
			[
				'bad tag IDs',
				create({ tags: 'vip' }),
				'"Tags" must be a list of numeric IDs, got "vip" [item 0]',
			],
		];
		test.each(cases)('%s', async (_name, parameters, message) => {
			await expect(runNode({ parameters, credentials: enneo.credentials })).rejects.toThrow(
				message,
			);
			expect(enneo.fake.received('POST', '/ticket')).toHaveLength(0);
		});
	});

	test('the fake rejects values outside the documented enums (so the node must send valid ones)', async () => {
		enneo.fake.expectRefusals();
		const error = await runNode({
			parameters: create({ priority: 'critical' }),
			credentials: enneo.credentials,
		}).catch((e: Error) => e);
		expect((error as Error).message).toContain('Enneo rejected the request as invalid (400)');
		expect((error as Error).message).toContain('invalid value "critical" for \'priority\'');
	});

	test.each([429, 503])(
		'is never retried on %s (a retry could create a duplicate)',
		async (status) => {
			enneo.fake.fail({
				method: 'POST',
				path: '/ticket',
				status,
				headers: { 'Retry-After': '0' },
				times: 1,
			});
			const before = enneo.fake.state.tickets.size;
			const error = await runNode({
				parameters: create({ subject: 'Once only' }),
				credentials: enneo.credentials,
			}).catch((e: Error) => e);
			expect(error).toBeInstanceOf(Error);
			expect((error as Error).message).toContain(`(${status})`);
			expect(enneo.fake.received('POST', '/ticket')).toHaveLength(1);
			expect(enneo.fake.state.tickets.size).toBe(before);
		},
	);
});
