import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { SiteConfigSchema } from '$lib/schemas/site-config';
import type { CsvImportConfig } from '$lib/schemas/schedule-import';
import { siteTime } from '$lib/site-time';
import { readCsv } from './read-csv';
import { mapRecords, type MappingContext } from './map-rows';

const REPO = new URL('../../../../', import.meta.url);
const site = v.parse(
	SiteConfigSchema,
	JSON.parse(fs.readFileSync(new URL('kiosk-config/main.json', REPO), 'utf8'))
);
const csv = site.import.csv as CsvImportConfig;
const fixture = fs.readFileSync(
	new URL('tests/fixtures/schedule-import/riverside-export.csv', REPO)
);

const context: MappingContext = {
	config: csv,
	timezone: site.timezone,
	languages: site.languages,
	country: site.country,
	providers: [
		{ id: 'main-lee', name: 'Dr. Maya Lee' },
		{ id: 'main-ortiz', name: 'Dr. Samuel Ortiz' },
		{ id: 'main-kim', name: 'Grace Kim, NP' }
	],
	today: '2026-12-03'
};

const encode = (text: string) => new TextEncoder().encode(text);

function mapText(text: string, config: CsvImportConfig = csv) {
	const read = readCsv(encode(text), config);
	if (!read.ok) throw new Error(`unreadable: ${read.reason}`);
	return mapRecords(read.records, { ...context, config });
}

