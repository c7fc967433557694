/**
 * Calendar arithmetic in a site's own time zone, with nothing but Intl.
 * "Today" is always the site's day, wherever the server or the tablet thinks it is.
 */

const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let f = partsCache.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		partsCache.set(timeZone, f);
	}
	return f;
}

interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

export function wallClock(timeZone: string, at: number): WallClock {
	const parts: Record<string, number> = {};
	for (const p of formatter(timeZone).formatToParts(new Date(at))) {
		if (p.type !== 'literal') parts[p.type] = Number(p.value);
	}
	return {
		year: parts.year,
		month: parts.month,
		day: parts.day,
		hour: parts.hour % 24,
		minute: parts.minute,
		second: parts.second
	};
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The site's calendar day at `at`, as YYYY-MM-DD. */
export function siteDay(timeZone: string, at: number = Date.now()): string {
	const w = wallClock(timeZone, at);
	return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** Offset of the zone from UTC at instant `at`, in milliseconds. */
function offsetAt(timeZone: string, at: number): number {
	const w = wallClock(timeZone, at);
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	return asUtc - Math.floor(at / 1000) * 1000;
}

/** The instant at which the site's wall clock shows `day` `minutes` after midnight. */
export function siteTime(timeZone: string, day: string, minutesAfterMidnight: number): number {
	const [y, m, d] = day.split('-').map(Number);
	const naive = Date.UTC(y, m - 1, d) + minutesAfterMidnight * 60_000;
	// Two passes settle the offset across a DST change.
	let guess = naive - offsetAt(timeZone, naive);
	guess = naive - offsetAt(timeZone, guess);
	return guess;
}

/** Start (inclusive) and end (exclusive) of a site day, as instants. */
export function siteDayBounds(timeZone: string, day: string): { start: number; end: number } {
	const start = siteTime(timeZone, day, 0);
	const [y, m, d] = day.split('-').map(Number);
	const next = new Date(Date.UTC(y, m - 1, d + 1));
	const nextDay = `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
	return { start, end: siteTime(timeZone, nextDay, 0) };
}

/** Minutes after the site's midnight for instant `at`. */
export function minutesIntoDay(timeZone: string, at: number): number {
	const w = wallClock(timeZone, at);
	return w.hour * 60 + w.minute;
}

export function isValidTimeZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone });
		return true;
	} catch {
		return false;
	}
}
