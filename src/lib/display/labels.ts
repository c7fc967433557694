import { translator, type Language, type Params } from '$lib/i18n';
import { displayDictionaries, type DisplayKey } from '$lib/i18n/display';

/** One label in one language; rendered with `lang` so screen readers switch voice. */
export interface Line {
	lang: Language;
	text: string;
}

/** `(key, params)` → the label in every site language, the site's first language first. */
export type Labels = (key: DisplayKey, params?: Params) => Line[];

export function labelsFor(languages: readonly Language[]): Labels {
	const list: Language[] = languages.length > 0 ? [...new Set(languages)] : ['en'];
	const translators = list.map((lang) => ({ lang, t: translator(displayDictionaries, lang) }));
	return (key, params) => translators.map(({ lang, t }) => ({ lang, text: t(key, params) }));
}

/** Locale for dates and times; US variants because the clinics are in the US. */
export function localeFor(lang: Language): string {
	return lang === 'es' ? 'es-US' : 'en-US';
}
