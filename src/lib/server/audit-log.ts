import type { Kysely } from 'kysely';
import type { App } from './app';
import type { Database } from './db/schema';
import type { StaffUser } from './auth';
import { audit } from './audit';
import { siteDayBounds } from '$lib/site-time';
import type { AuditFilter, AuditRowView } from '$lib/schemas/audit';

/** One page of the audit log, newest first; `before` is the id the next page starts below. */
export interface AuditPage {
	rows: AuditRowView[];
	/** The id to ask for the next (older) page with, or null at the end. */
	next: number | null;
}

export const AUDIT_PAGE_SIZE = 100;
/** An export stops here: a month of a busy clinic, and a file a spreadsheet still opens. */
export const AUDIT_EXPORT_MAX = 100_000;

/**
 * The audit rows of the admin's own site that match the filter. Rows name their site through the
 * actor: staff of the site, devices of the site; system rows (failed sign-ins and pairings, which
 * belong to no one yet) are shown to every admin.
 */
function matching(app: App, admin: StaffUser, filter: AuditFilter) {
	const config = app.sites.get(admin.siteId);
	const timeZone = config?.timezone ?? 'UTC';
	let query = app.db
		.selectFrom('audit_log as l')
		.leftJoin('staff_users as u', (join) =>
			join.onRef('u.id', '=', 'l.actor_id').on('l.actor_type', '=', 'staff')
		)
		.leftJoin('devices as d', (join) =>
			join.onRef('d.id', '=', 'l.actor_id').on('l.actor_type', '=', 'device')
		)
		.where((eb) =>
			eb.or([
				eb('u.site_id', '=', admin.siteId),
				eb('d.site_id', '=', admin.siteId),
				// Failed sign-ins and pairings (no one is known yet), start-up work.
				eb('l.actor_type', '=', 'system')
			])
		);
	if (filter.from) query = query.where('l.at', '>=', siteDayBounds(timeZone, filter.from).start);
	if (filter.to) query = query.where('l.at', '<', siteDayBounds(timeZone, filter.to).end);
	if (filter.action) query = query.where('l.action', '=', filter.action);
	if (filter.patientId) query = query.where('l.patient_id', '=', filter.patientId);
	if (filter.actor) {
		const actor = filter.actor;
		query = query.where((eb) =>
			eb.or([eb('l.actor_id', '=', actor), eb('u.username', '=', actor.toLowerCase())])
		);
	}
	return query;
}

function view(row: {
	id: number | string | bigint;
	at: number | string;
	actor_type: string;
	actor_id: string;
	username: string | null;
	device_name: string | null;
	patient_id: string | null;
	action: string;
	detail: string;
	ip: string | null;
}): AuditRowView {
	return {
		id: Number(row.id),
		at: Number(row.at),
		actorType: row.actor_type as AuditRowView['actorType'],
		actorId: row.actor_id,
		actorName: row.username ?? row.device_name ?? null,
		patientId: row.patient_id,
		action: row.action,
		detail: row.detail,
		ip: row.ip
	};
}

const COLUMNS = [
	'l.id',
	'l.at',
	'l.actor_type',
	'l.actor_id',
	'u.username',
	'd.name as device_name',
	'l.patient_id',
	'l.action',
	'l.detail',
	'l.ip'
] as const;

/** The admin reads the log: that read is itself on the log (with the filter, not the rows). */
export async function auditPage(
	app: App,
	admin: StaffUser,
	filter: AuditFilter,
	before: number | null,
	ip: string | null
): Promise<AuditPage> {
	let query = matching(app, admin, filter).select(COLUMNS);
	if (before !== null) query = query.where('l.id', '<', before);
	const rows = await query
		.orderBy('l.id', 'desc')
		.limit(AUDIT_PAGE_SIZE + 1)
		.execute();
	await audit(app.db, { type: 'staff', id: admin.id, ip }, 'audit.read', null, {
		filter,
		before
	});
	const page = rows.slice(0, AUDIT_PAGE_SIZE).map(view);
	return { rows: page, next: rows.length > AUDIT_PAGE_SIZE ? (page.at(-1)?.id ?? null) : null };
}

/** Every matching row, oldest first, for the CSV export (audited as `audit.export`). */
export async function auditExport(
	app: App,
	admin: StaffUser,
	filter: AuditFilter,
	ip: string | null
): Promise<{ rows: AuditRowView[]; truncated: boolean }> {
	const rows = await matching(app, admin, filter)
		.select(COLUMNS)
		.orderBy('l.id', 'asc')
		.limit(AUDIT_EXPORT_MAX + 1)
		.execute();
	await audit(app.db, { type: 'staff', id: admin.id, ip }, 'audit.export', null, {
		filter,
		rows: Math.min(rows.length, AUDIT_EXPORT_MAX)
	});
	return {
		rows: rows.slice(0, AUDIT_EXPORT_MAX).map(view),
		truncated: rows.length > AUDIT_EXPORT_MAX
	};
}

/** The actions on record, for the filter's list. */
export async function auditActions(db: Kysely<Database>): Promise<string[]> {
	const rows = await db
		.selectFrom('audit_log')
		.select('action')
		.distinct()
		.orderBy('action')
		.execute();
	return rows.map((r) => r.action);
}

/** A cell of the CSV export: quoted, and never read by a spreadsheet as a formula. */
export function csvCell(value: string | number | null): string {
	let text = value === null ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return `"${text.replace(/"/g, '""')}"`;
}
