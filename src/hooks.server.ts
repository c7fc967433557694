import { json, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { SESSION_COOKIE, userForSession } from '$lib/server/auth';
import { guardRequest } from '$lib/server/request-guard';

export const init: ServerInit = async () => {
	await getApp();
};

export const handle: Handle = async ({ event, resolve }) => {
	const refusal = await guardRequest(event);
	if (refusal) {
		// Answered at once; server.js reads the unread body off the wire after the answer.
		return json(
			{ message: refusal.message, code: refusal.code },
			{ status: refusal.status, headers: { 'x-content-type-options': 'nosniff' } }
		);
	}
	const app = await getApp();
	event.locals.app = app;
	const signedIn = await userForSession(
		app.db,
		event.cookies.get(SESSION_COOKIE),
		isStaffActivity(event.request)
	);
	event.locals.staff = signedIn?.user ?? null;
	event.locals.staffSession = signedIn?.session ?? null;
	const language =
		event.cookies.get('fd_reception_lang') === 'es' && event.url.pathname.startsWith('/reception')
			? 'es'
			: 'en';
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', language)
	});
	response.headers.set('x-content-type-options', 'nosniff');
	// same-origin, not no-referrer: with no-referrer Chrome sends `Origin: null` on form posts,
	// which SvelteKit's cross-site check rightly refuses.
	response.headers.set('referrer-policy', 'same-origin');
	// server.js sets the rest for every answer (static files too); these are for `vite dev`.
	const letters = event.url.pathname.startsWith('/reception/letters');
	response.headers.set('x-frame-options', letters ? 'SAMEORIGIN' : 'DENY');
	// The desk prints a letter from a frame of its own: only letters may be framed, by this site.
	const csp = response.headers.get('content-security-policy');
	if (letters && csp) {
		response.headers.set(
			'content-security-policy',
			csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
		);
	}
	return response;
};

/**
 * What keeps a staff session alive: the user doing something. A form post or any other write,
 * or a page opened; never the live page's own refreshes (its stream, its data reloads), which
 * would keep an unattended desk signed in for ever. The page pings
 * `/api/staff/session/activity` (a POST) while its user types or clicks.
 */
function isStaffActivity(request: Request): boolean {
	if (request.method !== 'GET' && request.method !== 'HEAD') return true;
	return request.headers.get('sec-fetch-mode') === 'navigate';
}

/**
 * Unexpected errors only. A 4xx the framework raised itself (a body over the size limit, a form
 * it could not parse) is the client's doing: said plainly, logged without a stack trace.
 */
export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status === 404) return { message: 'Not found' };
	if (status < 500) {
		console.warn(`refused with ${status}: ${message}`);
		return { message: status === 413 ? 'Body too large.' : message };
	}
	console.error(error);
	return { message: 'Something went wrong on the server.' };
};
