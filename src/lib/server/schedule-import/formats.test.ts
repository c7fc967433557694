import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATE_FORMATS, TIME_FORMATS } from '$lib/schemas/schedule-import';
import { formatDate, formatTime, isRealDate, parseDate, parseTime } from './formats';

const calendarDate = fc
	.record({
		year: fc.integer({ min: 1000, max: 9999 }),
		month: fc.integer({ min: 1, max: 12 }),
		day: fc.integer({ min: 1, max: 31 })
	})
	.filter(isRealDate);

describe('date formats', () => {
	it('reads back every real date it writes, in every format', () => {
		fc.assert(
			fc.property(calendarDate, fc.constantFrom(...DATE_FORMATS), (date, format) => {
				expect(parseDate(formatDate(date, format), format)).toEqual(date);
			})
		);
	});

	it('reads each format as that format only: 03/04/2026 is 4 March or 3 April', () => {
		expect(parseDate('03/04/2026', 'MM/DD/YYYY')).toEqual({ year: 2026, month: 3, day: 4 });
		expect(parseDate('03/04/2026', 'DD/MM/YYYY')).toEqual({ year: 2026, month: 4, day: 3 });
		expect(parseDate('2026-03-04', 'MM/DD/YYYY')).toBeNull();
		expect(parseDate('04.03.2026', 'DD.MM.YYYY')).toEqual({ year: 2026, month: 3, day: 4 });
		expect(parseDate('20260304', 'YYYYMMDD')).toEqual({ year: 2026, month: 3, day: 4 });
	});

	it('takes one-digit days and months where a separator follows them', () => {
		expect(parseDate('1/9/1990', 'MM/DD/YYYY')).toEqual({ year: 1990, month: 1, day: 9 });
		expect(parseDate(' 2026-3-4 ', 'YYYY-MM-DD')).toEqual({ year: 2026, month: 3, day: 4 });
	});

	it('refuses dates that are not on the calendar and years that are not four digits', () => {
		for (const text of ['02/30/2026', '13/01/2026', '00/10/2026', '04/31/2026', '1/1/26', '']) {
			expect(parseDate(text, 'MM/DD/YYYY'), text).toBeNull();
		}
		expect(parseDate('02/29/2028', 'MM/DD/YYYY')).toEqual({ year: 2028, month: 2, day: 29 });
		expect(parseDate('02/29/2027', 'MM/DD/YYYY')).toBeNull();
		expect(parseDate('2026314', 'YYYYMMDD')).toBeNull();
	});
});

describe('time formats', () => {
	it('reads back every minute of the day it writes, in every format', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 24 * 60 - 1 }),
				fc.constantFrom(...TIME_FORMATS),
				(minutes, format) => {
					expect(parseTime(formatTime(minutes, format), format)).toBe(minutes);
				}
			)
		);
	});

	it('reads the 12-hour clock as exports write it', () => {
		expect(parseTime('12:00 AM', 'h:mm a')).toBe(0);
		expect(parseTime('12:30 PM', 'h:mm a')).toBe(12 * 60 + 30);
		expect(parseTime('9:05am', 'h:mm a')).toBe(9 * 60 + 5);
		expect(parseTime('1:15 p.m.', 'h:mm a')).toBe(13 * 60 + 15);
		expect(parseTime('13:15 PM', 'h:mm a')).toBeNull();
		expect(parseTime('0:15 AM', 'h:mm a')).toBeNull();
		expect(parseTime('9:05', 'h:mm a')).toBeNull();
	});

	it('reads the 24-hour clock and refuses what is not a time', () => {
		expect(parseTime('9:05', 'HH:mm')).toBe(545);
		expect(parseTime('23:59', 'HH:mm')).toBe(1439);
		expect(parseTime('08:30:45', 'HH:mm:ss')).toBe(510);
		for (const text of ['24:00', '12:60', '9', '9:5', '9:05 AM', '']) {
			expect(parseTime(text, 'HH:mm'), text).toBeNull();
		}
	});
});
