import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { clientIp, requireStaffApi } from '$lib/server/http';
import { cardImage } from '$lib/server/patient-record';

/**
 * A photo of an insurance card, for signed-in staff of the photo's site only. Never cached (a
 * shared front-desk PC must not keep it), typed from the bytes the server checked on arrival.
 */
export const GET: RequestHandler = async (event) => {
	const staff = requireStaffApi(event.locals);
	const image = await cardImage(event.locals.app, staff, event.params.id, clientIp(event));
	if (!image.ok) {
		if (image.reason === 'other-site') {
			error(403, { message: 'This card photo belongs to another clinic.', code: 'forbidden' });
		}
		error(404, { message: 'No such card photo.', code: 'not-found' });
	}
	return new Response(new Uint8Array(image.bytes), {
		headers: {
			'content-type': image.mime,
			'content-length': String(image.bytes.byteLength),
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
			'cross-origin-resource-policy': 'same-origin'
		}
	});
};
