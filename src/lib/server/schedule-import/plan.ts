import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AppointmentStatus } from '$lib/queue/types';
import type {
	ImportCounts,
	MissingAppointment,
	RowOutcome,
	RowReport
} from '$lib/schedule-import/report';
import type { MappedRecord, ScheduleRow } from './map-rows';
import {
	existingAppointments,
	existingPatients,
	missingFromFile,
	ticketCounters,
	type StoredPatient
} from './stored';

/**
 * What importing the file would change, compared with the database: the dry run shows it, and
 * the import applies it (./apply.ts) after planning again inside its own transaction, so what is
 * applied is what the database holds at that moment. Nothing here writes.
 */

export interface PatientCreate {
	patientRef: string;
	values: ScheduleRow['patient'];
}

export interface PatientUpdate {
	id: string;
	patientRef: string;
	set: Partial<
		Record<'first_name' | 'last_name' | 'dob' | 'phone' | 'email' | 'preferred_language', string>
	>;
}

export interface AppointmentCreate {
	row: ScheduleRow;
	ticketSeq: number;
}

export interface AppointmentUpdate {
	id: string;
	row: ScheduleRow;
	outcome: 'updated' | 'cancelled';
	set: {
		site_day?: string;
		starts_at?: number;
		duration_min?: number;
		provider_id?: string;
		visit_type?: string;
		status?: AppointmentStatus;
		ticket_seq?: number;
		/** The patient's ref; the id is known only once new patients are inserted. */
		patientRef?: string;
	};
}

export interface ImportPlan {
	rows: RowReport[];
	patientCreates: PatientCreate[];
	patientUpdates: PatientUpdate[];
	appointmentCreates: AppointmentCreate[];
	appointmentUpdates: AppointmentUpdate[];
	notInFile: MissingAppointment[];
	days: { from: string; to: string } | null;
	counts: ImportCounts;
}

/** What a row of the plan can come to (`referenced` is a FHIR entry's, ./fhir). */
type AppointmentOutcome = Exclude<RowOutcome, 'referenced'>;

/** Statuses the desk has moved past `booked`: the file no longer decides for them. */
const UNDER_WAY: readonly AppointmentStatus[] = [
	'arrived',
	'called',
	'in-room',
	'completed',
	'no-show'
];

