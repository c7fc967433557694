import type { RequestEvent } from '@sveltejs/kit';

/**
 * Checks every state-changing request before any route sees it (issue 12), whatever its content
 * type: SvelteKit's own check covers only form posts, and an endpoint with no body (cancel) or a
 * JSON one was open to a page of the same site on another port.
 *
 * - A browser names the page a request comes from (`Origin`, `Sec-Fetch-Site`). One from another
 *   origin is refused; a request without them is not a browser's, so it carries no victim's
 *   cookie (kiosks and scripts send their own token).
 * - Form actions and the desk's language switch read a form: anything else is refused with 415,
 *   a form that cannot be read (a truncated multipart body) with 400, one over the server's body
 *   limit with 413, never a 500.
 */
const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

export interface Refusal {
	status: 400 | 403 | 413 | 415;
	code: 'cross-origin' | 'form-expected' | 'form-unreadable' | 'too-large';
	message: string;
}

export async function guardRequest(event: RequestEvent): Promise<Refusal | null> {
	const { request, url } = event;
	if (!CHANGES.has(request.method)) return null;
	const origin = request.headers.get('origin');
	const site = request.headers.get('sec-fetch-site');
	if (
		(origin !== null && origin !== url.origin) ||
		(site !== null && site !== 'same-origin' && site !== 'none')
	) {
		return {
			status: 403,
			code: 'cross-origin',
			message: `Refused: this request came from another site (${origin ?? site}).`
		};
	}
	if (url.pathname.startsWith('/api/')) return null;
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) {
		return {
			status: 415,
			code: 'form-expected',
			message: 'Send this form as application/x-www-form-urlencoded or multipart/form-data.'
		};
	}
	try {
		await request.clone().formData();
	} catch (error) {
		// Over the server's body limit (BODY_SIZE_LIMIT): the adapter's 413, said as such.
		if (tooLarge(error)) {
			return { status: 413, code: 'too-large', message: 'Body too large.' };
		}
		return { status: 400, code: 'form-unreadable', message: 'The form could not be read.' };
	}
	return null;
}

function tooLarge(error: unknown): boolean {
	for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
		if ((e as { status?: unknown }).status === 413) return true;
	}
	return false;
}
