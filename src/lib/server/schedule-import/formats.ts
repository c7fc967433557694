import type { DateFormat, TimeFormat } from '$lib/schemas/schedule-import';

/**
 * The export's dates and times, read by the format the site's config names and nothing else: a
 * date that would be valid in another format (13/03 read as DD/MM by a MM/DD site) is an error
 * on its row, never a guess.
 */

export interface CalendarDate {
	year: number;
	month: number;
	day: number;
}

const DATE_PATTERNS: Record<DateFormat, { pattern: RegExp; order: ('y' | 'm' | 'd')[] }> = {
	'YYYY-MM-DD': { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: ['y', 'm', 'd'] },
	'MM/DD/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['m', 'd', 'y'] },
	'DD/MM/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['d', 'm', 'y'] },
	'DD.MM.YYYY': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: ['d', 'm', 'y'] },
	YYYYMMDD: { pattern: /^(\d{4})(\d{2})(\d{2})$/, order: ['y', 'm', 'd'] }
};

/** A real calendar date in `format` (no 31 April), or null. */
export function parseDate(text: string, format: DateFormat): CalendarDate | null {
	const { pattern, order } = DATE_PATTERNS[format];
	const match = pattern.exec(text.trim());
	if (!match) return null;
	const parts = { y: 0, m: 0, d: 0 };
	order.forEach((key, i) => (parts[key] = Number(match[i + 1])));
	const date = { year: parts.y, month: parts.m, day: parts.d };
	return isRealDate(date) ? date : null;
}

export function isRealDate({ year, month, day }: CalendarDate): boolean {
	if (year < 1 || month < 1 || month > 12 || day < 1) return false;
	const utc = new Date(Date.UTC(year, month - 1, day));
	utc.setUTCFullYear(year);
	return utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The date as `format` writes it (two-digit day and month): the inverse of `parseDate`. */
export function formatDate(date: CalendarDate, format: DateFormat): string {
	const y = pad(date.year, 4);
	const m = pad(date.month);
	const d = pad(date.day);
	switch (format) {
		case 'YYYY-MM-DD':
			return `${y}-${m}-${d}`;
		case 'MM/DD/YYYY':
			return `${m}/${d}/${y}`;
		case 'DD/MM/YYYY':
			return `${d}/${m}/${y}`;
		case 'DD.MM.YYYY':
			return `${d}.${m}.${y}`;
		case 'YYYYMMDD':
			return `${y}${m}${d}`;
	}
}

/** The ISO form the database keeps (`patients.dob`, `appointments.site_day`). */
export function isoDate(date: CalendarDate): string {
	return formatDate(date, 'YYYY-MM-DD');
}

/** Minutes after midnight for a wall-clock time in `format`, or null. */
export function parseTime(text: string, format: TimeFormat): number | null {
	const value = text.trim();
	if (format === 'h:mm a') {
		const match = /^(\d{1,2}):(\d{2})\s?([AaPp])\.?[Mm]\.?$/.exec(value);
		if (!match) return null;
		const hour = Number(match[1]);
		const minute = Number(match[2]);
		if (hour < 1 || hour > 12 || minute > 59) return null;
		const pm = match[3].toLowerCase() === 'p';
		return ((hour % 12) + (pm ? 12 : 0)) * 60 + minute;
	}
	const pattern = format === 'HH:mm' ? /^(\d{1,2}):(\d{2})$/ : /^(\d{1,2}):(\d{2}):(\d{2})$/;
	const match = pattern.exec(value);
	if (!match) return null;
	const [hour, minute, second] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
	if (hour > 23 || minute > 59 || second > 59) return null;
	// Appointments start on the minute; seconds an export writes are dropped, not rounded.
	return hour * 60 + minute;
}

/** The time as `format` writes it: the inverse of `parseTime`. */
export function formatTime(minutes: number, format: TimeFormat): string {
	const hour = Math.floor(minutes / 60);
	const minute = minutes % 60;
	if (format === 'h:mm a') {
		const twelve = hour % 12 === 0 ? 12 : hour % 12;
		return `${twelve}:${pad(minute)} ${hour < 12 ? 'AM' : 'PM'}`;
	}
	return format === 'HH:mm' ? `${pad(hour)}:${pad(minute)}` : `${pad(hour)}:${pad(minute)}:00`;
}
