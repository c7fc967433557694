/**
 * Test-only: builds real encrypted roster bundles (with the production roster-crypto) and a fake
 * `fetch` that serves them, so roster and flow tests run with no network and no server.
 */
import {
	deriveLookup,
	encryptRecord,
	newLookupSalt,
	newRosterKey
} from '$lib/roster/roster-crypto';
import type { RosterBundle, RosterRecord } from '$lib/roster/roster-types';

/** Low on purpose: the tests check behaviour, not the cost of guessing. */
export const TEST_ITERATIONS = 1000;

export function makeRecord(
	appointmentId: string,
	patient: Partial<RosterRecord['patient']> = {},
	fields: Partial<Omit<RosterRecord, 'patient'>> = {}
): RosterRecord {
	return {
		appointmentId,
		siteId: 'main',
		siteDay: '2026-03-14',
		ticket: 'A-017',
		providerId: 'prov-a',
		providerName: 'Dr. Adeyemi',
		slotAt: Date.UTC(2026, 2, 14, 15, 0),
		durationMin: 20,
		status: 'booked',
		patient: {
			firstName: 'Philippa',
			lastName: "O'Brien-Smith",
			dob: '1984-02-29',
			phone: '+1 415 555 0142',
			email: 'philippa.obrien@example.org',
			address: '1187 Wintergreen Crescent, Apt 4B',
			preferredLanguage: 'en',
			...patient
		},
		coverage: null,
		...fields
	};
}

export interface SealedRoster {
	bundle: RosterBundle;
	/** appointmentId → the rosterKey its QR carries */
	keys: Map<string, string>;
}

export async function sealRoster(
	records: RosterRecord[],
	options: { siteDay?: string; salt?: string; issuedAt?: number } = {}
): Promise<SealedRoster> {
	const salt = options.salt ?? newLookupSalt();
	const keys = new Map<string, string>();
	const entries = await Promise.all(
		records.map(async (record) => {
			const rosterKey = newRosterKey();
			keys.set(record.appointmentId, rosterKey);
			const { lastName, dob } = record.patient;
			const lookup = await deriveLookup(lastName, dob, salt, TEST_ITERATIONS);
			return encryptRecord(record, rosterKey, lookup, record.appointmentId);
		})
	);
	return {
		bundle: {
			siteId: 'main',
			siteDay: options.siteDay ?? '2026-03-14',
			lookupSalt: salt,
			lookupIterations: TEST_ITERATIONS,
			issuedAt: options.issuedAt ?? Date.UTC(2026, 2, 14, 10, 0),
			entries
		},
		keys
	};
}

/** A fake `fetch` for GET /api/kiosk/roster. `bundle`, `status` and `gate` may be changed between calls. */
export function rosterServer(bundle: RosterBundle | null) {
	const server = {
		bundle,
		status: 200,
		calls: [] as string[],
		/** When set, each request waits for it before answering. */
		gate: null as Promise<void> | null,
		fetch: (async (input: RequestInfo | URL) => {
			server.calls.push(String(input));
			if (server.gate) await server.gate;
			if (!server.bundle) throw new TypeError('fetch failed');
			return new Response(JSON.stringify(server.bundle), {
				status: server.status,
				headers: { 'content-type': 'application/json' }
			});
		}) as typeof fetch
	};
	return server;
}
