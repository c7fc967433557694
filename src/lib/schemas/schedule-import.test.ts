import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { SiteConfigSchema, describeConfigIssues } from './site-config';

const MINIMAL = {
	siteId: 'north',
	name: 'North Clinic',
	timezone: 'America/Chicago',
	languages: ['en', 'es']
};

const CSV = {
	columns: {
		appointmentId: 'Appt ID',
		patientId: 'MRN',
		lastName: 'Last',
		firstName: 'First',
		birthDate: 'DOB',
		provider: 'Provider',
		date: 'Date',
		time: 'Time'
	},
	dateFormat: 'DD/MM/YYYY',
	timeFormat: 'HH:mm'
};

function problems(csv: unknown): string[] {
	const result = v.safeParse(SiteConfigSchema, { ...MINIMAL, import: { csv } });
	return result.success ? [] : describeConfigIssues('north.json', result.issues);
}

describe('import.csv in a site config', () => {
	it('is optional: a site without it has no CSV import', () => {
		const config = v.parse(SiteConfigSchema, MINIMAL);
		expect(config.import).toEqual({});
	});

	it('accepts a minimal mapping and fills in the defaults', () => {
		const config = v.parse(SiteConfigSchema, { ...MINIMAL, import: { csv: CSV } });
		expect(config.import.csv).toEqual({
			...CSV,
			delimiter: ',',
			encoding: 'utf-8',
			defaultDurationMinutes: 15,
			providers: {},
			cancelledValues: ['Cancelled', 'Canceled'],
			languages: {}
		});
	});

	it('names a missing required column', () => {
		const { provider: _provider, ...columns } = CSV.columns;
		expect(problems({ ...CSV, columns })).toEqual([
			'north.json: field "import.csv.columns.provider" is missing; add it (kiosk-config/main.json shows every setting)'
		]);
	});

	it('says which date and time formats it knows', () => {
		expect(problems({ ...CSV, dateFormat: 'D/M/YY', timeFormat: 'hh:mm' })).toEqual([
			'north.json: field "import.csv.dateFormat" must be one of "YYYY-MM-DD", "MM/DD/YYYY", "DD/MM/YYYY", "DD.MM.YYYY", "YYYYMMDD"',
			'north.json: field "import.csv.timeFormat" must be one of "HH:mm", "HH:mm:ss", "h:mm a"'
		]);
	});

	it('refuses an unknown delimiter, encoding, column or setting', () => {
		expect(
			problems({
				...CSV,
				delimiter: ':',
				encoding: 'latin1',
				columns: { ...CSV.columns, room: 'Room' },
				sheet: 1
			})
		).toEqual([
			'north.json: field "import.csv.columns.room" is not a setting Front Desk knows; remove it or check its spelling',
			'north.json: field "import.csv.delimiter" must be one of ",", ";", "|" or "\\t" (a tab)',
			'north.json: field "import.csv.encoding" must be "utf-8" (with or without a BOM) or "windows-1252"',
			'north.json: field "import.csv.sheet" is not a setting Front Desk knows; remove it or check its spelling'
		]);
	});

	it('refuses an empty column name, a bad provider id, a bad language and a silly duration', () => {
		expect(
			problems({
				...CSV,
				columns: { ...CSV.columns, lastName: '  ' },
				providers: { 'LEE, MAYA': 'main lee' },
				languages: { FR: 'fr' },
				defaultDurationMinutes: 2
			})
		).toEqual([
			'north.json: field "import.csv.columns.lastName" must not be empty; name the column as the export writes it',
			'north.json: field "import.csv.defaultDurationMinutes" must be at least 5 minutes',
			'north.json: field "import.csv.providers.LEE, MAYA" must be a provider id such as "main-lee"',
			'north.json: field "import.csv.languages.FR" must be "en" or "es"'
		]);
	});

	it('refuses both a duration column and an end column', () => {
		expect(
			problems({ ...CSV, columns: { ...CSV.columns, durationMinutes: 'Length', end: 'End' } })
		).toEqual([
			'north.json: field "import.csv" names both "columns.durationMinutes" and "columns.end"; keep one of them'
		]);
	});
});

describe('import.fhir in a site config', () => {
	it('is optional and fills in its defaults', () => {
		const config = v.parse(SiteConfigSchema, { ...MINIMAL, import: { fhir: {} } });
		expect(config.import.fhir).toEqual({ providers: {}, defaultDurationMinutes: 15 });
	});

	it('names the field and the fix', () => {
		const result = v.safeParse(SiteConfigSchema, {
			...MINIMAL,
			import: { fhir: { providers: { 'urn:npi|123': 'Dr Lee' }, defaultDurationMinutes: 2 } }
		});
		const messages = result.success ? [] : describeConfigIssues('north.json', result.issues);
		expect(messages.join('\n')).toContain(
			'"import.fhir.defaultDurationMinutes" must be at least 5'
		);
		expect(messages.join('\n')).toContain('must be a provider id such as "main-lee"');
	});
});
