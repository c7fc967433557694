import type { FhirImportConfig } from '$lib/schemas/schedule-import';
import { HIDDEN_CHARACTERS } from '$lib/schemas/text';
import { isRowError, type RowProblem } from '$lib/schedule-import/report';
import { normalizePhone } from '$lib/intake/validate';
import { siteDay } from '$lib/site-time';
import type { MappedRecord, ScheduleRow } from '../map-rows';
import { BundleIndex, isObject, type BundleEntry, type Resource } from './read-bundle';
import * as el from './elements';

/**
 * A Bundle's Appointments as the same rows a CSV export gives (../map-rows.ts), so the plan and
 * its writes are the CSV import's own: each Appointment's patient (a Patient entry of the
 * bundle), its provider (a Practitioner the site's config or its name matches) and its time.
 * A bad entry is reported on its own line; the others go on.
 */

export interface FhirContext {
	config: FhirImportConfig;
	timezone: string;
	languages: readonly string[];
	country: string;
	providers: readonly { id: string; name: string }[];
	/** The site's today (YYYY-MM-DD): a birth date after it is an error. */
	today: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CANCELLED = ['cancelled', 'noshow', 'entered-in-error'];
const NOT_ON_SCHEDULE = ['proposed', 'waitlist'];

export interface MappedBundle {
	appointments: MappedRecord[];
	/** Entries (by index) that an appointment names: they are `referenced`, not left alone. */
	referenced: Set<number>;
}

export function mapAppointments(
	entries: readonly BundleEntry[],
	index: BundleIndex,
	context: FhirContext
): MappedBundle {
	const providerFor = providerResolver(context);
	const referenced = new Set<number>();
	const seenAppointments = new Set<string>();
	const seenPatients = new Map<string, string>();
	const appointments: MappedRecord[] = [];
	for (const entry of entries) {
		if (entry.type !== 'Appointment' || !entry.resource) continue;
		const mapped = mapAppointment(entry, index, context, providerFor, referenced);
		const ref = mapped.appointmentRef;
		if (ref !== null) {
			if (seenAppointments.has(ref)) {
				mapped.problems.push({
					code: 'duplicate-in-file',
					column: 'Appointment.identifier',
					value: ref
				});
				mapped.row = null;
			}
			seenAppointments.add(ref);
		}
		if (mapped.row) {
			const { patientRef, patient } = mapped.row;
			const who = `${patient.lastName}|${patient.firstName}|${patient.dob}`;
			const first = seenPatients.get(patientRef);
			if (first === undefined) seenPatients.set(patientRef, who);
			else if (first !== who) {
				mapped.problems.push({
					code: 'patient-differs-in-file',
					column: 'Patient.identifier',
					value: patientRef
				});
			}
		}
		appointments.push(mapped);
	}
	return { appointments, referenced };
}

function mapAppointment(
	entry: BundleEntry,
	index: BundleIndex,
	context: FhirContext,
	providerFor: (practitioner: Resource | null, reference: unknown) => string | null,
	referenced: Set<number>
): MappedRecord {
	const resource = entry.resource as Resource;
	const problems: RowProblem[] = [];
	const appointmentRef = checked(
		el.ownIdentifier(resource, context.config.appointmentIdentifierSystem),
		'Appointment.identifier',
		64,
		problems
	);
	if (!appointmentRef) {
		problems.push({ code: 'missing-appointment-id', column: 'Appointment.identifier' });
	}
	const status = String(resource.status);
	if (NOT_ON_SCHEDULE.includes(status)) problems.push({ code: 'not-booked', value: status });

	const actors = el.list(resource.participant).flatMap((p) => (isObject(p.actor) ? [p.actor] : []));
	const kindOf = (actor: Record<string, unknown>) =>
		typeof actor.reference === 'string'
			? (/([A-Za-z]+)\/[^/]+$/.exec(actor.reference)?.[1] ?? '')
			: '';

	const patientActor = actors.find((a) => kindOf(a) === 'Patient');
	const patientEntry = patientActor ? index.resolve(patientActor, 'Patient') : null;
	if (patientEntry) referenced.add(patientEntry.index);
	else {
		problems.push({
			code: 'unknown-patient',
			column: 'Appointment.participant',
			value: typeof patientActor?.reference === 'string' ? patientActor.reference : ''
		});
	}
	const person = patientEntry
		? mapPatient(patientEntry.resource as Resource, context, problems)
		: null;

	let providerId: string | null = null;
	const practitioners = actors.filter((a) => kindOf(a) === 'Practitioner');
	for (const actor of practitioners) {
		const found = index.resolve(actor, 'Practitioner');
		if (found) referenced.add(found.index);
		providerId ??= providerFor(found?.resource ?? null, actor);
	}
	if (practitioners.length === 0) {
		problems.push({ code: 'missing-provider', column: 'Appointment.participant' });
	} else if (!providerId) {
		const first = practitioners[0];
		const found = index.resolve(first, 'Practitioner');
		const name = found ? el.personName(found.resource?.name) : null;
		problems.push({
			code: 'unknown-provider',
			column: 'Appointment.participant',
			value: name ? `${name.given} ${name.family}`.trim() : el.text(first.display)
		});
	}
	for (const actor of actors.filter((a) => kindOf(a) === 'Location')) {
		const found = index.resolve(actor, 'Location');
		if (found) referenced.add(found.index);
	}

	const when = timing(resource, context, problems);
	const visitType = (
		el.conceptText(resource.appointmentType) || el.conceptText(el.list(resource.serviceType)[0])
	).slice(0, 100);
	const row: ScheduleRow | null =
		problems.some((p) => isRowError(p.code)) || !when || !providerId || !person
			? null
			: {
					line: entry.index,
					appointmentRef,
					patientRef: person.ref,
					patient: person.values,
					providerId,
					siteDay: when.siteDay,
					startsAt: when.startsAt,
					durationMin: when.durationMin,
					visitType,
					cancelled: CANCELLED.includes(status)
				};
	return { line: entry.index, appointmentRef: appointmentRef || null, problems, row };
}

/** A tidy text, or '' with a problem when it hides characters or is too long. */
function checked(value: string, column: string, max: number, problems: RowProblem[]): string {
	if (HIDDEN_CHARACTERS.test(value)) problems.push({ code: 'hidden-characters', column });
	else if (value.length > max) problems.push({ code: 'too-long', column });
	else return value;
	return '';
}

export function mapPatient(
	resource: Resource,
	context: FhirContext,
	problems: RowProblem[]
): { ref: string; values: ScheduleRow['patient'] } | null {
	const ref = checked(
		el.ownIdentifier(resource, context.config.patientIdentifierSystem),
		'Patient.identifier',
		64,
		problems
	);
	if (!ref) problems.push({ code: 'missing-patient-id', column: 'Patient.identifier' });
	const name = el.personName(resource.name);
	const lastName = checked(name.family, 'Patient.name.family', 100, problems);
	const firstName = checked(name.given, 'Patient.name.given', 100, problems);
	if (!lastName || !firstName) problems.push({ code: 'missing-name', column: 'Patient.name' });
	const dob = el.text(resource.birthDate);
	if (!dob) problems.push({ code: 'missing-birth-date', column: 'Patient.birthDate' });
	else if (!/^\d{4}-\d{2}-\d{2}$/.test(dob) || dob < '1880-01-01' || dob > context.today) {
		// A year or a month alone is a valid FHIR date, but not one a patient can confirm.
		problems.push({ code: 'bad-birth-date', column: 'Patient.birthDate' });
	}
	const phoneText = el.phoneOf(resource.telecom);
	const phone = phoneText ? (normalizePhone(phoneText, context.country) ?? '') : '';
	if (phoneText && !phone) problems.push({ code: 'bad-phone', column: 'Patient.telecom' });
	const emailText = el.emailOf(resource.telecom);
	const email = EMAIL.test(emailText) ? emailText.toLowerCase() : '';
	if (emailText && !email) problems.push({ code: 'bad-email', column: 'Patient.telecom' });
	const code = el.languageOf(resource.communication);
	const language = context.languages.includes(code) ? code : '';
	if (code && !language) {
		problems.push({ code: 'unknown-language', column: 'Patient.communication', value: code });
	}
	if (problems.some((p) => isRowError(p.code))) return null;
	return { ref, values: { lastName, firstName, dob, phone, email, language } };
}

function timing(resource: Resource, context: FhirContext, problems: RowProblem[]) {
	const start = el.text(resource.start);
	const startsAt = Date.parse(start);
	if (!start || !Number.isFinite(startsAt)) {
		problems.push({ code: 'bad-date', column: 'Appointment.start', value: start });
		return null;
	}
	let durationMin = context.config.defaultDurationMinutes;
	const end = el.text(resource.end);
	if (typeof resource.minutesDuration === 'number') {
		const minutes = resource.minutesDuration;
		if (minutes < 1 || minutes > 480) {
			problems.push({
				code: 'bad-duration',
				column: 'Appointment.minutesDuration',
				value: String(minutes)
			});
		} else durationMin = minutes;
	} else if (end) {
		const minutes = Math.round((Date.parse(end) - startsAt) / 60_000);
		if (!Number.isFinite(minutes) || minutes < 1 || minutes > 480) {
			problems.push({ code: 'bad-end-time', column: 'Appointment.end', value: end });
		} else durationMin = minutes;
	}
	return { startsAt, durationMin, siteDay: siteDay(context.timezone, startsAt) };
}

/**
 * A Practitioner (or, when the bundle lacks it, the reference's id and display) as a provider
 * id: the config's `providers` by identifier or id first, then a provider whose name holds the
 * practitioner's given and family names ("Maya Lee" is "Dr. Maya Lee").
 */
function providerResolver(context: FhirContext) {
	const ids = new Set(context.providers.map((p) => p.id));
	const mapped = new Map(
		Object.entries(context.config.providers).map(([key, id]) => [key.toLowerCase(), id])
	);
	const byWords = context.providers.map((p) => ({ id: p.id, words: new Set(el.words(p.name)) }));
	return (practitioner: Resource | null, reference: unknown): string | null => {
		const keys = practitioner ? el.identifierKeys(practitioner) : [];
		const ref =
			isObject(reference) && typeof reference.reference === 'string' ? reference.reference : '';
		const tail = /Practitioner\/[^/]+$/.exec(ref)?.[0];
		if (tail) keys.push(tail);
		for (const key of keys) {
			const id = mapped.get(key.toLowerCase());
			if (id && ids.has(id)) return id;
		}
		const name = practitioner ? el.personName(practitioner.name) : null;
		const wanted = name
			? el.words(`${name.given} ${name.family}`)
			: el.words(isObject(reference) ? el.text(reference.display) : '');
		if (wanted.length < 2) return null;
		const matches = byWords.filter((p) => wanted.every((w) => p.words.has(w)));
		return matches.length === 1 ? matches[0].id : null;
	};
}
