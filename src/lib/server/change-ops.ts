import * as v from 'valibot';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema';
import { audit } from './audit';
import { refreshQueueRows } from './change-flags';
import type { OpWork, Verdict } from './kiosk-ops';
import type { CardPhotoPayload, ChangesPayload } from '$lib/schemas/sync';
import { ChangeProposalSchema } from '$lib/schemas/changes';
import { diffProposal, type OnFile } from '$lib/intake/diff';
import {
	CONTACT_FIELDS,
	MAX_CARD_PHOTO_BYTES,
	type ChangeFieldName,
	type ChangeProposal,
	type ContactDetails,
	type FieldProblem,
	type NewInsurance,
	type Relationship
} from '$lib/intake/fields';
import { checkContact, checkInsurance, tidy, type ValidationContext } from '$lib/intake/validate';
import { openSealed, sealLabel } from '$lib/intake/seal';
import { siteDay } from '$lib/site-time';

/**
 * The kiosk ops that carry a patient's edits (src/lib/intake/): opened with the server's intake
 * key, checked with the kiosk's own validators, and kept as a change request for staff to review
 * field by field. Nothing here writes the patient's record (./change-review.ts does, on accept).
 */

/** The record as the kiosk's forms name it, from the patient row and their current coverage. */
export async function onFileFor(db: Kysely<Database>, patientId: string): Promise<OnFile | null> {
	const patient = await db
		.selectFrom('patients')
		.selectAll()
		.where('id', '=', patientId)
		.executeTakeFirst();
	if (!patient) return null;
	const coverage = await db
		.selectFrom('coverages')
		.selectAll()
		.where('patient_id', '=', patientId)
		.where('ended_at', 'is', null)
		.executeTakeFirst();
	const contact: ContactDetails = {
		phone: patient.phone,
		email: patient.email,
		address: patient.address,
		city: patient.city,
		region: patient.region,
		postalCode: patient.postal_code,
		preferredLanguage: patient.preferred_language,
		emergencyName: patient.emergency_name,
		emergencyRelationship: patient.emergency_relationship,
		emergencyPhone: patient.emergency_phone
	};
	const onFileCoverage: NewInsurance | null = coverage
		? {
				payer: coverage.payer,
				memberId: coverage.member_id,
				groupNumber: coverage.group_number,
				relationship: coverage.relationship as Relationship,
				holderName: coverage.holder_name,
				holderDob: coverage.holder_dob
			}
		: null;
	return { contact, coverage: onFileCoverage };
}

async function appointmentFor(work: OpWork, appointmentId: string) {
	const row = await work.trx
		.selectFrom('appointments')
		.select(['id', 'site_id', 'site_day', 'patient_id'])
		.where('id', '=', appointmentId)
		.executeTakeFirst();
	return row && row.site_id === work.device.siteId ? row : null;
}

async function open(
	work: OpWork,
	sealed: ChangesPayload['sealed'],
	label: Uint8Array<ArrayBuffer>
) {
	try {
		return await openSealed(sealed, label, (wrapped) => work.app.intake.unwrap(wrapped));
	} catch {
		// Sealed to a key this server never had, tampered with, or moved from another op.
		return null;
	}
}

type Problems = Partial<Record<ChangeFieldName, FieldProblem>>;

