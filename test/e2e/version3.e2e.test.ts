/**
 * Enneo node version 3 inside a real n8n: the Ticket locator wherever a ticket is named (n8n
 * resolves its default expression and extracts the ID, also inside Options), and one delete
 * output. Version 2 nodes of saved workflows keep their text fields.
 */
import { DEMO } from '../fake-enneo/demoData';
import type { WorkflowNode } from './lib/n8n';
import { codeNode, linearWorkflow, manualTrigger } from './lib/n8n';
import { useE2e } from './lib/setup';

const e2e = useE2e();

function enneo(
	typeVersion: number,
	parameters: Record<string, unknown>,
	name = 'Enneo',
): WorkflowNode {
	return { ...e2e.enneo({ name, parameters }), typeVersion };
}

const ticketUrl = (id: number) => `${e2e.fake.instanceUrl}/ticket/${id}`;

async function run(nodes: WorkflowNode[]) {
	const wf = await e2e.n8n.createWorkflow(linearWorkflow('version 3', [manualTrigger(), ...nodes]));
	return (await e2e.n8n.runWorkflow(wf.id)).assertSuccess();
}

describe('Enneo node version 3 in n8n', () => {
	test("Update Many takes each item's ticket from the locator's default {{ $json.id }}; version 2 from its text field", async () => {
		const ids = [...e2e.fake.state.tickets.keys()].slice(0, 3);
		const items = codeNode(
			'Tickets',
			`return ${JSON.stringify(ids)}.map((id) => ({ json: { id } }));`,
		);
		const parameters = {
			resource: 'ticket',
			operation: 'updateMany',
			updateFields: { priority: 'high' },
		};
		await run([items, enneo(3, parameters)]);
		await run([items, enneo(2, { ...parameters, ticketId: '={{ $json.id }}' })]);
		const batches = e2e.fake
			.received('PATCH', '/ticket')
			.map((c) => c.body as Array<{ id: number }>);
		expect(batches.map((batch) => batch.map((element) => element.id))).toEqual([ids, ids]);
	});

	test('telephony hooks take the call ticket from Call Received by ID and by URL', async () => {
		const result = await run([
			enneo(
				3,
				{
					resource: 'telephony',
					operation: 'callReceived',
					direction: 'in',
					routing: 'native',
					phone: '+4930123456',
				},
				'Call Received',
			),
			enneo(
				3,
				{
					resource: 'telephony',
					operation: 'agentConnected',
					userId: 7,
					ticketId: { __rl: true, mode: 'id', value: '={{ $json.ticketId }}' },
				},
				'Agent Connected',
			),
			enneo(
				3,
				{
					resource: 'telephony',
					operation: 'getRouting',
					lookUpBy: 'ticketId',
					ticketId: {
						__rl: true,
						mode: 'url',
						value: `=${e2e.fake.instanceUrl}/ticket/{{ $('Call Received').item.json.ticketId }}`,
					},
				},
				'Get Routing',
			),
		]);
		const ticketId = result.output('Call Received')[0].ticketId as number;
		expect(e2e.fake.received('POST', '/telephony/agentConnected').map((c) => c.body)).toEqual([
			{ ticketId, userId: 7 },
		]);
		expect(e2e.fake.received('GET', '/telephony/getRouting').map((c) => c.query)).toEqual([
			{ ticketId: String(ticketId) },
		]);
		expect(result.output('Get Routing')[0]).toMatchObject({ ticketId });
	});

	test('Agent Connected and Call Completed by Call ID with the Ticket left empty', async () => {
		const emptyTicket = { __rl: true, mode: 'id', value: '' };
		const result = await run([
			enneo(
				3,
				{
					resource: 'telephony',
					operation: 'callReceived',
					direction: 'in',
					routing: 'native',
					phone: '+4930123456',
					additionalFields: { channelId: 'call-e2e-1' },
				},
				'Call Received',
			),
			enneo(
				3,
				{
					resource: 'telephony',
					operation: 'agentConnected',
					userId: 7,
					channelId: 'call-e2e-1',
					ticketId: emptyTicket,
				},
				'Agent Connected',
			),
			enneo(
				3,
				{
					resource: 'telephony',
					operation: 'callCompleted',
					channelId: 'call-e2e-1',
					ticketId: emptyTicket,
					additionalFields: { totalDurationSeconds: 60 },
				},
				'Call Completed',
			),
		]);
		expect(e2e.fake.received('POST', '/telephony/agentConnected').map((c) => c.body)).toEqual([
			{ userId: 7, channelId: 'call-e2e-1' },
		]);
		expect(e2e.fake.received('POST', '/telephony/callCompleted').map((c) => c.body)).toEqual([
			{ channelId: 'call-e2e-1', transcript: [], totalDurationSeconds: 60 },
		]);
		expect(result.output('Call Completed')[0]).toMatchObject({ success: true });
	});

	test('Search Contracts records on the ticket given by URL inside Options; version 2 by its text option', async () => {
		const searchFields = { contractId: '746839' };
		await run([
			enneo(3, {
				resource: 'customer',
				operation: 'contractSearch',
				searchFields,
				options: { ticketId: { __rl: true, mode: 'url', value: ticketUrl(376100) } },
			}),
		]);
		await run([
			enneo(2, {
				resource: 'customer',
				operation: 'contractSearch',
				searchFields,
				options: { ticketId: '376100' },
			}),
		]);
		expect(e2e.fake.received('GET', '/contract/search').map((c) => c.query)).toEqual([
			{ contractId: '746839', ticketId: '376100' },
			{ contractId: '746839', ticketId: '376100' },
		]);
	});

	test('every delete answers { deleted, ticketId, … }; a version 2 ticket delete keeps { id, deleted }', async () => {
		(e2e.fake.state.me.permissions as string[]).push('updateTechnicalTicketFields');
		e2e.fake.state.tickets.get(376101)!.attachments = [
			{ id: 'a1b2c3', name: 'meter.jpg', url: 'https://files.example.com/meter.jpg' },
		];
		const result = await run([
			enneo(
				3,
				{
					resource: 'ticket',
					operation: 'delete',
					ticketId: { __rl: true, mode: 'url', value: ticketUrl(376102) },
				},
				'Delete Ticket',
			),
			enneo(
				3,
				{
					resource: 'conversation',
					operation: 'delete',
					ticketId: { __rl: true, mode: 'id', value: String(DEMO.threadTicketId) },
					conversationId: '5002',
				},
				'Delete Conversation',
			),
			enneo(
				3,
				{
					resource: 'ticket',
					operation: 'deleteAttachment',
					ticketId: { __rl: true, mode: 'id', value: '376101' },
					attachmentId: 'a1b2c3',
				},
				'Delete Attachment',
			),
			enneo(
				2,
				{
					resource: 'ticket',
					operation: 'delete',
					ticketId: { __rl: true, mode: 'id', value: '376103' },
				},
				'Delete Ticket v2',
			),
		]);
		expect(result.output('Delete Ticket')).toEqual([{ deleted: true, ticketId: 376102 }]);
		expect(result.output('Delete Conversation')).toEqual([
			{ deleted: true, ticketId: DEMO.threadTicketId, conversationId: 5002 },
		]);
		expect(result.output('Delete Attachment')).toEqual([
			{ deleted: true, ticketId: 376101, attachmentId: 'a1b2c3' },
		]);
		expect(result.output('Delete Ticket v2')).toEqual([{ id: 376103, deleted: true }]);
		expect(e2e.fake.state.tickets.has(376102)).toBe(false);
		expect(e2e.fake.state.tickets.has(376103)).toBe(false);
	});
});
