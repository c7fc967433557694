// A kiosk that recovered from a fault says so with a `kiosk-error` op (issue 10); the desk's
// device health shows the newest one per device: when and on which screen, never a message.
import { describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import { pairAndEnroll, syncOne, uuidv7 } from './support/clients';
import type { SyncOp } from '$lib/schemas/sync';
import type { DeviceHealthView } from '$lib/devices/types';

function errorOp(screen: 'confirm' | 'lookup', name: string, at: number): SyncOp {
	return { id: uuidv7(at), type: 'kiosk-error', createdAt: at, payload: { screen, name, at } };
}

describe.each(dialects)('device health shows a kiosk’s last error (%s)', (dialect) => {
	const suite = useServer(dialect);

	it('shows the newest error of each kiosk, and none for a kiosk without', async () => {
		const faulty = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
		const healthy = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
		const t0 = Date.now() - 60_000;
		expect(await syncOne(faulty.client, errorOp('lookup', 'TypeError', t0))).toMatchObject({
			outcome: 'applied'
		});
		expect(await syncOne(faulty.client, errorOp('confirm', 'RangeError', t0 + 1000))).toMatchObject(
			{ outcome: 'applied' }
		);

		const devices = await suite.staff.expectJson<DeviceHealthView[]>(
			'GET',
			'/api/staff/devices',
			200
		);
		const byId = new Map(devices.map((d) => [d.id, d]));
		expect(byId.get(faulty.deviceId)?.lastError).toEqual({
			at: t0 + 1000,
			screen: 'confirm',
			name: 'RangeError'
		});
		expect(byId.get(healthy.deviceId)?.lastError).toBeNull();
	});

	it('refuses an error report whose name is not a class name (a message cannot ride in it)', async () => {
		const kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
		const response = await kiosk.client.request('POST', '/api/kiosk/sync', {
			json: { ops: [errorOp('confirm', 'Lopez 1975-03-14', Date.now())] }
		});
		expect(response.status).toBe(400);
		const rows = await suite.db
			.selectFrom('device_events')
			.select('id')
			.where('device_id', '=', kiosk.deviceId)
			.execute();
		expect(rows).toEqual([]);
	});
});
