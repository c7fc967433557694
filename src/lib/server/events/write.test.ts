import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db';
import { withEvents, type EventWriter } from './write';
import { readLoggedEvent } from './log';

describe('withEvents', () => {
	let database: Db;
	let notified: number;
	let app: EventWriter;

	beforeEach(async () => {
		database = await openDb({ DATABASE_PATH: ':memory:' });
		notified = 0;
		app = { ...database, hub: { notify: () => notified++ } };
	});
	afterEach(() => database.close());

	const events = () => database.db.selectFrom('events').selectAll().orderBy('id').execute();

	it('commits the events it emitted, then notifies the hub once', async () => {
		const result = await withEvents(app, async (_trx, emit) => {
			await emit('main', 'queue.upsert', { entryId: 'q-1' });
			await emit('main', 'help.changed', { helpId: 'h-1' });
			// Nothing is announced before the commit.
			expect(notified).toBe(0);
			return 'done';
		});
		expect(result).toBe('done');
		expect(notified).toBe(1);
		const rows = await events();
		expect(rows.map((row) => readLoggedEvent(row))).toEqual([
			{ id: rows[0].id, siteId: 'main', type: 'queue.upsert', payload: { entryId: 'q-1' } },
			{ id: rows[1].id, siteId: 'main', type: 'help.changed', payload: { helpId: 'h-1' } }
		]);
	});

	it('does not notify when the unit of work emitted nothing (a refusal)', async () => {
		expect(await withEvents(app, async () => ({ ok: false }))).toEqual({ ok: false });
		expect(notified).toBe(0);
	});

	it('rolls the events back with the change when the work throws, and notifies nobody', async () => {
		await expect(
			withEvents(app, async (_trx, emit) => {
				await emit('main', 'queue.upsert', { entryId: 'q-2' });
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		expect(await events()).toEqual([]);
		expect(notified).toBe(0);
	});
});

describe('readLoggedEvent', () => {
	const row = (type: string, payload: string) =>
		({ id: 7, site_id: 'main', type, payload, created_at: 0 }) as never;

	it('skips rows this build cannot read instead of guessing', () => {
		expect(readLoggedEvent(row('phone.changed', '{}'))).toBeNull();
		expect(readLoggedEvent(row('queue.upsert', '{"helpId":"x"}'))).toBeNull();
		expect(readLoggedEvent(row('queue.upsert', 'not json'))).toBeNull();
		expect(readLoggedEvent(row('device.changed', '{"opId":"o-1"}'))).toEqual({
			id: 7,
			siteId: 'main',
			type: 'device.changed',
			payload: { opId: 'o-1' }
		});
	});
});
