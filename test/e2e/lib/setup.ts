/**
 * Per test file: a logged-in client for this run's n8n, a FakeEnneo in the test process (so tests
 * read `enneo.fake.received(...)`), and an n8n credential pointing at it.
 *
 *   const e2e = useE2e({ tickets: 1200 });
 *   test('...', async () => {
 *     const wf = await e2e.n8n.createWorkflow(linearWorkflow('x', [manualTrigger(), e2e.enneo({ parameters })]));
 *     const run = await e2e.n8n.runWorkflow(wf.id);
 *     expect(e2e.fake.received('POST', '/ticket/search')).toHaveLength(3);
 *   });
 */
import { demoState } from '../../fake-enneo/demoData';
import { FakeEnneo } from '../../fake-enneo/server';
import type { FakeState } from '../../fake-enneo/state';
import type { N8nClient, WorkflowNode } from './n8n';
import { connectN8n, enneoNode } from './n8n';

export interface E2eContext {
	n8n: N8nClient;
	fake: FakeEnneo;
	credential: { id: string; name: string };
	/** The IDs of the first `count` tickets of the fake's data. */
	ticketIds(count: number): number[];
	/** An Enneo action node using this file's credential. */
	enneo(options: {
		name?: string;
		parameters: Record<string, unknown>;
		onError?: WorkflowNode['onError'];
	}): WorkflowNode;
}

export function useE2e(options: { tickets?: number; state?: () => FakeState } = {}): E2eContext {
	const freshState = () => options.state?.() ?? demoState({ tickets: options.tickets });
	const context = {
		fake: new FakeEnneo({ apiKey: 'e2e-api-key', state: freshState() }),
	} as E2eContext;
	context.enneo = (node) => enneoNode({ ...node, credential: context.credential });
	context.ticketIds = (count) => [...context.fake.state.tickets.keys()].slice(0, count);

	beforeAll(async () => {
		await context.fake.start();
		context.n8n = await connectN8n();
		context.credential = await context.n8n.createCredential({
			name: `Enneo e2e ${context.fake.port}`,
			type: 'enneoApi',
			data: { instanceUrl: context.fake.instanceUrl, apiKey: context.fake.apiKey },
		});
	});
	beforeEach(() => context.fake.reset(freshState()));
	afterAll(async () => {
		await context.fake.close();
	});
	return context;
}
