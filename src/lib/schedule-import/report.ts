/**
 * What a schedule import answers, row by row: codes only, translated where they are shown (the
 * admin page, the `npm run import` command). Shared by the server and the admin page.
 */

/** A problem that keeps the row out of the import; the rest of the file still goes in. */
export const ROW_ERRORS = [
	'missing-appointment-id',
	'missing-patient-id',
	'missing-name',
	'missing-birth-date',
	'bad-birth-date',
	'bad-date',
	'bad-time',
	'bad-duration',
	'bad-end-time',
	'missing-provider',
	'unknown-provider',
	'duplicate-in-file',
	'hidden-characters',
	'too-long',
	// A FHIR Bundle's entries (./fhir): the resource breaks the R4 schema, the appointment names
	// no patient the bundle holds, or it is not on the schedule (proposed, waitlist).
	'invalid-resource',
	'unknown-patient',
	'not-booked',
	'missing-payer'
] as const;

/** Something the import fixed or left out, the row still goes in. */
export const ROW_WARNINGS = [
	'bad-phone',
	'bad-email',
	'unknown-language',
	'patient-differs-in-file',
	'already-arrived',
	// FHIR: an entry of a kind the schedule does not use, a resource no appointment or coverage
	// names, a location that is none of the site's rooms, a coverage that is not active.
	'unsupported-resource',
	'not-referenced',
	'unknown-room',
	'coverage-inactive',
	'secondary-coverage'
] as const;

export type RowError = (typeof ROW_ERRORS)[number];
export type RowWarning = (typeof ROW_WARNINGS)[number];
export type RowProblemCode = RowError | RowWarning;

export function isRowError(code: RowProblemCode): code is RowError {
	return (ROW_ERRORS as readonly string[]).includes(code);
}

export interface RowProblem {
	code: RowProblemCode;
	/** The export's column the problem is in, as the export names it. */
	column?: string;
	/** What the column held (never a birth date or a name: the report is shown and printed). */
	value?: string;
}

/**
 * What happens to a row: `created`, `updated`, `cancelled` (was booked, now cancelled),
 * `unchanged`; `skipped` when an error keeps it out; `kept` when the appointment is already
 * under way at the desk and the file's changes are not applied.
 */
export type RowOutcome =
	'created' | 'updated' | 'cancelled' | 'unchanged' | 'skipped' | 'kept' | 'referenced';

export interface RowReport {
	/** The line of the file (the header is line 1); in a FHIR Bundle, the entry's number from 1. */
	line: number;
	/** FHIR only: the entry's resource, as `Appointment/123` (or its type alone without an id). */
	resource?: string;
	/** The export's appointment id, when the row has one. */
	appointmentRef: string | null;
	outcome: RowOutcome;
	problems: RowProblem[];
	/** Fields of the appointment or patient that change (`startsAt`, `provider`, `phone`, …). */
	changes: string[];
}

/** An appointment imported before, in the file's days, that this file no longer lists. */
export interface MissingAppointment {
	appointmentRef: string;
	siteDay: string;
	startsAt: number;
	status: string;
}

export interface ImportCounts {
	rows: number;
	created: number;
	updated: number;
	cancelled: number;
	unchanged: number;
	skipped: number;
	kept: number;
	notInFile: number;
	patientsCreated: number;
	patientsUpdated: number;
	/** FHIR only: entries read for what names them (patients, practitioners, locations, payers). */
	referenced?: number;
	coveragesCreated?: number;
	coveragesUpdated?: number;
}

export type ImportKind = 'csv' | 'fhir';

export interface ImportReport {
	kind: ImportKind;
	dryRun: boolean;
	fileName: string;
	/** SHA-256 of the file's bytes, hex. */
	hash: string;
	/** The first and last site day the file's rows cover, or null when no row could be read. */
	days: { from: string; to: string } | null;
	counts: ImportCounts;
	rows: RowReport[];
	notInFile: MissingAppointment[];
	/** The history row (`imports`), when the import was applied. */
	importId: string | null;
}

/** Why a whole file was refused: nothing in it was read. */
export type FileRefusal =
	| 'no-such-site'
	| 'no-mapping'
	| 'unreadable'
	| 'empty-file'
	| 'missing-columns'
	| 'too-large'
	/** JSON that is not a FHIR R4 Bundle (or whose Bundle breaks the schema outside its entries). */
	| 'not-a-bundle'
	/** A Bundle of a type that is not a schedule: only collection, searchset and transaction are. */
	| 'bundle-type';

export type ImportResult =
	| ({ ok: true } & ImportReport)
	| { ok: false; reason: FileRefusal; columns?: string[]; detail?: string };
