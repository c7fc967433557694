import { wallClock } from '$lib/site-time';
import type { ArrivalSource } from '$lib/queue/types';

/** One queue entry of the day, without patient data: how and when it arrived and was called. */
export interface SummaryEntry {
	source: ArrivalSource;
	walkIn: boolean;
	arrivedAt: number;
	calledAt: number | null;
}

/** One kiosk visit of the day as the kiosk recorded it (no patient data). */
export interface SummaryVisit {
	outcome: string;
	endedOn: string;
	totalMs: number;
}

export type SummarySource = ArrivalSource | 'walk-in';

export interface DaySummary {
	checkIns: number;
	bySource: Record<SummarySource, number>;
	byHour: Record<number, number>;
	/** Kiosk check-ins over all check-ins of booked patients (walk-ins excluded); null for none. */
	selfCheckInRate: number | null;
	medianKioskMs: number | null;
	medianWaitMs: number | null;
	noShows: number;
	abandonedOn: Record<string, number>;
	feedback: { count: number; mean: number | null; distribution: Record<1 | 2 | 3 | 4 | 5, number> };
}

/** The day's numbers from its rows; hours are the site's wall-clock hours. Pure. */
export function daySummary(
	timeZone: string,
	entries: SummaryEntry[],
	visits: SummaryVisit[],
	noShows: number,
	scores: number[]
): DaySummary {
	const bySource: Record<SummarySource, number> = { kiosk: 0, desk: 0, phone: 0, 'walk-in': 0 };
	const byHour: Record<number, number> = {};
	const waits: number[] = [];
	for (const e of entries) {
		bySource[e.walkIn ? 'walk-in' : e.source] += 1;
		const hour = wallClock(timeZone, e.arrivedAt).hour;
		byHour[hour] = (byHour[hour] ?? 0) + 1;
		if (e.calledAt !== null) waits.push(e.calledAt - e.arrivedAt);
	}
	const booked = entries.length - bySource['walk-in'];
	const abandonedOn: Record<string, number> = {};
	for (const v of visits) {
		if (v.outcome === 'abandoned') abandonedOn[v.endedOn] = (abandonedOn[v.endedOn] ?? 0) + 1;
	}
	const completed = visits.filter((v) => v.outcome === 'checked-in').map((v) => v.totalMs);
	const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
	for (const s of scores) distribution[s as 1 | 2 | 3 | 4 | 5] += 1;
	const sum = scores.reduce((a, b) => a + b, 0);
	return {
		checkIns: entries.length,
		bySource,
		byHour,
		selfCheckInRate: booked ? Math.round((bySource.kiosk / booked) * 1000) / 1000 : null,
		medianKioskMs: median(completed),
		medianWaitMs: median(waits),
		noShows,
		abandonedOn,
		feedback: {
			count: scores.length,
			mean: scores.length ? Math.round((sum / scores.length) * 100) / 100 : null,
			distribution
		}
	};
}

/** The middle value; of an even count, the mean of the two middle ones. Null for none. */
export function median(values: number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
