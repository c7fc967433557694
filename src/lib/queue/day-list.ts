/**
 * The desk's day list (issue 11): every appointment of today, which list it is in (expected,
 * waiting, called, in room, done, no-show, cancelled), how late an expected patient is, and
 * the filters and search staff narrow it with. Pure: the page's load filters with it and the
 * unit tests pin it down.
 */
import type { AppointmentStatus } from './types';
import type { DayFilter } from '$lib/schemas/desk';

const MINUTE_MS = 60_000;

export interface DayListRow {
	id: string;
	startsAt: number;
	status: AppointmentStatus;
	providerId: string;
	patientName: string;
	/** YYYY-MM-DD */
	patientDob: string;
}

/** The list each appointment status belongs to. */
export const LIST_OF: Record<AppointmentStatus, Exclude<DayFilter, 'all'>> = {
	booked: 'expected',
	arrived: 'waiting',
	called: 'called',
	'in-room': 'in-room',
	completed: 'done',
	'no-show': 'no-show',
	cancelled: 'cancelled'
};

/** Whole minutes an expected patient is past their time; 0 when not late or not expected. */
export function minutesLate(row: Pick<DayListRow, 'status' | 'startsAt'>, now: number): number {
	if (row.status !== 'booked' || now <= row.startsAt) return 0;
	return Math.floor((now - row.startsAt) / MINUTE_MS);
}

/** The desk is asked "no-show?" once an expected patient is this many minutes late. */
export function suggestsNoShow(
	row: Pick<DayListRow, 'status' | 'startsAt'>,
	now: number,
	noShowAfterMinutes: number
): boolean {
	return row.status === 'booked' && minutesLate(row, now) >= noShowAfterMinutes;
}

/** Lower case without accents, so "pena" finds "Peña" and "JOSE" finds "José". */
function fold(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/**
 * A birth date typed as YYYY-MM-DD, MM/DD/YYYY or MM-DD-YYYY, as YYYY-MM-DD; null when the
 * search is not a date (then it is a name).
 */
export function searchedBirthDate(search: string): string | null {
	const text = search.trim();
	if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
	const us = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text);
	if (!us) return null;
	return `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}`;
}

export interface DayListFilter {
	providerId: string;
	list: DayFilter;
	search: string;
}

/** The rows that match the provider, the list and the name or birth date searched for. */
export function filterDay<T extends DayListRow>(rows: readonly T[], filter: DayListFilter): T[] {
	const dob = searchedBirthDate(filter.search);
	const words = dob ? [] : fold(filter.search).split(/\s+/).filter(Boolean);
	return rows.filter((row) => {
		if (filter.providerId && row.providerId !== filter.providerId) return false;
		if (filter.list !== 'all' && LIST_OF[row.status] !== filter.list) return false;
		if (dob) return row.patientDob === dob;
		const name = fold(row.patientName);
		return words.every((word) => name.includes(word));
	});
}

/** How many rows each list holds, for the filter's counts. */
export function countByList(rows: readonly DayListRow[]): Record<DayFilter, number> {
	const counts: Record<DayFilter, number> = {
		all: rows.length,
		expected: 0,
		waiting: 0,
		called: 0,
		'in-room': 0,
		done: 0,
		'no-show': 0,
		cancelled: 0
	};
	for (const row of rows) counts[LIST_OF[row.status]]++;
	return counts;
}
