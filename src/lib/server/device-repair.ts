import type { App } from './app';
import type { StaffUser } from './auth';
import { audit } from './audit';
import { createPairingCode } from './devices';
import type { DeviceKind } from '$lib/devices/types';

export type RepairResult =
	| { ok: true; code: string; expiresAt: number; kind: DeviceKind; name: string }
	| { ok: false; reason: 'not-found' };

/**
 * Re-pair (issue 11): a tablet whose browser data was wiped, or a new tablet in an old one's
 * place, gets a pairing code for the same name; when it enrolls, the old device is revoked
 * (`replaceDevice`). Until then the old device keeps working. Audited `device.re-pair`.
 */
export async function startRepair(
	app: App,
	staff: StaffUser,
	deviceId: string,
	ip: string | null
): Promise<RepairResult> {
	const device = await app.db
		.selectFrom('devices')
		.select(['id', 'kind', 'name'])
		.where('id', '=', deviceId)
		.where('site_id', '=', staff.siteId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	if (!device) return { ok: false, reason: 'not-found' };
	const { code, expiresAt } = await createPairingCode(
		app.db,
		staff,
		device.kind,
		device.name,
		device.id
	);
	await audit(app.db, { type: 'staff', id: staff.id, ip }, 'device.re-pair', null, {
		deviceId,
		name: device.name
	});
	return { ok: true, code, expiresAt, kind: device.kind, name: device.name };
}
