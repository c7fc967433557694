import type { Language } from '$lib/i18n';
import { bilingual, type Line, type Lines } from '$lib/i18n/bilingual';
import { createI18nContext } from '$lib/i18n/context.svelte';
import { displayDictionaries, type DisplayKey } from '$lib/i18n/display';

/** `(key, params)` → the label in every site language, the site's first language first. */
export type Labels = Lines<DisplayKey>;

export function labelsFor(languages: readonly Language[]): Labels {
	return bilingual(displayDictionaries, languages);
}

/**
 * The TV's labels, set by the display page: `language` is the site's first language (the one
 * spoken), `t` gives every site language at once.
 */
export const [getDisplayI18n, setDisplayI18n] = createI18nContext<DisplayKey, Line[]>();

/** Locale for dates and times; US variants because the clinics are in the US. */
export function localeFor(lang: Language): string {
	return lang === 'es' ? 'es-US' : 'en-US';
}
