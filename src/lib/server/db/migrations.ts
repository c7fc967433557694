import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect } from './dialect';
import { changeRequests } from './migration-005';
import { throttles } from './migration-006';
import { kioskAnalytics } from './migration-007';
import { sessionActivity } from './migration-008';
import { deviceTokenRotation } from './migration-009';
import { scheduleImports } from './migration-010';
import { adminSite } from './migration-011';
import { deskDay } from './migration-012';

/**
 * Migrations live in code so the built server carries them. Each one must run unchanged on
 * SQLite and PostgreSQL; where the two differ (auto ids, big integers) `dialect` decides.
 */
function migrations(dialect: Dialect): Record<string, Migration> {
	// Epoch milliseconds overflow a 32-bit integer: PostgreSQL needs bigint, SQLite's integer is 64-bit.
	const ms = dialect === 'postgres' ? 'bigint' : 'integer';
	const autoId = (name: string) =>
		dialect === 'postgres'
			? sql`${sql.ref(name)} bigserial primary key`
			: sql`${sql.ref(name)} integer primary key autoincrement`;

	return {
		'001_initial': {
			async up(db: Kysely<unknown>) {
				await db.schema
					.createTable('providers')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('site_id', 'text', (c) => c.notNull())
					.addColumn('name', 'text', (c) => c.notNull())
					.addColumn('ticket_prefix', 'text', (c) => c.notNull())
					.execute();
				await db.schema
					.createTable('rooms')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('site_id', 'text', (c) => c.notNull())
					.addColumn('name', 'text', (c) => c.notNull())
					.execute();
				await db.schema
					.createTable('patients')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('site_id', 'text', (c) => c.notNull())
					.addColumn('first_name', 'text', (c) => c.notNull())
					.addColumn('last_name', 'text', (c) => c.notNull())
					.addColumn('dob', 'text', (c) => c.notNull())
					.addColumn('phone', 'text', (c) => c.notNull())
					.addColumn('email', 'text', (c) => c.notNull())
					.addColumn('address', 'text', (c) => c.notNull())
					.addColumn('preferred_language', 'text', (c) => c.notNull())
					.execute();
				await db.schema
					.createTable('coverages')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
					.addColumn('payer', 'text', (c) => c.notNull())
					.addColumn('member_id', 'text', (c) => c.notNull())
					.addColumn('group_number', 'text', (c) => c.notNull())
					.addColumn('relationship', 'text', (c) => c.notNull())
					.addColumn('copay_cents', 'integer', (c) => c.notNull())
					.addColumn('verified', 'integer', (c) => c.notNull())
					.execute();
				await db.schema
					.createTable('appointments')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('site_id', 'text', (c) => c.notNull())
					.addColumn('site_day', 'text', (c) => c.notNull())
					.addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
					.addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
					.addColumn('starts_at', ms, (c) => c.notNull())
					.addColumn('duration_min', 'integer', (c) => c.notNull())
					.addColumn('visit_type', 'text', (c) => c.notNull())
					.addColumn('status', 'text', (c) => c.notNull())
					.addColumn('roster_key', 'text', (c) => c.notNull())
					.addColumn('ticket_seq', 'integer', (c) => c.notNull())
					.addColumn('updated_at', ms, (c) => c.notNull())
					.execute();
				await db.schema
					.createIndex('appointments_site_day')
					.on('appointments')
					.columns(['site_id', 'site_day'])
					.execute();
				await db.schema
					.createTable('queue_entries')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('site_id', 'text', (c) => c.notNull())
					.addColumn('site_day', 'text', (c) => c.notNull())
					.addColumn('appointment_id', 'text', (c) => c.references('appointments.id'))
					.addColumn('ticket', 'text', (c) => c.notNull())
					.addColumn('provider_id', 'text', (c) => c.notNull())
					.addColumn('slot_at', ms)
					.addColumn('duration_min', 'integer', (c) => c.notNull())
					.addColumn('arrived_at', ms, (c) => c.notNull())
					.addColumn('source', 'text', (c) => c.notNull())
					.addColumn('status', 'text', (c) => c.notNull())
					.addColumn('called_at', ms)
					.addColumn('room_id', 'text')
					.addColumn('in_room_at', ms)
					.addColumn('completed_at', ms)
					.addColumn('created_by_op', 'text')
					.execute();
				// One queue entry per appointment: two kiosks checking in the same patient offline
				// collide here, not in a lookup race.
				await db.schema
					.createIndex('queue_entries_one_per_appointment')
					.on('queue_entries')
					.column('appointment_id')
					.unique()
					.execute();
				await db.schema
					.createIndex('queue_entries_site_day')
					.on('queue_entries')
					.columns(['site_id', 'site_day'])
					.execute();
				await db.schema
					.createTable('ops')
					.addColumn('op_id', 'text', (c) => c.primaryKey())
					.addColumn('device_id', 'text', (c) => c.notNull())
					.addColumn('type', 'text', (c) => c.notNull())
					.addColumn('received_at', ms, (c) => c.notNull())
					.addColumn('outcome', 'text', (c) => c.notNull())
					.addColumn('reason', 'text')
					.addColumn('payload', 'text', (c) => c.notNull())
					.addColumn('resolved_at', ms)
					.addColumn('resolved_by', 'text')
					.execute();
				await sql`create table events (${autoId('id')}, site_id text not null, type text not null, payload text not null, created_at ${sql.raw(ms)} not null)`.execute(
					db
				);
				await db.schema
					.createTable('devices')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('site_id', 'text', (c) => c.notNull())
					.addColumn('kind', 'text', (c) => c.notNull())
					.addColumn('name', 'text', (c) => c.notNull())
					.addColumn('token_hash', 'text', (c) => c.notNull().unique())
					.addColumn('enrolled_at', ms, (c) => c.notNull())
					.addColumn('last_seen_at', ms)
					.addColumn('app_version', 'text')
					.addColumn('pending_count', 'integer', (c) => c.notNull().defaultTo(0))
					.addColumn('oldest_pending_at', ms)
					.addColumn('dead_letters', 'integer', (c) => c.notNull().defaultTo(0))
					.addColumn('storage_persisted', 'integer')
					.addColumn('revoked_at', ms)
					.execute();
				await db.schema
					.createTable('pairing_codes')
					.addColumn('code_hash', 'text', (c) => c.primaryKey())
					.addColumn('site_id', 'text', (c) => c.notNull())
					.addColumn('kind', 'text', (c) => c.notNull())
					.addColumn('name', 'text', (c) => c.notNull())
					.addColumn('expires_at', ms, (c) => c.notNull())
					.addColumn('used_at', ms)
					.addColumn('created_by', 'text', (c) => c.notNull())
					.execute();
				await db.schema
					.createTable('staff_users')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('username', 'text', (c) => c.notNull().unique())
					.addColumn('display_name', 'text', (c) => c.notNull())
					.addColumn('password_hash', 'text', (c) => c.notNull())
					.addColumn('role', 'text', (c) => c.notNull())
					.addColumn('site_id', 'text', (c) => c.notNull())
					.execute();
				await db.schema
					.createTable('sessions')
					.addColumn('id_hash', 'text', (c) => c.primaryKey())
					.addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id'))
					.addColumn('created_at', ms, (c) => c.notNull())
					.addColumn('expires_at', ms, (c) => c.notNull())
					.execute();
				await sql`create table audit_log (${autoId('id')}, at ${sql.raw(ms)} not null, actor_type text not null, actor_id text not null, patient_id text, action text not null, detail text not null, ip text)`.execute(
					db
				);
				await db.schema
					.createTable('help_requests')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('site_id', 'text', (c) => c.notNull())
					.addColumn('device_id', 'text')
					.addColumn('appointment_id', 'text')
					.addColumn('reason', 'text', (c) => c.notNull())
					.addColumn('created_at', ms, (c) => c.notNull())
					.addColumn('resolved_at', ms)
					.addColumn('resolved_by', 'text')
					.execute();
				await db.schema
					.createTable('signing_keys')
					.addColumn('kid', 'text', (c) => c.primaryKey())
					.addColumn('private_jwk', 'text', (c) => c.notNull())
					.addColumn('public_jwk', 'text', (c) => c.notNull())
					.addColumn('created_at', ms, (c) => c.notNull())
					.addColumn('retired_at', ms)
					.execute();
				await db.schema
					.createTable('site_days')
					.addColumn('site_id', 'text', (c) => c.notNull())
					.addColumn('site_day', 'text', (c) => c.notNull())
					.addColumn('lookup_salt', 'text', (c) => c.notNull())
					.addPrimaryKeyConstraint('site_days_pk', ['site_id', 'site_day'])
					.execute();
			}
		},
		'002_ops_by_device': {
			async up(db: Kysely<unknown>) {
				// The sync endpoint asks, on every request, which of a device's refused ops staff resolved.
				await db.schema
					.createIndex('ops_device_resolved')
					.on('ops')
					.columns(['device_id', 'resolved_at'])
					.execute();
			}
		},
		'003_device_paired_by': {
			async up(db: Kysely<unknown>) {
				// Reception's device list says whose code paired each device.
				await db.schema.alterTable('devices').addColumn('paired_by', 'text').execute();
			}
		},
		'004_dob_failures': {
			async up(db: Kysely<unknown>) {
				// The five-wrong-birth-dates lock is kept per appointment on the server, so every kiosk
				// and both ways in (scan and look-up) honour it.
				await db.schema
					.alterTable('appointments')
					.addColumn('dob_failures', 'integer', (c) => c.notNull().defaultTo(0))
					.execute();
			}
		},
		'005_change_requests': changeRequests(dialect),
		'006_throttles': throttles(dialect),
		'007_kiosk_analytics': kioskAnalytics(dialect),
		'008_session_activity': sessionActivity(dialect),
		'009_device_token_rotation': deviceTokenRotation(dialect),
		'010_schedule_imports': scheduleImports(dialect),
		'011_admin_site': adminSite(dialect),
		'012_desk_day': deskDay(dialect)
	};
}

class InlineProvider implements MigrationProvider {
	constructor(private readonly dialect: Dialect) {}
	async getMigrations(): Promise<Record<string, Migration>> {
		return migrations(this.dialect);
	}
}

export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
	const migrator = new Migrator({ db, provider: new InlineProvider(dialect) });
	const { error, results } = await migrator.migrateToLatest();
	for (const r of results ?? []) {
		if (r.status === 'Error') console.error(`migration ${r.migrationName} failed`);
	}
	if (error) throw error instanceof Error ? error : new Error(String(error));
}
