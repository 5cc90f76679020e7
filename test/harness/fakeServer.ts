import type { IDataObject } from 'n8n-workflow';

import { PROBE_HEADERS } from '../fake-enneo/contract/record';
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

/**
 * Sends a request straight to the fake (no node in between), as a probe of the fake itself: it is
 * recorded as such and never counted as a request of the package (contract/record.ts).
 */
export async function probeFake(
	fake: FakeEnneo,
	method: string,
	pathAndQuery: string,
	body?: unknown,
): Promise<{ status: number; json: IDataObject }> {
	const response = await fetch(`${fake.instanceUrl}/api/mind${pathAndQuery}`, {
		method,
		headers: {
			authorization: `Bearer ${fake.apiKey}`,
			'content-type': 'application/json',
			...PROBE_HEADERS,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, json: (await response.json()) as IDataObject };
}
