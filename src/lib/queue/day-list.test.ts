import { describe, expect, it } from 'vitest';
import {
	countByList,
	filterDay,
	minutesLate,
	searchedBirthDate,
	suggestsNoShow,
	type DayListRow
} from './day-list';

const NINE = Date.UTC(2026, 11, 4, 14, 0);
const rows: DayListRow[] = [
	{
		id: 'a',
		startsAt: NINE,
		status: 'booked',
		providerId: 'lee',
		patientName: 'José Peña',
		patientDob: '1980-02-03'
	},
	{
		id: 'b',
		startsAt: NINE + 15 * 60_000,
		status: 'arrived',
		providerId: 'lee',
		patientName: 'Ann Lee',
		patientDob: '1990-01-01'
	},
	{
		id: 'c',
		startsAt: NINE,
		status: 'cancelled',
		providerId: 'kim',
		patientName: 'Bo Kim',
		patientDob: '1980-02-03'
	}
];

describe('the day list', () => {
	it('counts how late an expected patient is, and only an expected one', () => {
		expect(minutesLate(rows[0], NINE - 60_000)).toBe(0);
		expect(minutesLate(rows[0], NINE + 21 * 60_000 + 59_000)).toBe(21);
		expect(minutesLate(rows[1], NINE + 60 * 60_000)).toBe(0);
		expect(suggestsNoShow(rows[0], NINE + 19 * 60_000, 20)).toBe(false);
		expect(suggestsNoShow(rows[0], NINE + 20 * 60_000, 20)).toBe(true);
		expect(suggestsNoShow(rows[2], NINE + 90 * 60_000, 20)).toBe(false);
	});

	it('reads a birth date typed the US way or the ISO way, and nothing else as a date', () => {
		expect(searchedBirthDate('2/3/1980')).toBe('1980-02-03');
		expect(searchedBirthDate(' 1980-02-03 ')).toBe('1980-02-03');
		expect(searchedBirthDate('02-03-1980')).toBe('1980-02-03');
		expect(searchedBirthDate('Peña')).toBeNull();
	});

	it('filters by provider, list and a name without accents or a birth date', () => {
		const ids = (filter: Parameters<typeof filterDay>[1]) =>
			filterDay(rows, filter).map((r) => r.id);
		expect(ids({ providerId: '', list: 'all', search: '' })).toEqual(['a', 'b', 'c']);
		expect(ids({ providerId: 'lee', list: 'all', search: '' })).toEqual(['a', 'b']);
		expect(ids({ providerId: '', list: 'expected', search: '' })).toEqual(['a']);
		expect(ids({ providerId: '', list: 'waiting', search: '' })).toEqual(['b']);
		expect(ids({ providerId: '', list: 'all', search: 'pena jose' })).toEqual(['a']);
		expect(ids({ providerId: '', list: 'all', search: '02/03/1980' })).toEqual(['a', 'c']);
		expect(ids({ providerId: 'kim', list: 'all', search: '1980-02-03' })).toEqual(['c']);
		expect(countByList(rows)).toMatchObject({
			all: 3,
			expected: 1,
			waiting: 1,
			cancelled: 1,
			done: 0
		});
	});
});
