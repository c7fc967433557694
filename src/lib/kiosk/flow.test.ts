import 'fake-indexeddb/auto';
import { CompactSign, exportJWK, generateKeyPair, type CryptoKey as JoseKey } from 'jose';
import * as v from 'valibot';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Jwks } from '$lib/check-in-token';
import { SiteConfigSchema, publicSiteConfig } from '$lib/schemas/site-config';
import { SyncOp, type OpResult } from '$lib/schemas/sync';
import { KioskDb } from './db';
import { KioskFlow, MAX_DOB_FAILURES, type KioskContext } from './flow.svelte';
import { RosterStore } from './roster-store';
import {
	makeRecord,
	rosterServer,
	sealRoster,
	type SealedRoster
} from '$lib/roster/roster-test-helpers';
import type { RosterRecord } from '$lib/roster/roster-types';
import type { SyncEngine } from './sync-engine.svelte';

/** 11:00 in New York on 2026-03-14; the site's check-in window is 90 min early, 30 min late. */
const NOW = Date.UTC(2026, 2, 14, 15, 0);
const END_OF_DAY = Math.floor(Date.UTC(2026, 2, 15, 4, 0) / 1000);
const MINUTE = 60_000;

const philippa = makeRecord('ab12cd', {}, { slotAt: NOW + 10 * MINUTE });
const twinA = makeRecord(
	'tw1n01',
	{ firstName: 'Ana', lastName: 'García', dob: '2010-05-05' },
	{ slotAt: NOW + 20 * MINUTE, ticket: 'B-003' }
);
const twinB = makeRecord(
	'tw1n02',
	{ firstName: 'Bea', lastName: 'García', dob: '2010-05-05' },
	{ slotAt: NOW + 20 * MINUTE, ticket: 'B-004' }
);
const late = makeRecord('la7e01', { lastName: 'Late' }, { slotAt: NOW - 60 * MINUTE });
const early = makeRecord('ear1y1', { lastName: 'Early' }, { slotAt: NOW + 3 * 60 * MINUTE });
const cancelled = makeRecord('cx99zz', { lastName: 'Okafor' }, { status: 'cancelled' });
const called = makeRecord(
	'ca11ed',
	{ lastName: 'Called' },
	{
		slotAt: NOW,
		status: 'called',
		queue: { ticket: 'A-017', status: 'called', roomName: 'Room 3' }
	}
);
const waiting = makeRecord(
	'wa1t01',
	{ lastName: 'Waiting' },
	{ slotAt: NOW, status: 'arrived', queue: { ticket: 'C-004', status: 'waiting', roomName: null } }
);
const done = makeRecord('d0ne01', { lastName: 'Done' }, { slotAt: NOW, status: 'completed' });
const lockedElsewhere = makeRecord('l0ck01', { lastName: 'Locked' }, { dobFailures: 5 });
const twoWrongElsewhere = makeRecord('tw0w01', { lastName: 'Twice' }, { dobFailures: 2 });

let signingKey: JoseKey;
let context: KioskContext;
let sealed: SealedRoster;

beforeAll(async () => {
	const pair = await generateKeyPair('ES256', { extractable: true });
	signingKey = pair.privateKey;
	const jwks: Jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: '1', alg: 'ES256' }] };
	const site = publicSiteConfig(
		v.parse(SiteConfigSchema, {
			siteId: 'main',
			name: 'Riverside Family Clinic',
			timezone: 'America/New_York',
			languages: ['en', 'es']
		})
	);
	context = { site, jwks, intakeKey: null };
	sealed = await sealRoster([
		philippa,
		twinA,
		twinB,
		late,
		early,
		cancelled,
		called,
		waiting,
		done,
		lockedElsewhere,
		twoWrongElsewhere
	]);
});

