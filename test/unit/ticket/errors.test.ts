/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- fixture keys for the fake Enneo, not secrets */
import { useFakeEnneo } from '../../harness/fakeServer';
import { itemsOf, runNode, locator } from '../../harness/runNode';

const enneo = useFakeEnneo();

const variables = (ticketId: unknown) => ({
	resource: 'ticket',
	operation: 'getVariables',
	ticketId,
});

async function failure(
	parameters: Record<string, unknown>,
	credentials = enneo.credentials,
): Promise<Error & { description?: string; httpCode?: string }> {
	const error = await runNode({ parameters, credentials }).catch((e: Error) => e);
	expect(error).toBeInstanceOf(Error);
	return error as Error & { description?: string; httpCode?: string };
}

describe('ticket errors', () => {
	test('401: a wrong key is named as the cause, the key itself never appears', async () => {
		const error = await failure(variables(locator('376101')), {
			instanceUrl: enneo.fake.instanceUrl,
			apiKey: 'sk-live-very-secret-98765',
		});
		expect(error.message).toBe(
			'Enneo rejected the API key (401): Invalid or expired token, code invalid_token',
		);
		expect(error.description).toContain('Create a new key in Enneo');
		expect(JSON.stringify(error)).not.toContain('sk-live-very-secret-98765');
	});

	test('403 on a hidden ticket explains ticket visibility', async () => {
		enneo.fake.state.hiddenTicketIds.add(376101);
		for (const parameters of [
			variables(locator('376101')),
			{
				resource: 'ticket',
				operation: 'update',
				ticketId: locator('376101'),
				updateFields: { status: 'closed' },
			},
			{ resource: 'ticket', operation: 'delete', ticketId: locator('376101') },
		]) {
			const error = await failure(parameters);
			expect(error.message).toContain('Enneo denied access to this ticket (403)');
			expect(error.description).toContain('ticket visibility');
			expect(error.httpCode).toBe('403');
		}
		expect(enneo.fake.state.tickets.has(376101)).toBe(true);
	});

	test('404 names the ticket and the request', async () => {
		const error = await failure(variables(locator('999999')));
		expect(error.message).toBe(
			'The ticket was not found in Enneo (404): Ticket 999999 not found, code ticket_not_found',
		);
		expect(error.description).toContain('GET /ticket/999999/variables');
	});

	test('422 lists the violations Enneo sent', async () => {
		enneo.fake.fail({
			method: 'PATCH',
			path: '/ticket/376101',
			status: 422,
			body: {
				success: false,
				message: 'Validation failed',
				violations: [
					{ propertyPath: 'dueBy', message: 'must be in the future' },
					{ field: 'agentId', message: 'unknown agent' },
				],
			},
		});
		const error = await failure({
			resource: 'ticket',
			operation: 'update',
			ticketId: locator('376101'),
			updateFields: { priority: 'high' },
		});
		expect(error.message).toBe('Enneo could not process the values sent (422): Validation failed');
		expect(error.description).toContain(
			'Details: dueBy: must be in the future; agentId: unknown agent',
		);
	});

	test('429 with Retry-After is waited out and retried for an update', async () => {
		enneo.fake.fail({
			method: 'PATCH',
			path: '/ticket/376101',
			status: 429,
			headers: { 'Retry-After': '1' },
			times: 2,
		});
		const started = Date.now();
		const { output } = await runNode({
			parameters: {
				resource: 'ticket',
				operation: 'update',
				ticketId: locator('376101'),
				updateFields: { priority: 'high' },
			},
			credentials: enneo.credentials,
		});
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
		expect(enneo.fake.received('PATCH', '/ticket/376101').map((r) => r.status)).toEqual([
			429, 429, 200,
		]);
		expect(output[0].json.priority).toBe('high');
	});

	test('5xx on a read is retried three times, then fails with a clear message', async () => {
		enneo.fake.fail({
			method: 'GET',
			path: '/ticket/376101/variables',
			status: 503,
			headers: { 'Retry-After': '0' },
			times: Infinity,
		});
		const error = await failure(variables(locator('376101')));
		expect(enneo.fake.received('GET', '/ticket/376101/variables')).toHaveLength(4);
		expect(error.message).toBe('Enneo failed to answer (503): Injected failure 503, code http_503');
		expect(error.description).toContain('(after 3 retries)');
	});

	test('a 502 that recovers is invisible to the user', async () => {
		enneo.fake.fail({ method: 'GET', path: '/ticket/stats', status: 502, times: 1 });
		const { output } = await runNode({
			parameters: { resource: 'ticket', operation: 'getStats' },
			credentials: enneo.credentials,
		});
		expect(output[0].json.success).toBe(true);
		expect(enneo.fake.received('GET', '/ticket/stats')).toHaveLength(2);
	});

	test('500 is not retried (it is not a transient status)', async () => {
		enneo.fake.fail({ method: 'GET', path: '/ticket/376101/ping', status: 500, times: Infinity });
		const error = await failure({
			resource: 'ticket',
			operation: 'ping',
			ticketId: locator('376101'),
		});
		expect(error.message).toContain('Enneo failed to answer (500)');
		expect(enneo.fake.received('GET', '/ticket/376101/ping')).toHaveLength(1);
	});

	test('Continue On Fail: failing items become error items paired with them, the others succeed', async () => {
		enneo.fake.state.hiddenTicketIds.add(376103);
		const { output } = await runNode({
			parameters: variables(locator('={{ $json.id }}')),
			items: itemsOf(
				{ id: '376101' },
				{ id: 'abc' },
				{ id: '999999' },
				{ id: '376103' },
				{ id: '376102' },
			),
			credentials: enneo.credentials,
			continueOnFail: true,
		});
		expect(output.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(output[0].json.ticketId).toBe(376101);
		expect(output[1].json).toMatchObject({
			error: '"Ticket" must be a positive whole number, got "abc" [item 1]',
			itemIndex: 1,
		});
		expect(output[2].json).toMatchObject({ httpCode: '404', itemIndex: 2 });
		expect(output[3].json).toMatchObject({ httpCode: '403', itemIndex: 3 });
		expect(String(output[3].json.error)).toContain('Enneo denied access to this ticket (403)');
		expect(output[4].json.ticketId).toBe(376102);
		expect(enneo.fake.received('GET', /\/variables$/)).toHaveLength(4);
	});

	test('without Continue On Fail the first failing item stops the run and is named', async () => {
		const error = await runNode({
			parameters: variables(locator('={{ $json.id }}')),
			items: itemsOf({ id: '376101' }, { id: '999999' }, { id: '376102' }),
			credentials: enneo.credentials,
		}).catch((e: Error & { context?: { itemIndex?: number } }) => e);
		expect((error as Error & { context: { itemIndex: number } }).context.itemIndex).toBe(1);
		expect(enneo.fake.received('GET', /\/variables$/).map((r) => r.path)).toEqual([
			'/ticket/376101/variables',
			'/ticket/999999/variables',
		]);
	});

	test('the API key never appears in an error, even when Enneo echoes it', async () => {
		const key = enneo.fake.apiKey;
		enneo.fake.fail({
			path: '/ticket/376101/variables',
			status: 400,
			body: {
				message: `Bad request with token ${key}`,
				headers: { Authorization: `Bearer ${key}` },
			},
		});
		enneo.fake.fail({
			path: '/ticket/376101/activity',
			status: 422,
			body: `token=${key} rejected`,
		});
		enneo.fake.fail({
			path: '/ticket/376101/ping',
			status: 503,
			body: { message: `Bearer ${key}` },
			times: Infinity,
			headers: { 'Retry-After': '0' },
		});
		for (const operation of ['getVariables', 'getActivity', 'ping']) {
			const error = await failure({ resource: 'ticket', operation, ticketId: locator('376101') });
			expect(JSON.stringify(error)).not.toContain(key);
			expect(error.message).not.toContain(key);
			expect(String(error.description)).not.toContain(key);
			expect(String(error.stack)).not.toContain(key);
		}
	});
});
