import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import type { RequestHandler } from './$types';
import { enrollDevice } from '$lib/server/devices';
import { readJson, setDeviceCookie } from '$lib/server/http';

const EnrollRequest = v.strictObject({
	code: v.pipe(v.string(), v.regex(/^\d{6}$/, 'the pairing code is 6 digits')),
	kind: v.picklist(['kiosk', 'display'], 'kind must be "kiosk" or "display"')
});

const MESSAGES = {
	'unknown-code': 'That pairing code is not right. Check the 6 digits shown at reception.',
	expired: 'That pairing code has expired. Ask reception for a new one.',
	used: 'That pairing code was already used. Ask reception for a new one.',
	'wrong-kind': 'That pairing code is for another kind of device.'
} as const;

export const POST: RequestHandler = async ({ request, locals, cookies, url }) => {
	const body = await readJson(request, EnrollRequest, 1024);
	const result = await enrollDevice(locals.app.db, locals.app.dialect, body.code, body.kind);
	if (!result.ok)
		error(result.reason === 'unknown-code' ? 404 : 409, {
			message: MESSAGES[result.reason],
			code: result.reason
		});
	locals.app.hub.notify();
	setDeviceCookie(cookies, body.kind, result.token, url.protocol === 'https:');
	return json({
		deviceId: result.device.id,
		siteId: result.device.siteId,
		name: result.device.name,
		token: result.token
	});
};