/** A check-in QR as the server prints it: `<base>/c/<ES256 compact JWS>`. */
async function qrFor(
	appointmentId: string,
	claims: { site?: string; exp?: number; rk?: string } = {},
	signer: { kid: string; key: JoseKey } = { kid: '1', key: signingKey }
): Promise<string> {
	const payload = {
		sub: appointmentId,
		site: claims.site ?? 'main',
		exp: claims.exp ?? END_OF_DAY,
		rk: claims.rk ?? sealed.keys.get(appointmentId) ?? 'AAAAAAAAAAAAAAAAAAAAAA'
	};
	const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
		.setProtectedHeader({ alg: 'ES256', kid: signer.kid })
		.sign(signer.key);
	return `http://localhost:3000/c/${token}`;
}

/** Stands in for SyncEngine: validates ops with the real schema and records them. */
function fakeSync() {
	const sync = {
		ops: [] as SyncOp[],
		waits: [] as { id: string; timeoutMs: number }[],
		/** What the server "answers" for the next check-in; null = no answer in time. */
		answer: null as Omit<OpResult, 'id'> | null,
		/** What it answers for a wrong birth date. */
		dobAnswer: null as Omit<OpResult, 'id'> | null,
		enqueue: (op: SyncOp) => {
			sync.ops.push(v.parse(SyncOp, op));
			return Promise.resolve();
		},
		waitFor: (id: string, timeoutMs: number) => {
			sync.waits.push({ id, timeoutMs });
			// Answers once the op is in the outbox (enqueue follows waitFor synchronously).
			return Promise.resolve().then(() => {
				const op = sync.ops.find((o) => o.id === id);
				const answer = op?.type === 'dob-failed' ? sync.dobAnswer : sync.answer;
				return answer ? { ...answer, id } : null;
			});
		}
	};
	return sync;
}

let db: KioskDb;
let server: ReturnType<typeof rosterServer>;
let roster: RosterStore;
let sync: ReturnType<typeof fakeSync>;

function newFlow(): KioskFlow {
	return new KioskFlow(
		db,
		roster,
		sync as unknown as SyncEngine,
		() => context,
		() => NOW
	);
}

function helpReasons() {
	return sync.ops.filter((op) => op.type === 'help').map((op) => op.payload);
}

async function scan(flow: KioskFlow, text: string) {
	flow.startScan();
	await flow.scanned(text);
	return flow.screen;
}

async function lookup(flow: KioskFlow, lastName: string, dob: string | null) {
	flow.startLookup();
	await flow.lookup(lastName, dob);
	return flow.screen;
}

beforeEach(async () => {
	db = new KioskDb(`test-${crypto.randomUUID()}`);
	server = rosterServer(sealed.bundle);
	roster = new RosterStore(db, server.fetch);
	await roster.refresh();
	server.calls.length = 0;
	sync = fakeSync();
	vi.stubGlobal('navigator', { onLine: false });
});

afterEach(async () => {
	vi.unstubAllGlobals();
	await db.delete();
});

