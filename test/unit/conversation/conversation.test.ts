import type { INodeExecutionData } from 'n8n-workflow';

import { PROBE_HEADERS } from '../../fake-enneo/contract/record';
import { DEMO } from '../../fake-enneo/demoData';
import { SEED_STORE_BODY } from '../../fake-enneo/seedExamples';
import { useFakeEnneo } from '../../harness/fakeServer';
import { itemsOf, operationRunner } from '../../harness/runNode';

const enneo = useFakeEnneo({ tickets: 20 });
const ticket = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });
const THREAD = DEMO.threadTicketId;

// These tests read the full Enneo objects; Simplify (version 2's default) is covered in simplify.test.ts.
const run = operationRunner(enneo, 'conversation', { output: 'raw' });

/** Posts straight to the fake's store route, as any client would. */
async function postStore(
	ticketId: number,
	body: unknown,
	query = '',
): Promise<{ status: number; json: Record<string, unknown> }> {
	const response = await fetch(
		`${enneo.fake.instanceUrl}/api/mind/ticket/${ticketId}/conversation/store${query}`,
		{
			method: 'POST',
			headers: {
				Authorization: `Bearer ${enneo.fake.apiKey}`,
				'Content-Type': 'application/json',
				...PROBE_HEADERS,
			},
			body: JSON.stringify(body),
		},
	);
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('the fake Enneo follows the documented conversation store', () => {
	// The store page's example, with its attachment as {name, url}: the page asks for url or base64, not both (docs/enneo-api-notes.md#conversation-store).
	const seedBody = () => ({
		...structuredClone(SEED_STORE_BODY),
		attachments: [
			{ name: SEED_STORE_BODY.attachments[0].name, url: SEED_STORE_BODY.attachments[0].url },
		],
	});
	beforeEach(() => {
		enneo.fake.state.subchannels.set(4, {
			id: 4,
			channel: 'email',
			name: 'Second mailbox',
			isDefault: false,
			interface: 'internal',
			enabled: true,
			data: {},
		});
		enneo.fake.state.profiles.set(123, {
			id: 123,
			firstName: 'Max',
			lastName: 'Mustermann',
			email: 'max@demo.enneo.ai',
			type: 'enneo',
		});
	});

	test("the store page's example body, with process in the body, is stored", async () => {
		const { status, json } = await postStore(THREAD, seedBody());
		expect(status).toBe(200);
		const stored = enneo.fake.state.conversations.get(json.conversationId as number)!;
		expect(stored).toMatchObject({
			process: 'batch',
			direction: 'in',
			subject: 'Ticket subject',
			externalConversationId: 'abc-123',
		});
	});

	test('process as a query parameter is not part of the endpoint: 400, nothing stored', async () => {
		const before = enneo.fake.state.conversations.size;
		const { status, json } = await postStore(THREAD, seedBody(), '?process=batch');
		expect(status).toBe(400);
		expect(json).toMatchObject({ code: 'unknown_query', field: 'process' });
		expect(enneo.fake.state.conversations.size).toBe(before);
	});
});

describe('conversation store', () => {
	test('sends every documented field with Enneo names and formats, process in the body only', async () => {
		const { output } = await run('store', {
			ticketId: ticket(THREAD),
			direction: 'out',
			body: '<p>We sent the letter.</p>',
			process: 'false',
			additionalFields: {
				from: 'service@energy.example',
				fromName: 'Energy Service',
				to: 'anna@example.com, second@example.com',
				ccEmails: ['Michael Jackson <michael@example.com>'],
				bccEmails: 'archive@example.com',
				subject: 'Your letter',
				bodyPlain: 'We sent the letter.',
				bodyClean: 'We sent the letter (clean).',
				private: false,
				subchannelId: DEMO.emailSubchannelId,
				status: 'closed',
				createdAt: '2026-03-01T10:15:00Z',
				firstResponseDueBy: '2026-03-02T08:00:00Z',
				dueBy: '2026-03-07T17:30:00+01:00',
				externalConversationId: 'abc-123',
				rawData: '{"myObjectId": 123}',
				type: 'html',
				sender: { name: 'Energy Service', email: 'service@energy.example' },
				contentMessage: 'We sent the letter.',
				intentIds: '12, 15',
				crmNotificationId: 'crm-9',
				contractId: '746839',
				customerId: '83771',
				agentId: 7,
				priority: 'urgent',
			},
		});
		const [call] = enneo.fake.received('POST', `/ticket/${THREAD}/conversation/store`);
		expect(call.query).toEqual({});
		expect(call.body).toEqual({
			process: 'false',
			direction: 'out',
			body: '<p>We sent the letter.</p>',
			bodyPlain: 'We sent the letter.',
			bodyClean: 'We sent the letter (clean).',
			subject: 'Your letter',
			from: 'service@energy.example',
			fromName: 'Energy Service',
			externalConversationId: 'abc-123',
			crmNotificationId: 'crm-9',
			contractId: '746839',
			customerId: '83771',
			type: 'html',
			status: 'closed',
			priority: 'urgent',
			private: false,
			to: ['anna@example.com', 'second@example.com'],
			ccEmails: ['Michael Jackson <michael@example.com>'],
			bccEmails: ['archive@example.com'],
			createdAt: '2026-03-01 10:15:00',
			firstResponseDueBy: '2026-03-02 08:00:00',
			dueBy: '2026-03-07 16:30:00',
			agentId: 7,
			subchannelId: DEMO.emailSubchannelId,
			intentIds: [12, 15],
			rawData: { myObjectId: 123 },
			sender: { name: 'Energy Service', email: 'service@energy.example' },
			content: { message: 'We sent the letter.' },
		});
		const conversationId = output[0].json.conversationId as number;
		expect(output[0].json).toMatchObject({
			ticketId: THREAD,
			conversation: { id: conversationId, direction: 'out' },
		});
		expect(output[0].json.success).toBeUndefined();
		// Store's side effects on the ticket (docs/enneo-api-notes.md#conversation-store).
		expect(enneo.fake.state.tickets.get(THREAD)).toMatchObject({
			status: 'closed',
			priority: 'urgent',
			dueBy: '2026-03-07 16:30:00',
		});
	});

	test('binary attachments arrive base64-encoded with name and type; URL attachments as {name, url}', async () => {
		const pdf = Buffer.from('%PDF-1.4 fake invoice \u0000\u00ff bytes');
		const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 250]);
		const items: INodeExecutionData[] = [
			{
				json: {},
				binary: {
					data: {
						data: pdf.toString('base64'),
						fileName: 'invoice.pdf',
						mimeType: 'application/pdf',
					},
					photo: { data: photo.toString('base64'), fileName: 'meter.jpg', mimeType: 'image/jpeg' },
				},
			},
		];
		const { output } = await run(
			'store',
			{
				ticketId: ticket(THREAD),
				body: 'See attachments',
				additionalFields: {
					binaryProperties: 'data, photo',
					attachmentUrls: {
						attachment: [{ name: 'terms.pdf', url: 'https://example.com/terms.pdf' }],
					},
				},
			},
			{ items },
		);
		const [call] = enneo.fake.received('POST', `/ticket/${THREAD}/conversation/store`);
		expect((call.body as { attachments: unknown[] }).attachments).toEqual([
			{ name: 'invoice.pdf', base64: pdf.toString('base64'), contentType: 'application/pdf' },
			{ name: 'meter.jpg', base64: photo.toString('base64'), contentType: 'image/jpeg' },
			{ name: 'terms.pdf', url: 'https://example.com/terms.pdf' },
		]);
		const stored = enneo.fake.state.conversations.get(output[0].json.conversationId as number)!;
		const [first, second, third] = stored.attachments as Array<{
			base64?: string;
			size: number;
			url: string;
		}>;
		expect(Buffer.from(first.base64!, 'base64').equals(pdf)).toBe(true);
		expect(Buffer.from(second.base64!, 'base64').equals(photo)).toBe(true);
		expect(first.size).toBe(pdf.length);
		expect(third.url).toBe('https://example.com/terms.pdf');
		// The output shows the stored attachments, not the bytes.
		const returned = (
			output[0].json.conversation as { attachments: Array<Record<string, unknown>> }
		).attachments;
		expect(returned.map((a) => a.name)).toEqual(['invoice.pdf', 'meter.jpg', 'terms.pdf']);
		expect(returned[0].base64).toBeUndefined();
	});

	test('a missing binary property is named with the item, before any request', async () => {
		await expect(
			run(
				'store',
				{
					ticketId: ticket(THREAD),
					body: 'x',
					additionalFields: { binaryProperties: 'data, missing' },
				},
				{
					items: [
						{
							json: {},
							binary: {
								data: { data: 'AAEC', mimeType: 'application/octet-stream', fileName: 'a.bin' },
							},
						},
					],
				},
			),
		).rejects.toThrow(
			'"Attachment Binary Properties": the input item has no binary property "missing" [item 0]',
		);
		expect(enneo.fake.received()).toHaveLength(0);
	});

	test.each([
		[
			{ additionalFields: { dueBy: 'next tuesday-ish' } },
			'"Due By" is not a date: "next tuesday-ish" [item 0]',
		],
		[{ additionalFields: { rawData: '{"a": ' } }, '"Raw Data (JSON)" is not valid JSON [item 0]'],
		[{ additionalFields: { sender: '[1,2]' } }, '"Sender (JSON)" must be a JSON object'],
		[
			{ additionalFields: { intentIds: '12, abc' } },
			'"Intent IDs" must be a list of numeric IDs, got "abc" [item 0]',
		],
		[
			{ additionalFields: { attachmentUrls: { attachment: [{ name: 'x', url: 'ftp://nope' }] } } },
			'"Attachments by URL" entry 1 needs a URL starting with http:// or https://',
		],
		[{ body: '' }, 'Nothing to store: "Body (HTML)" is empty [item 0]'],
	])('invalid input %# is rejected before any request', async (parameters, message) => {
		await expect(
			run('store', { ticketId: ticket(THREAD), body: 'hello', ...parameters }),
		).rejects.toThrow(message);
		expect(enneo.fake.received()).toHaveLength(0);
	});

	test("a subchannel from another channel is Enneo's 400, mapped with Enneo's message", async () => {
		await expect(
			run('store', {
				ticketId: ticket(THREAD),
				body: 'x',
				additionalFields: { subchannelId: DEMO.phoneSubchannelId },
			}),
		).rejects.toThrow(/invalid \(400\).*subchannel 5 is a phone subchannel, the ticket is email/);
	});

	test('many items pair with their inputs; Continue On Fail reports the failing item', async () => {
		const { output } = await run(
			'store',
			{
				ticketId: ticket('={{ $json.ticketId }}'),
				body: '=message {{ $itemIndex }}',
			},
			{
				items: itemsOf({ ticketId: THREAD }, { ticketId: 999999 }, { ticketId: THREAD }),
				continueOnFail: true,
			},
		);
		expect(output).toHaveLength(3);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.conversationId).toEqual(expect.any(Number));
		expect(output[1].json).toMatchObject({
			error: expect.stringContaining('not found'),
			httpCode: '404',
			itemIndex: 1,
		});
		expect(output[2].json.conversationId).toEqual((output[0].json.conversationId as number) + 1);
		expect(enneo.fake.received('POST').map((r) => (r.body as { body: string }).body)).toEqual([
			'message 0',
			'message 1',
			'message 2',
		]);
	});

	test('a ticket hidden by a required tag gives the visibility explanation', async () => {
		enneo.fake.state.hiddenTicketIds.add(THREAD);
		await expect(run('store', { ticketId: ticket(THREAD), body: 'x' })).rejects.toMatchObject({
			message: expect.stringContaining('Enneo denied access to this ticket (403)'),
			description: expect.stringContaining('required tag'),
		});
	});
});

