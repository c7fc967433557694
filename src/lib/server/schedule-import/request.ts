import type { Actor } from '../audit';
import type { EventWriter } from '../events/write';
import type { SiteConfig } from '$lib/schemas/site-config';
import type { ImportKind, ImportResult } from '$lib/schedule-import/report';
import type { ImportPlan } from './plan';

/** What an import is asked to do, and the report it answers, for CSV files and FHIR Bundles. */

export interface ImportRequest {
	siteId: string;
	fileName: string;
	bytes: Uint8Array;
	dryRun: boolean;
	actor: Actor;
	/** The site's "today", for the birth-date check; tests pass their own. */
	now?: number;
}

export interface ImportApp extends EventWriter {
	sites: Map<string, SiteConfig>;
}

export function importReport(
	plan: ImportPlan,
	file: { kind: ImportKind; fileName: string; hash: string },
	dryRun: boolean,
	importId: string | null
): ImportResult {
	return {
		ok: true,
		kind: file.kind,
		dryRun,
		fileName: file.fileName,
		hash: file.hash,
		days: plan.days,
		counts: plan.counts,
		rows: plan.rows,
		notInFile: plan.notInFile,
		importId
	};
}
