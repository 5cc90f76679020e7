/**
 * A size-limited, JSON-safe copy of data that came from outside (a webhook body), for output
 * items: n8n saves every item with the execution, so untrusted depth or size must stop here.
 */
export interface CopyLimits {
	maxDepth: number;
	maxStringLength: number;
	/** Entries kept per object or array. */
	maxEntries: number;
	/** Values copied in all; the rest is cut. */
	maxNodes: number;
}

export const DEFAULT_COPY_LIMITS: CopyLimits = {
	maxDepth: 6,
	maxStringLength: 1024,
	maxEntries: 50,
	maxNodes: 500,
};

/** Keys that would change an object's prototype or shadow its methods when assigned. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const TRUNCATED = '[truncated]';

export function boundedCopy(
	value: unknown,
	limits: CopyLimits = DEFAULT_COPY_LIMITS,
): { value: unknown; truncated: boolean } {
	let nodes = 0;
	let truncated = false;
	const cut = (): string => {
		truncated = true;
		return TRUNCATED;
	};
	const copy = (input: unknown, depth: number): unknown => {
		if (++nodes > limits.maxNodes) return cut();
		if (input === null || typeof input === 'boolean') return input;
		if (typeof input === 'number') return Number.isFinite(input) ? input : null;
		if (typeof input === 'string') {
			if (input.length <= limits.maxStringLength) return input;
			truncated = true;
			return `${input.slice(0, limits.maxStringLength)}…`;
		}
		if (typeof input !== 'object' || ArrayBuffer.isView(input)) return null;
		if (depth >= limits.maxDepth) return cut();
		if (Array.isArray(input)) {
			const out: unknown[] = [];
			for (let i = 0; i < input.length; i++) {
				if (i >= limits.maxEntries) {
					out.push(cut());
					break;
				}
				out.push(copy(input[i], depth + 1));
			}
			return out;
		}
		const out: Record<string, unknown> = {};
		let entries = 0;
		for (const key in input) {
			if (!Object.prototype.hasOwnProperty.call(input, key)) continue;
			if (UNSAFE_KEYS.has(key) || key.length > limits.maxStringLength) {
				truncated = true;
				continue;
			}
			if (++entries > limits.maxEntries) {
				truncated = true;
				break;
			}
			out[key] = copy((input as Record<string, unknown>)[key], depth + 1);
		}
		return out;
	};
	const result = copy(value, 0);
	return { value: result, truncated };
}
