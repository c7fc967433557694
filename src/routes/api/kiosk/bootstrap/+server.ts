import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireDevice } from '$lib/server/http';
import { publicSiteConfig } from '$lib/schemas/site-config';
import { staffPinHash } from '$lib/server/staff-pin';

/**
 * What a kiosk caches to work offline: its site's settings, the keys that sign QR codes, and the
 * key it seals patients' edits to.
 */
export const GET: RequestHandler = async (event) => {
	const device = await requireDevice(event, 'kiosk');
	const { app } = event.locals;
	const config = app.sites.get(device.siteId);
	return json(
		{
			device: { id: device.id, name: device.name },
			site: config ? publicSiteConfig(config) : null,
			jwks: await app.signer.currentJwks(),
			/** Patients' edits and card photos are sealed to this key on the tablet. */
			intakeKey: app.intake.publicJwk,
			/** The staff panel's PIN as a salted hash (null: the site set none, the panel stays shut). */
			staffPin: staffPinHash(config?.kiosk.staffPin ?? null),
			version: app.version,
			serverTime: Date.now()
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
};
