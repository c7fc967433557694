import type { Language } from './index';

/**
 * A clinic's own text from its `kiosk-config/<site>.json` (the welcome line): one text per
 * language, or one plain text for every language, as older configs have.
 */
export type SiteText = string | Partial<Record<Language, string>>;

/** The site's text in `language`; English, then nothing, when it has none in that language. */
export function siteText(text: SiteText | undefined, language: Language): string {
	if (text === undefined) return '';
	if (typeof text === 'string') return text;
	return text[language] ?? text.en ?? '';
}
