import { eventTypesFrom } from '../../../nodes/EnneoEventTrigger/eventTypes';
import { useFakeEnneo } from '../../harness/fakeServer';
import { runEventTriggerLoadOptions } from '../../harness/runPoll';

const enneo = useFakeEnneo();

describe('Enneo Event Trigger: the Events list', () => {
	test('Events lists the instance event types, and the static list when Enneo refuses', async () => {
		const options = await runEventTriggerLoadOptions('getEventTypes', enneo.credentials);
		expect(options).toContainEqual(
			expect.objectContaining({ name: 'Customer Replied', value: 'ticketResponse' }),
		);
		expect(options).toContainEqual({ name: 'Cortex Process Ticket', value: 'cortexProcessTicket' });
		enneo.fake.state.me.permissions = [];
		const fallback = await runEventTriggerLoadOptions('getEventTypes', enneo.credentials);
		expect(fallback.map((option) => option.value)).toContain('callCompleted');
		expect(fallback).not.toContainEqual(expect.objectContaining({ value: 'cortexProcessTicket' }));
	});

	test.each([
		[
			['ticketCreated', 'newReply'],
			['ticketCreated', 'newReply'],
		],
		[
			{ success: true, eventTypes: [{ type: 'ticketCreated' }, { name: 'TicketResponse' }] },
			['ticketCreated', 'ticketResponse'],
		],
		[{ types: ['callCompleted', 'bad type', 42] }, ['callCompleted']],
		[
			{ success: true, ticketCreated: { triggerableBy: [] }, callStarted: {} },
			['ticketCreated', 'callStarted'],
		],
		['<html>', []],
	])('reads the undocumented getEventTypes answer %j', (response, types) => {
		expect(eventTypesFrom(response)).toEqual(types);
	});
});
