import { describe, expect, it } from 'vitest';
import { publicLabel } from './privacy';
import type { PrivacyMode } from './types';

describe('publicLabel', () => {
	it('shows nothing beside the ticket in ticket mode', () => {
		expect(publicLabel('ticket', 'Jane', 'Smith')).toBeNull();
	});

	it('shows initials', () => {
		expect(publicLabel('initials', 'Jane', 'Smith')).toBe('J. S.');
	});

	it('shows the first name and last initial', () => {
		expect(publicLabel('first-name-last-initial', 'Jane', 'Smith')).toBe('Jane S.');
	});

	it('trims and collapses whitespace', () => {
		expect(publicLabel('first-name-last-initial', '  Mary   Ann ', '\tvan der Berg ')).toBe(
			'Mary Ann V.'
		);
		expect(publicLabel('initials', '  Mary   Ann ', ' van der Berg')).toBe('M. V.');
	});

	it('upper-cases initials', () => {
		expect(publicLabel('initials', 'jane', 'smith')).toBe('J. S.');
	});

	it('uses hyphenated and apostrophe names by their first letter', () => {
		expect(publicLabel('initials', 'Jean-Luc', "O'Brien")).toBe('J. O.');
		expect(publicLabel('first-name-last-initial', 'Jean-Luc', "O'Brien")).toBe('Jean-Luc O.');
	});

	it('skips leading punctuation when taking an initial', () => {
		expect(publicLabel('initials', '(Jo)', "'Alofa")).toBe('J. A.');
	});

	it('handles accented and non-Latin names', () => {
		expect(publicLabel('initials', 'Émile', 'Çelik')).toBe('É. Ç.');
		expect(publicLabel('first-name-last-initial', 'Zoë', 'Łukasik')).toBe('Zoë Ł.');
		expect(publicLabel('initials', 'Алексей', 'Иванов')).toBe('А. И.');
		expect(publicLabel('first-name-last-initial', '美咲', '佐藤')).toBe('美咲 佐.');
	});

	it('keeps a decomposed accent with its letter', () => {
		// "E" followed by a combining acute accent (U+0301), as some keyboards produce it.
		expect(publicLabel('initials', 'E\u0301mile', 'e\u0301tienne')).toBe('É. É.');
		// q + combining dot above (U+0307) has no precomposed form; the mark must stay.
		expect(publicLabel('initials', 'q\u0307ara', 'Lee')).toBe('Q\u0307. L.');
	});

	it('keeps a character outside the Basic Multilingual Plane whole', () => {
		// U+20BB7 is one character but two UTF-16 code units.
		expect(publicLabel('initials', '\u{20BB7}太', 'Lee')).toBe('\u{20BB7}. L.');
	});

	it('does not turn an initial into two letters when upper-casing', () => {
		expect(publicLabel('initials', 'ßabine', 'ßmith')).toBe('ß. ß.');
	});

	it('leaves out a missing part', () => {
		expect(publicLabel('initials', 'Jane', '')).toBe('J.');
		expect(publicLabel('initials', '   ', 'Smith')).toBe('S.');
		expect(publicLabel('first-name-last-initial', 'Jane', '  ')).toBe('Jane');
		expect(publicLabel('first-name-last-initial', '', 'Smith')).toBe('S.');
	});

	it('returns null when there is nothing usable to show', () => {
		for (const mode of ['initials', 'first-name-last-initial'] as const) {
			expect(publicLabel(mode, '', '')).toBeNull();
			expect(publicLabel(mode, '  ', '\n')).toBeNull();
			expect(publicLabel(mode, null, undefined)).toBeNull();
			expect(publicLabel(mode, '---', '...')).toBeNull();
		}
	});

	it('shows nothing for an unknown mode rather than too much', () => {
		expect(publicLabel('full-name' as PrivacyMode, 'Jane', 'Smith')).toBeNull();
	});

	it('does not throw on values that are not strings at run time', () => {
		const notAString = 42 as unknown as string;
		expect(publicLabel('initials', notAString, 'Smith')).toBe('S.');
	});
});