describe('KioskFlow scanning', () => {
	it('asks for the date of birth after a valid QR', async () => {
		const qr = await qrFor('ab12cd');
		const screen = await scan(newFlow(), qr);
		expect(screen).toEqual({
			name: 'dob',
			record: philippa,
			token: qr.slice('http://localhost:3000/c/'.length),
			failures: 0
		});
		expect(sync.ops).toEqual([]);
	});

	it('goes to the confirmation when the date of birth matches', async () => {
		const flow = newFlow();
		await scan(flow, await qrFor('ab12cd'));
		await flow.confirmDob('1984-02-29');
		expect(flow.screen).toMatchObject({ name: 'confirm', method: 'qr', record: philippa });
	});

	it('locks the appointment after five wrong dates of birth and tells the server each one', async () => {
		const flow = newFlow();
		const qr = await qrFor('ab12cd');
		await scan(flow, qr);
		for (let i = 1; i < MAX_DOB_FAILURES; i++) {
			await flow.confirmDob('1990-01-01');
			expect(flow.screen).toMatchObject({ name: 'dob', failures: i });
		}
		await flow.confirmDob('1990-01-01');
		expect(flow.screen).toEqual({ name: 'locked' });
		// The server counts them across kiosks and raises the help request at the fifth.
		const failed = sync.ops.filter((op) => op.type === 'dob-failed').map((op) => op.payload);
		expect(failed).toEqual(Array(MAX_DOB_FAILURES).fill({ appointmentId: 'ab12cd', at: NOW }));
		expect(helpReasons()).toEqual([]);
		expect(await db.dobAttempts.get('ab12cd')).toEqual({
			appointmentId: 'ab12cd',
			failures: MAX_DOB_FAILURES,
			lockedAt: NOW,
			siteDay: '2026-03-14'
		});

		// The lock outlives this patient's visit: scanning again on a fresh flow stays locked,
		// even with the right date of birth on hand.
		const again = newFlow();
		expect(await scan(again, qr)).toEqual({ name: 'locked' });
		await again.confirmDob('1984-02-29');
		expect(again.screen).toEqual({ name: 'locked' });
	});

	it('carries earlier wrong answers over to the next scan', async () => {
		const qr = await qrFor('ab12cd');
		const first = newFlow();
		await scan(first, qr);
		await first.confirmDob('1990-01-01');
		await first.confirmDob('1990-01-02');
		first.reset();
		expect(await scan(newFlow(), qr)).toMatchObject({ name: 'dob', failures: 2 });
	});

	it('says a code that is not a check-in QR is not ours', async () => {
		const flow = newFlow();
		expect(await scan(flow, 'https://example.com/menu')).toEqual({
			name: 'scan',
			problem: 'not-ours',
			busy: false
		});
		expect(await scan(flow, 'WIFI:S:clinic;T:WPA;P:hunter2;;')).toMatchObject({
			problem: 'not-ours'
		});
	});

	it('says an expired QR has expired', async () => {
		const qr = await qrFor('ab12cd', { exp: Math.floor(NOW / 1000) - 60 });
		expect(await scan(newFlow(), qr)).toMatchObject({ name: 'scan', problem: 'expired' });
	});

	it("says another site's QR belongs elsewhere", async () => {
		const qr = await qrFor('ab12cd', { site: 'north' });
		expect(await scan(newFlow(), qr)).toMatchObject({ name: 'scan', problem: 'other-site' });
	});

	it('offline, with an appointment missing from the roster: not found, and staff are told', async () => {
		const qr = await qrFor('new001', { rk: 'q83vEjRWeJCrze8SNFZ4kA' });
		expect(await scan(newFlow(), qr)).toMatchObject({ name: 'scan', problem: 'not-found' });
		expect(helpReasons()).toEqual([{ reason: 'not-found', appointmentId: 'new001', at: NOW }]);
		expect(server.calls).toEqual([]);
	});

	it('online, fetches a fresh roster once for an appointment booked since the last one', async () => {
		vi.stubGlobal('navigator', { onLine: true });
		const booked = makeRecord('new001', { lastName: 'Newman' }, { slotAt: NOW });
		const fresh = await sealRoster([philippa, booked]);
		server.bundle = fresh.bundle;
		const qr = await qrFor('new001', { rk: fresh.keys.get('new001') });
		expect(await scan(newFlow(), qr)).toMatchObject({ name: 'dob', record: booked });
		expect(server.calls).toEqual(['/api/kiosk/roster']);
	});

	it('reads a letter signed with a key rotated in since the last roster, after one fresh roster', async () => {
		const rotated = await generateKeyPair('ES256', { extractable: true });
		const newKey = { ...(await exportJWK(rotated.publicKey)), kid: '2', alg: 'ES256' };
		const qr = await qrFor('ab12cd', {}, { kid: '2', key: rotated.privateKey });
		// Offline, the kiosk cannot know the new key: not ours, and nothing fetched.
		expect(await scan(newFlow(), qr)).toMatchObject({ name: 'scan', problem: 'not-ours' });
		expect(server.calls).toEqual([]);

		vi.stubGlobal('navigator', { onLine: true });
		server.bundle = { ...sealed.bundle, jwks: { keys: [...context.jwks.keys, newKey] } };
		const before = context;
		roster.onKeys = (jwks) => {
			context = { ...context, jwks };
			return Promise.resolve();
		};
		try {
			expect(await scan(newFlow(), qr)).toMatchObject({ name: 'dob', record: philippa });
			expect(server.calls).toEqual(['/api/kiosk/roster']);
			// A letter of the old key needs no fetch.
			expect(await scan(newFlow(), await qrFor('ab12cd'))).toMatchObject({ name: 'dob' });
			expect(server.calls).toEqual(['/api/kiosk/roster']);
		} finally {
			context = before;
		}
	});

	it('treats a QR whose key does not open the roster row as not found', async () => {
		const qr = await qrFor('ab12cd', { rk: sealed.keys.get('tw1n01') });
		expect(await scan(newFlow(), qr)).toMatchObject({ problem: 'not-found' });
	});

	it('ignores a second read while the first is being checked', async () => {
		const flow = newFlow();
		flow.startScan();
		await flow.prepare();
		const first = flow.scanned(await qrFor('ab12cd'));
		expect(flow.screen).toMatchObject({ name: 'scan', busy: true });
		await flow.scanned('junk');
		await first;
		expect(flow.screen).toMatchObject({ name: 'dob' });
	});
});

