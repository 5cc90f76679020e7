/**
 * The Enneo Event Trigger in a real n8n: a published workflow polls the fake Enneo at a cron
 * second chosen by the test (n8n polls at most once a minute), so two polls take about 75 s.
 */
import { insertEvents } from '../fake-enneo/events';
import type { WorkflowNode } from './lib/n8n';
import { codeNode, linearWorkflow, PACKAGE_NAME } from './lib/n8n';
import { useE2e } from './lib/setup';

const e2e = useE2e();
const TRIGGER = 'Enneo Event Trigger';

function eventTrigger(parameters: Record<string, unknown>): WorkflowNode {
	return {
		name: TRIGGER,
		type: `${PACKAGE_NAME}.enneoEventTrigger`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { enneoApi: e2e.credential },
	};
}

/** A cron expression that fires once a minute, `lead` seconds from now. */
function cronSecondsFromNow(lead: number): string {
	return `${(new Date().getUTCSeconds() + lead) % 60} * * * * *`;
}

const ticketIds = () => [...e2e.fake.state.tickets.keys()].slice(0, 25);

describe('Enneo Event Trigger in n8n', () => {
	test('published: 250 events written across two poll intervals reach the workflow exactly once each, in order', async () => {
		// History before publishing is not replayed.
		insertEvents(e2e.fake.state, 20, { type: 'ticketCreated', ticketIds: ticketIds() });
		const workflow = linearWorkflow('event trigger 250', [
			eventTrigger({
				pollTimes: { item: [{ mode: 'custom', cronExpression: cronSecondsFromNow(12) }] },
				events: ['ticketCreated'],
				options: {},
			}),
			codeNode('Received', 'return $input.all();'),
		]);
		const wf = await e2e.n8n.createWorkflow(workflow);
		await e2e.n8n.activate(wf.id);
		try {
			// Activation polled once: it only noted where Enneo is.
			expect(e2e.fake.received('POST', '/event/search')).toHaveLength(1);
			e2e.fake.requests = [];
			const first = insertEvents(e2e.fake.state, 120, {
				type: 'ticketCreated',
				ticketIds: ticketIds(),
			});
			insertEvents(e2e.fake.state, 10, { type: 'newNote', ticketIds: ticketIds() });
			const [run1] = await e2e.n8n.waitForExecutions(wf.id, 1, 80_000);
			const pagesOfFirstPoll = e2e.fake.received('POST', '/event/search').length;
			const second = insertEvents(e2e.fake.state, 130, {
				type: 'ticketCreated',
				ticketIds: ticketIds(),
			});
			const runs = await e2e.n8n.waitForExecutions(wf.id, 2, 80_000);

			const delivered = runs.map((run) =>
				run
					.assertSuccess()
					.output('Received')
					.map((item) => item.id as number),
			);
			expect(run1.id).toBe(runs[0].id);
			expect(delivered).toEqual([first, second]);
			expect(delivered.flat()).toHaveLength(250);
			expect(new Set(delivered.flat()).size).toBe(250);
			// 100 events per request: 2 pages per poll.
			expect(pagesOfFirstPoll).toBe(2);
			expect(e2e.fake.received('POST', '/event/search')).toHaveLength(4);
			const item = runs[0].output(TRIGGER)[0];
			expect(item).toMatchObject({
				id: first[0],
				type: 'ticketCreated',
				ticketId: ticketIds()[0],
				actor: { id: 1 },
			});
			expect(String(item.createdAt)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
		} finally {
			await e2e.n8n.deactivate(wf.id);
		}
	}, 200_000);

	test('manual run (Fetch Test Event): the newest event of each chosen type, with its ticket', async () => {
		const ids = ticketIds();
		insertEvents(e2e.fake.state, 3, { type: 'ticketCreated', ticketIds: ids });
		const [reply] = insertEvents(e2e.fake.state, 1, {
			type: 'ticketResponse',
			ticketIds: [ids[4]],
		});
		const wf = await e2e.n8n.createWorkflow(
			linearWorkflow('event trigger manual', [
				eventTrigger({
					events: ['ticketCreated', 'ticketResponse'],
					options: { includeTicket: true },
				}),
			]),
		);
		const run = (await e2e.n8n.runWorkflow(wf.id, { trigger: TRIGGER })).assertSuccess();
		const items = run.output(TRIGGER);
		expect(items.map((entry) => entry.type)).toEqual(['ticketCreated', 'ticketResponse']);
		expect(items[1]).toMatchObject({ id: reply, ticketId: ids[4], ticket: { id: ids[4] } });
	});

	test("a key without Enneo's 'events' permission cannot be published: the error names the permission", async () => {
		e2e.fake.state.me.permissions = [];
		const wf = await e2e.n8n.createWorkflow(
			linearWorkflow('event trigger 403', [eventTrigger({ events: ['ticketCreated'] })]),
		);
		await expect(e2e.n8n.activate(wf.id)).rejects.toThrow(/permission 'events' is missing/);
	});
});
