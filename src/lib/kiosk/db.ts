import Dexie, { type EntityTable } from 'dexie';
import type { SyncOp } from '$lib/schemas/sync';
import type { EncryptedRosterEntry } from '$lib/roster/roster-types';

/** An op waiting to reach the server. The key is the UUIDv7 op id, so key order is send order. */
export type OutboxOp = SyncOp & {
	attempts: number;
	lastError: string | null;
	lastTriedAt: number | null;
	/**
	 * Not sent before this instant: an anonymous op (feedback, visit steps) waits for the end of
	 * its hour, so the moment it reaches the server cannot be matched to a check-in.
	 */
	notBefore?: number;
};

/** An op the server refused. It stays here, and on the server's list, until staff resolve it. */
export interface DeadLetter {
	id: string;
	op: SyncOp;
	reason: string;
	at: number;
}

export interface StoredRosterEntry extends EncryptedRosterEntry {
	siteDay: string;
}

export interface MetaRow {
	key: string;
	value: unknown;
}

/** Wrong date-of-birth answers per appointment; five lock it at this kiosk. */
export interface DobAttempts {
	appointmentId: string;
	failures: number;
	lockedAt: number | null;
	siteDay: string;
}

export class KioskDb extends Dexie {
	outbox!: EntityTable<OutboxOp, 'id'>;
	deadLetters!: EntityTable<DeadLetter, 'id'>;
	roster!: EntityTable<StoredRosterEntry, 'appointmentId'>;
	meta!: EntityTable<MetaRow, 'key'>;
	dobAttempts!: EntityTable<DobAttempts, 'appointmentId'>;

	constructor(name = 'front-desk-kiosk') {
		// Strict durability: a check-in the patient saw confirmed is on disk, not in a write cache.
		super(name, { chromeTransactionDurability: 'strict' });
		this.version(1).stores({
			outbox: 'id',
			deadLetters: 'id',
			roster: 'appointmentId, byLookup.tag, siteDay',
			meta: 'key',
			dobAttempts: 'appointmentId, siteDay'
		});
		// Held ops (`notBefore`) are indexed so the pending count can leave them out cheaply.
		this.version(2).stores({ outbox: 'id, notBefore' });
	}

	async getMeta<T>(key: string): Promise<T | undefined> {
		return (await this.meta.get(key))?.value as T | undefined;
	}

	async setMeta(key: string, value: unknown): Promise<void> {
		await this.meta.put({ key, value });
	}
}

let instance: KioskDb | null = null;

export function kioskDb(): KioskDb {
	instance ??= new KioskDb();
	return instance;
}