describe('KioskFlow lookup', () => {
	it('goes straight to the confirmation for one match', async () => {
		const screen = await lookup(newFlow(), 'obrien smith', '1984-02-29');
		expect(screen).toEqual({
			name: 'confirm',
			record: philippa,
			method: 'lookup',
			token: null,
			late: false
		});
	});

	it('asks for the first initial when twins match, then shows the chosen one', async () => {
		const flow = newFlow();
		const screen = await lookup(flow, 'Garcia', '2010-05-05');
		expect(screen.name).toBe('initial');
		const candidates = screen.name === 'initial' ? screen.candidates : [];
		expect(candidates.map((c) => c.patient.firstName).sort()).toEqual(['Ana', 'Bea']);
		await flow.chooseCandidate(
			candidates.find((c) => c.patient.firstName === 'Bea') as RosterRecord
		);
		expect(flow.screen).toMatchObject({ name: 'confirm', record: twinB, method: 'lookup' });
	});

	it('says nobody was found for a wrong date of birth', async () => {
		expect(await lookup(newFlow(), "O'Brien-Smith", '1984-03-01')).toMatchObject({
			problem: 'none'
		});
	});

	it('tells a patient plainly that the visit was cancelled, with no "check me in"', async () => {
		expect(await lookup(newFlow(), 'Okafor', '1984-02-29')).toEqual({
			name: 'closed',
			record: cancelled,
			why: 'cancelled'
		});
	});

	it('asks again for a missing name or an impossible date', async () => {
		expect(await lookup(newFlow(), '  ', '1984-02-29')).toMatchObject({ problem: 'last-name' });
		expect(await lookup(newFlow(), 'Smith', null)).toMatchObject({ problem: 'dob-invalid' });
		expect(await lookup(newFlow(), 'Smith', '1983-02-29')).toMatchObject({
			problem: 'dob-invalid'
		});
	});

	it('says the roster is missing when there is none and none can be fetched', async () => {
		await db.roster.clear();
		await db.meta.clear();
		server.bundle = null;
		expect(await lookup(newFlow(), 'Smith', '1984-02-29')).toMatchObject({
			problem: 'no-roster'
		});
	});
});

describe('KioskFlow check-in window', () => {
	it('too late: checks the patient in all the same, flagged late on the ticket', async () => {
		const flow = newFlow();
		expect(await lookup(flow, 'Late', '1984-02-29')).toMatchObject({
			name: 'confirm',
			record: late,
			late: true
		});
		await flow.checkIn();
		expect(sync.ops.map((op) => op.type)).toEqual(['checkin']);
		expect(flow.screen).toMatchObject({ name: 'ticket', ticket: { late: true } });
	});

	it('too early: "check in anyway" goes on to the details, without calling staff', async () => {
		const flow = newFlow();
		expect(await lookup(flow, 'Early', '1984-02-29')).toEqual({
			name: 'too-early',
			record: early,
			method: 'lookup',
			token: null
		});
		await flow.checkInEarly();
		expect(flow.screen).toMatchObject({ name: 'confirm', record: early, late: false });
		await flow.checkIn();
		expect(sync.ops.map((op) => op.type)).toEqual(['checkin']);
	});

	it('too early: "tell the front desk" tells them why', async () => {
		const flow = newFlow();
		await lookup(flow, 'Early', '1984-02-29');
		await flow.tellDeskEarly();
		expect(flow.screen).toEqual({ name: 'help' });
		expect(helpReasons()).toEqual([{ reason: 'too-early', appointmentId: 'ear1y1', at: NOW }]);
	});
});

