import { useFakeEnneo } from '../../harness/fakeServer';
import { itemsOf, runNode, locator } from '../../harness/runNode';

const enneo = useFakeEnneo();

const update = (
	ticketId: unknown,
	updateFields: unknown,
	options: Record<string, unknown> = {},
) => ({
	resource: 'ticket',
	operation: 'update',
	ticketId,
	updateFields,
	options,
});

describe('ticket update', () => {
	test('sends a PATCH with the agent fields and outputs the updated ticket (not the wrapper)', async () => {
		const { output } = await runNode({
			parameters: update(locator('376101'), {
				status: 'pending',
				dueBy: '2099-03-01T09:30:00Z',
				priority: 'urgent',
				agentId: 8,
				tagIds: [4],
				tagsMode: 'add',
				customerLegitimation: 30,
				contractId: '746840',
			}),
			credentials: enneo.credentials,
		});
		const calls = enneo.fake.received('PATCH', '/ticket/376101');
		expect(calls).toHaveLength(1);
		expect(calls[0].query).toEqual({});
		expect(calls[0].body).toEqual({
			status: 'pending',
			dueBy: '2099-03-01 09:30:00',
			priority: 'urgent',
			agentId: 8,
			addTagIds: [4],
			customerLegitimation: 30,
			contractId: '746840',
		});
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			id: 376101,
			status: 'pending',
			priority: 'urgent',
			agentId: 8,
			tagIds: [1, 4],
		});
		expect(output[0].json.success).toBeUndefined();
		expect(output[0].json.ticket).toBeUndefined();
	});

	test('First Response Due By is sent as wall time and set on the ticket', async () => {
		const { output } = await runNode({
			parameters: update(locator('376104'), { firstResponseDueBy: '2099-03-02T08:15:00Z' }),
			credentials: enneo.credentials,
		});
		const [call] = enneo.fake.received('PATCH', '/ticket/376104');
		expect(call.body).toEqual({ firstResponseDueBy: '2099-03-02 08:15:00' });
		expect(enneo.fake.state.tickets.get(376104)!.firstResponseDueBy).toBe('2099-03-02 08:15:00');
		expect(output[0].json).toMatchObject({
			id: 376104,
			firstResponseDueBy: '2099-03-02 08:15:00',
		});
	});

	test('options become includeInWorklog=false and forceAgentReassignment=true', async () => {
		await runNode({
			parameters: update(
				locator('https://demo.enneo.ai/ticket/376102', 'url'),
				{ status: 'closed' },
				{ includeInWorklog: false, forceAgentReassignment: true },
			),
			credentials: enneo.credentials,
		});
		const [call] = enneo.fake.received('PATCH', '/ticket/376102');
		expect(call.query).toEqual({ includeInWorklog: 'false', forceAgentReassignment: 'true' });
		expect(call.body).toEqual({ status: 'closed' });
		expect(enneo.fake.state.tickets.get(376102)!.status).toBe('closed');
	});

	test('technical fields are sent and applied when the key has updateTechnicalTicketFields', async () => {
		(enneo.fake.state.me.permissions as string[]).push('updateTechnicalTicketFields');
		const { output } = await runNode({
			parameters: update(locator('376103'), {
				subject: 'New subject',
				summary: 'Short summary',
				externalTicketId: 'crm-9',
				additionalData: '{"markedAsSafe":"true"}',
			}),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('PATCH', '/ticket/376103')[0].body).toEqual({
			subject: 'New subject',
			summary: 'Short summary',
			externalTicketId: 'crm-9',
			additionalData: { markedAsSafe: 'true' },
		});
		expect(output[0].json).toMatchObject({
			subject: 'New subject',
			summary: 'Short summary',
			externalTicketId: 'crm-9',
			additionalData: { markedAsSafe: 'true' },
		});
	});

	test('technical fields without the permission fail with a 403 that says what is missing', async () => {
		const error = await runNode({
			parameters: update(locator('376103'), { subject: 'Nope' }),
			credentials: enneo.credentials,
		}).catch((e: Error) => e);
		expect((error as Error).message).toContain('(403)');
		expect((error as Error).message).toContain(
			"requires the permission 'updateTechnicalTicketFields'",
		);
		expect(enneo.fake.state.tickets.get(376103)!.subject).not.toBe('Nope');
	});

	test('replace mode with no tags removes all tags', async () => {
		await runNode({
			parameters: update(locator('376100'), { tagsMode: 'replace' }),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('PATCH', '/ticket/376100')[0].body).toEqual({ tagIds: [] });
		expect(enneo.fake.state.tickets.get(376100)!.tagIds).toEqual([]);
	});

	describe('refuses bad input before any request', () => {
		const cases: Array<[string, Record<string, unknown>, string]> = [
			[
				'pending without due date',
				update(locator('376101'), { status: 'pending' }),
				'Status "Pending" needs a "Due By" date in the future [item 0]',
			],
			[
				'pending with a past due date',
				update(locator('376101'), { status: 'pending', dueBy: '2001-01-01' }),
				'"Due By" must be in the future when the status is "Pending", got 2001-01-01 00:00:00 [item 0]',
			],
			[
				'bad ticket ID',
				update(locator('abc'), { status: 'closed' }),
				'"Ticket" must be a positive whole number, got "abc" [item 0]',
			],
			[
				'empty ticket ID',
				update(locator(''), { status: 'closed' }),
				'"Ticket" must be a positive whole number, got "" [item 0]',
			],
			[
				'bad date',
				update(locator('376101'), { firstResponseDueBy: 'soonish' }),
				'"First Response Due By" is not a date: "soonish" [item 0]',
			],
			[
				'nothing to update',
				update(locator('376101'), {}),
				'Nothing to update for ticket 376101 [item 0]',
			],
			[
				'additional data not an object',
				update(locator('376101'), { additionalData: '"text"' }),
				'"Additional Data" must be a JSON object [item 0]',
			],
		];
		test.each(cases)('%s', async (_name, parameters, message) => {
			await expect(runNode({ parameters, credentials: enneo.credentials })).rejects.toThrow(
				message,
			);
			expect(enneo.fake.received('PATCH')).toHaveLength(0);
		});
	});

	test('the validation error names the failing item while the others are updated (Continue On Fail)', async () => {
		const { output } = await runNode({
			parameters: update(locator('={{ $json.id }}'), { status: '={{ $json.status }}' }),
			items: itemsOf(
				{ id: 376101, status: 'closed' },
				{ id: 376102, status: 'pending' },
				{ id: 376103, status: 'closed' },
			),
			credentials: enneo.credentials,
			continueOnFail: true,
		});
		expect(output).toHaveLength(3);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toMatchObject({ id: 376101, status: 'closed' });
		expect(output[1].json).toMatchObject({
			error: 'Status "Pending" needs a "Due By" date in the future [item 1]',
			itemIndex: 1,
		});
		expect(output[2].json).toMatchObject({ id: 376103, status: 'closed' });
		expect(enneo.fake.received('PATCH').map((r) => r.path)).toEqual([
			'/ticket/376101',
			'/ticket/376103',
		]);
	});
});
