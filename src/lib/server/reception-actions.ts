import { error, redirect, type Cookies } from '@sveltejs/kit';
import type { App } from './app';
import { SESSION_COOKIE, type StaffUser } from './auth';
import type { SiteConfig } from '$lib/schemas/site-config';
import { isLanguage, type Language } from '$lib/i18n';

/** Helpers shared by the /reception pages and their form actions. */

export const RECEPTION_LANGUAGE_COOKIE = 'fd_reception_lang';

export function receptionLanguage(cookies: Cookies): Language {
	const value = cookies.get(RECEPTION_LANGUAGE_COOKIE);
	return isLanguage(value) ? value : 'en';
}

/**
 * Where to go after signing in: only a path inside /reception, so a crafted link cannot bounce
 * a freshly signed-in user to another site (`//evil.example`) or an API.
 */
export function safeNext(next: string | null | undefined): string {
	if (!next || !/^\/reception(?:[/?#]|$)/.test(next) || next.startsWith('/reception/login')) {
		return '/reception';
	}
	return next;
}

/**
 * The signed-in staff member, or a redirect to the sign-in page. Page loads call this as well
 * as the layout: SvelteKit runs a page's load in parallel with its layout's, and form actions
 * run no load at all, so each one must check for itself.
 */
export function requireStaff(locals: App.Locals, url: URL): StaffUser {
	if (!locals.staff) {
		const next = url.pathname + url.search;
		redirect(303, `/reception/login?next=${encodeURIComponent(safeNext(next))}`);
	}
	return locals.staff;
}

export function siteConfigFor(app: App, staff: StaffUser): SiteConfig {
	const config = app.sites.get(staff.siteId);
	if (!config) {
		error(500, {
			message: `This account belongs to site "${staff.siteId}", which has no file in kiosk-config/.`
		});
	}
	return config;
}

/** Same cookie as POST /api/staff/session sets. */
export function setSessionCookie(
	cookies: Cookies,
	url: URL,
	session: { token: string; expiresAt: number }
): void {
	cookies.set(SESSION_COOKIE, session.token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: new Date(session.expiresAt)
	});
}

export interface AppointmentLabel {
	patientName: string;
	startsAt: number;
	providerName: string;
}

/**
 * Who an appointment is for, so a help request or a refused check-in names the patient.
 * Only the signed-in staff member's own site.
 */
export async function appointmentLabels(
	app: App,
	staff: StaffUser,
	appointmentIds: readonly string[]
): Promise<Map<string, AppointmentLabel>> {
	const ids = [...new Set(appointmentIds)];
	if (ids.length === 0) return new Map();
	const rows = await app.db
		.selectFrom('appointments as a')
		.innerJoin('patients as p', 'p.id', 'a.patient_id')
		.innerJoin('providers as pr', 'pr.id', 'a.provider_id')
		.select(['a.id', 'a.starts_at', 'p.first_name', 'p.last_name', 'pr.name as provider_name'])
		.where('a.site_id', '=', staff.siteId)
		.where('a.id', 'in', ids)
		.execute();
	return new Map(
		rows.map((r) => [
			r.id,
			{
				patientName: `${r.first_name} ${r.last_name}`,
				startsAt: r.starts_at,
				providerName: r.provider_name
			}
		])
	);
}

/** The appointment id a stored kiosk op was about, if any (its payload is JSON we wrote). */
export function opAppointmentId(payload: string): string | null {
	try {
		const parsed = JSON.parse(payload) as { appointmentId?: unknown };
		return typeof parsed.appointmentId === 'string' ? parsed.appointmentId : null;
	} catch {
		// A payload we cannot parse still shows as a refused op, just without a patient name.
		return null;
	}
}
