import { createContext } from 'svelte';
import type { Language, Params } from '$lib/i18n';
import type { ReceptionKey } from '$lib/i18n/reception';

/** The staff member's language and translator, set once by the reception layout. */
export interface ReceptionI18n {
	readonly language: Language;
	readonly t: (key: ReceptionKey, params?: Params) => string;
}

export const [getReceptionI18n, setReceptionI18n] = createContext<ReceptionI18n>();