describe('KioskFlow.checkIn', () => {
	it('writes a QR check-in to the outbox and shows the ticket with the server answer', async () => {
		sync.answer = { outcome: 'applied', ticket: 'A-021', position: 4, waitMin: 12 };
		const flow = newFlow();
		const qr = await qrFor('ab12cd');
		await scan(flow, qr);
		await flow.confirmDob('1984-02-29');
		await flow.checkIn();

		expect(sync.ops).toHaveLength(1);
		const [op] = sync.ops;
		expect(op).toMatchObject({
			type: 'checkin',
			createdAt: NOW,
			payload: {
				appointmentId: 'ab12cd',
				method: 'qr',
				token: qr.slice('http://localhost:3000/c/'.length),
				arrivedAt: NOW
			}
		});
		expect(sync.waits.map((w) => w.id)).toEqual([op.id]);
		expect(flow.screen).toEqual({
			name: 'ticket',
			ticket: {
				ticket: 'A-021',
				firstName: 'Philippa',
				providerName: 'Dr. Adeyemi',
				slotAt: philippa.slotAt,
				position: 4,
				waitMin: 12,
				late: false,
				changesSent: false
			}
		});
		// A fresh roster, so this kiosk itself knows next time that the patient is checked in.
		await vi.waitFor(() => expect(server.calls).toEqual(['/api/kiosk/roster']));
	});

	it('shows a provisional ticket when the server does not answer in time', async () => {
		const flow = newFlow();
		await lookup(flow, 'obrien smith', '1984-02-29');
		await flow.checkIn();
		expect(sync.ops[0]).toMatchObject({
			type: 'checkin',
			payload: { appointmentId: 'ab12cd', method: 'lookup', arrivedAt: NOW }
		});
		expect(sync.ops[0].payload).not.toHaveProperty('token');
		expect(flow.screen).toEqual({
			name: 'ticket',
			ticket: {
				ticket: philippa.ticket,
				firstName: 'Philippa',
				providerName: 'Dr. Adeyemi',
				slotAt: philippa.slotAt,
				position: null,
				waitMin: null,
				late: false,
				changesSent: false
			}
		});
		expect(server.calls).toEqual([]);
	});

	it('shows the rejected screen and tells staff when the server refuses', async () => {
		sync.answer = { outcome: 'rejected', reason: 'appointment-cancelled' };
		const flow = newFlow();
		await lookup(flow, 'obrien smith', '1984-02-29');
		await flow.checkIn();
		expect(flow.screen).toEqual({ name: 'rejected' });
		expect(helpReasons()).toEqual([
			{ reason: 'cannot-check-in', appointmentId: 'ab12cd', at: NOW }
		]);
	});

	it('does nothing unless the confirmation is showing', async () => {
		const flow = newFlow();
		await flow.checkIn();
		expect(sync.ops).toEqual([]);
		expect(flow.screen).toEqual({ name: 'welcome' });
	});
});