export async function planImport(
	db: Kysely<Database>,
	siteId: string,
	mapped: readonly MappedRecord[]
): Promise<ImportPlan> {
	const rows = mapped.flatMap((m) => (m.row ? [m.row] : []));
	const patients = await existingPatients(db, siteId, [...new Set(rows.map((r) => r.patientRef))]);
	const appointments = await existingAppointments(
		db,
		siteId,
		rows.map((r) => r.appointmentRef)
	);
	const tickets = await ticketCounters(db, siteId, rows);

	const patientCreates: PatientCreate[] = [];
	const patientUpdates: PatientUpdate[] = [];
	const appointmentCreates: AppointmentCreate[] = [];
	const appointmentUpdates: AppointmentUpdate[] = [];
	const patientSeen = new Set<string>();
	const reports: RowReport[] = [];

	for (const record of mapped) {
		const report: RowReport = {
			line: record.line,
			appointmentRef: record.appointmentRef,
			outcome: 'skipped',
			problems: [...record.problems],
			changes: []
		};
		reports.push(report);
		const row = record.row;
		if (!row) continue;

		// The patient: the first row that names them decides their details.
		const patient = patients.get(row.patientRef);
		if (!patientSeen.has(row.patientRef)) {
			patientSeen.add(row.patientRef);
			if (!patient) patientCreates.push({ patientRef: row.patientRef, values: row.patient });
			else {
				const set = patientChanges(patient, row.patient);
				if (Object.keys(set).length > 0) {
					patientUpdates.push({ id: patient.id, patientRef: row.patientRef, set });
					report.changes.push(...Object.keys(set).map(patientFieldName));
				}
			}
		}

		const existing = appointments.get(row.appointmentRef);
		let outcome: RowOutcome;
		if (!existing) {
			appointmentCreates.push({ row, ticketSeq: tickets.next(row.providerId, row.siteDay) });
			outcome = 'created';
		} else {
			const set: AppointmentUpdate['set'] = {};
			const changes: string[] = [];
			if (existing.starts_at !== row.startsAt) {
				set.starts_at = row.startsAt;
				changes.push('startsAt');
			}
			if (existing.site_day !== row.siteDay) set.site_day = row.siteDay;
			if (existing.duration_min !== row.durationMin) {
				set.duration_min = row.durationMin;
				changes.push('duration');
			}
			if (existing.provider_id !== row.providerId) {
				set.provider_id = row.providerId;
				changes.push('provider');
			}
			if (row.visitType && existing.visit_type !== row.visitType) {
				set.visit_type = row.visitType;
				changes.push('visitType');
			}
			if (existing.patient_ref !== row.patientRef) {
				set.patientRef = row.patientRef;
				changes.push('patient');
			}
			// A ticket is the appointment's number in its provider's day: a new day or provider
			// gives it the next number there.
			if (set.site_day !== undefined || set.provider_id !== undefined) {
				set.ticket_seq = tickets.next(row.providerId, row.siteDay);
			}
			const wantStatus: AppointmentStatus = row.cancelled ? 'cancelled' : 'booked';
			const underWay = UNDER_WAY.includes(existing.status);
			if (!underWay && existing.status !== wantStatus) {
				set.status = wantStatus;
				changes.push('status');
			}
			if (underWay) {
				if (changes.length > 0 || row.cancelled) {
					report.problems.push({ code: 'already-arrived', value: existing.status });
				}
				outcome = changes.length > 0 || row.cancelled ? 'kept' : 'unchanged';
			} else if (changes.length === 0) {
				outcome = 'unchanged';
			} else {
				outcome = set.status === 'cancelled' ? 'cancelled' : 'updated';
				appointmentUpdates.push({ id: existing.id, row, outcome, set });
				report.changes.push(...changes);
			}
		}
		// A patient's new details make the row an update even when the appointment stays.
		report.outcome = outcome === 'unchanged' && report.changes.length > 0 ? 'updated' : outcome;
	}

	const refsInFile = new Set(mapped.flatMap((m) => (m.appointmentRef ? [m.appointmentRef] : [])));
	const days = dayRange(rows);
	const notInFile = days ? await missingFromFile(db, siteId, days, refsInFile) : [];
	const counts: ImportCounts = {
		rows: reports.length,
		created: 0,
		updated: 0,
		cancelled: 0,
		unchanged: 0,
		skipped: 0,
		kept: 0,
		notInFile: notInFile.length,
		patientsCreated: patientCreates.length,
		patientsUpdated: patientUpdates.length
	};
	for (const report of reports) counts[report.outcome as AppointmentOutcome]++;
	return {
		rows: reports,
		patientCreates,
		patientUpdates,
		appointmentCreates,
		appointmentUpdates,
		notInFile,
		days,
		counts
	};
}

/**
 * Names, birth date: the export is the record of who the patient is. Phone, email and
 * language change only when the export has one, so a number the desk accepted from the kiosk
 * is not wiped by an export that has none.
 */
function patientChanges(stored: StoredPatient, next: ScheduleRow['patient']): PatientUpdate['set'] {
	const set: PatientUpdate['set'] = {};
	if (stored.last_name !== next.lastName) set.last_name = next.lastName;
	if (stored.first_name !== next.firstName) set.first_name = next.firstName;
	if (stored.dob !== next.dob) set.dob = next.dob;
	if (next.phone && stored.phone !== next.phone) set.phone = next.phone;
	if (next.email && stored.email !== next.email) set.email = next.email;
	if (next.language && stored.preferred_language !== next.language) {
		set.preferred_language = next.language;
	}
	return set;
}

const PATIENT_FIELDS: Record<keyof PatientUpdate['set'], string> = {
	first_name: 'firstName',
	last_name: 'lastName',
	dob: 'birthDate',
	phone: 'phone',
	email: 'email',
	preferred_language: 'language'
};

function patientFieldName(column: string): string {
	return PATIENT_FIELDS[column as keyof PatientUpdate['set']];
}

function dayRange(rows: readonly ScheduleRow[]): { from: string; to: string } | null {
	if (rows.length === 0) return null;
	let from = rows[0].siteDay;
	let to = rows[0].siteDay;
	for (const row of rows) {
		if (row.siteDay < from) from = row.siteDay;
		if (row.siteDay > to) to = row.siteDay;
	}
	return { from, to };
}
