import * as v from 'valibot';

/**
 * How a site's practice-management export reads (`import.csv` in `kiosk-config/<site>.json`):
 * which column holds what, the date and time formats, the delimiter and the encoding. Times are
 * read in the site's own time zone. One row of the export is one appointment.
 */

/** Date formats an export may use: day and month may have one digit where a separator follows. */
export const DATE_FORMATS = [
	'YYYY-MM-DD',
	'MM/DD/YYYY',
	'DD/MM/YYYY',
	'DD.MM.YYYY',
	'YYYYMMDD'
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** `HH:mm` is a 24-hour clock (`9:05` or `09:05`), `h:mm a` a 12-hour one (`9:05 AM`, `9:05pm`). */
export const TIME_FORMATS = ['HH:mm', 'HH:mm:ss', 'h:mm a'] as const;
export type TimeFormat = (typeof TIME_FORMATS)[number];

const columnName = v.pipe(
	v.string('must be the column name as the export writes it in its first line, such as "Appt ID"'),
	v.trim(),
	v.minLength(1, 'must not be empty; name the column as the export writes it')
);
const optionalColumn = v.optional(columnName);

const Columns = v.strictObject({
	/** The export's own appointment id: re-importing upserts by it. */
	appointmentId: columnName,
	/** The export's own patient id (chart or account number). */
	patientId: columnName,
	lastName: columnName,
	firstName: columnName,
	birthDate: columnName,
	phone: optionalColumn,
	email: optionalColumn,
	language: optionalColumn,
	provider: columnName,
	/** The appointment's date; with no `time` column, its date and time separated by a space. */
	date: columnName,
	time: optionalColumn,
	/** Minutes; or `end`, a time in `timeFormat`; or neither, and `defaultDurationMinutes` holds. */
	durationMinutes: optionalColumn,
	end: optionalColumn,
	visitType: optionalColumn,
	/** Values listed in `cancelledValues` mean the appointment was cancelled. */
	status: optionalColumn
});

const valueList = v.array(
	v.pipe(v.string('must be a text'), v.trim(), v.minLength(1, 'must not be empty')),
	'must be a list of texts such as ["Cancelled", "X"]'
);

export const CsvImportSchema = v.pipe(
	v.strictObject({
		columns: Columns,
		dateFormat: v.picklist(DATE_FORMATS, `must be one of ${quoted(DATE_FORMATS)}`),
		/** Birth dates, when the export writes them differently from appointment dates. */
		birthDateFormat: v.optional(v.picklist(DATE_FORMATS, `must be one of ${quoted(DATE_FORMATS)}`)),
		timeFormat: v.picklist(TIME_FORMATS, `must be one of ${quoted(TIME_FORMATS)}`),
		delimiter: v.optional(
			v.picklist([',', ';', '\t', '|'], 'must be one of ",", ";", "|" or "\\t" (a tab)'),
			','
		),
		/** UTF-8 with or without a byte-order mark, or Windows-1252 (older Windows exports). */
		encoding: v.optional(
			v.picklist(
				['utf-8', 'windows-1252'],
				'must be "utf-8" (with or without a BOM) or "windows-1252"'
			),
			'utf-8'
		),
		defaultDurationMinutes: v.optional(
			v.pipe(
				v.number('must be a number of minutes'),
				v.integer('must be a whole number of minutes'),
				v.minValue(5, 'must be at least 5 minutes'),
				v.maxValue(480, 'must be at most 480 minutes')
			),
			15
		),
		/** Export provider text → provider id. Without an entry, the id or the name must match. */
		providers: v.optional(
			v.record(
				v.pipe(v.string(), v.trim(), v.minLength(1)),
				v.pipe(
					v.string('must be a provider id such as "main-lee"'),
					v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a provider id such as "main-lee"')
				),
				'must map the export’s provider text to a provider id, like { "LEE, MAYA MD": "main-lee" }'
			),
			{}
		),
		cancelledValues: v.optional(
			v.pipe(valueList, v.minLength(1, 'must list at least one value, such as "Cancelled"')),
			['Cancelled', 'Canceled']
		),
		/** Export language text → site language; "en", "es", "English", "Spanish" are known. */
		languages: v.optional(
			v.record(
				v.pipe(v.string(), v.trim(), v.minLength(1)),
				v.picklist(['en', 'es'], 'must be "en" or "es"'),
				'must map the export’s language text to "en" or "es", like { "SPA": "es" }'
			),
			{}
		)
	}),
	v.check(
		(csv) => !(csv.columns.durationMinutes && csv.columns.end),
		'names both "columns.durationMinutes" and "columns.end"; keep one of them'
	)
);

const providerId = v.pipe(
	v.string('must be a provider id such as "main-lee"'),
	v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a provider id such as "main-lee"')
);
const identifierSystem = v.pipe(
	v.string('must be an identifier system, a URI such as "urn:oid:1.2.36.146.595.217.0.1"'),
	v.trim(),
	v.minLength(1, 'must not be empty')
);

/**
 * How a site's FHIR R4 Bundles read (`import.fhir`, optional: a Bundle imports without it). A
 * Practitioner becomes a provider through `providers` (keyed by its identifier, as
 * "system|value" or the value alone, or by its resource id), else by its name matching a
 * provider's name. The identifier systems choose which identifier is the patient's and the
 * appointment's own id when they carry several.
 */
export const FhirImportSchema = v.strictObject({
	providers: v.optional(
		v.record(
			v.pipe(v.string(), v.trim(), v.minLength(1)),
			providerId,
			'must map a Practitioner identifier to a provider id, like { "http://www.acme.org/practitioners|23": "main-lee" }'
		),
		{}
	),
	patientIdentifierSystem: v.optional(identifierSystem),
	appointmentIdentifierSystem: v.optional(identifierSystem),
	defaultDurationMinutes: v.optional(
		v.pipe(
			v.number('must be a number of minutes'),
			v.integer('must be a whole number of minutes'),
			v.minValue(5, 'must be at least 5 minutes'),
			v.maxValue(480, 'must be at most 480 minutes')
		),
		15
	)
});

export const ImportSchema = v.strictObject({
	csv: v.optional(CsvImportSchema),
	fhir: v.optional(FhirImportSchema)
});

export type FhirImportConfig = v.InferOutput<typeof FhirImportSchema>;
export const DEFAULT_FHIR_IMPORT: FhirImportConfig = { providers: {}, defaultDurationMinutes: 15 };

export type CsvImportConfig = v.InferOutput<typeof CsvImportSchema>;
export type CsvColumns = CsvImportConfig['columns'];

function quoted(list: readonly string[]): string {
	return list.map((item) => `"${item}"`).join(', ');
}
