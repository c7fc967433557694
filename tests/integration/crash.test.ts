import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { startServer, type TestServer } from './support/server';
import {
	appointments,
	checkInOp,
	helpOp,
	pairAndEnroll,
	snapshot,
	staffLogin,
	syncOps,
	type Appointment,
	type Client
} from './support/clients';
import { count, openReader, type Reader } from './support/db';
import type { SyncOp } from '$lib/schemas/sync';

const BATCH = 100;
/** The outbox goes out in requests of this many ops, as the kiosk sends it. */
const REQUEST = 20;

describe.each(dialects)('kill -9 in the middle of an outbox drain (%s)', (dialect) => {
	let server: TestServer;
	let staff: Client;
	let booked: Appointment[];

	beforeAll(async () => {
		server = await startServer({ db: dialect });
		staff = await staffLogin(server);
		booked = await appointments(staff);
	});

	afterAll(async () => {
		await server?.stop();
	});

	/** Runs `work` with a fresh database connection, closed afterwards (and before any restart). */
	async function withReader<T>(work: (db: Reader) => Promise<T>): Promise<T> {
		const db = openReader(server);
		try {
			return await work(db);
		} finally {
			await db.destroy();
		}
	}

	it('applies every op exactly once after a crash and a full resend', async () => {
		const kiosk = await pairAndEnroll(server, staff, 'kiosk');
		// Every appointment of the day checks in, interleaved with help requests, as a busy
		// morning's outbox would be after the network came back.
		const ops: SyncOp[] = [];
		for (let i = 0; i < BATCH; i++) {
			const appointment = i % 2 === 0 ? booked[i / 2] : undefined;
			ops.push(appointment ? checkInOp(appointment.id) : helpOp('asked'));
		}
		const checkIns = ops.filter((op) => op.type === 'checkin').length;
		const helps = BATCH - checkIns;
		expect(checkIns).toBe(booked.length);

		// The outbox drains in requests of REQUEST ops, one after another. Kill the server as soon
		// as the first request has committed: later requests are in flight or not yet sent.
		const acknowledged = new Set<string>();
		const committedBeforeKill = await withReader(async (db) => {
			let stopped = false;
			const drain = (async () => {
				for (let i = 0; i < ops.length && !stopped; i += REQUEST) {
					const batch = ops.slice(i, i + REQUEST);
					const answer = await syncOps(kiosk.client, batch);
					for (const result of answer.results) acknowledged.add(result.id);
				}
			})().then(
				() => 'drained' as const,
				() => 'cut off' as const
			);
			let finished = false;
			void drain.then(() => (finished = true));
			while (!finished && (await count(db, 'ops')) === 0) {
				await new Promise((resolve) => setTimeout(resolve, 1));
			}
			await server.kill9();
			stopped = true;
			expect(await drain, 'the server died before the outbox was drained').toBe('cut off');
			return count(db, 'ops');
		});
		expect(committedBeforeKill).toBeGreaterThan(0);

		await server.restart();
		await withReader(async (db) => {
			const committed = await db.selectFrom('ops').select(['op_id', 'outcome']).execute();
			// Each request commits whole or not at all, and the kill landed before the end.
			expect(committed.length).toBeGreaterThanOrEqual(committedBeforeKill);
			expect(committed.length % REQUEST).toBe(0);
			expect(committed.length).toBeLessThan(BATCH);
			expect(committed.every((op) => op.outcome === 'applied')).toBe(true);
			const done = new Set(committed.map((op) => op.op_id));
			// Whatever the server acknowledged survived the kill.
			for (const id of acknowledged) expect(done.has(id)).toBe(true);
			const doneCheckIns = ops.filter((op) => op.type === 'checkin' && done.has(op.id)).length;
			expect(await count(db, 'queue_entries')).toBe(doneCheckIns);
			expect(await count(db, 'help_requests')).toBe(committed.length - doneCheckIns);
		});

		const resent = await syncOps(kiosk.client, ops);
		const outcomes = resent.results.map((r) => r.outcome);
		expect(outcomes.every((o) => o === 'applied' || o === 'duplicate')).toBe(true);

		await withReader(async (db) => {
			expect(await count(db, 'ops')).toBe(BATCH);
			expect(await count(db, 'queue_entries')).toBe(checkIns);
			expect(await count(db, 'help_requests')).toBe(helps);
			const outcomesInDb = await db.selectFrom('ops').select('outcome').execute();
			expect(outcomesInDb.every((op) => op.outcome === 'applied')).toBe(true);

			// One event per queue entry and per help request: nothing announced twice.
			const events = await db
				.selectFrom('events')
				.select(['type', 'payload'])
				.where('type', 'in', ['queue.upsert', 'help.changed'])
				.execute();
			const perSubject = new Map<string, number>();
			for (const event of events) {
				const payload = JSON.parse(event.payload) as { entryId?: string; helpId?: string };
				const subject = `${event.type}:${payload.entryId ?? payload.helpId}`;
				perSubject.set(subject, (perSubject.get(subject) ?? 0) + 1);
			}
			expect(perSubject.size).toBe(BATCH);
			expect([...perSubject.values()].every((n) => n === 1)).toBe(true);
		});

		// Reception sees every patient once, each with their own ticket, all arrived.
		const queue = await snapshot(staff, 'reception');
		expect(queue.entries).toHaveLength(checkIns);
		expect(new Set(queue.entries.map((e) => e.ticket)).size).toBe(checkIns);
		const statuses = (await appointments(staff)).map((a) => a.status);
		expect(statuses.every((s) => s === 'arrived')).toBe(true);
		// And the answers to the resend carry the same tickets reception sees.
		const tickets = new Map(queue.entries.map((e) => [e.entryId, e.ticket]));
		for (const result of resent.results) {
			if (result.entryId) expect(result.ticket).toBe(tickets.get(result.entryId));
		}
	});
});
