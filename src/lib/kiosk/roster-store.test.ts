import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskDb } from './db';
import { RosterError } from '$lib/roster/roster-error';
import { RosterStore } from './roster-store';
import {
	makeRecord,
	rosterServer,
	sealRoster,
	TEST_ITERATIONS
} from '$lib/roster/roster-test-helpers';

const NY = 'America/New_York';
/** 11:00 in New York on 2026-03-14. */
const NOW = Date.UTC(2026, 2, 14, 15, 0);

const philippa = makeRecord('ab12cd');
const twinA = makeRecord('tw1n01', { firstName: 'Ana', lastName: 'García', dob: '2010-05-05' });
const twinB = makeRecord('tw1n02', { firstName: 'Bea', lastName: 'García', dob: '2010-05-05' });
const cancelled = makeRecord('cx99zz', { lastName: 'Okafor' }, { status: 'cancelled' });

let db: KioskDb;

beforeEach(() => {
	db = new KioskDb(`test-${crypto.randomUUID()}`);
});

afterEach(async () => {
	await db.delete();
});

async function loadedStore(records = [philippa, twinA, twinB, cancelled]) {
	const sealed = await sealRoster(records);
	const server = rosterServer(sealed.bundle);
	const store = new RosterStore(db, server.fetch);
	await store.refresh();
	return { store, server, ...sealed };
}

describe('RosterStore.refresh', () => {
	it('stores every entry with its site day and records the roster info', async () => {
		const { store, server, bundle } = await loadedStore();
		expect(server.calls).toEqual(['/api/kiosk/roster']);
		expect(await db.roster.count()).toBe(4);
		const row = await db.roster.get('ab12cd');
		expect(row).toEqual({ ...bundle.entries[0], siteDay: '2026-03-14' });
		expect(await store.info()).toEqual({
			siteDay: '2026-03-14',
			lookupSalt: bundle.lookupSalt,
			lookupIterations: TEST_ITERATIONS,
			issuedAt: bundle.issuedAt,
			count: 4
		});
	});

	it('stores nothing readable: no name, birth date or phone in the rows', async () => {
		await loadedStore();
		const stored = JSON.stringify(await db.roster.toArray());
		for (const secret of ['Brien', 'Philippa', '1984-02-29', '555 0142', 'García', 'Adeyemi']) {
			expect(stored).not.toContain(secret);
		}
	});

	it("replaces yesterday's rows rather than adding to them", async () => {
		const { store, server } = await loadedStore();
		server.bundle = (await sealRoster([twinA])).bundle;
		expect((await store.refresh()).count).toBe(1);
		expect((await db.roster.toArray()).map((r) => r.appointmentId)).toEqual(['tw1n01']);
	});

	it('throws and keeps the stored roster when the server refuses or is unreachable', async () => {
		const { store, server } = await loadedStore();
		server.status = 401;
		await expect(store.refresh()).rejects.toThrow('roster: server answered 401');
		server.bundle = null;
		await expect(store.refresh()).rejects.toThrow();
		expect(await db.roster.count()).toBe(4);
		expect((await store.info())?.count).toBe(4);
	});
});

describe('RosterStore.openWithKey', () => {
	it("opens an appointment's row with the key from its QR", async () => {
		const { store, keys } = await loadedStore();
		await expect(store.openWithKey('ab12cd', keys.get('ab12cd') as string)).resolves.toEqual(
			philippa
		);
	});

	it('returns null for an appointment that is not on the roster', async () => {
		const { store, keys } = await loadedStore();
		await expect(store.openWithKey('zz00zz', keys.get('ab12cd') as string)).resolves.toBeNull();
	});

	it("throws for another appointment's key", async () => {
		const { store, keys } = await loadedStore();
		const error = await store.openWithKey('ab12cd', keys.get('tw1n01') as string).catch((e) => e);
		expect(error).toBeInstanceOf(RosterError);
		expect((error as RosterError).code).toBe('bad-key');
	});
});

describe('RosterStore.lookup', () => {
	it('finds a patient by last name and date of birth however the name is typed', async () => {
		const { store } = await loadedStore();
		for (const typed of ["O'Brien-Smith", 'obrien smith', 'O’BRIEN SMITH', ' OBrienSmith ']) {
			expect(await store.lookup(typed, '1984-02-29'), typed).toEqual([philippa]);
		}
	});

	it('finds both twins who share a last name and birth date', async () => {
		const { store } = await loadedStore();
		const found = await store.lookup('garcia', '2010-05-05');
		expect(found.map((r) => r.patient.firstName).sort()).toEqual(['Ana', 'Bea']);
	});

	it('returns nothing for a wrong date of birth or an unknown name', async () => {
		const { store } = await loadedStore();
		expect(await store.lookup("O'Brien-Smith", '1984-03-01')).toEqual([]);
		expect(await store.lookup('Nobody', '1984-02-29')).toEqual([]);
	});

	it('returns cancelled appointments too, for the caller to filter', async () => {
		const { store } = await loadedStore();
		const [found] = await store.lookup('Okafor', '1984-02-29');
		expect(found.status).toBe('cancelled');
	});

	it('returns nothing when no roster has been downloaded', async () => {
		const store = new RosterStore(db, rosterServer(null).fetch);
		expect(await store.lookup("O'Brien-Smith", '1984-02-29')).toEqual([]);
	});
});

describe('RosterStore.purgeStale', () => {
	it("removes a roster and lockouts from another site day and keeps today's", async () => {
		const sealed = await sealRoster([philippa], { siteDay: '2026-03-13' });
		const store = new RosterStore(db, rosterServer(sealed.bundle).fetch);
		await store.refresh();
		await db.dobAttempts.bulkPut([
			{ appointmentId: 'old001', failures: 5, lockedAt: NOW - 86_400_000, siteDay: '2026-03-13' },
			{ appointmentId: 'ab12cd', failures: 2, lockedAt: null, siteDay: '2026-03-14' }
		]);

		expect(await store.purgeStale(NY, NOW)).toBe(true);
		expect(await db.roster.count()).toBe(0);
		expect(await store.info()).toBeUndefined();
		expect((await db.dobAttempts.toArray()).map((a) => a.appointmentId)).toEqual(['ab12cd']);
	});

	it("keeps today's roster", async () => {
		const { store } = await loadedStore();
		expect(await store.purgeStale(NY, NOW)).toBe(false);
		expect(await db.roster.count()).toBe(4);
		expect((await store.info())?.siteDay).toBe('2026-03-14');
	});

	it("judges the day in the site's time zone, not UTC", async () => {
		const { store } = await loadedStore();
		// 00:30 UTC on the 15th is still the evening of the 14th in New York.
		expect(await store.purgeStale(NY, Date.UTC(2026, 2, 15, 0, 30))).toBe(false);
		expect(await store.purgeStale(NY, Date.UTC(2026, 2, 15, 4, 0))).toBe(true);
	});
});
