/**
 * Translations. Each surface keeps its own dictionary (`kiosk.ts`, `display.ts`, `reception.ts`)
 * with English as the source; every other language must have every key (TypeScript enforces it
 * through `Dictionary<typeof en>`). Values are plain strings with `{name}` placeholders.
 *
 * Why not Paraglide: its compiler loads its message-format plugin from a CDN at build time,
 * which these machines cannot reach; a typed dictionary gives the same compile-time key check.
 */
export type Language = 'en' | 'es';
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Español' };

export type Dictionary<T> = { [K in keyof T]: string };

export type Params = Record<string, string | number>;

export function format(template: string, params?: Params): string {
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
		key in params ? String(params[key]) : whole
	);
}

/** Builds `t(key, params)` for one language, falling back to English for a missing key. */
export function translator<T extends Record<string, string>>(
	dictionaries: { en: T } & Partial<Record<Language, Dictionary<T>>>,
	language: Language
) {
	const dict = (dictionaries[language] ?? dictionaries.en) as Dictionary<T>;
	return (key: keyof T, params?: Params): string =>
		format(dict[key] ?? dictionaries.en[key], params);
}

export function isLanguage(value: unknown): value is Language {
	return value === 'en' || value === 'es';
}
