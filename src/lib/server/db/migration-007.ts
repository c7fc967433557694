import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './dialect';

/**
 * Kiosk mode (issue 10): what patients said about checking in, how visits went through the
 * screens, and errors the kiosk recovered from. None of the three holds anything about a patient:
 * feedback and visit steps keep the hour they happened in, never a finer time, and feedback not
 * even the device.
 */
export function kioskAnalytics(dialect: Dialect): Migration {
	const ms = dialect === 'postgres' ? 'bigint' : 'integer';
	return {
		async up(db: Kysely<unknown>) {
			await db.schema
				.createTable('kiosk_feedback')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('site_id', 'text', (c) => c.notNull())
				.addColumn('slot', ms, (c) => c.notNull())
				.addColumn('language', 'text', (c) => c.notNull())
				.addColumn('method', 'text', (c) => c.notNull())
				.addColumn('score', 'integer', (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('kiosk_feedback_site_slot')
				.on('kiosk_feedback')
				.columns(['site_id', 'slot'])
				.execute();
			await db.schema
				.createTable('kiosk_visits')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('site_id', 'text', (c) => c.notNull())
				.addColumn('device_id', 'text', (c) => c.notNull())
				.addColumn('slot', ms, (c) => c.notNull())
				.addColumn('language', 'text', (c) => c.notNull())
				.addColumn('method', 'text')
				.addColumn('outcome', 'text', (c) => c.notNull())
				.addColumn('ended_on', 'text', (c) => c.notNull())
				.addColumn('steps', 'text', (c) => c.notNull())
				.addColumn('scan_attempts', 'integer', (c) => c.notNull())
				.addColumn('fell_back', 'integer', (c) => c.notNull())
				.addColumn('help', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('kiosk_visits_site_slot')
				.on('kiosk_visits')
				.columns(['site_id', 'slot'])
				.execute();
			await db.schema
				.createTable('device_events')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('site_id', 'text', (c) => c.notNull())
				.addColumn('device_id', 'text', (c) => c.notNull())
				.addColumn('at', ms, (c) => c.notNull())
				.addColumn('kind', 'text', (c) => c.notNull())
				.addColumn('screen', 'text')
				.addColumn('name', 'text')
				.addColumn('app_version', 'text')
				.execute();
			await db.schema
				.createIndex('device_events_device_at')
				.on('device_events')
				.columns(['device_id', 'at'])
				.execute();
		}
	};
}
