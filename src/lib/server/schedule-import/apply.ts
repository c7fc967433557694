import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { Emit } from '../events/write';
import { audit, type Actor } from '../audit';
import { shortId } from '../secrets';
import { insertAppointment, insertPatient } from '../appointment-records';
import type { ImportKind } from '$lib/schedule-import/report';
import type { ImportPlan } from './plan';

export interface AppliedFile {
	kind: ImportKind;
	siteId: string;
	fileName: string;
	hash: string;
}

/**
 * Writes a plan inside the import's unit of work (`withEvents`): new patients and appointments
 * (each appointment with its own roster key and the next ticket number of its provider's day,
 * as the demo's get), the updates, one `appointment.changed` event and one audit row per
 * appointment touched, one audit row per patient touched, and the history row. Either all of
 * it commits or none of it.
 */
export async function applyPlan(
	trx: Transaction<Database>,
	emit: Emit,
	actor: Actor,
	file: AppliedFile,
	plan: ImportPlan
): Promise<string> {
	const now = Date.now();
	const importId = shortId(10);
	const { siteId } = file;
	const patientIds = new Map<string, string>();

	for (const { patientRef, values } of plan.patientCreates) {
		const id = await insertPatient(trx, siteId, { ...values, externalId: patientRef });
		patientIds.set(patientRef, id);
		await audit(trx, actor, 'patient.imported', id, { importId, outcome: 'created' });
	}
	for (const { id, set } of plan.patientUpdates) {
		await trx.updateTable('patients').set(set).where('id', '=', id).execute();
		await audit(trx, actor, 'patient.imported', id, {
			importId,
			outcome: 'updated',
			fields: Object.keys(set)
		});
	}
	const unresolved = new Set<string>();
	for (const { row } of plan.appointmentUpdates) unresolved.add(row.patientRef);
	for (const { row } of plan.appointmentCreates) unresolved.add(row.patientRef);
	for (const ref of patientIds.keys()) unresolved.delete(ref);
	for (const ref of unresolved) {
		const found = await trx
			.selectFrom('patients')
			.select('id')
			.where('site_id', '=', siteId)
			.where('external_id', '=', ref)
			.executeTakeFirstOrThrow();
		patientIds.set(ref, found.id);
	}
	const patientId = (ref: string) => {
		const id = patientIds.get(ref);
		if (!id) throw new Error(`import: patient ${ref} was neither found nor created`);
		return id;
	};

	for (const { row, ticketSeq } of plan.appointmentCreates) {
		const id = await insertAppointment(
			trx,
			emit,
			{
				siteId,
				siteDay: row.siteDay,
				externalId: row.appointmentRef,
				patientId: patientId(row.patientRef),
				providerId: row.providerId,
				startsAt: row.startsAt,
				durationMin: row.durationMin,
				visitType: row.visitType,
				status: row.cancelled ? 'cancelled' : 'booked',
				ticketSeq
			},
			now
		);
		await audit(trx, actor, 'appointment.imported', patientId(row.patientRef), {
			importId,
			appointmentId: id,
			outcome: 'created'
		});
	}
	for (const { id, row, outcome, set } of plan.appointmentUpdates) {
		const { patientRef, ...columns } = set;
		await trx
			.updateTable('appointments')
			.set({
				...columns,
				...(patientRef ? { patient_id: patientId(patientRef) } : {}),
				updated_at: now
			})
			.where('id', '=', id)
			.execute();
		await emit(siteId, 'appointment.changed', { appointmentId: id });
		await audit(trx, actor, 'appointment.imported', patientId(row.patientRef), {
			importId,
			appointmentId: id,
			outcome,
			fields: Object.keys(set)
		});
	}

	await trx
		.insertInto('imports')
		.values({
			id: importId,
			site_id: siteId,
			kind: file.kind,
			file_name: file.fileName,
			file_hash: file.hash,
			created_at: now,
			actor_type: actor.type,
			actor_id: actor.id,
			day_from: plan.days?.from ?? null,
			day_to: plan.days?.to ?? null,
			counts: JSON.stringify(plan.counts),
			report: JSON.stringify({ rows: plan.rows, notInFile: plan.notInFile })
		})
		.execute();
	await audit(trx, actor, 'schedule.import', null, {
		importId,
		fileName: file.fileName,
		...plan.counts
	});
	return importId;
}
