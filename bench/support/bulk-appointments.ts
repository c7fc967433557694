// Adds today's appointments to a seeded database in bulk, straight into SQLite with
// better-sqlite3. The demo seed gives 45 appointments; the throughput and outbox benchmarks
// need thousands of patients to check in. Rows have the shape src/lib/server/db/seed.ts writes.
// Run it while no server has the file open: the server caches nothing about appointments, but
// a stopped server keeps the measurement free of the insert's I/O.
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { siteDay, siteDayBounds } from '../../src/lib/site-time';

export interface AppointmentBatch {
	/** Id prefix, letters only; ids are prefix + a zero-padded number (≤ 16 alphanumerics). */
	prefix: string;
	count: number;
}

export interface SiteRef {
	siteId: string;
	timezone: string;
}

const FIRST = ['Ana', 'Ben', 'Chen', 'Dara', 'Eli', 'Fatou', 'Gus', 'Hana', 'Ivan', 'Jo'];
const LAST = ['Abbott', 'Baker', 'Cruz', 'Diaz', 'Evans', 'Fox', 'Gray', 'Hale', 'Ito', 'Jain'];

/**
 * Inserts `count` patients and appointments per batch for today's site day, spread over the
 * day, round-robin over the site's providers. Ticket numbers start at 100 per provider so they
 * never clash with the demo's (1–15). Returns the new appointment ids per batch prefix.
 */
export function addAppointments(
	databasePath: string,
	site: SiteRef,
	batches: readonly AppointmentBatch[],
	now = Date.now()
): Map<string, string[]> {
	const db = new Database(databasePath);
	try {
		db.pragma('journal_mode = WAL');
		db.pragma('foreign_keys = ON');
		const day = siteDay(site.timezone, now);
		const { start, end } = siteDayBounds(site.timezone, day);
		const providers = db
			.prepare('select id from providers where site_id = ? order by ticket_prefix')
			.all(site.siteId) as { id: string }[];
		if (providers.length === 0) throw new Error(`no providers for site ${site.siteId}`);
		const total = batches.reduce((sum, b) => sum + b.count, 0);
		const insertPatient = db.prepare(
			`insert into patients (id, site_id, first_name, last_name, dob, phone, email, address,
			 preferred_language) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`
		);
		const insertAppointment = db.prepare(
			`insert into appointments (id, site_id, site_day, patient_id, provider_id, starts_at,
			 duration_min, visit_type, status, roster_key, ticket_seq, updated_at)
			 values (?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?, ?)`
		);
		const ids = new Map<string, string[]>();
		let n = 0;
		db.transaction(() => {
			for (const batch of batches) {
				if (!/^[A-Za-z]{1,8}$/.test(batch.prefix)) throw new Error(`bad prefix ${batch.prefix}`);
				const list: string[] = [];
				for (let i = 0; i < batch.count; i++, n++) {
					const id = `${batch.prefix}${String(i).padStart(6, '0')}`;
					const patientId = `bench-${id}`;
					const first = FIRST[n % FIRST.length];
					const last = LAST[Math.floor(n / FIRST.length) % LAST.length];
					insertPatient.run(
						patientId,
						site.siteId,
						first,
						last,
						`19${String(40 + (n % 60)).padStart(2, '0')}-0${1 + (n % 9)}-1${n % 10}`,
						'(555) 010-0000',
						`${first}.${last}@example.org`.toLowerCase(),
						'1 Bench St, Springfield',
						'en'
					);
					// Spread over the site day, 15 minutes before its end at the latest.
					const startsAt = Math.floor(start + ((end - start - 15 * 60_000) * n) / total);
					insertAppointment.run(
						id,
						site.siteId,
						day,
						patientId,
						providers[n % providers.length].id,
						startsAt,
						15,
						'Follow-up',
						// 16 random bytes as base64url: 22 characters, like newRosterKey().
						randomBytes(16).toString('base64url'),
						100 + Math.floor(n / providers.length),
						now
					);
					list.push(id);
				}
				ids.set(batch.prefix, list);
			}
		})();
		return ids;
	} finally {
		db.close();
	}
}
