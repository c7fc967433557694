import type { Language } from '$lib/i18n';
import { describeWait } from '$lib/queue/estimate';
import { siteDay } from '$lib/site-time';
import type { ReceptionI18n } from '$lib/reception/i18n';

/** Dates and times for the desk, always in the site's time zone (never the PC's). */

const LOCALES: Record<Language, string> = { en: 'en-US', es: 'es-US' };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
	language: Language,
	timeZone: string,
	options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
	const key = `${language}|${timeZone}|${JSON.stringify(options)}`;
	let f = formatters.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(LOCALES[language], { timeZone, ...options });
		formatters.set(key, f);
	}
	return f;
}

/** "9:30 AM" */
export function clockTime(at: number, timeZone: string, language: Language): string {
	return formatter(language, timeZone, { hour: 'numeric', minute: '2-digit' }).format(at);
}

/** "Nov 24, 2026, 9:30 AM" */
export function dateTime(at: number, timeZone: string, language: Language): string {
	return formatter(language, timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** "Tuesday, November 24, 2026" */
export function longDate(at: number, timeZone: string, language: Language): string {
	return formatter(language, timeZone, { dateStyle: 'full' }).format(at);
}

/** "3 minutes ago", "in 12 minutes", "just now". */
export function relativeTime(at: number, now: number, language: Language): string {
	const seconds = Math.round((at - now) / 1000);
	const rtf = new Intl.RelativeTimeFormat(LOCALES[language], { numeric: 'auto' });
	const abs = Math.abs(seconds);
	if (abs < 45) return rtf.format(0, 'second');
	if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
	if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
	return rtf.format(Math.round(seconds / 86_400), 'day');
}

/** "12 min", "1 h 5 min": how long something has been going on. */
export function ageText(ms: number): string {
	const minutes = Math.max(0, Math.floor(ms / 60_000));
	if (minutes < 60) return `${minutes} min`;
	return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A wait estimate in words for the desk ("about 20 min"). */
export function waitText(minutes: number | undefined, i18n: ReceptionI18n): string {
	const wait = describeWait(minutes);
	switch (wait.kind) {
		case 'now':
			return i18n.t('waitNow');
		case 'about':
			return i18n.t('waitAbout', { low: wait.low, high: wait.high });
		case 'over':
			return i18n.t('waitOver', { minutes: wait.minutes });
		default:
			return i18n.t('waitUnknown');
	}
}

/** "9:30 AM" for a moment of the site's today, "Nov 24, 2026, 9:30 AM" for an earlier one. */
export function momentText(
	at: number,
	timeZone: string,
	language: Language,
	now = Date.now()
): string {
	return siteDay(timeZone, at) === siteDay(timeZone, now)
		? clockTime(at, timeZone, language)
		: dateTime(at, timeZone, language);
}
