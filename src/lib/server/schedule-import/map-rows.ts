import type { CsvImportConfig } from '$lib/schemas/schedule-import';
import { HIDDEN_CHARACTERS } from '$lib/schemas/text';
import { isRowError, type RowProblem } from '$lib/schedule-import/report';
import { normalizePhone, tidy } from '$lib/intake/validate';
import { siteTime } from '$lib/site-time';
import { isoDate, parseDate, parseTime } from './formats';
import type { CsvRecord } from './read-csv';

/** One appointment of the export, read and checked: what the plan compares with the database. */
export interface ScheduleRow {
	line: number;
	appointmentRef: string;
	patientRef: string;
	patient: {
		lastName: string;
		firstName: string;
		/** YYYY-MM-DD */
		dob: string;
		/** '' when the export has none, or none that is a phone number. */
		phone: string;
		email: string;
		/** '' when the export has none (or none the site speaks): the record's own stays. */
		language: string;
	};
	providerId: string;
	/** YYYY-MM-DD in the site's time zone. */
	siteDay: string;
	startsAt: number;
	durationMin: number;
	visitType: string;
	cancelled: boolean;
}

export interface MappedRecord {
	line: number;
	appointmentRef: string | null;
	problems: RowProblem[];
	/** Null when a problem keeps the row out. */
	row: ScheduleRow | null;
}

export interface MappingContext {
	config: CsvImportConfig;
	timezone: string;
	/** The site's languages, first the default. */
	languages: readonly string[];
	country: string;
	providers: readonly { id: string; name: string }[];
	/** The site's today (YYYY-MM-DD): a birth date after it is an error. */
	today: string;
}

const KNOWN_LANGUAGES: Record<string, string> = {
	en: 'en',
	eng: 'en',
	english: 'en',
	es: 'es',
	spa: 'es',
	spanish: 'es',
	español: 'es',
	espanol: 'es'
};

const MAX_TEXT = 100;
const MAX_ID = 64;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Reads every record into a typed row or a list of problems; a bad row never stops the others.
 * A second row with an appointment id already seen is a duplicate (the first one stands).
 */
export function mapRecords(records: readonly CsvRecord[], context: MappingContext): MappedRecord[] {
	const providerFor = providerResolver(context);
	const seenAppointments = new Set<string>();
	const seenPatients = new Map<string, string>();
	return records.map((record) => {
		const mapped = mapRecord(record, context, providerFor);
		const ref = mapped.appointmentRef;
		if (ref !== null) {
			if (seenAppointments.has(ref)) {
				mapped.problems.push({
					code: 'duplicate-in-file',
					column: context.config.columns.appointmentId,
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
					column: context.config.columns.patientId,
					value: patientRef
				});
			}
		}
		return mapped;
	});
}

