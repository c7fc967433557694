import { error, redirect, type Cookies } from '@sveltejs/kit';
import type { App } from './app';
import { SESSION_COOKIE, type StaffUser } from './auth';
import type { SiteConfig } from '$lib/schemas/site-config';
import { format, isLanguage, type Language } from '$lib/i18n';
import { receptionText } from '$lib/i18n/reception';
import type { StaffRefusal } from '$lib/schemas/staff';

/** Helpers shared by the /reception pages and their form actions. */

export const RECEPTION_LANGUAGE_COOKIE = 'fd_reception_lang';

export function receptionLanguage(cookies: Cookies): Language {
	const value = cookies.get(RECEPTION_LANGUAGE_COOKIE);
	return isLanguage(value) ? value : 'en';
}

/**
 * Where to go after signing in: only a path inside /reception or /admin, so a crafted link cannot bounce
 * a freshly signed-in user to another site (`//evil.example`) or an API.
 */
export function safeNext(next: string | null | undefined): string {
	if (
		!next ||
		!/^\/(?:reception|admin)(?:[/?#]|$)/.test(next) ||
		next.startsWith('/reception/login')
	) {
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

/**
 * A signed-in staff member whose role works the desk (reception and admin today): the desk's
 * own writes check the role as well as the sign-in, so a future role cannot slip through.
 */
export function requireDeskStaff(locals: App.Locals, url: URL): StaffUser {
	const staff = requireStaff(locals, url);
	if (staff.role !== 'reception' && staff.role !== 'admin') {
		error(403, { message: 'This account cannot work the desk.', code: 'forbidden' });
	}
	return staff;
}

/** A session that just ended takes its open live streams with it. */
export function endStreams(locals: App.Locals, idHash: string | null): void {
	if (idHash) locals.app.hub.endSessions([idHash]);
}

/** A signed-in administrator, a redirect to sign in, or 403 for staff who are not admins. */
export function requireAdmin(locals: App.Locals, url: URL): StaffUser {
	const staff = requireStaff(locals, url);
	if (staff.role !== 'admin') {
		error(403, { message: 'This page is for administrators.', code: 'forbidden' });
	}
	return staff;
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

/**
 * The body of a refused staff command, for `fail()` in a form action and `error()` in a JSON
 * endpoint alike. The desk shows `code` in the staff member's language; `message` is the
 * English wording, for scripts, logs and anyone reading the raw answer.
 */
export function staffRefusal(code: StaffRefusal): { code: StaffRefusal; message: string } {
	return { code, message: format(receptionText.en[`refusal_${code}`], { ticket: 'This ticket' }) };
}