describe('conversation reply', () => {
	test('sends content, recipients as to/cc/bcc and process/includeQuotedHistory as query', async () => {
		const { output } = await run('reply', {
			ticketId: ticket(THREAD),
			message: '<p>Your reading is booked.</p>',
			additionalFields: {
				process: 'realtime',
				includeQuotedHistory: false,
				to: 'anna@example.com',
				cc: ['boss@example.com', 'team@example.com'],
				bcc: 'archive@example.com',
				subject: 'Re: meter',
				type: 'html',
				intentIds: [3],
				subchannelId: '1',
				channelId: 'thread-77',
			},
		});
		const [call] = enneo.fake.received('POST', `/ticket/${THREAD}/conversation/reply`);
		expect(call.query).toEqual({ process: 'realtime', includeQuotedHistory: 'false' });
		expect(call.body).toEqual({
			content: { message: '<p>Your reading is booked.</p>' },
			type: 'html',
			subject: 'Re: meter',
			channelId: 'thread-77',
			to: ['anna@example.com'],
			cc: ['boss@example.com', 'team@example.com'],
			bcc: ['archive@example.com'],
			intentIds: [3],
			subchannelId: 1,
		});
		expect(output[0].json).toMatchObject({
			id: expect.any(Number),
			conversation: { isDraft: false, private: false, sent: true },
		});
	});

	test('a draft reply is saved, not sent', async () => {
		const { output } = await run('reply', {
			ticketId: ticket(THREAD),
			message: 'Draft text',
			additionalFields: { isDraft: true },
		});
		const [call] = enneo.fake.received('POST', `/ticket/${THREAD}/conversation/reply`);
		expect(call.query).toEqual({ process: 'batch' });
		expect(call.body).toEqual({ content: { message: 'Draft text' }, isDraft: true });
		expect(enneo.fake.state.conversations.get(output[0].json.id as number)).toMatchObject({
			isDraft: true,
			sent: false,
		});
	});

	test.each([
		['Direction → Internal', { direction: 'internal' }],
		['Private (Internal Note)', { private: true }],
	])(
		'%s makes an internal note that reaches nobody; URL attachments go along',
		async (_what, fields) => {
			const { output } = await run('reply', {
				ticketId: ticket(THREAD),
				message: 'Customer called, reading confirmed.',
				additionalFields: {
					...fields,
					attachmentUrls: {
						attachment: [{ name: 'reading.jpg', url: 'https://example.com/reading.jpg' }],
					},
				},
			});
			const [call] = enneo.fake.received('POST', `/ticket/${THREAD}/conversation/reply`);
			expect(call.body).toEqual({
				content: { message: 'Customer called, reading confirmed.' },
				...fields,
				attachments: [{ name: 'reading.jpg', url: 'https://example.com/reading.jpg' }],
			});
			const stored = enneo.fake.state.conversations.get(output[0].json.id as number)!;
			expect(stored).toMatchObject({ direction: 'internal', private: true, sent: false });
			expect(stored.attachments).toMatchObject([
				{ name: 'reading.jpg', url: 'https://example.com/reading.jpg' },
			]);
		},
	);

	test('an outbound reply (Direction → Outbound, not private) is sent', async () => {
		const { output } = await run('reply', {
			ticketId: ticket(THREAD),
			message: 'Your reading is booked.',
			additionalFields: { direction: 'out', private: false },
		});
		const [call] = enneo.fake.received('POST', `/ticket/${THREAD}/conversation/reply`);
		expect(call.body).toEqual({
			content: { message: 'Your reading is booked.' },
			direction: 'out',
			private: false,
		});
		expect(enneo.fake.state.conversations.get(output[0].json.id as number)).toMatchObject({
			direction: 'out',
			private: false,
			sent: true,
		});
	});

	test('an empty message is refused before any request', async () => {
		await expect(run('reply', { ticketId: ticket(THREAD), message: '   ' })).rejects.toThrow(
			'"Message" is empty [item 0]',
		);
		expect(enneo.fake.received()).toHaveLength(0);
	});
});

