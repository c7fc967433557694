// `npm run bench -- --smoke` (or BENCH_SMOKE=1): every benchmark runs once at a tiny size, so CI
// notices within a few minutes when a benchmark no longer runs at all. Smoke figures say nothing
// about the targets (the table still prints them, marked as smoke) and are written to
// bench/results/smoke.json, never over latest.json.
//
// How a benchmark gets its smoke size: it declares each size with `size(full, smoke)` where it
// declares the constant today, e.g. `export const RUNS = size(15, 2);`. The row interface stays
// the same (`run()` → result, `rows(result)` → ReportRow[]); only the constants shrink.

export const SMOKE = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';

/** The full size, or the smoke size when the bench runs with --smoke. */
export function size(full: number, smoke: number): number {
	return SMOKE ? smoke : full;
}
