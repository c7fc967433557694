import { describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import { checkInOp, helpOp, pairAndEnroll, qrToken, snapshot, syncOps } from './support/clients';
import { canonicalDump, count } from './support/db';
import type { SyncOp } from '$lib/schemas/sync';

describe.each(dialects)('replaying the outbox (%s)', (dialect) => {
	const suite = useServer(dialect);

	it('leaves the same state when the whole outbox is sent twice, or in pieces', async () => {
		const kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
		const [a, b, c, d, e, f, g, h] = suite.appointments;
		const tokenC = await qrToken(suite.staff, c.id);
		const tokenD = await qrToken(suite.staff, d.id);
		const outbox: SyncOp[] = [
			checkInOp(a.id, { arrivedAt: Date.now() - 5 * 60_000 }),
			checkInOp(b.id),
			checkInOp(c.id, { token: tokenC }),
			helpOp('asked'),
			checkInOp(d.id, { token: tokenC }), // QR of another appointment: rejected
			checkInOp(d.id, { token: tokenD }),
			checkInOp(a.id), // the same patient again, from a retried screen: already checked in
			checkInOp('nosuchappt1'),
			helpOp('details-wrong', e.id),
			checkInOp(e.id),
			checkInOp(f.id),
			helpOp('not-found'),
			checkInOp(g.id),
			checkInOp(h.id)
		];

		const first = await syncOps(kiosk.client, outbox);
		expect(first.results.map((r) => r.outcome)).toEqual([
			'applied',
			'applied',
			'applied',
			'applied',
			'rejected',
			'applied',
			'duplicate',
			'rejected',
			'applied',
			'applied',
			'applied',
			'applied',
			'applied',
			'applied'
		]);
		const state = await canonicalDump(suite.db);
		const events = await count(suite.db, 'events');
		const queue = (await snapshot(suite.staff, 'reception')).entries;
		expect(state.queue).toHaveLength(8);
		expect(state.help).toHaveLength(3);
		expect(state.ops).toHaveLength(outbox.length);

		const second = await syncOps(kiosk.client, outbox);
		for (const [index, result] of second.results.entries()) {
			const before = first.results[index];
			expect(result.id).toBe(before.id);
			if (before.outcome === 'rejected') {
				expect(result).toEqual({ id: before.id, outcome: 'rejected', reason: before.reason });
			} else {
				expect(result).toMatchObject({ outcome: 'duplicate', reason: 'op-already-received' });
				expect([result.entryId, result.ticket]).toEqual([before.entryId, before.ticket]);
			}
		}
		expect(await canonicalDump(suite.db)).toEqual(state);
		expect(await count(suite.db, 'events')).toBe(events);

		// A kiosk that lost its acknowledgements resends in smaller batches, newest first.
		const pieces = [outbox.slice(9).reverse(), outbox.slice(4, 9), outbox.slice(0, 4)];
		for (const piece of pieces) {
			const { results } = await syncOps(kiosk.client, piece);
			expect(results.every((r) => r.outcome !== 'applied')).toBe(true);
		}
		expect(await canonicalDump(suite.db)).toEqual(state);
		expect(await count(suite.db, 'events')).toBe(events);
		expect((await snapshot(suite.staff, 'reception')).entries).toEqual(queue);
	});

	it('never answers one kiosk with another’s op of the same id', async () => {
		const first = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
		const second = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
		const taken = suite.appointments.at(-1)!;
		const mine = suite.appointments.at(-2)!;
		const op = checkInOp(taken.id);
		const [applied] = (await syncOps(first.client, [op])).results;
		expect(applied).toMatchObject({ outcome: 'applied', ticket: taken.ticket });
		// The same id from another kiosk, about another patient: refused, nothing read back.
		const reused = { ...checkInOp(mine.id), id: op.id };
		const [answer] = (await syncOps(second.client, [reused])).results;
		expect(answer).toEqual({ id: op.id, outcome: 'rejected', reason: 'op-id-taken' });
		const entries = (await snapshot(suite.staff, 'reception')).entries;
		expect(entries.filter((e) => e.appointmentId === mine.id)).toEqual([]);
		// The first kiosk's own retry is still its answer.
		const [again] = (await syncOps(first.client, [op])).results;
		expect(again).toMatchObject({ outcome: 'duplicate', ticket: taken.ticket });
	});
});