describe('KioskFlow help and reset', () => {
	it('asks for help with or without an appointment in hand', async () => {
		const flow = newFlow();
		await flow.askForHelp();
		await lookup(flow, 'obrien smith', '1984-02-29');
		await flow.askForHelp();
		expect(flow.screen).toEqual({ name: 'help' });
		expect(helpReasons()).toEqual([
			{ reason: 'asked', appointmentId: null, at: NOW },
			{ reason: 'asked', appointmentId: 'ab12cd', at: NOW }
		]);
	});

	it('forgets the patient on reset', async () => {
		const flow = newFlow();
		await lookup(flow, 'obrien smith', '1984-02-29');
		expect(flow.screen.name).toBe('confirm');
		flow.reset();
		expect(flow.screen).toEqual({ name: 'welcome' });
		expect(JSON.stringify(flow.screen)).not.toContain('Philippa');
		// A stale confirmation after the reset cannot bring the record back.
		await flow.confirmDob('1984-02-29');
		await flow.checkIn();
		expect(flow.screen).toEqual({ name: 'welcome' });
		expect(sync.ops).toEqual([]);
	});

	it('stays on welcome when a reset comes while a QR is still being checked', async () => {
		vi.stubGlobal('navigator', { onLine: true });
		const booked = makeRecord('new001', { lastName: 'Newman' }, { slotAt: NOW });
		const fresh = await sealRoster([booked]);
		let release!: () => void;
		server.gate = new Promise<void>((resolve) => (release = resolve));
		server.bundle = fresh.bundle;
		const flow = newFlow();
		flow.startScan();
		const scanning = flow.scanned(await qrFor('new001', { rk: fresh.keys.get('new001') }));
		await vi.waitFor(() => expect(server.calls).toHaveLength(1));
		// The patient walks away (idle timeout) while the roster download is slow.
		flow.reset();
		release();
		await scanning;
		expect(flow.screen).toEqual({ name: 'welcome' });
	});

	it('stays on welcome when a reset comes while a date-of-birth answer is being saved', async () => {
		const flow = newFlow();
		await scan(flow, await qrFor('ab12cd'));
		const answering = flow.confirmDob('1990-01-01');
		flow.reset();
		await answering;
		expect(flow.screen).toEqual({ name: 'welcome' });
		// The wrong answer still counts towards the lock.
		expect((await db.dobAttempts.get('ab12cd'))?.failures).toBe(1);
	});

	it('stays on welcome when a reset comes while a lookup is running', async () => {
		const flow = newFlow();
		flow.startLookup();
		const looking = flow.lookup('obrien smith', '1984-02-29');
		flow.reset();
		await looking;
		expect(flow.screen).toEqual({ name: 'welcome' });
	});
});

describe('KioskFlow: already checked in, visit over, locked elsewhere', () => {
	it('tells a called patient their ticket and room, and offers no check-in', async () => {
		const flow = newFlow();
		await scan(flow, await qrFor('ca11ed'));
		await flow.confirmDob('1984-02-29');
		expect(flow.screen).toEqual({
			name: 'already',
			where: { ticket: 'A-017', status: 'called', roomName: 'Room 3' }
		});
		await flow.checkIn();
		expect(sync.ops).toEqual([]);
	});

	it('tells a waiting patient their ticket, by look-up too', async () => {
		expect(await lookup(newFlow(), 'Waiting', '1984-02-29')).toEqual({
			name: 'already',
			where: { ticket: 'C-004', status: 'waiting', roomName: null }
		});
	});

	it('says a finished visit is over', async () => {
		expect(await lookup(newFlow(), 'Done', '1984-02-29')).toMatchObject({
			name: 'closed',
			why: 'completed'
		});
	});

	it("shows the server's duplicate answer as already checked in, with the room", async () => {
		// The roster predates a check-in at another kiosk; the server knows better.
		sync.answer = {
			outcome: 'duplicate',
			reason: 'already-checked-in',
			entryId: 'q-ab12cd',
			ticket: 'A-017',
			queueStatus: 'called',
			roomName: 'Room 3'
		};
		const flow = newFlow();
		await lookup(flow, 'obrien smith', '1984-02-29');
		await flow.checkIn();
		expect(flow.screen).toEqual({
			name: 'already',
			where: { ticket: 'A-017', status: 'called', roomName: 'Room 3' }
		});
	});

	it('a lock from another kiosk holds for scan and for look-up', async () => {
		expect(await scan(newFlow(), await qrFor('l0ck01'))).toEqual({ name: 'locked' });
		expect(await lookup(newFlow(), 'Locked', '1984-02-29')).toEqual({ name: 'locked' });
	});

	it('counts wrong dates typed on other kiosks', async () => {
		const flow = newFlow();
		expect(await scan(flow, await qrFor('tw0w01'))).toMatchObject({ name: 'dob', failures: 2 });
		await flow.confirmDob('1990-01-01');
		await flow.confirmDob('1990-01-01');
		expect(flow.screen).toMatchObject({ name: 'dob', failures: 4 });
		await flow.confirmDob('1990-01-01');
		expect(flow.screen).toEqual({ name: 'locked' });
	});

	it("locks as soon as the server's count, from every kiosk, reaches five", async () => {
		sync.dobAnswer = { outcome: 'applied', dobFailures: MAX_DOB_FAILURES };
		const flow = newFlow();
		await scan(flow, await qrFor('ab12cd'));
		await flow.confirmDob('1990-01-01');
		await vi.waitFor(() => expect(flow.screen).toEqual({ name: 'locked' }));
	});

	it('a check-in refused as locked shows the locked screen, not "could not finish"', async () => {
		sync.answer = { outcome: 'rejected', reason: 'dob-locked' };
		const flow = newFlow();
		await lookup(flow, 'obrien smith', '1984-02-29');
		await flow.checkIn();
		expect(flow.screen).toEqual({ name: 'locked' });
		expect(helpReasons()).toEqual([]);
	});
});

