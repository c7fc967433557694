import type { Kysely } from 'kysely';
import type { Database } from './db/schema';

export interface Actor {
	type: 'staff' | 'device' | 'patient' | 'system';
	id: string;
	ip?: string | null;
}

/** Every read or change of patient data leaves a row here, in the same transaction as the change. */
export async function audit(
	db: Kysely<Database>,
	actor: Actor,
	action: string,
	patientId: string | null,
	detail: Record<string, unknown> = {}
): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			at: Date.now(),
			actor_type: actor.type,
			actor_id: actor.id,
			patient_id: patientId,
			action,
			detail: JSON.stringify(detail),
			ip: actor.ip ?? null
		})
		.execute();
}

/**
 * Staff were shown these patients' names and birth dates (the live queue, help requests, refused
 * check-ins): one row per patient, so a patient's audit trail lists every such read.
 */
export async function auditPatientsShown(
	db: Kysely<Database>,
	actor: Actor,
	via: string,
	patientIds: readonly string[]
): Promise<void> {
	const ids = [...new Set(patientIds)];
	if (ids.length === 0) return;
	const at = Date.now();
	const detail = JSON.stringify({ via });
	await db
		.insertInto('audit_log')
		.values(
			ids.map((patientId) => ({
				at,
				actor_type: actor.type,
				actor_id: actor.id,
				patient_id: patientId,
				action: 'patients.shown',
				detail,
				ip: actor.ip ?? null
			}))
		)
		.execute();
}

/** The patients a reception snapshot names. */
export function snapshotPatients(snapshot: {
	entries: readonly { patient?: { id: string } | null }[];
}): string[] {
	return snapshot.entries.flatMap((e) => (e.patient ? [e.patient.id] : []));
}
