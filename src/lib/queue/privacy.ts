/**
 * What the waiting-room display may show beside a ticket (DESIGN §6). Runs on the server when
 * it projects entries for the display audience; never throws, because one odd name must not
 * take the whole screen down.
 */
import type { PrivacyMode } from './types';

// A letter or digit plus any combining marks after it: the first "character" a reader sees,
// even for decomposed input ("e" + U+0301) or scripts outside the BMP. Leading punctuation
// ("'Ana", "(Jo)") is skipped.
const FIRST_CHARACTER = /[\p{L}\p{N}]\p{M}*/u;

function clean(name: string | null | undefined): string {
	if (typeof name !== 'string') return '';
	return name.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

function initialOf(name: string): string | null {
	const match = FIRST_CHARACTER.exec(name);
	if (!match) return null;
	const upper = match[0].toUpperCase();
	// Some letters grow when upper-cased ("ß" → "SS"); an initial stays one character.
	return Array.from(upper).length === Array.from(match[0]).length ? upper : match[0];
}

/**
 * The label for one patient under a privacy mode:
 * - 'ticket' → null (the ticket alone),
 * - 'initials' → "J. S." (first given name and first family name part),
 * - 'first-name-last-initial' → "Jane S.".
 * Missing parts are left out ("J.", "Jane", "S."); nothing usable → null. An unknown mode also
 * gives null: when in doubt, show less.
 */
export function publicLabel(
	mode: PrivacyMode,
	firstName: string | null | undefined,
	lastName: string | null | undefined
): string | null {
	const first = clean(firstName);
	const last = clean(lastName);
	const firstInitial = initialOf(first);
	const lastInitial = initialOf(last);

	switch (mode) {
		case 'initials': {
			const parts = [firstInitial, lastInitial].filter((part): part is string => part !== null);
			return parts.length > 0 ? parts.map((part) => `${part}.`).join(' ') : null;
		}
		case 'first-name-last-initial': {
			// The given name as written ("Mary Ann"); only the family name is reduced.
			const given = firstInitial === null ? '' : first;
			const label = [given, lastInitial === null ? '' : `${lastInitial}.`]
				.filter((part) => part !== '')
				.join(' ');
			return label === '' ? null : label;
		}
		case 'ticket':
		default:
			return null;
	}
}