describe('the demo export', () => {
	const read = readCsv(fixture, csv);
	if (!read.ok) throw new Error(read.reason);
	const mapped = mapRecords(read.records, context);
	const byLine = new Map(mapped.map((m) => [m.line, m]));

	it('reads every row, numbered by its line in the file', () => {
		expect(mapped.map((m) => m.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
	});

	it('maps a good row to the site’s time, provider, language and phone format', () => {
		const rosa = byLine.get(2)?.row;
		expect(rosa).toEqual({
			line: 2,
			appointmentRef: '100201',
			patientRef: 'P-5001',
			patient: {
				lastName: 'Alvarez',
				firstName: 'Rosa',
				dob: '1961-04-17',
				phone: '(212) 555-0150',
				email: 'rosa.alvarez@example.org',
				language: 'es'
			},
			providerId: 'main-lee',
			siteDay: '2026-12-14',
			startsAt: siteTime('America/New_York', '2026-12-14', 8 * 60 + 30),
			durationMin: 20,
			visitType: 'Follow-up',
			cancelled: false
		});
		expect(byLine.get(3)?.row?.patient.phone).toBe('(212) 555-0151');
		expect(byLine.get(5)?.row?.durationMin).toBe(15);
		expect(byLine.get(7)?.row?.cancelled).toBe(true);
	});

	it('reports each bad row with its code and keeps it out, and never stops at one', () => {
		const codes = (line: number) => byLine.get(line)?.problems.map((p) => p.code);
		expect(codes(8)).toEqual(['missing-name']);
		expect(codes(9)).toEqual(['missing-birth-date']);
		expect(codes(10)).toEqual(['bad-birth-date']);
		expect(codes(11)).toEqual(['unknown-provider']);
		expect(byLine.get(11)?.problems[0]).toEqual({
			code: 'unknown-provider',
			column: 'Provider',
			value: 'PATEL, NINA MD'
		});
		expect(codes(12)).toEqual(['bad-time']);
		expect(codes(13)).toEqual(['bad-date']);
		expect(codes(14)).toEqual(['duplicate-in-file']);
		for (const line of [8, 9, 10, 11, 12, 13, 14]) expect(byLine.get(line)?.row).toBeNull();
	});

	it('keeps a row whose phone, email or language it cannot use, and says so', () => {
		const piotr = byLine.get(15);
		expect(piotr?.problems.map((p) => p.code)).toEqual([
			'bad-phone',
			'bad-email',
			'unknown-language'
		]);
		expect(piotr?.row?.patient).toMatchObject({ phone: '', email: '', language: '' });
	});
});

describe('mapRecords', () => {
	const header =
		'Appt ID,Patient ID,Last Name,First Name,DOB,Home Phone,Email,Language,Provider,Appt Date,Appt Time,Length,Visit Type,Status';

	it('matches a provider by its name or id when the config has no entry for it', () => {
		const mapped = mapText(
			`${header}\n1,P1,Lee,Ann,01/01/1980,,,,Dr. Samuel Ortiz,12/14/2026,9:00 AM,15,,\n2,P2,Lee,Bo,01/01/1980,,,,MAIN-KIM,12/14/2026,9:00 AM,15,,\n`
		);
		expect(mapped.map((m) => m.row?.providerId)).toEqual(['main-ortiz', 'main-kim']);
	});

	it('does not accept a mapping to a provider the site does not have', () => {
		const config = { ...csv, providers: { 'PATEL, NINA MD': 'main-patel' } };
		const [row] = mapText(
			`${header}\n1,P1,Lee,Ann,01/01/1980,,,,"PATEL, NINA MD",12/14/2026,9:00 AM,15,,\n`,
			config
		);
		expect(row.problems.map((p) => p.code)).toEqual(['unknown-provider']);
	});

	it('flags a patient whose details differ between two rows of the file', () => {
		const mapped = mapText(
			`${header}\n1,P1,Lee,Ann,01/01/1980,,,,main-lee,12/14/2026,9:00 AM,15,,\n2,P1,Lee,Anne,01/01/1980,,,,main-lee,12/15/2026,9:00 AM,15,,\n`
		);
		expect(mapped[1].problems.map((p) => p.code)).toEqual(['patient-differs-in-file']);
		expect(mapped[1].row).not.toBeNull();
	});

	it('refuses names with hidden characters, a birth date after today and an end before the start', () => {
		const config: CsvImportConfig = {
			...csv,
			columns: { ...csv.columns, durationMinutes: undefined, end: 'End' }
		};
		const mapped = mapText(
			'Appt ID,Patient ID,Last Name,First Name,DOB,Home Phone,Email,Language,Provider,Appt Date,Appt Time,End,Visit Type,Status\n' +
				'1,P1,Le\u202ee,Ann,01/01/1980,,,,main-lee,12/14/2026,9:00 AM,9:30 AM,,\n' +
				'2,P2,Lee,Bo,01/01/2030,,,,main-lee,12/14/2026,9:00 AM,9:30 AM,,\n' +
				'3,P3,Lee,Cy,01/01/1980,,,,main-lee,12/14/2026,9:00 AM,8:30 AM,,\n' +
				'4,P4,Lee,Di,01/01/1980,,,,main-lee,12/14/2026,9:00 AM,9:40 AM,,\n',
			config
		);
		expect(mapped.map((m) => m.problems.map((p) => p.code))).toEqual([
			['hidden-characters'],
			['bad-birth-date'],
			['bad-end-time'],
			[]
		]);
		expect(mapped[3].row?.durationMin).toBe(40);
	});

	it('reads a date and time from one column when no time column is mapped', () => {
		const config: CsvImportConfig = {
			...csv,
			dateFormat: 'YYYY-MM-DD',
			timeFormat: 'HH:mm',
			columns: { ...csv.columns, time: undefined }
		};
		const [row] = mapText(
			'Appt ID,Patient ID,Last Name,First Name,DOB,Home Phone,Email,Language,Provider,Appt Date,Length,Visit Type,Status\n' +
				'1,P1,Lee,Ann,1980-01-01,,,,main-lee,2026-12-14 14:05,15,,\n',
			config
		);
		expect(row.row?.startsAt).toBe(siteTime('America/New_York', '2026-12-14', 14 * 60 + 5));
	});
});

describe('readCsv', () => {
	const header = 'Appt ID;Patient ID;Last Name;First Name;DOB;Provider;Appt Date;Appt Time';
	const config: CsvImportConfig = {
		...csv,
		delimiter: ';',
		columns: {
			appointmentId: 'Appt ID',
			patientId: 'Patient ID',
			lastName: 'Last Name',
			firstName: 'First Name',
			birthDate: 'DOB',
			provider: 'Provider',
			date: 'Appt Date',
			time: 'Appt Time'
		}
	};
	const body = '1;P1;Muñoz;José;01/01/1980;main-lee;12/14/2026;9:00 AM\n';

	it('reads UTF-8 with or without a byte-order mark the same way', () => {
		const plain = readCsv(encode(`${header}\n${body}`), config);
		const withBom = readCsv(
			new Uint8Array([0xef, 0xbb, 0xbf, ...encode(`${header}\n${body}`)]),
			config
		);
		expect(plain.ok && plain.records[0].cells.lastName).toBe('Muñoz');
		expect(withBom).toEqual(plain);
	});

	it('reads Windows-1252 when the site says so, and refuses it as UTF-8', () => {
		const bytes = Uint8Array.from(`${header}\n${body}`, (c) => c.charCodeAt(0));
		const read = readCsv(bytes, { ...config, encoding: 'windows-1252' });
		expect(read.ok && read.records[0].cells.firstName).toBe('José');
		expect(readCsv(bytes, config)).toMatchObject({ ok: false, reason: 'unreadable' });
	});

	it('numbers records by the line they start on, across quoted line breaks and blank lines', () => {
		const read = readCsv(
			encode(`${header}\n\n1;P1;"Lee\nSmith";Ann;x;y;z;w\n2;P2;Lee;Bo;x;y;z;w\n`),
			config
		);
		expect(read.ok && read.records.map((r) => r.line)).toEqual([3, 5]);
	});

	it('refuses a file that lacks a mapped column, naming it', () => {
		expect(readCsv(encode('Appt ID;Patient ID\n1;2\n'), config)).toEqual({
			ok: false,
			reason: 'missing-columns',
			columns: ['Last Name', 'First Name', 'DOB', 'Provider', 'Appt Date', 'Appt Time']
		});
	});

	it('refuses an empty file and broken quoting', () => {
		expect(readCsv(encode(''), config)).toMatchObject({ ok: false, reason: 'empty-file' });
		expect(readCsv(encode(`${header}\n`), config)).toMatchObject({
			ok: false,
			reason: 'empty-file'
		});
		expect(readCsv(encode(`${header}\n1;"P1;x\n`), config)).toMatchObject({
			ok: false,
			reason: 'unreadable'
		});
	});
});
