import { translator, type Dictionary, type Language, type Params } from './index';

/** One label in one language; rendered with `lang` so screen readers switch voice. */
export interface Line {
	lang: Language;
	text: string;
}

/** `(key, params)` → the label in every language given, the first language first. */
export type Lines<Key extends string> = (key: Key, params?: Params) => Line[];

/**
 * Every label in several languages at once, for screens nobody can switch: the waiting-room TV
 * (the site's languages) and the error pages, which may render with no layout and so without
 * knowing whose language to use.
 */
export function bilingual<T extends Record<string, string>>(
	dictionaries: { en: T } & Partial<Record<Language, Dictionary<T>>>,
	languages: readonly Language[]
): Lines<keyof T & string> {
	const list: Language[] = languages.length > 0 ? [...new Set(languages)] : ['en'];
	const translators = list.map((lang) => ({ lang, t: translator(dictionaries, lang) }));
	return (key, params) => translators.map(({ lang, t }) => ({ lang, text: t(key, params) }));
}
