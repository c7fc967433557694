/**
 * The kiosk's birth-date pad types MM DD YYYY as eight digits. Returns 'YYYY-MM-DD' when they
 * form a real calendar day from 1900 to today, else null (13/40/1975, 02/30/2001, a future year).
 */
export function dobFromDigits(digits: string, now = Date.now()): string | null {
	const match = /^(\d{2})(\d{2})(\d{4})$/.exec(digits);
	if (!match) return null;
	const [month, day, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	const real =
		year >= 1900 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && +date <= now;
	return real ? `${match[3]}-${match[1]}-${match[2]}` : null;
}
