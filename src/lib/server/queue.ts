import type { Kysely, Selectable } from 'kysely';
import type { Database, QueueEntryTable } from './db/schema';
import type { SiteConfig } from '$lib/schemas/site-config';
import type { ChangeFlag, QueueEntryView, QueueSnapshot } from '$lib/queue/types';
import type { Audience } from '$lib/queue/events';
import { publicLabel } from '$lib/queue/privacy';
import { delaysByProvider } from '$lib/queue/estimate';
import { siteDay } from '$lib/site-time';
import { changeFlags } from './change-flags';

type EntryRow = Selectable<QueueEntryTable> & {
	room_name: string | null;
	patient_id: string | null;
	first_name: string | null;
	last_name: string | null;
	dob: string | null;
};

function entryQuery(db: Kysely<Database>) {
	return (
		db
			.selectFrom('queue_entries as q')
			.leftJoin('rooms as r', 'r.id', 'q.room_id')
			.leftJoin('appointments as a', 'a.id', 'q.appointment_id')
			// A walk-in names its patient itself; an appointment's entry through the appointment.
			.leftJoin('patients as p', (join) =>
				join.on((eb) => eb('p.id', '=', eb.fn.coalesce('a.patient_id', 'q.patient_id')))
			)
			.selectAll('q')
			.select(['r.name as room_name', 'p.id as patient_id', 'p.first_name', 'p.last_name', 'p.dob'])
	);
}

/**
 * Reduces a stored row to what one audience may see. The display never gets a name beyond the
 * privacy mode; reception also gets the row's change flags (`flagsFor`, from `rowFlags`).
 */
export function projectEntry(
	row: EntryRow,
	audience: Audience,
	config: SiteConfig,
	flagsFor?: ReadonlyMap<string, ChangeFlag[]>
): QueueEntryView {
	const view: QueueEntryView = {
		entryId: row.id,
		appointmentId: audience === 'display' ? null : row.appointment_id,
		ticket: row.ticket,
		providerId: row.provider_id,
		slotAt: row.slot_at,
		durationMin: row.duration_min,
		arrivedAt: row.arrived_at,
		source: row.source,
		status: row.status,
		calledAt: row.called_at,
		roomId: row.room_id,
		roomName: row.room_name,
		inRoomAt: row.in_room_at,
		completedAt: row.completed_at,
		publicLabel:
			row.first_name === null
				? null
				: publicLabel(config.display.privacyMode, row.first_name, row.last_name ?? '')
	};
	if (audience === 'reception' && row.patient_id) {
		view.patient = {
			id: row.patient_id,
			firstName: row.first_name ?? '',
			lastName: row.last_name ?? '',
			dob: row.dob ?? '',
			changes: flagsFor?.get(row.patient_id) ?? []
		};
	}
	return view;
}

/** The change flags of these rows' patients, for reception's projection; none for the display. */
export async function rowFlags(
	db: Kysely<Database>,
	rows: EntryRow[],
	audience: Audience
): Promise<ReadonlyMap<string, ChangeFlag[]>> {
	if (audience !== 'reception') return new Map();
	return changeFlags(
		db,
		rows.flatMap((row) => (row.patient_id ? [row.patient_id] : []))
	);
}

export async function loadEntryRows(
	db: Kysely<Database>,
	siteId: string,
	day: string
): Promise<EntryRow[]> {
	return entryQuery(db)
		.where('q.site_id', '=', siteId)
		.where('q.site_day', '=', day)
		.orderBy('q.arrived_at')
		.execute();
}

export async function loadEntryRow(
	db: Kysely<Database>,
	entryId: string
): Promise<EntryRow | undefined> {
	return entryQuery(db).where('q.id', '=', entryId).executeTakeFirst();
}

/** Today's queue without names or rooms: just what order and wait estimates need. */
export async function loadQueueForEstimates(
	db: Kysely<Database>,
	siteId: string,
	day: string
): Promise<QueueEntryView[]> {
	const rows = await db
		.selectFrom('queue_entries')
		.select([
			'id',
			'ticket',
			'provider_id',
			'slot_at',
			'duration_min',
			'arrived_at',
			'source',
			'status',
			'called_at',
			'in_room_at',
			'completed_at'
		])
		.where('site_id', '=', siteId)
		.where('site_day', '=', day)
		.execute();
	return rows.map((r) => ({
		entryId: r.id,
		appointmentId: null,
		ticket: r.ticket,
		providerId: r.provider_id,
		slotAt: r.slot_at,
		durationMin: r.duration_min,
		arrivedAt: r.arrived_at,
		source: r.source,
		status: r.status,
		calledAt: r.called_at,
		roomId: null,
		roomName: null,
		inRoomAt: r.in_room_at,
		completedAt: r.completed_at,
		publicLabel: null
	}));
}

/**
 * A provider's delay set by hand (src/lib/server/provider-delays.ts) is a floor under the
 * measured one, for one site day.
 */
/** Provider id → minutes set by hand today (only providers with a delay above 0). */
export async function loadManualDelays(
	db: Kysely<Database>,
	siteId: string,
	day: string
): Promise<Record<string, number>> {
	const rows = await db
		.selectFrom('provider_delays')
		.select(['provider_id', 'minutes'])
		.where('site_id', '=', siteId)
		.where('site_day', '=', day)
		.where('minutes', '>', 0)
		.execute();
	return Object.fromEntries(rows.map((r) => [r.provider_id, Number(r.minutes)]));
}

export async function buildSnapshot(
	db: Kysely<Database>,
	config: SiteConfig,
	audience: Audience,
	lastEventId: number,
	now = Date.now()
): Promise<QueueSnapshot> {
	const day = siteDay(config.timezone, now);
	const [providers, rooms, rows, manualDelays] = await Promise.all([
		db
			.selectFrom('providers')
			.select(['id', 'name', 'ticket_prefix'])
			.where('site_id', '=', config.siteId)
			.orderBy('ticket_prefix')
			.execute(),
		db
			.selectFrom('rooms')
			.select(['id', 'name'])
			.where('site_id', '=', config.siteId)
			.orderBy('name')
			.execute(),
		loadEntryRows(db, config.siteId, day),
		loadManualDelays(db, config.siteId, day)
	]);
	const flags = await rowFlags(db, rows, audience);
	const entries = rows.map((r) => projectEntry(r, audience, config, flags));
	return {
		siteId: config.siteId,
		siteDay: day,
		lastEventId,
		providers: providers.map((p) => ({ id: p.id, name: p.name, ticketPrefix: p.ticket_prefix })),
		rooms,
		entries,
		delays: delaysByProvider(entries, now, manualDelays),
		manualDelays,
		serverTime: now
	};
}