describe('KioskFlow: the confirmation screen and the patient’s changes', () => {
	const covered = makeRecord(
		'cov001',
		{ lastName: 'Covered', preferredLanguage: 'es', city: 'Springfield' },
		{
			coverage: {
				payer: 'Aetna',
				memberIdMasked: '••••4410',
				groupNumber: 'G1',
				relationship: 'self',
				copayCents: 2500,
				verified: true
			}
		}
	);
	let intake: Awaited<ReturnType<typeof generateKeyPair>>;
	let coveredRoster: SealedRoster;

	beforeAll(async () => {
		intake = await generateKeyPair('ECDH-ES+A256KW', { extractable: true });
		coveredRoster = await sealRoster([covered, philippa]);
	});

	async function confirmed(options: { intakeKey?: boolean; languages?: string[] } = {}) {
		const spoken: string[] = [];
		server.bundle = coveredRoster.bundle;
		await roster.refresh();
		const flow = new KioskFlow(
			db,
			roster,
			sync as unknown as SyncEngine,
			() => ({
				...context,
				intakeKey: options.intakeKey === false ? null : { kid: 'i1', ...intakePublic },
				preferLanguage: (language) => spoken.push(language)
			}),
			() => NOW
		);
		await lookup(flow, 'Covered', '1984-02-29');
		return { flow, spoken };
	}
	let intakePublic: Awaited<ReturnType<typeof exportJWK>>;
	beforeAll(async () => {
		intakePublic = await exportJWK(intake.publicKey);
	});

	it('shows the confirmation with the edits of this visit, and asks for the patient’s language', async () => {
		const { flow, spoken } = await confirmed();
		expect(flow.screen).toMatchObject({ name: 'confirm', record: covered, method: 'lookup' });
		expect(spoken).toEqual(['es']);
		expect(flow.edits?.contact.city).toBe('Springfield');
		expect(flow.edits?.changed).toBe(false);
	});

	it('moves between the confirmation and its edit screens with the same patient', async () => {
		const { flow } = await confirmed();
		flow.show('insurance');
		expect(flow.screen).toMatchObject({ name: 'insurance', record: covered });
		flow.show('card', 'back');
		expect(flow.screen).toMatchObject({ name: 'card', side: 'back', record: covered });
		flow.show('confirm');
		expect(flow.screen).toMatchObject({ name: 'confirm', record: covered });
		flow.reset();
		flow.show('contact');
		expect(flow.screen).toEqual({ name: 'welcome' });
		expect(flow.edits).toBeNull();
	});

	it('with nothing changed, writes the check-in alone', async () => {
		const { flow } = await confirmed();
		await flow.checkIn();
		expect(sync.ops.map((op) => op.type)).toEqual(['checkin']);
		expect(flow.screen).toMatchObject({ name: 'ticket', ticket: { changesSent: false } });
	});

	it('writes the check-in first, then the sealed changes and each photo as its own op', async () => {
		const { flow } = await confirmed();
		const edits = flow.edits!;
		edits.saveContact({ ...edits.shown, phone: '(415) 555-0187' });
		edits.saveInsurance({
			kind: 'new',
			insurance: {
				payer: 'Cigna',
				memberId: 'ZQX7734190',
				groupNumber: '',
				relationship: 'self',
				holderName: '',
				holderDob: ''
			}
		});
		edits.setPhoto('front', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3])]));
		await flow.checkIn();
		expect(flow.screen).toMatchObject({ name: 'ticket', ticket: { changesSent: true } });
		// The patient walks away at once: what they sent is already taken.
		flow.reset();
		await vi.waitFor(() => expect(sync.ops).toHaveLength(3));
		expect(sync.ops.map((op) => op.type)).toEqual(['checkin', 'changes', 'card-photo']);
		const [, changes, photo] = sync.ops;
		const text = JSON.stringify(sync.ops);
		expect(text).not.toContain('555-0187');
		expect(text).not.toContain('ZQX7734190');
		expect(photo.payload).toMatchObject({ changeId: changes.id, side: 'front' });
		// Opened as the server would: only the changed contact field, the insurance, the photo.
		const { openSealed, sealLabel } = await import('$lib/intake/seal');
		const { compactDecrypt } = await import('jose');
		const unwrap = async (wrapped: string) =>
			(await compactDecrypt(wrapped, intake.privateKey)).plaintext as Uint8Array<ArrayBuffer>;
		if (changes.type !== 'changes' || photo.type !== 'card-photo') throw new Error('op types');
		const plain = await openSealed(changes.payload.sealed, sealLabel('changes', 'cov001'), unwrap);
		expect(JSON.parse(new TextDecoder().decode(plain))).toEqual({
			contact: { phone: '(415) 555-0187' },
			insurance: {
				kind: 'new',
				insurance: {
					payer: 'Cigna',
					memberId: 'ZQX7734190',
					groupNumber: '',
					relationship: 'self',
					holderName: '',
					holderDob: ''
				}
			},
			photos: ['front']
		});
		const bytes = await openSealed(photo.payload.sealed, sealLabel('card-front', 'cov001'), unwrap);
		expect([...bytes]).toEqual([0xff, 0xd8, 0xff, 1, 2, 3]);
	});

	it('tells the desk "details wrong" when the server takes no changes (no intake key)', async () => {
		const { flow } = await confirmed({ intakeKey: false });
		flow.edits!.saveInsurance({ kind: 'none' });
		await flow.checkIn();
		await vi.waitFor(() => expect(helpReasons()).toHaveLength(1));
		expect(sync.ops.map((op) => op.type)).toEqual(['checkin', 'help']);
		expect(helpReasons()).toEqual([{ reason: 'details-wrong', appointmentId: 'cov001', at: NOW }]);
	});
});

describe('KioskFlow screens for step analytics', () => {
	it('tells onScreen of every screen, the brief ones too, as a StepRecorder needs them', async () => {
		const { StepRecorder } = await import('./step-recorder');
		const flow = newFlow();
		const recorder = new StepRecorder();
		const seen: string[] = [];
		flow.onScreen = (screen) => {
			seen.push('busy' in screen && screen.busy ? `${screen.name} (busy)` : screen.name);
			recorder.saw(screen, NOW);
		};
		// Another clinic's code, then the patient looks themselves up instead and checks in.
		await scan(flow, await qrFor('ab12cd', { site: 'elsewhere' }));
		await lookup(flow, 'obrien smith', '1984-02-29');
		await flow.checkIn();
		expect(seen).toEqual([
			'scan',
			'scan (busy)',
			'scan',
			'lookup',
			'lookup (busy)',
			'confirm',
			'checking-in',
			'ticket'
		]);
		expect(recorder.end('done', NOW, 'en')).toMatchObject({
			method: 'lookup',
			outcome: 'checked-in',
			scanAttempts: 1,
			fellBackToLookup: true
		});
	});
});
