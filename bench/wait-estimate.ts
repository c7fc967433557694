// Issue 13, "wait estimates that tell the truth": mean absolute error, in minutes, of the wait
// estimate (src/lib/queue/estimate.ts) against the naive "place × average visit", on the
// scripted clinic days of tests/fixtures/clinic-days.ts (simulated clock, no server). Per day
// and overall, with the ratio. Pure computation: the same in `--smoke` mode, and fast.
import { CLINIC_DAYS, estimateErrors, type EstimateError } from '../tests/fixtures/clinic-days';
import { estimateWaits } from '../src/lib/queue/estimate';
import type { ReportRow } from './support/report';

export interface WaitEstimateResult {
	overall: EstimateError;
	days: ({ name: string } & EstimateError)[];
}

export async function waitEstimate(): Promise<WaitEstimateResult> {
	const run = (days: typeof CLINIC_DAYS) =>
		estimateErrors(days, ({ now, entries }) => estimateWaits(entries, 'dr-lee', now));
	return {
		overall: run(CLINIC_DAYS),
		days: CLINIC_DAYS.map((day) => ({ name: day.name, ...run([day]) }))
	};
}

export function waitEstimateRows(result: WaitEstimateResult): ReportRow[] {
	const row = (what: string, e: EstimateError): ReportRow => ({
		what,
		target: 'estimate MAE < naive MAE',
		measured: `${e.estimateMae.toFixed(1)} vs ${e.naiveMae.toFixed(1)} min (ratio ${(e.estimateMae / e.naiveMae).toFixed(2)}, ${e.samples} samples)`,
		met: e.samples === 0 ? null : e.estimateMae < e.naiveMae
	});
	return [
		row('wait estimate error, scripted days', result.overall),
		...result.days.map((day) => row(`  … ${day.name}`, day))
	];
}
