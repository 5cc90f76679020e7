import { demoState } from '../../fake-enneo/demoData';
import { sqlDate } from '../../fake-enneo/state';
import { useE2e } from '../lib/setup';
import { templateWithCredential } from './templates';

const e2e = useE2e();

describe('ticket templates in n8n', () => {
	test('ticket-triage raises priority and tags every open ticket that is negative or past due, in one PATCH', async () => {
		const state = demoState({ tickets: 60 });
		// Half the tickets due next year, so "past due" and "negative" pick different tickets.
		[...state.tickets.values()].forEach((ticket, index) => {
			if (index % 2 === 0) ticket.dueBy = '2027-06-01 00:00:00';
		});
		const now = sqlDate();
		const before = new Map([...state.tickets.values()].map((t) => [t.id, { ...t }]));
		const expected = [...before.values()]
			.filter((t) => t.status === 'open' && (t.sentiment === 'negative' || String(t.dueBy) < now))
			.map((t) => t.id);
		expect(expected.length).toBeGreaterThan(5);
		e2e.fake.reset(state);

		const wf = await e2e.n8n.createWorkflow(
			templateWithCredential('ticket-triage.json', e2e.credential, ` ${Date.now()}`),
		);
		const run = (await e2e.n8n.runWorkflow(wf.id, { trigger: 'Every Hour' })).assertSuccess();

		// Two searches of the template, then Update Many's one read of the current tags (t.id in [...]).
		const searches = e2e.fake
			.received('POST', '/ticket/search')
			.map((r) => r.body as { filters: Array<{ key: string; values?: number[] }> });
		expect(searches).toHaveLength(3);
		expect(searches[2].filters).toEqual([
			{ key: 't.id', comparator: 'in', values: expect.any(Array) },
		]);
		expect([...searches[2].filters[0].values!].sort()).toEqual([...expected].sort());
		const filterSets = searches.map((s) => s.filters);
		expect(filterSets).toContainEqual([
			{ key: 't.status', comparator: 'in', values: ['open'] },
			{ key: 't.sentiment', comparator: 'in', values: ['negative'] },
		]);
		expect(filterSets).toContainEqual([
			{ key: 't.status', comparator: 'in', values: ['open'] },
			{
				key: 't.dueBy',
				comparator: '<=',
				value: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			},
		]);

		const patches = e2e.fake.received('PATCH', '/ticket');
		expect(patches).toHaveLength(1);
		const raised: Record<string, string> = {
			low: 'medium',
			medium: 'high',
			high: 'urgent',
			urgent: 'urgent',
		};
		const body = patches[0].body as Array<{
			id: number;
			priority: string;
			tags: Array<{ id: number }>;
		}>;
		expect(body.map((change) => change.id).sort()).toEqual([...expected].sort());
		for (const change of body) {
			// Seed 002's shape: the full tag list as {id} objects, the ticket's tags plus Escalated (4).
			const tags = [...new Set([...(before.get(change.id)!.tagIds as number[]), 4])].map((id) => ({
				id,
			}));
			expect(change).toEqual({
				id: change.id,
				priority: raised[String(before.get(change.id)!.priority)],
				tags,
			});
			expect(e2e.fake.state.tickets.get(change.id)!.tagIds).toEqual(tags.map((tag) => tag.id));
		}
		const untouched = [...before.keys()].filter((id) => !expected.includes(id));
		for (const id of untouched)
			expect(e2e.fake.state.tickets.get(id)!.priority).toBe(before.get(id)!.priority);

		const output = run.output('Raise Priority and Tag');
		expect(output).toHaveLength(expected.length);
		expect(output.every((item) => item.success === true && item.batch === 1)).toBe(true);
	});

	test('bulk-close-spam closes 230 tagged tickets, Spam Status per ticket (not in the bulk request), and its summary says so', async () => {
		const state = demoState({ tickets: 300 });
		const tickets = [...state.tickets.values()];
		const spam = tickets.filter((t) => t.status === 'open').slice(0, 230);
		for (const ticket of spam) ticket.tagIds = [5];
		// A closed ticket with the tag must not be touched.
		const closedTagged = tickets.find((t) => t.status === 'closed')!;
		closedTagged.tagIds = [5];
		e2e.fake.reset(state);

		const wf = await e2e.n8n.createWorkflow(
			templateWithCredential('bulk-close-spam.json', e2e.credential, ` ${Date.now()}`),
		);
		const run = (await e2e.n8n.runWorkflow(wf.id, { trigger: 'Start' })).assertSuccess();

		const search = e2e.fake.received('POST', '/ticket/search');
		expect(search[0].body).toMatchObject({
			filters: [
				{ key: 't.status', comparator: 'in', values: ['open'] },
				{ key: 'tt_matchAny.tagId', comparator: 'in', values: [5] },
			],
		});
		// The bulk element has no spamStatus: it goes to PATCH /ticket/{id}, which documents it (docs/enneo-api-notes.md#bulk-update).
		expect(e2e.fake.received('PATCH', '/ticket')).toHaveLength(0);
		const patches = e2e.fake.received('PATCH', /^\/ticket\/\d+$/);
		expect(patches).toHaveLength(230);
		expect(patches.every((p) => p.query.includeInWorklog === 'false')).toBe(true);
		expect(patches.every((p) => JSON.stringify(p.body) === '{"spamStatus":"manual_spam"}')).toBe(
			true,
		);

		for (const ticket of spam) {
			const now = e2e.fake.state.tickets.get(ticket.id)!;
			expect([now.status, now.spamStatus]).toEqual(['closed', 'manual_spam']);
		}
		expect(e2e.fake.state.tickets.get(closedTagged.id)!.spamStatus).not.toBe('manual_spam');

		const [summary] = run.output('Summary');
		expect(summary).toEqual({
			ticketsFound: 230,
			ticketsClosed: 230,
			ticketsFailed: 0,
			updateRequests: 230,
			closedTicketIds: expect.any(Array),
		});
		expect(summary.updateRequests).toBe(patches.length);
		expect([...(summary.closedTicketIds as number[])].sort()).toEqual(spam.map((t) => t.id).sort());
	});
});
