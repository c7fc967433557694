import * as v from 'valibot';
import type { KioskScreenName } from './sync';

/** `GET /api/staff/kiosk-stats?day=YYYY-MM-DD`: one site day; without `day`, today. */
export const KioskStatsQuery = v.object({
	day: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^\d{4}-\d{2}-\d{2}$/, 'day must be a date written YYYY-MM-DD, e.g. 2026-03-14'),
			v.check((day) => {
				const [y, m, d] = day.split('-').map(Number);
				const date = new Date(Date.UTC(y, m - 1, d));
				return (
					date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
				);
			}, 'day is not a real date (check the month and the day)')
		)
	)
});

export type ScreenCounts = Partial<Record<KioskScreenName, number>>;

/**
 * How the kiosks of one site did on one site day (issue 10), from anonymous ops only: the visits'
 * screens and the answers to "How easy was checking in today?". Nothing in it names a patient.
 */
export interface KioskStats {
	siteId: string;
	day: string;
	timezone: string;
	/** Visits that left the Welcome screen. */
	visits: number;
	/** Visits that reached a ticket. */
	completed: number;
	/** The idle timer ended the visit, by the screen it was on. */
	abandonedOn: ScreenCounts;
	/** The patient went back or started over without a ticket, by screen. */
	resetOn: ScreenCounts;
	/** The kiosk recovered from a fault mid-visit. */
	errors: number;
	/** Per screen, the median time a visit spent on it (ms), among visits that showed it. */
	medianMsOn: ScreenCounts;
	/** Median codes that did not read as a check-in, among visits that used the camera. */
	scanAttemptsMedian: number | null;
	/** Visits that started with the camera and went on to look the patient up. */
	fellBackToLookup: number;
	/** Help requests, by the screen they were asked from. */
	helpOn: ScreenCounts;
	feedback: {
		count: number;
		/** Mean score, 1 (very hard) to 5 (very easy), to two decimals; null with no answers. */
		meanScore: number | null;
		/** Answers per score. */
		distribution: Record<1 | 2 | 3 | 4 | 5, number>;
	};
}
