import type { App } from './app';
import type { StaffUser } from './auth';
import type { Device } from './devices';
import { withEvents, type EventWriter } from './events/write';
import type { DeviceError, DeviceHealthView } from '$lib/devices/types';

/** What devices say about themselves on every sync, and how the desk sees it. */

/** A device that has not been heard from for this long is shown as offline. */
export const OFFLINE_AFTER_MS = 90_000;

export interface DeviceStatusReport {
	appVersion?: string;
	pending?: number;
	oldestPendingAt?: number | null;
	deadLetters?: number;
	storagePersisted?: boolean | null;
}

/** Records what a device says about itself; emits an event only when reception would see a change. */
export async function recordDeviceStatus(
	app: EventWriter,
	device: Device,
	report: DeviceStatusReport
): Promise<void> {
	await withEvents(app, async (trx, emit) => {
		const before = await trx
			.selectFrom('devices')
			.select([
				'last_seen_at',
				'pending_count',
				'dead_letters',
				'app_version',
				'storage_persisted',
				'oldest_pending_at'
			])
			.where('id', '=', device.id)
			.executeTakeFirst();
		const now = Date.now();
		const next = {
			last_seen_at: now,
			app_version: report.appVersion ?? before?.app_version ?? null,
			pending_count: report.pending ?? before?.pending_count ?? 0,
			oldest_pending_at:
				report.oldestPendingAt === undefined
					? (before?.oldest_pending_at ?? null)
					: report.oldestPendingAt,
			dead_letters: report.deadLetters ?? before?.dead_letters ?? 0,
			storage_persisted:
				report.storagePersisted === undefined || report.storagePersisted === null
					? (before?.storage_persisted ?? null)
					: report.storagePersisted
						? 1
						: 0
		};
		await trx.updateTable('devices').set(next).where('id', '=', device.id).execute();
		const wasOffline = !before?.last_seen_at || now - before.last_seen_at > OFFLINE_AFTER_MS;
		const changed =
			wasOffline ||
			before?.pending_count !== next.pending_count ||
			before?.dead_letters !== next.dead_letters ||
			before?.app_version !== next.app_version ||
			before?.storage_persisted !== next.storage_persisted;
		if (changed) await emit(device.siteId, 'device.changed', { deviceId: device.id });
	});
}

/** Every paired device of the staff member's site, as the Devices page shows it. */
export async function deviceHealth(
	app: App,
	staff: StaffUser,
	now = Date.now()
): Promise<DeviceHealthView[]> {
	const rows = await app.db
		.selectFrom('devices as d')
		.leftJoin('staff_users as s', 's.id', 'd.paired_by')
		.selectAll('d')
		.select('s.display_name as paired_by_name')
		.where('d.site_id', '=', staff.siteId)
		.where('d.revoked_at', 'is', null)
		.orderBy('d.kind')
		.orderBy('d.name')
		.execute();
	const lastErrors = await lastErrorByDevice(app, staff.siteId);
	return rows.map((d) => ({
		id: d.id,
		name: d.name,
		kind: d.kind,
		pairedAt: d.enrolled_at,
		pairedByName: d.paired_by_name,
		lastSeenAt: d.last_seen_at,
		online: d.last_seen_at !== null && now - d.last_seen_at < OFFLINE_AFTER_MS,
		appVersion: d.app_version,
		pending: d.pending_count,
		oldestPendingAt: d.oldest_pending_at,
		deadLetters: d.dead_letters,
		storagePersisted: d.storage_persisted === null ? null : d.storage_persisted === 1,
		lastError: lastErrors.get(d.id) ?? null
	}));
}

/** Each device's newest `error` event (device_events, migration 007), one query for the site. */
async function lastErrorByDevice(app: App, siteId: string): Promise<Map<string, DeviceError>> {
	const rows = await app.db
		.selectFrom('device_events as e')
		.innerJoin(
			(eb) =>
				eb
					.selectFrom('device_events')
					.select(['device_id', (f) => f.fn.max<number>('at').as('at')])
					.where('site_id', '=', siteId)
					.where('kind', '=', 'error')
					.groupBy('device_id')
					.as('newest'),
			(join) => join.onRef('newest.device_id', '=', 'e.device_id').onRef('newest.at', '=', 'e.at')
		)
		.select(['e.device_id', 'e.at', 'e.screen', 'e.name'])
		.where('e.kind', '=', 'error')
		.orderBy('e.id')
		.execute();
	// Two errors in the same millisecond: the later op id (UUIDv7) wins.
	return new Map(
		rows.map((r) => [r.device_id, { at: Number(r.at), screen: r.screen, name: r.name }])
	);
}