/** What the patient proposed, checked: the contact fields they sent, tidied, or the problems. */
function check(
	proposal: ChangeProposal,
	onFile: OnFile,
	context: ValidationContext
): { ok: true; proposal: ChangeProposal } | { ok: false; problems: Problems } {
	const problems: Problems = {};
	let contact: Partial<ContactDetails> | null = null;
	const sent = CONTACT_FIELDS.filter((field) => proposal.contact?.[field] !== undefined);
	if (sent.length > 0) {
		const merged = { ...onFile.contact, ...proposal.contact };
		const checked = checkContact(merged, context);
		if (checked.ok) contact = Object.fromEntries(sent.map((f) => [f, checked.value[f]]));
		else {
			// A value already on file that would not pass today (an old import) is not the
			// patient's problem: only the fields they sent count.
			for (const field of sent) {
				const problem = checked.problems[field];
				if (problem) problems[field] = problem;
			}
			if (Object.keys(problems).length === 0) {
				contact = Object.fromEntries(sent.map((f) => [f, tidy(merged[f])]));
			}
		}
	}
	const insurance = checkInsurance(proposal.insurance, context);
	if (!insurance.ok) {
		for (const [part, problem] of Object.entries(insurance.problems))
			problems[`insurance.${part}` as ChangeFieldName] = problem;
	}
	if (Object.keys(problems).length > 0 || !insurance.ok) return { ok: false, problems };
	const photos = insurance.value.kind === 'new' ? proposal.photos : [];
	return { ok: true, proposal: { contact, insurance: insurance.value, photos } };
}

/** A sealed `ChangeProposal`: becomes a pending change request, or a refused one the desk sees. */
export async function applyChanges(work: OpWork, payload: ChangesPayload): Promise<Verdict> {
	const { app, trx, emit, device, opId, now } = work;
	const config = app.sites.get(device.siteId);
	if (!config) return { outcome: 'rejected', reason: 'unknown-site' };
	const appointment = await appointmentFor(work, payload.appointmentId);
	if (!appointment) return { outcome: 'rejected', reason: 'unknown-appointment' };
	const plain = await open(work, payload.sealed, sealLabel('changes', appointment.id));
	if (!plain) return { outcome: 'rejected', reason: 'change-unreadable' };
	let parsed: unknown;
	try {
		parsed = JSON.parse(new TextDecoder().decode(plain));
	} catch {
		return { outcome: 'rejected', reason: 'change-malformed' };
	}
	const shaped = v.safeParse(ChangeProposalSchema, parsed);
	if (!shaped.success) return { outcome: 'rejected', reason: 'change-malformed' };
	const onFile = await onFileFor(trx, appointment.patient_id);
	if (!onFile) return { outcome: 'rejected', reason: 'unknown-appointment' };

	const context: ValidationContext = {
		country: config.country,
		languages: config.languages,
		today: siteDay(config.timezone, now)
	};
	const checked = check(shaped.output as ChangeProposal, onFile, context);
	const base = {
		id: opId,
		site_id: device.siteId,
		site_day: appointment.site_day,
		patient_id: appointment.patient_id,
		appointment_id: appointment.id,
		device_id: device.id,
		created_at: Math.min(payload.at, now),
		received_at: now,
		reviewed_at: null,
		reviewed_by: null
	};
	const actor = { type: 'device' as const, id: device.id };

	if (!checked.ok) {
		// Kept for the desk with what arrived, each refused field marked: a refused change, not a
		// lost one. The op is refused too, so it also shows among the kiosk's refused ops.
		const raw = shaped.output as ChangeProposal;
		const fields = diffProposal(onFile, {
			contact: raw.contact,
			insurance: raw.insurance
		}).map((change) => ({
			change_id: opId,
			field: change.field,
			old_value: change.old,
			new_value: tidy(change.new).slice(0, 200),
			decision: 'rejected' as const,
			decided_at: now,
			decided_by: 'server',
			note: checked.problems[change.field] ?? ''
		}));
		const reason = Object.entries(checked.problems)
			.map(([field, problem]) => `${field}:${problem}`)
			.join(' ');
		await trx
			.insertInto('change_requests')
			.values({
				...base,
				contact_changed: raw.contact && Object.keys(raw.contact).length ? 1 : 0,
				insurance: raw.insurance.kind,
				photos_expected: 0,
				status: 'refused',
				refused_reason: reason
			})
			.execute();
		if (fields.length) await trx.insertInto('change_fields').values(fields).execute();
		await audit(trx, actor, 'change.refused', appointment.patient_id, { changeId: opId, reason });
		await emit(device.siteId, 'changes.changed', { changeId: opId });
		return { outcome: 'rejected', reason: 'change-invalid' };
	}

	const { proposal } = checked;
	const changes = diffProposal(onFile, proposal);
	if (changes.length === 0 && proposal.photos.length === 0) {
		// Everything as on file (a patient who opened a form and typed what was there).
		return { outcome: 'applied', changedFields: 0 };
	}
	await trx
		.insertInto('change_requests')
		.values({
			...base,
			contact_changed: changes.some((c) => !c.field.startsWith('insurance.')) ? 1 : 0,
			insurance: proposal.insurance.kind,
			photos_expected: proposal.photos.length,
			status: 'pending',
			refused_reason: null
		})
		.execute();
	if (changes.length) {
		await trx
			.insertInto('change_fields')
			.values(
				changes.map((change) => ({
					change_id: opId,
					field: change.field,
					old_value: change.old,
					new_value: change.new,
					decision: 'pending' as const,
					decided_at: null,
					decided_by: null
				}))
			)
			.execute();
	}
	await audit(trx, actor, 'change.requested', appointment.patient_id, {
		changeId: opId,
		appointmentId: appointment.id,
		fields: changes.map((c) => c.field),
		photos: proposal.photos
	});
	await emit(device.siteId, 'changes.changed', { changeId: opId });
	// The patient's row in today's queue gains its flags ("changed details", "new insurance").
	await refreshQueueRows(trx, emit, config, appointment.patient_id);
	return { outcome: 'applied', changedFields: changes.length };
}

