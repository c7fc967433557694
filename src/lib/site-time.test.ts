import { describe, expect, it } from 'vitest';
import { isValidTimeZone, minutesIntoDay, siteDay, siteDayBounds, siteTime } from './site-time';

const NY = 'America/New_York';
const KOLKATA = 'Asia/Kolkata';
const HOUR = 3_600_000;
const utc = (iso: string) => Date.parse(iso);

describe('siteDay', () => {
	it("switches at the site's midnight, not UTC's", () => {
		expect(siteDay(NY, utc('2026-03-08T04:59:59Z'))).toBe('2026-03-07');
		expect(siteDay(NY, utc('2026-03-08T05:00:00Z'))).toBe('2026-03-08');
		// After the spring change midnight is at 04:00 UTC.
		expect(siteDay(NY, utc('2026-03-09T03:59:59Z'))).toBe('2026-03-08');
		expect(siteDay(NY, utc('2026-03-09T04:00:00Z'))).toBe('2026-03-09');
	});

	it('is already tomorrow east of UTC', () => {
		expect(siteDay(KOLKATA, utc('2026-03-13T18:29:59Z'))).toBe('2026-03-13');
		expect(siteDay(KOLKATA, utc('2026-03-13T18:30:00Z'))).toBe('2026-03-14');
	});

	it('crosses the year boundary', () => {
		expect(siteDay(NY, utc('2027-01-01T04:00:00Z'))).toBe('2026-12-31');
		expect(siteDay(KOLKATA, utc('2026-12-31T20:00:00Z'))).toBe('2027-01-01');
	});
});

describe('siteDayBounds', () => {
	it('gives the spring-forward day 23 hours', () => {
		const { start, end } = siteDayBounds(NY, '2026-03-08');
		expect(start).toBe(utc('2026-03-08T05:00:00Z'));
		expect(end).toBe(utc('2026-03-09T04:00:00Z'));
		expect(end - start).toBe(23 * HOUR);
	});

	it('gives the fall-back day 25 hours', () => {
		const { start, end } = siteDayBounds(NY, '2026-11-01');
		expect(start).toBe(utc('2026-11-01T04:00:00Z'));
		expect(end).toBe(utc('2026-11-02T05:00:00Z'));
		expect(end - start).toBe(25 * HOUR);
	});

	it('gives an ordinary day 24 hours, across month and year ends', () => {
		const march = siteDayBounds(NY, '2026-03-31');
		expect(march.end - march.start).toBe(24 * HOUR);
		expect(march.end).toBe(utc('2026-04-01T04:00:00Z'));
		const newYearsEve = siteDayBounds(NY, '2026-12-31');
		expect(newYearsEve.end).toBe(utc('2027-01-01T05:00:00Z'));
	});

	it('handles a half-hour offset east of UTC', () => {
		expect(siteDayBounds(KOLKATA, '2026-03-14')).toEqual({
			start: utc('2026-03-13T18:30:00Z'),
			end: utc('2026-03-14T18:30:00Z')
		});
	});

	it('contains exactly the instants whose siteDay is that day', () => {
		for (const [zone, day] of [
			[NY, '2026-03-08'],
			[NY, '2026-11-01'],
			[KOLKATA, '2026-06-30']
		]) {
			const { start, end } = siteDayBounds(zone, day);
			expect(siteDay(zone, start)).toBe(day);
			expect(siteDay(zone, end - 1)).toBe(day);
			expect(siteDay(zone, start - 1)).not.toBe(day);
			expect(siteDay(zone, end)).not.toBe(day);
		}
	});
});

describe('siteTime', () => {
	it('places wall-clock times on the spring-forward day', () => {
		expect(siteTime(NY, '2026-03-08', 60)).toBe(utc('2026-03-08T06:00:00Z'));
		expect(siteTime(NY, '2026-03-08', 3 * 60)).toBe(utc('2026-03-08T07:00:00Z'));
		expect(siteTime(NY, '2026-03-08', 9 * 60 + 15)).toBe(utc('2026-03-08T13:15:00Z'));
	});

	it('places wall-clock times on the fall-back day', () => {
		expect(siteTime(NY, '2026-11-01', 30)).toBe(utc('2026-11-01T04:30:00Z'));
		expect(siteTime(NY, '2026-11-01', 12 * 60)).toBe(utc('2026-11-01T17:00:00Z'));
	});

	it('places wall-clock times in Kolkata', () => {
		expect(siteTime(KOLKATA, '2026-03-14', 9 * 60)).toBe(utc('2026-03-14T03:30:00Z'));
		expect(siteTime(KOLKATA, '2026-03-14', 0)).toBe(utc('2026-03-13T18:30:00Z'));
	});
});

describe('minutesIntoDay', () => {
	it('reads the wall clock on either side of a change', () => {
		expect(minutesIntoDay(NY, utc('2026-03-08T06:59:00Z'))).toBe(1 * 60 + 59);
		expect(minutesIntoDay(NY, utc('2026-03-08T07:00:00Z'))).toBe(3 * 60);
		// 01:30 happens twice on the fall-back day; both read as 90 minutes.
		expect(minutesIntoDay(NY, utc('2026-11-01T05:30:00Z'))).toBe(90);
		expect(minutesIntoDay(NY, utc('2026-11-01T06:30:00Z'))).toBe(90);
	});

	it('reads midnight as 0 and the last minute as 1439', () => {
		expect(minutesIntoDay(KOLKATA, utc('2026-03-13T18:30:00Z'))).toBe(0);
		expect(minutesIntoDay(KOLKATA, utc('2026-03-14T18:29:00Z'))).toBe(1439);
		expect(minutesIntoDay(KOLKATA, utc('2026-03-14T03:45:00Z'))).toBe(9 * 60 + 15);
	});

	it('is the inverse of siteTime on an ordinary day', () => {
		for (const minutes of [0, 1, 8 * 60 + 30, 23 * 60 + 59]) {
			expect(minutesIntoDay(NY, siteTime(NY, '2026-06-15', minutes))).toBe(minutes);
		}
	});
});

describe('isValidTimeZone', () => {
	it('accepts IANA names and UTC', () => {
		expect(isValidTimeZone(NY)).toBe(true);
		expect(isValidTimeZone(KOLKATA)).toBe(true);
		expect(isValidTimeZone('UTC')).toBe(true);
	});

	it('refuses names that are not time zones', () => {
		expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
		expect(isValidTimeZone('Eastern Time')).toBe(false);
		expect(isValidTimeZone('+25:00')).toBe(false);
	});
});
