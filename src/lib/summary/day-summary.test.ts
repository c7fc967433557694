import { describe, expect, it } from 'vitest';
import { daySummary, type SummaryEntry } from './day-summary';
import { siteTime } from '$lib/site-time';

const TZ = 'America/New_York';
const DAY = '2026-03-10';
const at = (h: number, m: number) => siteTime(TZ, DAY, h * 60 + m);
const MIN = 60_000;

// A scripted day: three kiosk check-ins, one at the desk, one by phone, one walk-in.
const entries: SummaryEntry[] = [
	{ source: 'kiosk', walkIn: false, arrivedAt: at(8, 5), calledAt: at(8, 15) },
	{ source: 'kiosk', walkIn: false, arrivedAt: at(8, 40), calledAt: at(9, 0) },
	{ source: 'kiosk', walkIn: false, arrivedAt: at(9, 10), calledAt: null },
	{ source: 'desk', walkIn: false, arrivedAt: at(9, 20), calledAt: at(9, 50) },
	{ source: 'phone', walkIn: false, arrivedAt: at(10, 0), calledAt: at(10, 5) },
	{ source: 'desk', walkIn: true, arrivedAt: at(10, 30), calledAt: null }
];
const visits = [
	{ outcome: 'checked-in', endedOn: 'done', totalMs: 40_000 },
	{ outcome: 'checked-in', endedOn: 'done', totalMs: 60_000 },
	{ outcome: 'checked-in', endedOn: 'done', totalMs: 90_000 },
	{ outcome: 'abandoned', endedOn: 'details', totalMs: 20_000 },
	{ outcome: 'abandoned', endedOn: 'details', totalMs: 25_000 },
	{ outcome: 'abandoned', endedOn: 'scan', totalMs: 5_000 },
	{ outcome: 'reset', endedOn: 'welcome', totalMs: 1_000 }
];

describe('daySummary on a scripted day', () => {
	const s = daySummary(TZ, entries, visits, 2, [5, 4, 4, 2]);

	it('counts check-ins by source and by site hour', () => {
		expect(s.checkIns).toBe(6);
		expect(s.bySource).toEqual({ kiosk: 3, desk: 1, phone: 1, 'walk-in': 1 });
		expect(s.byHour).toEqual({ 8: 2, 9: 2, 10: 2 });
	});

	it('works out the self check-in rate over booked patients only', () => {
		expect(s.selfCheckInRate).toBe(0.6);
	});

	it('takes medians of kiosk time and of the wait to the call', () => {
		expect(s.medianKioskMs).toBe(60_000);
		// waits 10, 20, 30, 5 minutes: the two middle are 10 and 20.
		expect(s.medianWaitMs).toBe(15 * MIN);
	});

	it('reports no-shows, drop-off and feedback', () => {
		expect(s.noShows).toBe(2);
		expect(s.abandonedOn).toEqual({ details: 2, scan: 1 });
		expect(s.feedback).toEqual({
			count: 4,
			mean: 3.75,
			distribution: { 1: 0, 2: 1, 3: 0, 4: 2, 5: 1 }
		});
	});

	it('gives nulls, not zeros, for an empty day', () => {
		const empty = daySummary(TZ, [], [], 0, []);
		expect(empty.selfCheckInRate).toBeNull();
		expect(empty.medianWaitMs).toBeNull();
		expect(empty.medianKioskMs).toBeNull();
		expect(empty.feedback.mean).toBeNull();
		expect(empty.checkIns).toBe(0);
	});
});
