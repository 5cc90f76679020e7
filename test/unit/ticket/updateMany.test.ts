import type { IDataObject } from 'n8n-workflow';

import { Enneo } from '../../../nodes/Enneo/Enneo.node';
import { PROBE_HEADERS } from '../../fake-enneo/contract/record';
import { SEED_BULK_UPDATE_ELEMENT } from '../../fake-enneo/seedExamples';
import { useFakeEnneo } from '../../harness/fakeServer';
import { itemsOf, runNode } from '../../harness/runNode';

const enneo = useFakeEnneo({ tickets: 700 });

const SEED_KEYS = Object.keys(SEED_BULK_UPDATE_ELEMENT);
const SEED_ID = SEED_BULK_UPDATE_ELEMENT.id;

/** Sends a body straight to the fake, as any client would (no node in between). */
async function patchTickets(body: unknown): Promise<{ status: number; json: IDataObject }> {
	const response = await fetch(`${enneo.fake.instanceUrl}/api/mind/ticket`, {
		method: 'PATCH',
		headers: {
			Authorization: `Bearer ${enneo.fake.apiKey}`,
			'Content-Type': 'application/json',
			...PROBE_HEADERS,
		},
		body: JSON.stringify(body),
	});
	return { status: response.status, json: (await response.json()) as IDataObject };
}

function updateMany(updateFields: IDataObject, options: IDataObject = {}) {
	return {
		resource: 'ticket',
		operation: 'updateMany',
		ticketId: '={{ $json.id }}',
		updateFields,
		options,
	};
}

function grantTechnicalFields() {
	(enneo.fake.state.me.permissions as string[]).push('updateTechnicalTicketFields');
}

/** The objects the documented element refers to, so it can be applied as it is. */
function addSeedReferences() {
	const state = enneo.fake.state;
	state.tags.set(123, {
		id: 123,
		name: 'Complaint',
		fullName: 'Second Level: Complaint',
		type: 'skill',
		reference: 'ticket',
		visibility: 'public',
		color: 'grey',
		parent: 6,
	});
	state.subchannels.set(123, {
		id: 123,
		channel: 'email',
		name: 'Energy Service',
		isDefault: false,
		interface: 'internal',
		enabled: true,
		data: {},
	});
}

const bulkElements = () =>
	enneo.fake.received('PATCH', '/ticket').flatMap((call) => call.body as IDataObject[]);

describe('the fake Enneo follows the documented bulk update (PATCH /ticket)', () => {
	test('the documented element, sent verbatim, is accepted and its writable fields applied', async () => {
		grantTechnicalFields();
		addSeedReferences();
		const { status, json } = await patchTickets([SEED_BULK_UPDATE_ELEMENT]);
		expect([status, json]).toEqual([200, { success: true }]);
		const ticket = enneo.fake.state.tickets.get(SEED_ID)!;
		expect(ticket).toMatchObject({
			subject: SEED_BULK_UPDATE_ELEMENT.subject,
			summary: SEED_BULK_UPDATE_ELEMENT.summary,
			language: 'English',
			languageCode: 'en',
			isEscalated: false,
			to: ['service@energy.com'],
			ccEmails: ['secondlevel@enneo.ai'],
			subchannelId: 123,
			sentiment: 'positive',
			customerLegitimation: 30,
			tagIds: [123],
		});
		// Read-only parts of the element (createdAt, customer, agent, …) describe the ticket and are not applied.
		expect(ticket.createdAt).not.toBe(SEED_BULK_UPDATE_ELEMENT.createdAt);
		expect(ticket.customer).toBeUndefined();
	});

	test.each([
		['tagIds', { tagIds: [4] }],
		['addTagIds', { addTagIds: [4] }],
		['removeTagIds', { removeTagIds: [1] }],
		['spamStatus', { spamStatus: 'manual_spam' }],
	])(
		'a key the documented element does not show (%s) is refused with 400 and changes nothing',
		async (key, change) => {
			const before = structuredClone(enneo.fake.state.tickets.get(SEED_ID)!);
			const { status, json } = await patchTickets([{ id: SEED_ID, status: 'closed', ...change }]);
			expect(status).toBe(400);
			expect(json).toMatchObject({ code: 'unknown_field', field: key });
			expect(enneo.fake.state.tickets.get(SEED_ID)).toEqual(before);
		},
	);

	test('fields beyond the agent set need updateTechnicalTicketFields, as on PATCH /ticket/{id}', async () => {
		const { status, json } = await patchTickets([{ id: SEED_ID, language: 'English' }]);
		expect(status).toBe(403);
		expect(String(json.message)).toContain("requires the permission 'updateTechnicalTicketFields'");
	});
});

