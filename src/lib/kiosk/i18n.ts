import { createI18nContext } from '$lib/i18n/context.svelte';
import type { KioskKey } from '$lib/i18n/kiosk';
import type { VisitKey } from '$lib/i18n/kiosk-visit';

/** The kiosk's first screens and header; set by the kiosk page (the `KioskApp` is one). */
export const [getKioskI18n, setKioskI18n] = createI18nContext<KioskKey>();

/**
 * A patient's visit after Welcome, the kiosk's text and the visit's: set by Visit.svelte, which
 * brings the visit's dictionary with it (`extendI18n`), so it never weighs on the first load.
 */
export const [getVisitI18n, setVisitI18n] = createI18nContext<KioskKey | VisitKey>();
