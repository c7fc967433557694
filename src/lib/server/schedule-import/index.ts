import { fileHash } from './upload';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { withEvents } from '../events/write';
import type { ImportCounts, ImportKind, ImportResult } from '$lib/schedule-import/report';
import { siteDay } from '$lib/site-time';
import { readCsv } from './read-csv';
import { mapRecords } from './map-rows';
import { planImport } from './plan';
import { applyPlan } from './apply';
import { looksLikeJson } from './fhir/read-bundle';
import { importBundle } from './fhir';
import { importReport, type ImportApp, type ImportRequest } from './request';

export type { ImportApp, ImportRequest } from './request';

/**
 * A practice-management export becomes the site's schedule (issue 11): a CSV file, or a FHIR R4
 * Bundle (./fhir, when the name ends in .json or the text starts with `{`). Read the file (only a
 * file that cannot be read at all is refused), map each row (a bad row is reported, never
 * fatal), plan against the database, and, unless it is a dry run, apply the plan in one unit
 * of work. Upserts by the export's own ids, so the same file twice changes nothing.
 */

export async function importSchedule(
	app: ImportApp,
	request: ImportRequest
): Promise<ImportResult> {
	const config = app.sites.get(request.siteId);
	if (!config) return { ok: false, reason: 'no-such-site' };
	if (looksLikeJson(request.fileName, request.bytes)) return importBundle(app, request, config);
	const csv = config.import.csv;
	if (!csv) return { ok: false, reason: 'no-mapping' };
	const read = readCsv(request.bytes, csv);
	if (!read.ok) return read;
	const hash = fileHash(request.bytes);
	const providers = await app.db
		.selectFrom('providers')
		.select(['id', 'name'])
		.where('site_id', '=', config.siteId)
		.execute();
	const mapped = mapRecords(read.records, {
		config: csv,
		timezone: config.timezone,
		languages: config.languages,
		country: config.country,
		providers,
		today: siteDay(config.timezone, request.now ?? Date.now())
	});
	const file = { kind: 'csv' as const, siteId: config.siteId, fileName: request.fileName, hash };
	if (request.dryRun) {
		const plan = await planImport(app.db, config.siteId, mapped);
		return importReport(plan, file, true, null);
	}
	return withEvents(app, async (trx, emit) => {
		// Planned again inside the transaction: what is applied is what the database holds now.
		const plan = await planImport(trx, config.siteId, mapped);
		const importId = await applyPlan(trx, emit, request.actor, file, plan);
		return importReport(plan, file, false, importId);
	});
}

export interface ImportHistoryEntry {
	id: string;
	kind: ImportKind;
	fileName: string;
	createdAt: number;
	actorType: string;
	actorId: string;
	days: { from: string; to: string } | null;
	counts: ImportCounts;
}

/** The site's imports, newest first. */
export async function importHistory(
	db: Kysely<Database>,
	siteId: string,
	limit = 50
): Promise<ImportHistoryEntry[]> {
	const rows = await db
		.selectFrom('imports')
		.select([
			'id',
			'kind',
			'file_name',
			'created_at',
			'actor_type',
			'actor_id',
			'day_from',
			'day_to',
			'counts'
		])
		.where('site_id', '=', siteId)
		.orderBy('created_at', 'desc')
		.limit(limit)
		.execute();
	return rows.map((row) => ({
		id: row.id,
		kind: row.kind,
		fileName: row.file_name,
		createdAt: Number(row.created_at),
		actorType: row.actor_type,
		actorId: row.actor_id,
		days: row.day_from && row.day_to ? { from: row.day_from, to: row.day_to } : null,
		counts: JSON.parse(row.counts) as ImportHistoryEntry['counts']
	}));
}
