import type { App } from './app';
import type { Device } from './devices';
import type { EncryptedRosterEntry, RosterBundle, RosterRecord } from '$lib/roster/roster-types';
import type { QueueStatus } from '$lib/queue/types';
import {
	deriveLookup,
	encryptRecord,
	newLookupSalt,
	type RosterLookup
} from '$lib/roster/roster-crypto';
import { siteDay } from '$lib/site-time';
import { audit } from './audit';
import { ticketCode } from '$lib/queue/ticket';

interface Cached {
	/** The record the entry was built from: any change to it (a call, an accepted edit) rebuilds it. */
	stamp: string;
	entry: EncryptedRosterEntry;
}

/**
 * PBKDF2 results by name + birth date + salt. A check-in changes its appointment's status, so its
 * entry is encrypted again; the slow key derivation must not run again with it.
 */
const lookupKeys = new Map<string, Promise<RosterLookup>>();

function lookupKey(lastName: string, dob: string, salt: string, iterations: number) {
	const id = `${salt}|${iterations}|${lastName}|${dob}`;
	let key = lookupKeys.get(id);
	if (!key) {
		if (lookupKeys.size > 20_000) lookupKeys.clear();
		key = deriveLookup(lastName, dob, salt, iterations);
		lookupKeys.set(id, key);
		key.catch(() => lookupKeys.delete(id));
	}
	return key;
}

/** Encrypted entries by site day and appointment: PBKDF2 is slow on purpose, so each entry is built once. */
const cache = new Map<string, Map<string, Cached>>();

async function lookupSalt(app: App, siteId: string, day: string): Promise<string> {
	const existing = await app.db
		.selectFrom('site_days')
		.select('lookup_salt')
		.where('site_id', '=', siteId)
		.where('site_day', '=', day)
		.executeTakeFirst();
	if (existing) return existing.lookup_salt;
	await app.db
		.insertInto('site_days')
		.values({ site_id: siteId, site_day: day, lookup_salt: newLookupSalt() })
		.onConflict((oc) => oc.columns(['site_id', 'site_day']).doNothing())
		.execute();
	return lookupSalt(app, siteId, day);
}

function maskMemberId(memberId: string): string {
	return memberId.length <= 4 ? memberId : '•'.repeat(memberId.length - 4) + memberId.slice(-4);
}

/**
 * Today's roster for a kiosk: every appointment encrypted twice (DESIGN §5). The server never
 * sends a readable name, date of birth or address to a kiosk outside these envelopes.
 */
export async function buildRoster(
	app: App,
	device: Device,
	now = Date.now()
): Promise<RosterBundle> {
	const config = app.sites.get(device.siteId);
	if (!config) throw new Error(`no config for site ${device.siteId}`);
	const day = siteDay(config.timezone, now);
	const salt = await lookupSalt(app, config.siteId, day);
	const iterations = config.roster.lookupIterations;
	const rows = await rosterRows(app, config.siteId, day);

	const key = `${config.siteId}|${day}`;
	let dayCache = cache.get(key);
	if (!dayCache) {
		for (const k of cache.keys()) if (k.startsWith(`${config.siteId}|`)) cache.delete(k);
		dayCache = new Map();
		cache.set(key, dayCache);
	}
	// Entries are built concurrently: PBKDF2 runs on libuv's thread pool, not the event loop.
	const entries = await Promise.all(
		rows.map(async (row): Promise<EncryptedRosterEntry> => {
			const hit = dayCache.get(row.id);
			const record = toRecord(row, config.siteId, day);
			// The whole record, not just the appointment's timestamps: an accepted change to the
			// patient's details or coverage, or a change request arriving, must reach kiosks too.
			const stamp = JSON.stringify(record);
			if (hit && hit.stamp === stamp) return hit.entry;
			const lookup = await lookupKey(row.last_name, row.dob, salt, iterations);
			const entry = await encryptRecord(record, row.roster_key, lookup, row.id);
			dayCache?.set(row.id, { stamp, entry });
			return entry;
		})
	);
	await audit(app.db, { type: 'device', id: device.id }, 'roster.download', null, {
		siteDay: day,
		appointments: entries.length
	});
	return {
		siteId: config.siteId,
		siteDay: day,
		lookupSalt: salt,
		lookupIterations: iterations,
		issuedAt: now,
		entries
	};
}

