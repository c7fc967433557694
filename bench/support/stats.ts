// Order statistics for one run's samples. Machines are small and noisy, so the bench reports
// medians and high percentiles of a single run rather than means.

export interface Summary {
	/** Number of samples. */
	n: number;
	min: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
}

/** Nearest-rank percentile (the smallest sample with at least p % of samples at or below it). */
export function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples: readonly number[]): Summary {
	const sorted = [...samples].sort((a, b) => a - b);
	return {
		n: sorted.length,
		min: sorted[0] ?? NaN,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		max: sorted[sorted.length - 1] ?? NaN
	};
}

/** Rounds every number of a summary to `digits` decimals, for the JSON report. */
export function rounded(summary: Summary, digits = 1): Summary {
	const f = 10 ** digits;
	const r = (x: number) => Math.round(x * f) / f;
	return {
		n: summary.n,
		min: r(summary.min),
		p50: r(summary.p50),
		p95: r(summary.p95),
		p99: r(summary.p99),
		max: r(summary.max)
	};
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
