// The e2e server's SQLite file, for what no screen can do: age a pairing code past its lifetime
// (waiting 15 real minutes is not a test) and read rows that prove what was recorded.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { testTmpDir } from './fixtures';

function databasePath(): string {
	const port = Number(process.env.E2E_PORT ?? 4173);
	const info = JSON.parse(readFileSync(join(testTmpDir, `e2e-server-${port}.json`), 'utf8')) as {
		databasePath: string;
	};
	return info.databasePath;
}

function withDb<T>(use: (db: Database.Database) => T): T {
	const db = new Database(databasePath());
	db.pragma('busy_timeout = 5000');
	try {
		return use(db);
	} finally {
		db.close();
	}
}

/** Moves a pairing code's expiry into the past, as if its 15 minutes had gone by. */
export function agePairingCodePastExpiry(code: string): void {
	const hash = createHash('sha256').update(code).digest('base64url');
	const changed = withDb(
		(db) =>
			db
				.prepare('update pairing_codes set expires_at = ? where code_hash = ?')
				.run(Date.now() - 1000, hash).changes
	);
	if (changed !== 1) throw new Error(`no pairing code ${code} in the e2e database`);
}

/** The audit rows of one action, newest first (detail parsed). */
export function auditRows(action: string): { actorId: string; detail: Record<string, unknown> }[] {
	return withDb((db) =>
		(
			db
				.prepare(
					'select actor_id, detail from audit_log where action = ? order by id desc limit 50'
				)
				.all(action) as { actor_id: string; detail: string }[]
		).map((r) => ({ actorId: r.actor_id, detail: JSON.parse(r.detail) as Record<string, unknown> }))
	);
}

/** Each patient's preferred language (seeding: which patients the kiosk will greet in Spanish). */
export function patientLanguages(patientIds: string[]): Map<string, string> {
	if (patientIds.length === 0) return new Map();
	return withDb((db) => {
		const rows = db
			.prepare(
				`select id, preferred_language from patients where id in (${patientIds.map(() => '?').join(',')})`
			)
			.all(...patientIds) as { id: string; preferred_language: string }[];
		return new Map(rows.map((r) => [r.id, r.preferred_language]));
	});
}

export interface RecordedChange {
	id: string;
	status: string;
	insurance: string;
	photosExpected: number;
	fields: { field: string; old: string; new: string }[];
	images: { side: string; mime: string; size: number; bytes: Buffer }[];
}

/**
 * What the server recorded for one appointment's changes (proving exactly-once means counting
 * rows no screen shows): each change request with its fields and card images.
 */
export function changesFor(appointmentId: string): RecordedChange[] {
	return withDb((db) => {
		const requests = db
			.prepare(
				'select id, status, insurance, photos_expected from change_requests where appointment_id = ? order by id'
			)
			.all(appointmentId) as {
			id: string;
			status: string;
			insurance: string;
			photos_expected: number;
		}[];
		return requests.map((r) => ({
			id: r.id,
			status: r.status,
			insurance: r.insurance,
			photosExpected: r.photos_expected,
			fields: (
				db
					.prepare(
						'select field, old_value, new_value from change_fields where change_id = ? order by field'
					)
					.all(r.id) as { field: string; old_value: string; new_value: string }[]
			).map((f) => ({ field: f.field, old: f.old_value, new: f.new_value })),
			images: db
				.prepare(
					'select side, mime, size, bytes from card_images where change_id = ? order by side'
				)
				.all(r.id) as { side: string; mime: string; size: number; bytes: Buffer }[]
		}));
	});
}

/** Queue entries (check-ins) of one appointment. */
export function checkInsFor(appointmentId: string): number {
	return withDb(
		(db) =>
			(
				db
					.prepare('select count(*) as n from queue_entries where appointment_id = ?')
					.get(appointmentId) as { n: number }
			).n
	);
}

/** A patient's current coverage (seeding: a patient with insurance and a copay), or null. */
export function coverageOf(patientId: string): { payer: string; copayCents: number } | null {
	return withDb((db) => {
		const row = db
			.prepare('select payer, copay_cents from coverages where patient_id = ? and ended_at is null')
			.get(patientId) as { payer: string; copay_cents: number } | undefined;
		return row ? { payer: row.payer, copayCents: row.copay_cents } : null;
	});
}

interface KioskVisitRow {
	id: string;
	site_id: string;
	device_id: string;
	slot: number;
	language: string;
	method: string | null;
	outcome: string;
	ended_on: string;
	scan_attempts: number;
	fell_back: number;
}

/** The visit-steps rows one kiosk sent (steps and help parsed). */
export function kioskVisitsOf(deviceId: string) {
	return withDb((db) =>
		(
			db
				.prepare('select * from kiosk_visits where device_id = ? order by id')
				.all(deviceId) as (KioskVisitRow & { steps: string; help: string })[]
		).map((r) => ({
			...r,
			steps: JSON.parse(r.steps) as { screen: string; ms: number }[],
			help: JSON.parse(r.help) as string[]
		}))
	);
}

/**
 * The feedback rows one kiosk sent. `kiosk_feedback` keeps no device: the sending device is known
 * only from the ops log, which the sync endpoint keeps for replays (with the hour it came in).
 */
export function feedbackSentBy(deviceId: string) {
	return withDb((db) => {
		const ops = db
			.prepare("select op_id, received_at from ops where device_id = ? and type = 'feedback'")
			.all(deviceId) as { op_id: string; received_at: number }[];
		return ops.map((op) => ({
			receivedAt: op.received_at,
			row: db.prepare('select * from kiosk_feedback where id = ?').get(op.op_id) as
				Record<string, unknown> | undefined
		}));
	});
}

/** The device events (migration 007) of the device reception named `deviceName`, oldest first. */
export function deviceEvents(deviceName: string): Record<string, unknown>[] {
	return withDb(
		(db) =>
			db
				.prepare(
					`select e.* from device_events e join devices d on d.id = e.device_id
					 where d.name = ? order by e.at`
				)
				.all(deviceName) as Record<string, unknown>[]
	);
}
