import { useFakeEnneo } from '../../harness/fakeServer';
import { runListSearch, runLoadOptions } from '../../harness/runNode';

const enneo = useFakeEnneo({ tickets: 120 });

describe('ticket dropdowns and ticket picker', () => {
	test('getTags lists ticket tags by full name, without customer tags', async () => {
		const options = await runLoadOptions('getTags', enneo.credentials);
		expect(enneo.fake.received('GET', '/tag')[0].query).toEqual({ format: 'compact' });
		expect(options.map((o) => [o.name, o.value])).toEqual([
			['Billing', 1],
			['Escalated', 4],
			['Second Level: Complaint', 3],
			['Spam Review', 5],
		]);
	});

	test('getAgents lists users by name with their email', async () => {
		const options = await runLoadOptions('getAgents', enneo.credentials);
		expect(enneo.fake.received('GET', '/profiles')[0].query).toEqual({
			limit: '1000',
			show: 'all',
		});
		expect(options).toContainEqual({
			name: 'Tom Agent',
			value: 7,
			description: 'tom@demo.enneo.ai',
		});
		expect(options.map((o) => o.name)).toEqual(
			[...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)),
		);
	});

	test('getSubchannels lists every subchannel with its channel', async () => {
		const options = await runLoadOptions('getSubchannels', enneo.credentials);
		expect(enneo.fake.received('GET', '/settings/subchannel')[0].query).toEqual({});
		expect(options.map((o) => [o.name, o.value])).toEqual([
			['Hotline +49 30 1234 5600 (phone)', 5],
			['Support (email)', 1],
			['Website Chat (chat)', 2],
		]);
	});

	test('getAiAgents lists AI agents from the bare-array response', async () => {
		const options = await runLoadOptions('getAiAgents', enneo.credentials);
		expect(enneo.fake.received('GET', '/aiAgents')[0].query).toEqual({
			format: 'short',
			limit: '1000',
		});
		expect(options.map((o) => [o.name, o.value])).toEqual([
			['Default Voice Agent', 123],
			['Meter Reading Bot', 456],
			['VIP Concierge', 388],
		]);
	});

	test('searchTickets lists the newest tickets with links and pages on', async () => {
		const first = await runListSearch('searchTickets', enneo.credentials);
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({
			name: `#376219 ${String(enneo.fake.state.tickets.get(376219)!.subject)}`,
			value: '376219',
			url: `${enneo.fake.instanceUrl}/ticket/376219`,
		});
		expect(first.paginationToken).toBe('50');
		const third = await runListSearch('searchTickets', enneo.credentials, undefined, '100');
		expect(third.results).toHaveLength(20);
		expect(third.paginationToken).toBeUndefined();
		expect(
			enneo.fake
				.received('POST', '/ticket/search')
				.map((r) => (r.body as { offset: number }).offset),
		).toEqual([0, 100]);
	});

	test('searchTickets finds a ticket by ID or by text', async () => {
		const byId = await runListSearch('searchTickets', enneo.credentials, '376105');
		expect(byId.results.map((r) => r.value)).toEqual(['376105']);
		const byText = await runListSearch('searchTickets', enneo.credentials, 'bank details');
		expect(byText.results.length).toBeGreaterThan(0);
		expect(byText.results.every((r) => /bank details/i.test(r.name))).toBe(true);
		expect(
			(enneo.fake.received('POST', '/ticket/search')[1].body as { filters: unknown[] }).filters,
		).toEqual([{ key: 'q', value: 'bank details' }]);
	});
});
