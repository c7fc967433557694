import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AppointmentStatus } from '$lib/queue/types';
import type { MissingAppointment } from '$lib/schedule-import/report';
import type { ScheduleRow } from './map-rows';

/** What the database already holds for an import's rows: the plan's reads (./plan.ts). */

/** SQLite allows a few hundred bound values per statement in older builds; stay well below. */
const CHUNK = 400;

export function chunks<T>(list: readonly T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
	return out;
}

export interface StoredPatient {
	id: string;
	external_id: string | null;
	first_name: string;
	last_name: string;
	dob: string;
	phone: string;
	email: string;
	preferred_language: string;
}

export async function existingPatients(db: Kysely<Database>, siteId: string, refs: string[]) {
	const found = new Map<string, StoredPatient>();
	for (const part of chunks(refs)) {
		const rows = await db
			.selectFrom('patients')
			.select([
				'id',
				'external_id',
				'first_name',
				'last_name',
				'dob',
				'phone',
				'email',
				'preferred_language'
			])
			.where('site_id', '=', siteId)
			.where('external_id', 'in', part)
			.execute();
		for (const row of rows) if (row.external_id) found.set(row.external_id, row);
	}
	return found;
}

export async function existingAppointments(db: Kysely<Database>, siteId: string, refs: string[]) {
	const found = new Map<
		string,
		{
			id: string;
			site_day: string;
			starts_at: number;
			duration_min: number;
			provider_id: string;
			visit_type: string;
			status: AppointmentStatus;
			patient_ref: string | null;
		}
	>();
	for (const part of chunks(refs)) {
		const rows = await db
			.selectFrom('appointments as a')
			.innerJoin('patients as p', 'p.id', 'a.patient_id')
			.select([
				'a.id',
				'a.external_id',
				'a.site_day',
				'a.starts_at',
				'a.duration_min',
				'a.provider_id',
				'a.visit_type',
				'a.status',
				'p.external_id as patient_ref'
			])
			.where('a.site_id', '=', siteId)
			.where('a.external_id', 'in', part)
			.execute();
		for (const { external_id, ...row } of rows) {
			if (external_id) found.set(external_id, { ...row, starts_at: Number(row.starts_at) });
		}
	}
	return found;
}

/** The next ticket number per provider and day, after the highest one already booked. */
export async function ticketCounters(
	db: Kysely<Database>,
	siteId: string,
	rows: readonly ScheduleRow[]
) {
	const days = [...new Set(rows.map((r) => r.siteDay))];
	const highest = new Map<string, number>();
	for (const part of chunks(days)) {
		const found = await db
			.selectFrom('appointments')
			.select(['provider_id', 'site_day', (eb) => eb.fn.max('ticket_seq').as('seq')])
			.where('site_id', '=', siteId)
			.where('site_day', 'in', part)
			.groupBy(['provider_id', 'site_day'])
			.execute();
		for (const row of found) highest.set(`${row.provider_id}|${row.site_day}`, Number(row.seq));
	}
	return {
		next(providerId: string, siteDay: string): number {
			const key = `${providerId}|${siteDay}`;
			const seq = (highest.get(key) ?? 0) + 1;
			highest.set(key, seq);
			return seq;
		}
	};
}

/**
 * Imported appointments in the file's days that the file does not list: reported, never
 * deleted or cancelled, since an export can leave rows out for reasons of its own (a filter, a
 * provider's column hidden). Staff decide.
 */
export async function missingFromFile(
	db: Kysely<Database>,
	siteId: string,
	days: { from: string; to: string },
	refsInFile: ReadonlySet<string>
): Promise<MissingAppointment[]> {
	const rows = await db
		.selectFrom('appointments')
		.select(['external_id', 'site_day', 'starts_at', 'status'])
		.where('site_id', '=', siteId)
		.where('external_id', 'is not', null)
		.where('site_day', '>=', days.from)
		.where('site_day', '<=', days.to)
		.where('status', '!=', 'cancelled')
		.orderBy('starts_at')
		.execute();
	return rows.flatMap((row) =>
		row.external_id && !refsInFile.has(row.external_id)
			? [
					{
						appointmentRef: row.external_id,
						siteDay: row.site_day,
						startsAt: Number(row.starts_at),
						status: row.status
					}
				]
			: []
	);
}