function rosterRows(app: App, siteId: string, day: string) {
	return (
		app.db
			.selectFrom('appointments as a')
			.innerJoin('patients as p', 'p.id', 'a.patient_id')
			.innerJoin('providers as pr', 'pr.id', 'a.provider_id')
			.leftJoin('coverages as c', (join) =>
				join.onRef('c.patient_id', '=', 'p.id').on('c.ended_at', 'is', null)
			)
			.leftJoin('queue_entries as q', 'q.appointment_id', 'a.id')
			.leftJoin('rooms as r', 'r.id', 'q.room_id')
			.select([
				'a.id',
				'a.starts_at',
				'a.duration_min',
				'a.status',
				'a.roster_key',
				'a.ticket_seq',
				'a.updated_at',
				'a.dob_failures',
				'q.ticket as queue_ticket',
				'q.status as queue_status',
				'r.name as room_name',
				'a.provider_id',
				'pr.name as provider_name',
				'pr.ticket_prefix',
				'p.first_name',
				'p.last_name',
				'p.dob',
				'p.phone',
				'p.email',
				'p.address',
				'p.city',
				'p.region',
				'p.postal_code',
				'p.emergency_name',
				'p.emergency_relationship',
				'p.emergency_phone',
				'p.preferred_language',
				'c.holder_name',
				(eb) =>
					eb
						.exists(
							eb
								.selectFrom('change_requests as cr')
								.select('cr.id')
								.whereRef('cr.patient_id', '=', 'p.id')
								.where('cr.status', '=', 'pending')
						)
						.as('changes_pending'),
				'c.payer',
				'c.member_id',
				'c.group_number',
				'c.relationship',
				'c.copay_cents',
				'c.verified'
			])
			.where('a.site_id', '=', siteId)
			.where('a.site_day', '=', day)
			// Cancelled visits stay in: the kiosk tells such a patient plainly instead of "not found".
			.orderBy('a.starts_at')
			.execute()
	);
}

type RosterRow = Awaited<ReturnType<typeof rosterRows>>[number];

function toRecord(row: RosterRow, siteId: string, day: string): RosterRecord {
	return {
		appointmentId: row.id,
		siteId: siteId,
		siteDay: day,
		ticket: ticketCode(row.ticket_prefix, row.ticket_seq),
		providerId: row.provider_id,
		providerName: row.provider_name,
		slotAt: row.starts_at,
		durationMin: row.duration_min,
		status: row.status,
		queue:
			row.queue_ticket === null
				? null
				: {
						ticket: row.queue_ticket,
						status: row.queue_status as QueueStatus,
						roomName: row.room_name
					},
		dobFailures: row.dob_failures,
		changesPending: Boolean(row.changes_pending),
		patient: {
			firstName: row.first_name,
			lastName: row.last_name,
			dob: row.dob,
			phone: row.phone,
			email: row.email,
			address: row.address,
			preferredLanguage: row.preferred_language,
			city: row.city,
			region: row.region,
			postalCode: row.postal_code,
			emergencyName: row.emergency_name,
			emergencyRelationship: row.emergency_relationship,
			emergencyPhone: row.emergency_phone
		},
		coverage:
			row.payer === null
				? null
				: {
						payer: row.payer,
						memberIdMasked: maskMemberId(row.member_id ?? ''),
						groupNumber: row.group_number ?? '',
						relationship: row.relationship ?? 'self',
						copayCents: row.copay_cents ?? 0,
						verified: row.verified === 1,
						holderName: row.holder_name ?? ''
					}
	};
}
