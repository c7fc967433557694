import type { KioskDb } from './db';
import type { RosterBundle, RosterRecord } from '$lib/roster/roster-types';
import type { Jwks } from '$lib/check-in-token';

export interface RosterInfo {
	siteDay: string;
	lookupSalt: string;
	lookupIterations: number;
	issuedAt: number;
	count: number;
}

/**
 * Today's encrypted roster in IndexedDB. Rows are opened one at a time, only with the patient's
 * own QR key or name + date of birth, and the plaintext never goes back to storage.
 */
export class RosterStore {
	/** Told the signing keys each fresh roster carries (a key rotated in at the server). */
	onKeys: ((jwks: Jwks) => Promise<void>) | null = null;

	constructor(
		private readonly db: KioskDb,
		private readonly fetcher: typeof fetch = (...args) => fetch(...args)
	) {}

	async info(): Promise<RosterInfo | undefined> {
		return this.db.getMeta<RosterInfo>('roster');
	}

	/** Replaces the stored roster with the server's current one. Throws when offline. */
	async refresh(): Promise<RosterInfo> {
		const response = await this.fetcher('/api/kiosk/roster', { credentials: 'same-origin' });
		if (!response.ok) throw new Error(`roster: server answered ${response.status}`);
		const bundle = (await response.json()) as RosterBundle;
		const info: RosterInfo = {
			siteDay: bundle.siteDay,
			lookupSalt: bundle.lookupSalt,
			lookupIterations: bundle.lookupIterations,
			issuedAt: bundle.issuedAt,
			count: bundle.entries.length
		};
		await this.db.transaction('rw', this.db.roster, this.db.meta, async () => {
			await this.db.roster.clear();
			await this.db.roster.bulkPut(bundle.entries.map((e) => ({ ...e, siteDay: bundle.siteDay })));
			await this.db.meta.put({ key: 'roster', value: info });
		});
		if (bundle.jwks && this.onKeys) await this.onKeys(bundle.jwks);
		return info;
	}

	/** Drops a roster (and date-of-birth lockouts) from a day that is over in the site's time zone. */
	async purgeStale(timeZone: string, now = Date.now()): Promise<boolean> {
		const { siteDay } = await import('$lib/site-time');
		const today = siteDay(timeZone, now);
		const info = await this.info();
		await this.db.dobAttempts.where('siteDay').notEqual(today).delete();
		if (!info || info.siteDay === today) return false;
		await this.db.transaction('rw', this.db.roster, this.db.meta, async () => {
			await this.db.roster.clear();
			await this.db.meta.delete('roster');
		});
		return true;
	}

	async openWithKey(appointmentId: string, rosterKey: string): Promise<RosterRecord | null> {
		const entry = await this.db.roster.get(appointmentId);
		if (!entry) return null;
		const { decryptWithRosterKey } = await import('$lib/roster/roster-crypto');
		return decryptWithRosterKey(entry, rosterKey);
	}

	/** Every appointment today for this last name + date of birth (twins give several). */
	async lookup(lastName: string, dob: string): Promise<RosterRecord[]> {
		const info = await this.info();
		if (!info) return [];
		const { decryptWithLookup, deriveLookup } = await import('$lib/roster/roster-crypto');
		const { key, tag } = await deriveLookup(lastName, dob, info.lookupSalt, info.lookupIterations);
		const candidates = await this.db.roster.where('byLookup.tag').equals(tag).toArray();
		return Promise.all(candidates.map((entry) => decryptWithLookup(entry, key)));
	}
}
