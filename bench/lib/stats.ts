/**
 * Numbers of the benchmarks: nearest-rank percentiles of latencies, medians, rounding.
 */

/** The p-th percentile (nearest rank) of values sorted ascending; NaN when there are none. */
export function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** A sorted copy, smallest first. */
export const ascending = (values: number[]): number[] => [...values].sort((a, b) => a - b);

export interface LatencyStats {
	p50: number;
	p95: number;
	p99: number;
	max: number;
}

/** Percentiles and the slowest of durations (ms) given in any order. */
export function latencyStats(ms: number[]): LatencyStats {
	const sorted = ascending(ms);
	return {
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		max: sorted[sorted.length - 1],
	};
}

export function median(values: number[]): number {
	const sorted = ascending(values);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const round = (value: number, digits = 0) => Number(value.toFixed(digits));
