/**
 * What a patient types, made comparable: the server derives each look-up key from the record, the
 * kiosk from the keyboard, and both must produce the same bytes.
 */
import { RosterError } from './roster-error';

/** Letters NFKD leaves whole, folded to what a patient types on a plain keyboard. */
const LETTER_FOLDS: Record<string, string> = {
	ß: 'ss',
	ø: 'o',
	ł: 'l',
	đ: 'd',
	æ: 'ae',
	œ: 'oe',
	ı: 'i'
};

/**
 * "O'Brien-Smith", "obrien smith" and "O’BRIEN SMITH" all become "obriensmith": the patient
 * types their name however they like, and the derived key must still be the same.
 */
export function normalizeLastName(name: string): string {
	const normalized = name
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[ßøłđæœı]/g, (letter) => LETTER_FOLDS[letter])
		.replace(/[\s\-\u2010-\u2015\u2212'\u2018\u2019\u02bc`.]/g, '');
	if (normalized === '') throw new RosterError('malformed', 'Last name is empty.');
	return normalized;
}

/** Only 'YYYY-MM-DD' for a real calendar day; the form converts what the patient enters. */
export function normalizeDob(dob: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dob);
	if (match) {
		const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
		const date = new Date(Date.UTC(year, month - 1, day));
		const real = date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
		if (real && year >= 1000) return dob;
	}
	throw new RosterError('malformed', 'Date of birth must be a real date written YYYY-MM-DD.');
}
