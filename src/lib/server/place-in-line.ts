import type { App } from './app';
import type { Device } from './devices';
import type { OpResult, SyncOp } from '$lib/schemas/sync';
import { loadManualDelays, loadQueueForEstimates } from './queue';
import { estimateAll } from '$lib/queue/estimate';
import { waitingByProvider } from '$lib/queue/order';
import { siteDay } from '$lib/site-time';

/** A patient may still be reading the kiosk's ticket screen this long after tapping "Check in". */
const TICKET_SCREEN_MS = 2 * 60_000;

/**
 * Adds place in line and wait estimate to the check-ins of patients who may still be at the
 * kiosk. Ops from an offline backlog are answered without: nobody is waiting for their ticket.
 */
export async function withPlaceInLine(
	app: App,
	device: Device,
	ops: SyncOp[],
	results: OpResult[]
): Promise<OpResult[]> {
	const config = app.sites.get(device.siteId);
	const now = Date.now();
	const fresh = new Set(
		ops.filter((op) => op.createdAt > now - TICKET_SCREEN_MS).map((op) => op.id)
	);
	if (!config || !results.some((r) => r.entryId && fresh.has(r.id))) return results;
	const entries = await loadQueueForEstimates(app.db, config.siteId, siteDay(config.timezone, now));

	const day = siteDay(config.timezone, now);
	const waits = estimateAll(entries, now, {
		walkInDurationMin: config.waitEstimate.walkInDurationMin,
		priorVisits: config.waitEstimate.priorVisits,
		manualDelays: await loadManualDelays(app.db, config.siteId, day)
	});
	const positions = new Map<string, number>();
	for (const line of waitingByProvider(entries).values()) {
		line.forEach((entry, index) => positions.set(entry.entryId, index + 1));
	}
	const where = await whereNow(
		app,
		results.filter((r) => r.entryId && fresh.has(r.id)).map((r) => r.entryId as string)
	);
	return results.map((r) => {
		if (!r.entryId || !fresh.has(r.id)) return r;
		const position = positions.get(r.entryId) ?? null;
		const waitMin = waits.get(r.entryId);
		const now = where.get(r.entryId);
		return {
			...r,
			...(position !== null ? { position } : {}),
			...(waitMin !== undefined ? { waitMin } : {}),
			...(now ? { queueStatus: now.status } : {}),
			...(now?.roomName ? { roomName: now.roomName } : {})
		};
	});
}

/** Each entry's status and called-to room: a patient who checks in twice may already be called. */
async function whereNow(app: App, entryIds: string[]) {
	const rows =
		entryIds.length === 0
			? []
			: await app.db
					.selectFrom('queue_entries as q')
					.leftJoin('rooms as r', 'r.id', 'q.room_id')
					.select(['q.id', 'q.status', 'r.name as roomName'])
					.where('q.id', 'in', entryIds)
					.execute();
	return new Map(rows.map((row) => [row.id, { status: row.status, roomName: row.roomName }]));
}