function mapRecord(
	record: CsvRecord,
	context: MappingContext,
	providerFor: (text: string) => string | null
): MappedRecord {
	const { config } = context;
	const columns = config.columns;
	const problems: RowProblem[] = [];
	const cell = (field: keyof typeof columns) => record.cells[field] ?? '';
	const text = (field: keyof typeof columns, max: number): string => {
		const value = tidy(cell(field));
		if (HIDDEN_CHARACTERS.test(value))
			problems.push({ code: 'hidden-characters', column: columns[field] });
		else if (value.length > max) problems.push({ code: 'too-long', column: columns[field] });
		return value;
	};

	const appointmentRef = text('appointmentId', MAX_ID);
	if (!appointmentRef)
		problems.push({ code: 'missing-appointment-id', column: columns.appointmentId });
	const patientRef = text('patientId', MAX_ID);
	if (!patientRef) problems.push({ code: 'missing-patient-id', column: columns.patientId });
	const lastName = text('lastName', MAX_TEXT);
	const firstName = text('firstName', MAX_TEXT);
	if (!lastName || !firstName) {
		problems.push({
			code: 'missing-name',
			column: !lastName ? columns.lastName : columns.firstName
		});
	}

	const dobText = cell('birthDate');
	let dob = '';
	if (!dobText) problems.push({ code: 'missing-birth-date', column: columns.birthDate });
	else {
		const date = parseDate(dobText, config.birthDateFormat ?? config.dateFormat);
		dob = date ? isoDate(date) : '';
		if (!date || date.year < 1880 || dob > context.today) {
			problems.push({ code: 'bad-birth-date', column: columns.birthDate });
		}
	}

	const providerText = text('provider', MAX_TEXT);
	const providerId = providerText ? providerFor(providerText) : null;
	if (!providerText) problems.push({ code: 'missing-provider', column: columns.provider });
	else if (!providerId) {
		problems.push({ code: 'unknown-provider', column: columns.provider, value: providerText });
	}

	const when = startOf(record, context, problems);

	let durationMin = config.defaultDurationMinutes;
	if (columns.durationMinutes) {
		const value = cell('durationMinutes');
		const minutes = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
		if (value && (!Number.isInteger(minutes) || minutes < 1 || minutes > 480)) {
			problems.push({ code: 'bad-duration', column: columns.durationMinutes, value });
		} else if (value) durationMin = minutes;
	} else if (columns.end && when) {
		const value = cell('end');
		const end = value ? parseTime(value, config.timeFormat) : null;
		if (value && (end === null || end <= when.minutes)) {
			problems.push({ code: 'bad-end-time', column: columns.end, value });
		} else if (end !== null) durationMin = end - when.minutes;
	}

	let phone = '';
	if (columns.phone) {
		const value = text('phone', 40);
		phone = value ? (normalizePhone(value, context.country) ?? '') : '';
		if (value && !phone) problems.push({ code: 'bad-phone', column: columns.phone });
	}
	let email = '';
	if (columns.email) {
		const value = text('email', 254);
		email = EMAIL.test(value) ? value.toLowerCase() : '';
		if (value && !email) problems.push({ code: 'bad-email', column: columns.email });
	}
	const language = languageOf(columns.language ? tidy(cell('language')) : '', context, problems);
	const visitType = columns.visitType ? text('visitType', MAX_TEXT) : '';
	const cancelledValues = config.cancelledValues.map((value) => value.toLowerCase());
	const cancelled = columns.status
		? cancelledValues.includes(tidy(cell('status')).toLowerCase())
		: false;

	const row: ScheduleRow | null =
		problems.some((p) => isRowError(p.code)) || !when || !providerId
			? null
			: {
					line: record.line,
					appointmentRef,
					patientRef,
					patient: { lastName, firstName, dob, phone, email, language },
					providerId,
					siteDay: when.siteDay,
					startsAt: when.startsAt,
					durationMin,
					visitType,
					cancelled
				};
	return { line: record.line, appointmentRef: appointmentRef || null, problems, row };
}

/** The appointment's start in the site's time zone, from its date and time columns. */
function startOf(record: CsvRecord, context: MappingContext, problems: RowProblem[]) {
	const { config } = context;
	const columns = config.columns;
	let dateText = record.cells.date ?? '';
	let timeText = record.cells.time ?? '';
	if (!columns.time) {
		// One column holds both: the date, then a space or a "T", then the time.
		const split = /^(\S+)[ T](.+)$/.exec(dateText);
		dateText = split?.[1] ?? dateText;
		timeText = split?.[2] ?? '';
	}
	const date = parseDate(dateText, config.dateFormat);
	const minutes = parseTime(timeText, config.timeFormat);
	if (!date) problems.push({ code: 'bad-date', column: columns.date, value: dateText });
	if (minutes === null)
		problems.push({ code: 'bad-time', column: columns.time ?? columns.date, value: timeText });
	if (!date || minutes === null) return null;
	const siteDay = isoDate(date);
	return { siteDay, minutes, startsAt: siteTime(context.timezone, siteDay, minutes) };
}

function providerResolver(context: MappingContext): (text: string) => string | null {
	const ids = new Set(context.providers.map((p) => p.id));
	const byText = new Map<string, string>();
	for (const provider of context.providers) {
		byText.set(provider.name.toLowerCase(), provider.id);
		byText.set(provider.id.toLowerCase(), provider.id);
	}
	const mapped = new Map(
		Object.entries(context.config.providers).map(([text, id]) => [tidy(text).toLowerCase(), id])
	);
	return (text) => {
		const key = text.toLowerCase();
		const id = mapped.get(key) ?? byText.get(key) ?? null;
		// A mapping to a provider this site does not have is as unknown as no mapping at all.
		return id !== null && ids.has(id) ? id : null;
	};
}

function languageOf(value: string, context: MappingContext, problems: RowProblem[]): string {
	if (!value) return '';
	const configured = Object.entries(context.config.languages).find(
		([text]) => tidy(text).toLowerCase() === value.toLowerCase()
	)?.[1];
	const language = configured ?? KNOWN_LANGUAGES[value.toLowerCase()];
	if (language && context.languages.includes(language)) return language;
	problems.push({ code: 'unknown-language', column: context.config.columns.language, value });
	return '';
}
