/**
 * A misbehaving Enneo, over real HTTP: each fault mode of the fake and the bounded behaviour the
 * transport shows for it.
 */
import { PAGINATION_LIMITS } from '../../../nodes/enneoApi/pagination';
import { demoState } from '../../fake-enneo/demoData';
import { FakeEnneo } from '../../fake-enneo/server';
import { useFakeEnneo } from '../../harness/fakeServer';
import { runNode } from '../../harness/runNode';

const enneo = useFakeEnneo({ tickets: 1200 });
/** Another origin: where a redirect points. It records every request, including the Authorization header. */
const elsewhere = new FakeEnneo({ apiKey: 'elsewhere-key', state: demoState({ tickets: 5 }) });

beforeAll(async () => {
	await elsewhere.start();
});
afterAll(async () => {
	await elsewhere.close();
});
beforeEach(() => elsewhere.reset());

function run(parameters: Record<string, unknown>) {
	return runNode({ parameters, credentials: enneo.credentials });
}

/** Customer Search with Options → Timeout against an Enneo that never answers: the error and how long it took. */
async function searchHungEnneo(timeout: number): Promise<{ error: unknown; ms: number }> {
	enneo.fake.fail({ path: '/customer/search', hang: true, times: Infinity });
	const started = Date.now();
	const error = await run({
		resource: 'customer',
		operation: 'search',
		query: 'Sterling',
		options: { timeout },
	}).then(
		() => new Error('the search succeeded'),
		(e: unknown) => e,
	);
	return { error, ms: Date.now() - started };
}

describe('transport faults', () => {
	test('an endpoint that ignores offset and sends no total stops Return All at the repeated page', async () => {
		enneo.fake.state.ignoresOffset = true;
		const started = Date.now();
		await expect(
			run({ resource: 'ticket', operation: 'getMany', returnAll: true }),
		).rejects.toMatchObject({
			message: 'Enneo returned the same page twice for POST /ticket/search',
			description: expect.stringContaining('ignores "offset"'),
		});
		expect(enneo.fake.received('POST', '/ticket/search')).toHaveLength(2);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	test('Return All has a page cap', () => {
		expect(PAGINATION_LIMITS.maxPages).toBeLessThanOrEqual(1000);
		expect(PAGINATION_LIMITS.maxItems).toBeLessThanOrEqual(100_000);
	});

	test.each([
		[
			'301 on a read',
			301,
			{ resource: 'ticket', operation: 'get', ticketId: { __rl: true, mode: 'id', value: '1' } },
		],
		[
			'302 on a create',
			302,
			{ resource: 'ticket', operation: 'create', subject: 'x', additionalFields: {} },
		],
		['307 on a search', 307, { resource: 'customer', operation: 'search', query: 'Sterling' }],
	])(
		'a redirect to another host (%s) is not followed and the key never reaches it',
		async (_name, status, parameters) => {
			enneo.fake.fail({ redirectTo: elsewhere.instanceUrl, status, times: Infinity });
			await expect(run(parameters)).rejects.toMatchObject({
				message: `Enneo answered with a redirect (${status}) to ${elsewhere.instanceUrl}; it was not followed`,
				description: expect.stringContaining('Instance URL'),
			});
			expect(elsewhere.requests).toHaveLength(0);
			expect(JSON.stringify(elsewhere.requests)).not.toContain(enneo.fake.apiKey);
			// Nothing was created on the real instance either: a redirected POST is never resent.
			expect(enneo.fake.received()).toHaveLength(1);
		},
	);

	test('a hung Enneo fails the item after Options → Timeout with the transport message shown', async () => {
		const { error, ms } = await searchHungEnneo(1000);
		expect(error).toMatchObject({
			message: `Could not reach Enneo at ${enneo.fake.instanceUrl}/api/mind: Enneo did not answer within 1 s`,
			description: expect.stringContaining('Options → Timeout'),
		});
		expect(ms).toBeGreaterThanOrEqual(950);
		expect(ms).toBeLessThan(3000);
	});

	test('a refused connection says so in the message', async () => {
		const closed = new FakeEnneo();
		await closed.start();
		const url = closed.instanceUrl;
		await closed.close();
		await expect(
			runNode({
				parameters: { resource: 'customer', operation: 'search', query: 'Sterling' },
				credentials: { instanceUrl: url, apiKey: 'k' },
			}),
		).rejects.toMatchObject({
			message: `Could not reach Enneo at ${url}/api/mind: the connection was refused`,
		});
	});

	test('429 with a Retry-After beyond the retry budget fails at once instead of waiting', async () => {
		enneo.fake.fail({
			path: '/customer/search',
			status: 429,
			headers: { 'retry-after': '3600' },
			times: Infinity,
		});
		const started = Date.now();
		await expect(
			run({ resource: 'customer', operation: 'search', query: 'Sterling' }),
		).rejects.toMatchObject({
			message: expect.stringContaining('Enneo is rate-limiting requests (429)'),
		});
		expect(Date.now() - started).toBeLessThan(2000);
		expect(enneo.fake.received('GET', '/customer/search')).toHaveLength(1);
	});

	test('an expression Timeout outside the range is clamped (1 s at least)', async () => {
		const { error, ms } = await searchHungEnneo(5);
		expect(error).toMatchObject({ message: expect.stringContaining('did not answer within 1 s') });
		expect(ms).toBeGreaterThanOrEqual(950);
	});
});