describe('ticket update many sends what the bulk-update page documents', () => {
	test('agent fields and replaced tags: one element per ticket with tags as {id} objects, only documented keys', async () => {
		const { output } = await runNode({
			parameters: updateMany({
				status: 'closed',
				priority: 'low',
				customerLegitimation: 12,
				tagIds: [3, 4],
				tagsMode: 'replace',
			}),
			items: itemsOf({ id: 376101 }, { id: 376102 }),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('POST', '/ticket/search')).toHaveLength(0);
		const elements = bulkElements();
		expect(elements).toEqual([
			{
				id: 376101,
				status: 'closed',
				priority: 'low',
				customerLegitimation: 12,
				tags: [{ id: 3 }, { id: 4 }],
			},
			{
				id: 376102,
				status: 'closed',
				priority: 'low',
				customerLegitimation: 12,
				tags: [{ id: 3 }, { id: 4 }],
			},
		]);
		for (const element of elements)
			for (const key of Object.keys(element)) expect(SEED_KEYS).toContain(key);
		expect(output.map((item) => item.json)).toEqual([
			// The fields sent stay at the top level as in earlier versions (saved workflows read them there).
			{ ...elements[0], id: 376101, success: true, batch: 1, sent: elements[0] },
			{ ...elements[1], id: 376102, success: true, batch: 1, sent: elements[1] },
		]);
		expect(enneo.fake.state.tickets.get(376102)).toMatchObject({
			status: 'closed',
			customerLegitimation: 12,
			tagIds: [3, 4],
		});
	});

	test('Assigned Agent, Due By and First Response Due By go in the element; Include in Worklog off goes as query', async () => {
		const { output } = await runNode({
			parameters: updateMany(
				{
					agentId: 8,
					dueBy: '2099-04-01T12:00:00Z',
					firstResponseDueBy: '2099-03-31T09:00:00Z',
				},
				{ includeInWorklog: false },
			),
			items: itemsOf({ id: 376103 }, { id: 376104 }),
			credentials: enneo.credentials,
		});
		const calls = enneo.fake.received('PATCH', '/ticket');
		expect(calls).toHaveLength(1);
		expect(calls[0].query).toEqual({ includeInWorklog: 'false' });
		const element = {
			agentId: 8,
			dueBy: '2099-04-01 12:00:00',
			firstResponseDueBy: '2099-03-31 09:00:00',
		};
		expect(calls[0].body).toEqual([
			{ id: 376103, ...element },
			{ id: 376104, ...element },
		]);
		for (const id of [376103, 376104])
			expect(enneo.fake.state.tickets.get(id)).toMatchObject(element);
		expect(output.map((item) => item.json)).toMatchObject([
			{ id: 376103, success: true, batch: 1 },
			{ id: 376104, success: true, batch: 1 },
		]);
	});

	test('add tags: the current tags of all tickets come from one search, the element carries the full list', async () => {
		await runNode({
			parameters: updateMany({ tagIds: [4], tagsMode: 'add' }),
			items: itemsOf({ id: 376100 }, { id: 376101 }, { id: 376108 }),
			credentials: enneo.credentials,
		});
		const searches = enneo.fake.received('POST', '/ticket/search');
		expect(searches).toHaveLength(1);
		expect(searches[0].body).toEqual({
			filters: [{ key: 't.id', comparator: 'in', values: [376100, 376101, 376108] }],
			limit: 3,
			offset: 0,
			orderByField: 't.id',
			orderByDirection: 'asc',
		});
		expect(bulkElements()).toEqual([
			{ id: 376100, tags: [{ id: 1 }, { id: 3 }, { id: 4 }] },
			{ id: 376101, tags: [{ id: 1 }, { id: 4 }] },
			{ id: 376108, tags: [{ id: 1 }, { id: 3 }, { id: 4 }] },
		]);
		expect(enneo.fake.state.tickets.get(376101)!.tagIds).toEqual([1, 4]);
	});

	test('remove tags keeps the other current tags', async () => {
		await runNode({
			parameters: updateMany({ tagIds: [3], tagsMode: 'remove' }),
			items: itemsOf({ id: 376100 }),
			credentials: enneo.credentials,
		});
		expect(bulkElements()).toEqual([{ id: 376100, tags: [{ id: 1 }] }]);
		expect(enneo.fake.state.tickets.get(376100)!.tagIds).toEqual([1]);
	});

	test('the documented technical fields, set from the node, arrive exactly as in the documented element', async () => {
		grantTechnicalFields();
		addSeedReferences();
		const seed = SEED_BULK_UPDATE_ELEMENT;
		await runNode({
			parameters: updateMany({
				subject: seed.subject,
				summary: seed.summary,
				subchannelId: seed.subchannelId,
				language: seed.language,
				languageCode: seed.languageCode,
				isEscalated: seed.isEscalated,
				to: seed.to,
				ccEmails: seed.ccEmails.join(', '),
				channel: seed.channel,
				sentiment: seed.sentiment,
				customerLegitimation: seed.customerLegitimation,
				customerId: seed.customerId,
				contractId: seed.contractId,
				status: seed.status,
				priority: seed.priority,
				aiSupportLevel: seed.aiSupportLevel,
				tagIds: [seed.tags[0].id],
				tagsMode: 'replace',
			}),
			items: itemsOf({ id: seed.id }),
			credentials: enneo.credentials,
		});
		const [element] = bulkElements();
		const keys = Object.keys(element);
		const fromSeed = Object.fromEntries(
			keys.filter((key) => key !== 'tags').map((key) => [key, seed[key as keyof typeof seed]]),
		);
		expect(element).toEqual({ ...fromSeed, tags: [{ id: 123 }] });
		expect(keys).toHaveLength(18);
	});

	test('Spam Status is not in the bulk element: it goes per ticket to PATCH /ticket/{id}', async () => {
		const { output } = await runNode({
			parameters: updateMany({ spamStatus: 'manual_spam' }, { includeInWorklog: false }),
			items: itemsOf({ id: 376101 }, { id: 376102 }),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('PATCH', '/ticket')).toHaveLength(0);
		const singles = enneo.fake.received('PATCH', /^\/ticket\/\d+$/);
		expect(singles.map((call) => [call.path, call.body, call.query])).toEqual([
			['/ticket/376101', { spamStatus: 'manual_spam' }, { includeInWorklog: 'false' }],
			['/ticket/376102', { spamStatus: 'manual_spam' }, { includeInWorklog: 'false' }],
		]);
		expect(output.map((item) => item.json)).toEqual([
			{ id: 376101, success: true, spamStatus: 'manual_spam', spamStatusSent: 'manual_spam' },
			{ id: 376102, success: true, spamStatus: 'manual_spam', spamStatusSent: 'manual_spam' },
		]);
		expect(enneo.fake.state.tickets.get(376102)).toMatchObject({
			status: 'closed',
			spamStatus: 'manual_spam',
		});
	});

	test('a ticket whose tags cannot be read fails alone under Continue On Fail; nothing is sent for it', async () => {
		const { output } = await runNode({
			parameters: updateMany({ tagIds: [4], tagsMode: 'add' }),
			items: itemsOf({ id: 376101 }, { id: 999999 }),
			credentials: enneo.credentials,
			continueOnFail: true,
		});
		expect(bulkElements()).toEqual([{ id: 376101, tags: [{ id: 1 }, { id: 4 }] }]);
		expect(output[0].json).toMatchObject({ id: 376101, success: true });
		expect(output[1].json).toMatchObject({ id: 999999, itemIndex: 1 });
		expect(String(output[1].json.error)).toContain(
			'Ticket 999999 was not returned by the ticket search',
		);
	});
});

describe('ticket update many: Check Changes', () => {
	test('600 tickets: 2 PATCH batches and 2 searches; every ticket reads back as sent', async () => {
		const ids = [...enneo.fake.state.tickets.keys()].slice(0, 600);
		const { output } = await runNode({
			parameters: updateMany(
				{ priority: 'urgent', status: 'closed' },
				{ batchSize: 300, checkChanges: true },
			),
			items: itemsOf(...ids.map((id) => ({ id }))),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('PATCH', '/ticket')).toHaveLength(2);
		const searches = enneo.fake.received('POST', '/ticket/search');
		expect(searches.map((call) => (call.body as { limit: number }).limit)).toEqual([500, 100]);
		expect(output).toHaveLength(600);
		for (const item of output)
			expect(item.json).toMatchObject({
				success: true,
				changed: true,
				unchanged: [],
				notReturned: [],
			});
	});

	test('fields the instance ignores are reported per ticket; the other tickets and fields pass', async () => {
		grantTechnicalFields();
		enneo.fake.state.bulkIgnoredFields = ['language', 'tags'];
		enneo.fake.state.tickets.get(376101)!.language = 'German';
		const { output } = await runNode({
			parameters: updateMany(
				{ priority: 'high', language: 'English', tagIds: [4], tagsMode: 'add' },
				{ checkChanges: true },
			),
			items: itemsOf({ id: 376101 }, { id: 376102 }),
			credentials: enneo.credentials,
		});
		expect(output[0].json).toMatchObject({
			id: 376101,
			success: true,
			changed: false,
			unchanged: [
				{ field: 'language', sent: 'English', current: 'German' },
				{ field: 'tags', sent: [1, 4], current: [1] },
			],
		});
		expect(output[0].json.notReturned).toEqual([]);
		// 376102 has no language at all: the search row lacks the key, so the check cannot tell and says so.
		expect(output[1].json).toMatchObject({
			id: 376102,
			changed: false,
			unchanged: [{ field: 'tags', sent: [1, 4], current: [1] }],
			notReturned: ['language'],
		});
		expect(enneo.fake.state.tickets.get(376101)!.priority).toBe('high');
	});

	test('Spam Status sent per ticket is checked too, together with the bulk fields', async () => {
		const { output } = await runNode({
			parameters: updateMany(
				{ priority: 'low', spamStatus: 'manual_spam' },
				{ checkChanges: true },
			),
			items: itemsOf({ id: 376101 }),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('PATCH', '/ticket')).toHaveLength(1);
		expect(enneo.fake.received('PATCH', '/ticket/376101')).toHaveLength(1);
		expect(enneo.fake.received('POST', '/ticket/search')).toHaveLength(1);
		expect(output[0].json).toEqual({
			id: 376101,
			priority: 'low',
			spamStatus: 'manual_spam',
			success: true,
			batch: 1,
			sent: { id: 376101, priority: 'low' },
			spamStatusSent: 'manual_spam',
			changed: true,
			unchanged: [],
			notReturned: [],
		});
	});

	test('off by default: no search after the update', async () => {
		const { output } = await runNode({
			parameters: updateMany({ priority: 'high' }),
			items: itemsOf({ id: 376101 }),
			credentials: enneo.credentials,
		});
		expect(enneo.fake.received('POST', '/ticket/search')).toHaveLength(0);
		expect(output[0].json.changed).toBeUndefined();
	});
});

describe('customer legitimation', () => {
	test('Update and Update Many offer every legitimation level (docs/enneo-api-notes.md#ticket-update)', () => {
		const properties = new Enneo().description.properties;
		for (const operation of ['update', 'updateMany']) {
			const fields = properties.find(
				(p) => p.name === 'updateFields' && p.displayOptions?.show?.operation?.includes(operation),
			)!;
			const legitimation = (
				fields.options as Array<{ name: string; options?: Array<{ value: number }> }>
			).find((o) => o.name === 'customerLegitimation')!;
			expect(legitimation.options!.map((o) => o.value)).toEqual([0, 10, 12, 13, 15, 20, 30, 40]);
		}
	});
});
