import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../db';
import { ConfigError, loadSiteConfigs } from '../config';
import { translator, isLanguage, type Language } from '$lib/i18n';
import { scheduleImportEn, scheduleImportEs } from '$lib/i18n/schedule-import';
import type { ImportResult, RowReport } from '$lib/schedule-import/report';
import { importSchedule } from './index';

/**
 * `npm run import -- file.csv [--site main] [--dry-run] [--lang es]` (scripts/import.js); a FHIR
 * R4 Bundle (`bundle.json`, or any file whose text starts with `{`) the same way. Prints the
 * per-row (per-entry) report and a summary. Exit code: 0 when the file was read (whatever its
 * rows' problems), 1 when it could not be read at all or the site has no import set up, 2 for
 * a command line it does not understand.
 */

interface Output {
	write(text: string): unknown;
}

interface Options {
	file: string;
	site: string | null;
	dryRun: boolean;
	language: Language;
}

const USAGE =
	'usage: npm run import -- <file.csv | bundle.json> [--site <site id>] [--dry-run] [--lang en|es]\n';

export function parseArguments(argv: readonly string[]): Options | null {
	const options: Options = { file: '', site: null, dryRun: false, language: 'en' };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--dry-run') options.dryRun = true;
		else if (arg === '--site' && argv[i + 1]) options.site = argv[++i];
		else if (arg === '--lang' && isLanguage(argv[i + 1])) options.language = argv[++i] as Language;
		else if (!arg.startsWith('--') && !options.file) options.file = arg;
		else return null;
	}
	return options.file ? options : null;
}

export async function runImportCommand(
	argv: readonly string[],
	env: NodeJS.ProcessEnv,
	out: Output
): Promise<number> {
	const options = parseArguments(argv);
	if (!options) {
		out.write(USAGE);
		return 2;
	}
	const t = translator({ en: scheduleImportEn, es: scheduleImportEs }, options.language);
	let bytes: Uint8Array;
	try {
		bytes = fs.readFileSync(options.file);
	} catch (error) {
		out.write(`${options.file}: cannot be read (${(error as Error).message})\n`);
		return 1;
	}
	let sites;
	try {
		sites = loadSiteConfigs(path.resolve(env.KIOSK_CONFIG_DIR ?? 'kiosk-config'));
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		out.write(`${error.message}\n`);
		return 1;
	}
	const siteId = options.site ?? [...sites.keys()].sort()[0];
	const database = await openDb(env);
	let result: ImportResult;
	try {
		const provider = await database.db
			.selectFrom('providers')
			.select('id')
			.where('site_id', '=', siteId)
			.executeTakeFirst();
		if (!provider && sites.has(siteId)) {
			out.write(
				`This database has no providers for site "${siteId}" yet: start the server once (npm start) so it is set up, with DATABASE_URL or DATABASE_PATH as here.\n`
			);
		}
		result = await importSchedule(
			{ db: database.db, dialect: database.dialect, hub: { notify() {} }, sites },
			{
				siteId,
				fileName: path.basename(options.file),
				bytes,
				dryRun: options.dryRun,
				actor: { type: 'system', id: `import-command:${os.userInfo().username}` }
			}
		);
	} finally {
		await database.close();
	}
	if (!result.ok) {
		const text = t(`refusal.${result.reason}`, {
			detail: result.detail ?? '',
			columns: (result.columns ?? []).map((c) => `“${c}”`).join(', ')
		});
		out.write(`${options.file}: ${text}\n`);
		return 1;
	}
	const timezone = sites.get(siteId)?.timezone ?? 'UTC';
	out.write(printReport(result, t, timezone));
	return 0;
}

type T = ReturnType<typeof translator<typeof scheduleImportEn>>;

export function printReport(
	result: Extract<ImportResult, { ok: true }>,
	t: T,
	timezone: string
): string {
	const lines: string[] = [];
	const quiet = ['unchanged', 'referenced'];
	const shown = result.rows.filter((row) => !quiet.includes(row.outcome) || row.problems.length);
	const unit = result.kind === 'fhir' ? 'entry' : 'line';
	for (const row of shown) lines.push(...rowLines(row, t, unit));
	const time = new Intl.DateTimeFormat('en-GB', {
		timeZone: timezone,
		hour: '2-digit',
		minute: '2-digit'
	});
	for (const missing of result.notInFile) {
		const day = `${missing.siteDay} ${time.format(missing.startsAt)}`;
		lines.push(
			`not in file  ${missing.appointmentRef}: ${t('notInFile', { ref: missing.appointmentRef, day })}`
		);
	}
	const c = result.counts;
	lines.push(
		'',
		`${result.dryRun ? 'Dry run, nothing written' : `Imported (import ${result.importId})`}: ${result.fileName}` +
			(result.days ? `, ${result.days.from} to ${result.days.to}` : ''),
		`${c.rows} ${result.kind === 'fhir' ? 'entries' : 'rows'}: ${c.created} new, ${c.updated} updated, ${c.cancelled} cancelled, ${c.unchanged} unchanged, ${c.kept} kept, ${c.skipped} left out; ${c.notInFile} not in this file`,
		`patients: ${c.patientsCreated} new, ${c.patientsUpdated} updated`,
		...(result.kind === 'fhir'
			? [
					`coverages: ${c.coveragesCreated ?? 0} new, ${c.coveragesUpdated ?? 0} updated; ${c.referenced ?? 0} entries read for what names them`
				]
			: []),
		''
	);
	return lines.join('\n');
}

function rowLines(row: RowReport, t: T, unit: 'line' | 'entry'): string[] {
	const what = row.resource ? `${row.resource}  ${row.appointmentRef ?? ''}`.trim() : null;
	const head = `${unit} ${row.line}  ${what ?? row.appointmentRef ?? '-'}  ${t(`outcome.${row.outcome}`)}`;
	const changes = row.changes.length ? ` (${row.changes.join(', ')})` : '';
	return [
		head + changes,
		...row.problems.map(
			(p) =>
				`    ${p.code}: ${t(`problem.${p.code}`, { column: p.column ?? '', value: p.value ?? '' })}`
		)
	];
}