describe('conversation get many / get', () => {
	test('returns the thread; the node applies the filters (the route takes only includeRawData)', async () => {
		const all = await run('getMany', { ticketId: ticket(THREAD), returnAll: true });
		expect(all.output.map((o) => o.json.id)).toEqual([5001, 5002, 5003]);
		expect(all.output[0].json.rawData).toBeUndefined();

		enneo.fake.requests = [];
		const notes = await run('getMany', {
			ticketId: ticket(THREAD),
			returnAll: true,
			filters: { private: true, direction: ['internal', 'out'], senderId: '7', type: 'note, html' },
			options: { includeRawData: true, contentTranslationLanguage: 'de' },
		});
		const [call] = enneo.fake.received('GET', `/ticket/${THREAD}/conversation`);
		expect(call.query).toEqual({ includeRawData: 'true' });
		expect(notes.output.map((o) => o.json.id)).toEqual([5002]);

		const customerVisible = await run('getMany', {
			ticketId: ticket(THREAD),
			returnAll: true,
			filters: { private: false },
		});
		expect(customerVisible.output.map((o) => o.json.id)).toEqual([5001, 5003]);
		const inbound = await run('getMany', {
			ticketId: ticket(THREAD),
			returnAll: false,
			limit: 1,
			filters: { direction: ['in', 'out'], toId: '9' },
		});
		expect(inbound.output.map((o) => o.json.id)).toEqual([5001]);
	});

	test('limit is applied to the unpaginated list', async () => {
		const { output } = await run('getMany', {
			ticketId: ticket(THREAD),
			returnAll: false,
			limit: 2,
		});
		expect(output.map((o) => o.json.id)).toEqual([5001, 5002]);
		const [call] = enneo.fake.received('GET', `/ticket/${THREAD}/conversation`);
		expect(call.query).toEqual({});
	});

	test('get unwraps the conversation', async () => {
		const { output } = await run('get', {
			ticketId: ticket(THREAD),
			conversationId: '5001',
			options: { includeRawData: true },
		});
		expect(enneo.fake.received('GET', `/ticket/${THREAD}/conversation/5001`)[0].query).toEqual({
			includeRawData: 'true',
		});
		expect(output[0].json).toMatchObject({
			id: 5001,
			direction: 'in',
			rawData: { source: 'imap' },
		});
	});

	test('a non-numeric conversation ID is refused naming the field', async () => {
		await expect(run('get', { ticketId: ticket(THREAD), conversationId: 'abc' })).rejects.toThrow(
			'"Conversation ID" must be a positive whole number, got "abc" [item 0]',
		);
	});
});

