import type { Transaction } from 'kysely';
import type { Database } from './db/schema';
import type { Emit } from './events/write';
import { audit } from './audit';

/**
 * A re-pairing code was used: the device it was made for is revoked in the same transaction as
 * the new one enrolls (its token stops working, its open streams end when the hub hears the
 * change), so one tablet's place is never held by two devices. Runs inside `enrollDevice`.
 */
export async function replaceDevice(
	trx: Transaction<Database>,
	emit: Emit,
	oldId: string,
	device: { id: string; siteId: string; name: string }
): Promise<void> {
	const revoked = await trx
		.updateTable('devices')
		.set({ revoked_at: Date.now() })
		.where('id', '=', oldId)
		.where('site_id', '=', device.siteId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	await audit(trx, { type: 'device', id: device.id }, 'device.replace', null, {
		replaced: oldId,
		name: device.name,
		// Already removed by staff in between: nothing to revoke, the new pairing still stands.
		revoked: Number(revoked.numUpdatedRows) === 1
	});
	if (Number(revoked.numUpdatedRows) === 1) {
		await emit(device.siteId, 'device.changed', { deviceId: oldId });
	}
}
