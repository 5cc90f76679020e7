/**
 * Closed-loop load: a fixed number of workers, each taking the next item when its previous task
 * has finished (bench/callinbound, bench/rules, bench/fuzz).
 */

/** 0, 1, …, count - 1. */
export function* indexes(count: number): Generator<number> {
	for (let index = 0; index < count; index++) yield index;
}

/**
 * Runs `task` for every item with `concurrency` tasks in flight; the results in the order the
 * tasks finished. Items are taken one at a time, so a generator is never read ahead.
 */
export async function inFlight<I, T>(
	items: Iterable<I>,
	concurrency: number,
	task: (item: I) => Promise<T>,
): Promise<T[]> {
	const iterator = items[Symbol.iterator]();
	const results: T[] = [];
	const worker = async () => {
		for (;;) {
			const next = iterator.next();
			if (next.done) return;
			results.push(await task(next.value));
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return results;
}
