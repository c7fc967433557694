import type { Selectable } from 'kysely';
import type { App } from './app';
import type { StaffUser } from './auth';
import type { CoverageTable } from './db/schema';
import { audit } from './audit';
import { changeRequestViews } from './change-list';
import { coverageIdFor } from './change-review';
import type { CoverageView, PatientRecordView, VisitView } from '$lib/queue/change-requests';
import { ticketCode } from '$lib/queue/ticket';
import { siteDay } from '$lib/site-time';

/**
 * One patient as staff see them at /reception/patients/[id]: the record, the coverage with its
 * card photos, today's visit and its moments in the queue, and every change request with its
 * decisions. Only for the staff member's own site; every open is audited.
 */

function coverageView(row: Selectable<CoverageTable>): CoverageView {
	return {
		id: row.id,
		payer: row.payer,
		memberId: row.member_id,
		groupNumber: row.group_number,
		relationship: row.relationship,
		holderName: row.holder_name,
		holderDob: row.holder_dob,
		copayCents: Number(row.copay_cents),
		verified: Number(row.verified) === 1,
		endedAt: row.ended_at === null ? null : Number(row.ended_at)
	};
}

async function todaysVisits(app: App, siteId: string, patientId: string): Promise<VisitView[]> {
	const timezone = app.sites.get(siteId)?.timezone ?? 'UTC';
	const rows = await app.db
		.selectFrom('appointments as a')
		.innerJoin('providers as pr', 'pr.id', 'a.provider_id')
		.leftJoin('queue_entries as q', 'q.appointment_id', 'a.id')
		.leftJoin('rooms as r', 'r.id', 'q.room_id')
		.select([
			'a.id',
			'a.starts_at',
			'a.status',
			'a.ticket_seq',
			'pr.ticket_prefix',
			'pr.name as provider_name',
			'q.status as queue_status',
			'q.source',
			'q.arrived_at',
			'q.called_at',
			'q.in_room_at',
			'q.completed_at',
			'r.name as room_name'
		])
		.where('a.patient_id', '=', patientId)
		.where('a.site_id', '=', siteId)
		.where('a.site_day', '=', siteDay(timezone))
		.orderBy('a.starts_at')
		.execute();
	const time = (value: number | string | null) => (value === null ? null : Number(value));
	return rows.map((row) => ({
		appointmentId: row.id,
		ticket: ticketCode(row.ticket_prefix, Number(row.ticket_seq)),
		startsAt: Number(row.starts_at),
		providerName: row.provider_name,
		status: row.status,
		queue:
			row.queue_status === null || row.arrived_at === null
				? null
				: {
						status: row.queue_status,
						source: row.source ?? '',
						arrivedAt: Number(row.arrived_at),
						calledAt: time(row.called_at),
						roomName: row.room_name,
						inRoomAt: time(row.in_room_at),
						completedAt: time(row.completed_at)
					}
	}));
}

/** The patient's record, or null when no such patient belongs to the staff member's site. */
export async function patientRecord(
	app: App,
	staff: StaffUser,
	patientId: string,
	ip: string | null
): Promise<PatientRecordView | null> {
	const patient = await app.db
		.selectFrom('patients')
		.selectAll()
		.where('id', '=', patientId)
		.where('site_id', '=', staff.siteId)
		.executeTakeFirst();
	if (!patient) return null;
	const [coverages, visits, changes] = await Promise.all([
		app.db
			.selectFrom('coverages')
			.selectAll()
			.where('patient_id', '=', patientId)
			.orderBy('ended_at', 'desc')
			.execute(),
		todaysVisits(app, staff.siteId, patientId),
		changeRequestViews(app.db, { kind: 'patient', id: patientId })
	]);
	changes.sort((a, b) => b.receivedAt - a.receivedAt);
	const current = coverages.find((row) => row.ended_at === null);
	await audit(app.db, { type: 'staff', id: staff.id, ip }, 'patient.read', patientId, {
		view: 'patient-record'
	});
	return {
		id: patient.id,
		firstName: patient.first_name,
		lastName: patient.last_name,
		dob: patient.dob,
		contact: {
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
		},
		coverage: current ? coverageView(current) : null,
		pastCoverages: coverages
			.filter((row) => row.ended_at !== null)
			.map(coverageView)
			.sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0)),
		// The photos that came with the change that started this coverage; others stay with their request.
		cardPhotos: current
			? (changes.find((change) => coverageIdFor(change.id) === current.id)?.photos ?? [])
			: [],
		visits,
		changes
	};
}

/** A card photo's bytes for a signed-in staff member of the photo's site. */
export async function cardImage(
	app: App,
	staff: StaffUser,
	imageId: string,
	ip: string | null
): Promise<
	{ ok: true; mime: string; bytes: Uint8Array } | { ok: false; reason: 'not-found' | 'other-site' }
> {
	const image = await app.db
		.selectFrom('card_images as ci')
		.innerJoin('change_requests as cr', 'cr.id', 'ci.change_id')
		.select(['ci.id', 'ci.mime', 'ci.bytes', 'ci.side', 'ci.change_id', 'ci.patient_id'])
		.select('cr.site_id')
		.where('ci.id', '=', imageId)
		.executeTakeFirst();
	if (!image) return { ok: false, reason: 'not-found' };
	if (image.site_id !== staff.siteId) return { ok: false, reason: 'other-site' };
	await audit(app.db, { type: 'staff', id: staff.id, ip }, 'card-image.read', image.patient_id, {
		imageId: image.id,
		changeId: image.change_id,
		side: image.side
	});
	return { ok: true, mime: image.mime, bytes: image.bytes };
}