describe('conversation update / delete', () => {
	test('publishing a draft sends PATCH with isDraft false and new content', async () => {
		const { output } = await run('update', {
			ticketId: ticket(THREAD),
			conversationId: '5003',
			updateFields: { message: 'Final text', isDraft: false },
		});
		const [call] = enneo.fake.received('PATCH', `/ticket/${THREAD}/conversation/5003`);
		expect(call.body).toEqual({ content: { message: 'Final text' }, isDraft: false });
		expect(output[0].json).toMatchObject({
			ticketId: THREAD,
			conversationId: 5003,
			conversation: { isDraft: false, sent: true },
		});
	});

	test("a received message cannot be edited: Enneo's 400 comes through", async () => {
		await expect(
			run('update', {
				ticketId: ticket(THREAD),
				conversationId: '5001',
				updateFields: { message: 'x' },
			}),
		).rejects.toThrow(/only internal notes and drafts can be updated/);
	});

	test('an update without fields is refused before any request', async () => {
		await expect(
			run('update', { ticketId: ticket(THREAD), conversationId: '5002', updateFields: {} }),
		).rejects.toThrow('Nothing to update for conversation 5002 [item 0]');
		expect(enneo.fake.received()).toHaveLength(0);
	});

	test('delete removes the message from the thread', async () => {
		const { output } = await run('delete', { ticketId: ticket(THREAD), conversationId: '5002' });
		expect(enneo.fake.received('DELETE', `/ticket/${THREAD}/conversation/5002`)).toHaveLength(1);
		expect(output[0].json).toEqual({ deleted: true, ticketId: THREAD, conversationId: 5002 });
		await expect(run('get', { ticketId: ticket(THREAD), conversationId: '5002' })).rejects.toThrow(
			/The conversation was not found in Enneo \(404\)/,
		);
	});
});
