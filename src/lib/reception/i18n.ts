import { createI18nContext, type I18n } from '$lib/i18n/context.svelte';
import type { ReceptionKey } from '$lib/i18n/reception';

/** The staff member's language and translator, set once by the reception layout. */
export type ReceptionI18n = I18n<ReceptionKey>;

export const [getReceptionI18n, setReceptionI18n] = createI18nContext<ReceptionKey>();