const SIGNATURES: [string, (b: Uint8Array) => boolean][] = [
	['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
	[
		'image/png',
		(b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, i) => b[i] === byte)
	],
	[
		'image/webp',
		(b) =>
			String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' &&
			String.fromCharCode(...b.subarray(8, 12)) === 'WEBP'
	]
];

/** The image type from the bytes themselves; a name or a declared type proves nothing. */
export function sniffImage(bytes: Uint8Array): string | null {
	return SIGNATURES.find(([, matches]) => bytes.length > 12 && matches(bytes))?.[0] ?? null;
}

/** One side of an insurance card, attached to its change request. */
export async function applyCardPhoto(work: OpWork, payload: CardPhotoPayload): Promise<Verdict> {
	const { trx, emit, device, opId, now } = work;
	const appointment = await appointmentFor(work, payload.appointmentId);
	if (!appointment) return { outcome: 'rejected', reason: 'unknown-appointment' };
	const change = await trx
		.selectFrom('change_requests')
		.select(['id', 'patient_id', 'appointment_id', 'status'])
		.where('id', '=', payload.changeId)
		.executeTakeFirst();
	if (!change || change.appointment_id !== appointment.id)
		return { outcome: 'rejected', reason: 'change-not-found' };
	const label = sealLabel(payload.side === 'front' ? 'card-front' : 'card-back', appointment.id);
	const bytes = await open(work, payload.sealed, label);
	if (!bytes) return { outcome: 'rejected', reason: 'photo-unreadable' };
	if (bytes.byteLength > MAX_CARD_PHOTO_BYTES)
		return { outcome: 'rejected', reason: 'photo-too-large' };
	const mime = sniffImage(bytes);
	if (!mime) return { outcome: 'rejected', reason: 'photo-not-image' };
	const inserted = await trx
		.insertInto('card_images')
		.values({
			id: opId,
			change_id: change.id,
			patient_id: change.patient_id,
			side: payload.side,
			mime,
			bytes,
			size: bytes.byteLength,
			created_at: now
		})
		.onConflict((oc) => oc.columns(['change_id', 'side']).doNothing())
		.executeTakeFirst();
	// A retake sent as a second op for the same side: the first photo that arrived stays.
	if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0)
		return { outcome: 'duplicate', reason: 'photo-side-taken' };
	await audit(trx, { type: 'device', id: device.id }, 'change.photo', change.patient_id, {
		changeId: change.id,
		side: payload.side,
		size: bytes.byteLength
	});
	await emit(device.siteId, 'changes.changed', { changeId: change.id });
	return { outcome: 'applied' };
}
