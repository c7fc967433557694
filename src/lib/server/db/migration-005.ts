import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './dialect';

/** Patients confirm and change their details at the kiosk; staff review every field (issue 9). */
export function changeRequests(dialect: Dialect): Migration {
	const ms = dialect === 'postgres' ? 'bigint' : 'integer';
	return {
		async up(db: Kysely<unknown>) {
			// Patients confirm and change their details at the kiosk; staff review every field.
			for (const column of [
				'city',
				'region',
				'postal_code',
				'emergency_name',
				'emergency_relationship',
				'emergency_phone'
			]) {
				await db.schema
					.alterTable('patients')
					.addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
					.execute();
			}
			for (const column of ['holder_name', 'holder_dob']) {
				await db.schema
					.alterTable('coverages')
					.addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
					.execute();
			}
			// A coverage replaced or ended by an accepted change is kept, with the time it ended.
			await db.schema.alterTable('coverages').addColumn('ended_at', ms).execute();
			await db.schema
				.createTable('intake_keys')
				.addColumn('kid', 'text', (c) => c.primaryKey())
				.addColumn('private_jwk', 'text', (c) => c.notNull())
				.addColumn('public_jwk', 'text', (c) => c.notNull())
				.addColumn('created_at', ms, (c) => c.notNull())
				.addColumn('retired_at', ms)
				.execute();
			await db.schema
				.createTable('change_requests')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('site_id', 'text', (c) => c.notNull())
				.addColumn('site_day', 'text', (c) => c.notNull())
				.addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
				.addColumn('appointment_id', 'text', (c) => c.notNull())
				.addColumn('device_id', 'text', (c) => c.notNull())
				.addColumn('created_at', ms, (c) => c.notNull())
				.addColumn('received_at', ms, (c) => c.notNull())
				.addColumn('contact_changed', 'integer', (c) => c.notNull())
				.addColumn('insurance', 'text', (c) => c.notNull())
				.addColumn('photos_expected', 'integer', (c) => c.notNull())
				.addColumn('status', 'text', (c) => c.notNull())
				.addColumn('refused_reason', 'text')
				.addColumn('reviewed_at', ms)
				.addColumn('reviewed_by', 'text')
				.execute();
			await db.schema
				.createIndex('change_requests_site_status')
				.on('change_requests')
				.columns(['site_id', 'status', 'received_at'])
				.execute();
			await db.schema
				.createIndex('change_requests_patient')
				.on('change_requests')
				.columns(['patient_id'])
				.execute();
			await db.schema
				.createTable('change_fields')
				.addColumn('change_id', 'text', (c) => c.notNull().references('change_requests.id'))
				.addColumn('field', 'text', (c) => c.notNull())
				.addColumn('old_value', 'text', (c) => c.notNull())
				.addColumn('new_value', 'text', (c) => c.notNull())
				.addColumn('decision', 'text', (c) => c.notNull())
				.addColumn('decided_at', ms)
				.addColumn('decided_by', 'text')
				.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
				.addPrimaryKeyConstraint('change_fields_pk', ['change_id', 'field'])
				.execute();
			await db.schema
				.createTable('card_images')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('change_id', 'text', (c) => c.notNull().references('change_requests.id'))
				.addColumn('patient_id', 'text', (c) => c.notNull())
				.addColumn('side', 'text', (c) => c.notNull())
				.addColumn('mime', 'text', (c) => c.notNull())
				.addColumn('bytes', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
				.addColumn('size', 'integer', (c) => c.notNull())
				.addColumn('created_at', ms, (c) => c.notNull())
				.addUniqueConstraint('card_images_change_side', ['change_id', 'side'])
				.execute();
		}
	};
}
