import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import type { RequestHandler } from './$types';
import { enrollDevice } from '$lib/server/devices';
import { readJson, setDeviceCookie } from '$lib/server/http';
import { DEVICE_KINDS } from '$lib/devices/types';

const EnrollRequest = v.strictObject({
	code: v.pipe(v.string(), v.regex(/^\d{6}$/, 'the pairing code is 6 digits')),
	kind: v.picklist(DEVICE_KINDS, 'kind must be "kiosk" or "display"')
});

/**
 * A kiosk trades its pairing code for a device token (the TV uses its page's `pair` action).
 * A refusal is the code the kiosk words in its own languages (`EnrollRefusal`); the message
 * only names it, for scripts and logs.
 */
export const POST: RequestHandler = async (event) => {
	const { request, locals, cookies, url } = event;
	const body = await readJson(request, EnrollRequest, 1024);
	const result = await enrollDevice(locals.app, body.code, body.kind, event.getClientAddress());
	if (!result.ok && result.retryAfter !== undefined) {
		return json(
			{
				message: `pairing code refused: ${result.reason}; too many wrong codes, try again in ${result.retryAfter} seconds`,
				code: result.reason
			},
			{ status: 429, headers: { 'retry-after': String(result.retryAfter) } }
		);
	}
	if (!result.ok)
		error(result.reason === 'unknown-code' ? 404 : 409, {
			message: `pairing code refused: ${result.reason}`,
			code: result.reason
		});
	setDeviceCookie(cookies, body.kind, result.token, url.protocol === 'https:');
	return json({
		deviceId: result.device.id,
		siteId: result.device.siteId,
		name: result.device.name,
		token: result.token
	});
};
