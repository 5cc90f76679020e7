import { useFakeEnneo } from '../../harness/fakeServer';
import { itemsOf, runNode, locator, ticketOp } from '../../harness/runNode';

const enneo = useFakeEnneo();

describe('ticket forward', () => {
	test('one address goes as a string with the note, subject and mailbox', async () => {
		const conversationsBefore = enneo.fake.state.conversations.size;
		const { output } = await runNode({
			parameters: ticketOp('forward', {
				ticketId: locator('376101'),
				toEmail: 'billing@example.com',
				body: 'Please check the invoice.',
				additionalFields: {
					subject: 'Invoice question',
					cc: 'lead@example.com, audit@example.com',
					subchannelId: 1,
				},
			}),
			credentials: enneo.credentials,
		});
		const [call] = enneo.fake.received('POST', '/ticket/376101/forward');
		expect(call.body).toEqual({
			toEmail: 'billing@example.com',
			body: 'Please check the invoice.',
			subject: 'Invoice question',
			cc: ['lead@example.com', 'audit@example.com'],
			subchannelId: 1,
		});
		expect(output.map((o) => o.json)).toEqual([
			{ ticketId: 376101, forwardedTo: ['billing@example.com'], success: true },
		]);
		expect(enneo.fake.state.conversations.size).toBe(conversationsBefore + 1);
	});

	test('several addresses: one forward per address (toEmail is one string in the contract)', async () => {
		const { output } = await runNode({
			parameters: ticketOp('forward', {
				ticketId: locator('376101'),
				toEmail: 'a@example.com; b@example.com',
				body: 'FYI',
			}),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('POST', '/ticket/376101/forward').map((c) => c.body)).toEqual([
			{ toEmail: 'a@example.com', body: 'FYI' },
			{ toEmail: 'b@example.com', body: 'FYI' },
		]);
		expect(output.map((o) => o.json)).toEqual([
			{ ticketId: 376101, forwardedTo: ['a@example.com', 'b@example.com'], success: true },
		]);
	});

	test('a failed second forward says which addresses were already forwarded', async () => {
		enneo.fake.fail({ method: 'POST', path: '/ticket/376101/forward', status: 500, after: 1 });
		await expect(
			runNode({
				parameters: ticketOp('forward', {
					ticketId: locator('376101'),
					toEmail: 'a@example.com, b@example.com',
				}),
				credentials: enneo.credentials,
			}),
		).rejects.toThrow('(forwarded to a@example.com before the failure; not to b@example.com)');
	});

	test.each([
		['', '"To Email" is required to forward a ticket [item 0]'],
		['not-an-address', '"To Email" contains an invalid address: "not-an-address" [item 0]'],
	])('to email %j is refused before any request', async (toEmail, message) => {
		await expect(
			runNode({
				parameters: ticketOp('forward', { ticketId: locator('376101'), toEmail }),
				credentials: enneo.credentials,
			}),
		).rejects.toThrow(message);
		expect(enneo.fake.received('POST')).toHaveLength(0);
	});

	test('is not retried on 503 (it sends an email)', async () => {
		enneo.fake.fail({
			method: 'POST',
			path: '/ticket/376101/forward',
			status: 503,
			headers: { 'Retry-After': '0' },
		});
		await expect(
			runNode({
				parameters: ticketOp('forward', { ticketId: locator('376101'), toEmail: 'a@example.com' }),
				credentials: enneo.credentials,
			}),
		).rejects.toThrow('Enneo failed to answer (503)');
		expect(enneo.fake.received('POST', '/ticket/376101/forward')).toHaveLength(1);
	});
});

describe('ticket auto-execute', () => {
	test('POST /ticket/{id}/autoexecute with the query options; success is output with status 200', async () => {
		const { output } = await runNode({
			parameters: ticketOp('autoExecute', {
				ticketId: locator('376101'),
				options: { executeAgentId: 456, allowMultipleIntents: true, allowWithReplies: true },
			}),
			credentials: enneo.credentials,
		});
		const [call] = enneo.fake.received('POST', '/ticket/376101/autoexecute');
		expect(call.query).toEqual({
			executeAgentId: '456',
			allowMultipleIntents: 'true',
			allowWithReplies: 'true',
		});
		expect(call.rawBody).toBe('');
		expect(output.map((o) => o.json)).toEqual([
			{ ticketId: 376101, success: true, status: 200, executedAiAgentId: 456 },
		]);
		expect(enneo.fake.state.tickets.get(376101)).toMatchObject({
			status: 'closed',
			aiSupportLevel: 'automated',
		});
	});

	test('HTTP 207 (ran but reported failure) is an output item with success false, not an error', async () => {
		enneo.fake.state.autoExecuteFailingIds.add(376102);
		const { output } = await runNode({
			parameters: ticketOp('autoExecute', { ticketId: locator('={{ 376101 + $itemIndex }}') }),
			items: itemsOf({}, {}),
			credentials: enneo.credentials,
		});
		expect(output.map((o) => o.json)).toEqual([
			{ ticketId: 376101, success: true, status: 200, executedAiAgentId: null },
			{
				ticketId: 376102,
				success: false,
				status: 207,
				message: 'Auto-execution failed: the AI agent could not complete its actions',
			},
		]);
		expect(enneo.fake.received('POST', /autoexecute$/)).toHaveLength(2);
		expect(enneo.fake.received('POST', /autoexecute$/).map((r) => r.query)).toEqual([{}, {}]);
	});

	test('a closed ticket is reported as a failed run (207)', async () => {
		const { output } = await runNode({
			parameters: ticketOp('autoExecute', { ticketId: locator('376100') }),
			credentials: enneo.credentials,
		});
		expect(output[0].json).toMatchObject({ ticketId: 376100, success: false, status: 207 });
	});
});

describe('ticket delete', () => {
	test('DELETE /ticket/{id} erases the ticket and its conversations; outputs {deleted, ticketId}', async () => {
		enneo.fake.state.conversations.set(1, { id: 1, ticketId: 376105, type: 'html' });
		enneo.fake.state.conversations.set(2, { id: 2, ticketId: 376106, type: 'html' });
		const others = [...enneo.fake.state.conversations.values()]
			.filter((c) => c.ticketId !== 376105)
			.map((c) => c.id);
		const { output } = await runNode({
			parameters: ticketOp('delete', { ticketId: locator('376105') }),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('DELETE', '/ticket/376105')).toHaveLength(1);
		expect(output.map((o) => o.json)).toEqual([{ deleted: true, ticketId: 376105 }]);
		expect(enneo.fake.state.tickets.has(376105)).toBe(false);
		expect(
			[...enneo.fake.state.conversations.values()].filter((c) => Number(c.ticketId) === 376105),
		).toEqual([]);
		expect([...enneo.fake.state.conversations.keys()]).toEqual(others);
		expect(others).toContain(2);
	});

	test('deleting it again is a 404', async () => {
		await runNode({
			parameters: ticketOp('delete', { ticketId: locator('376105') }),
			credentials: enneo.credentials,
		});
		await expect(
			runNode({
				parameters: ticketOp('delete', { ticketId: locator('376105') }),
				credentials: enneo.credentials,
			}),
		).rejects.toThrow('The ticket was not found in Enneo (404)');
	});

	test('the UI says plainly that deletion is irreversible', async () => {
		const { Enneo } = await import('../../../nodes/Enneo/Enneo.node');
		const properties = new Enneo().description.properties;
		const notice = properties.find(
			(p) => p.type === 'notice' && p.displayOptions?.show?.operation?.includes('delete'),
		);
		expect(notice?.displayName).toMatch(/permanent and cannot be undone/);
		const operation = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('ticket'),
		);
		const option = (operation?.options as Array<{ value: string; description: string }>).find(
			(o) => o.value === 'delete',
		);
		expect(option?.description).toMatch(/Cannot be undone/);
	});
});

describe('ticket delete attachment', () => {
	beforeEach(() => {
		(enneo.fake.state.me.permissions as string[]).push('updateTechnicalTicketFields');
		enneo.fake.state.tickets.get(376101)!.attachments = [
			{ id: 'a1b2c3', name: 'meter.jpg', url: 'https://files.example.com/meter.jpg' },
			{ id: 'd4e5f6', name: 'invoice.pdf', url: 'https://files.example.com/invoice.pdf' },
		];
	});

	test('DELETE /ticket/{id}/attachment/{attachmentId} removes that attachment only', async () => {
		const { output } = await runNode({
			parameters: ticketOp('deleteAttachment', {
				ticketId: locator('376101'),
				attachmentId: ' a1b2c3 ',
			}),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('DELETE', '/ticket/376101/attachment/a1b2c3')).toHaveLength(1);
		expect(output.map((o) => o.json)).toEqual([
			{ ticketId: 376101, attachmentId: 'a1b2c3', deleted: true },
		]);
		expect(
			(enneo.fake.state.tickets.get(376101)!.attachments as Array<{ id: string }>).map((a) => a.id),
		).toEqual(['d4e5f6']);
	});

	test('an attachment ID that would change the path is refused before any request', async () => {
		await expect(
			runNode({
				parameters: ticketOp('deleteAttachment', {
					ticketId: locator('376101'),
					attachmentId: '../../376102',
				}),
				credentials: enneo.credentials,
			}),
		).rejects.toThrow(
			'"Attachment ID" must be the attachment\'s alphanumeric ID, got "../../376102" [item 0]',
		);
		expect(enneo.fake.received('DELETE')).toHaveLength(0);
	});
});
