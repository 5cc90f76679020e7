import { DEFAULT_DEADLINE_MS, readDeadline } from '../../../nodes/EnneoTrigger/description';

describe('Answer Deadline at run time', () => {
	test.each([
		[3000, 3000],
		['3000', 3000],
		[6000, 4500],
		[1e12, 4500],
		[Infinity, DEFAULT_DEADLINE_MS],
		[-5, 100],
		[0, 100],
		[250.6, 251],
		['abc', DEFAULT_DEADLINE_MS],
		['', DEFAULT_DEADLINE_MS],
		[null, DEFAULT_DEADLINE_MS],
		[undefined, DEFAULT_DEADLINE_MS],
		[{ ms: 1000 }, DEFAULT_DEADLINE_MS],
		['9'.repeat(10_000), DEFAULT_DEADLINE_MS],
	])('%p → %p ms', (value, expected) => {
		expect(readDeadline(value)).toBe(expected);
	});
});
