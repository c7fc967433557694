import { receptionText, type ReceptionKey } from '$lib/i18n/reception';
import type { ReceptionI18n } from '$lib/reception/i18n';

/** Machine reasons (from the kiosk and the sync endpoint) in plain words for the desk. */

function isKey(key: string): key is ReceptionKey {
	return Object.hasOwn(receptionText.en, key);
}

export function helpReasonText(reason: string, i18n: ReceptionI18n): string {
	const key = `help_${reason}`;
	return isKey(key) ? i18n.t(key) : i18n.t('help_other', { reason });
}

export function deadLetterReasonText(reason: string | null, i18n: ReceptionI18n): string {
	const key = `dead_${reason ?? ''}`;
	return isKey(key) ? i18n.t(key) : i18n.t('dead_other', { reason: reason ?? '?' });
}

export function statusText(status: string, i18n: ReceptionI18n): string {
	const key = `status_${status}`;
	return isKey(key) ? i18n.t(key) : status;
}

/**
 * Why the server refused a desk button (a `StaffRefusal` code from a form action's `fail` or the
 * JSON API), in the staff member's words, naming the row's ticket where there is one.
 */
export function refusalText(code: string, i18n: ReceptionI18n, ticket?: string): string {
	const key = `refusal_${code}`;
	if (isKey(key)) return i18n.t(key, { ticket: ticket ?? '' });
	return i18n.t('refusal_other', { reason: code });
}
