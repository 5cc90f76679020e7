import { demoState } from '../fake-enneo/demoData';
import type { FakeEnneoOptions } from '../fake-enneo/server';
import { FakeEnneo } from '../fake-enneo/server';

/** Starts a fake Enneo for one test file; `credentials` points at it with its valid key. */
export function useFakeEnneo(options: FakeEnneoOptions & { tickets?: number } = {}) {
	const fake = new FakeEnneo({
		...options,
		state: options.state ?? demoState({ tickets: options.tickets }),
	});
	const handle = {
		fake,
		get credentials() {
			return { instanceUrl: fake.instanceUrl, apiKey: fake.apiKey };
		},
	};
	beforeAll(async () => {
		await fake.start();
	});
	afterAll(async () => {
		await fake.close();
	});
	beforeEach(() => {
		fake.reset(options.state ?? demoState({ tickets: options.tickets }));
	});
	return handle;
}
