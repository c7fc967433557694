import type { Kysely } from 'kysely';
import type { Database } from './db/schema';
import type { Emit } from './events/write';
import type { ChangeFlag } from '$lib/queue/types';
import { siteDay } from '$lib/site-time';

/**
 * The desk's queue-row flags ("changed details", "new insurance", "no insurance"), from each
 * patient's change requests still waiting for review. Reception's projection of a row reads them
 * (src/lib/server/queue.ts); the display's never does.
 */
export async function changeFlags(
	db: Kysely<Database>,
	patientIds: readonly string[]
): Promise<Map<string, ChangeFlag[]>> {
	const flags = new Map<string, ChangeFlag[]>();
	const ids = [...new Set(patientIds)];
	if (ids.length === 0) return flags;
	const rows = await db
		.selectFrom('change_requests as cr')
		.leftJoin('change_fields as cf', (join) =>
			join.onRef('cf.change_id', '=', 'cr.id').on('cf.decision', '=', 'pending')
		)
		.select(['cr.id', 'cr.patient_id', 'cr.insurance', 'cf.field'])
		.where('cr.status', '=', 'pending')
		.where('cr.patient_id', 'in', ids)
		.execute();
	const requests = new Map<string, { patientId: string; kind: string; fields: string[] }>();
	for (const row of rows) {
		const request = requests.get(row.id) ?? {
			patientId: row.patient_id,
			kind: row.insurance,
			fields: []
		};
		if (row.field) request.fields.push(row.field);
		requests.set(row.id, request);
	}
	for (const { patientId, kind, fields } of requests.values()) {
		const set = new Set(flags.get(patientId));
		const insurance = fields.length === 0 || fields.some((f) => f.startsWith('insurance.'));
		if (fields.some((f) => !f.startsWith('insurance.'))) set.add('details');
		// A request with nothing left to decide but still open (photos to look at) keeps its flag.
		if (insurance && kind === 'new') set.add('new-insurance');
		if (insurance && kind === 'none') set.add('no-insurance');
		flags.set(
			patientId,
			ORDER.filter((flag) => set.has(flag))
		);
	}
	return flags;
}

const ORDER: ChangeFlag[] = ['details', 'new-insurance', 'no-insurance'];

/**
 * Inside a unit of work that changed a patient's change requests: re-announce the patient's
 * rows in today's queue, so the desk's flags follow (the projection reads them after commit).
 */
export async function refreshQueueRows(
	trx: Kysely<Database>,
	emit: Emit,
	site: { siteId: string; timezone: string },
	patientId: string
): Promise<void> {
	const entries = await trx
		.selectFrom('queue_entries as q')
		.innerJoin('appointments as a', 'a.id', 'q.appointment_id')
		.select('q.id')
		.where('a.patient_id', '=', patientId)
		.where('q.site_id', '=', site.siteId)
		.where('q.site_day', '=', siteDay(site.timezone))
		.execute();
	for (const entry of entries) await emit(site.siteId, 'queue.upsert', { entryId: entry.id });
}
