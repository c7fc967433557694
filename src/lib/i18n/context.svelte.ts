import { createContext } from 'svelte';
import { translator, type Dictionary, type Language, type Params } from './index';

/** What a surface's components read: the language on screen and its translator. */
export interface I18n<Key extends string, Text = string> {
	readonly language: Language;
	readonly t: (key: Key, params?: Params) => Text;
}

/**
 * One surface's translations as a typed context: the page or layout that knows the language sets
 * it once, every component under it reads it (no `t` handed down through props). Works where the
 * page renders on the server, because a context belongs to one component tree, not the module.
 *
 *     export const [getKioskI18n, setKioskI18n] = createI18nContext<KioskKey>();
 */
export function createI18nContext<Key extends string, Text = string>() {
	return createContext<I18n<Key, Text>>();
}

/** Translations that follow `language()` as it changes (a layout's data, a patient's choice). */
export function liveI18n<T extends Record<string, string>>(
	dictionaries: { en: T } & Partial<Record<Language, Dictionary<T>>>,
	language: () => Language
): I18n<keyof T & string> {
	const t = $derived(translator(dictionaries, language()));
	return {
		get language() {
			return language();
		},
		get t() {
			return t;
		}
	};
}

/**
 * `base` plus a dictionary that came later, with the screens that need it: its keys from it,
 * every other key from `base`, in `base`'s language as that changes.
 */
export function extendI18n<Key extends string, T extends Record<string, string>>(
	base: I18n<Key>,
	dictionaries: { en: T } & Partial<Record<Language, Dictionary<T>>>
): I18n<Key | (keyof T & string)> {
	const own = $derived(translator(dictionaries, base.language));
	const isOwn = (key: string): key is keyof T & string => Object.hasOwn(dictionaries.en, key);
	return {
		get language() {
			return base.language;
		},
		t: (key, params) => (isOwn(key) ? own(key, params) : base.t(key as Key, params))
	};
}
