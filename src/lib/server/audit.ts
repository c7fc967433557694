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
