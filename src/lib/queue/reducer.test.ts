import { describe, expect, it } from 'vitest';
import { applyEvent, nowCalling } from './reducer';
import { at, entry } from './test-fixtures';
import type { QueueEntryView, QueueSnapshot } from './types';
import type { QueueEvent } from './events';

function snapshot(entries: QueueEntryView[], lastEventId = 10): QueueSnapshot {
	return {
		siteId: 'main-street',
		siteDay: '2025-01-15',
		lastEventId,
		providers: [{ id: 'dr-lee', name: 'Dr. Lee', ticketPrefix: 'A' }],
		rooms: [{ id: 'r3', name: 'Room 3' }],
		entries,
		delays: { 'dr-lee': 5 },
		serverTime: at(0)
	};
}

describe('applyEvent', () => {
	const waiting = entry({ entryId: 'x', ticket: 'A-001' });
	const other = entry({ entryId: 'y', ticket: 'A-002' });

	it('replaces an existing entry in place and replaces the delays', () => {
		const before = snapshot([waiting, other]);
		const called: QueueEntryView = {
			...waiting,
			status: 'called',
			calledAt: at(3),
			roomId: 'r3',
			roomName: 'Room 3'
		};
		const result = applyEvent(before, {
			id: 11,
			type: 'queue.upsert',
			entry: called,
			delays: { 'dr-lee': 10 }
		});
		expect(result.applied).toBe(true);
		expect(result.needsRefetch).toBe(false);
		expect(result.staleList).toBeNull();
		expect(result.snapshot.entries).toEqual([called, other]);
		expect(result.snapshot.delays).toEqual({ 'dr-lee': 10 });
		expect(result.snapshot.lastEventId).toBe(11);
	});

	it('takes a removed entry out (an undone check-in) and replaces the delays', () => {
		const result = applyEvent(snapshot([waiting, other]), {
			id: 11,
			type: 'queue.remove',
			entryId: 'x',
			delays: { 'dr-lee': 0 }
		});
		expect(result).toMatchObject({ applied: true, needsRefetch: false, staleList: null });
		expect(result.snapshot.entries).toEqual([other]);
		expect(result.snapshot.delays).toEqual({ 'dr-lee': 0 });
	});

	it("takes a provider's delay set by hand with the delays it gives", () => {
		const result = applyEvent(snapshot([waiting]), {
			id: 11,
			type: 'provider.delay',
			manualDelays: { 'dr-lee': 20 },
			delays: { 'dr-lee': 20 }
		});
		expect(result).toMatchObject({ applied: true, needsRefetch: false });
		expect(result.snapshot.manualDelays).toEqual({ 'dr-lee': 20 });
		expect(result.snapshot.delays).toEqual({ 'dr-lee': 20 });
		expect(result.snapshot.entries).toEqual([waiting]);
	});

	it('appends a new entry', () => {
		const newcomer = entry({ entryId: 'z', ticket: 'A-003' });
		const result = applyEvent(snapshot([waiting]), {
			id: 12,
			type: 'queue.upsert',
			entry: newcomer,
			delays: {}
		});
		expect(result.snapshot.entries.map((e) => e.entryId)).toEqual(['x', 'z']);
		expect(result.snapshot.delays).toEqual({});
	});

	it('applies an upsert to an empty snapshot', () => {
		const result = applyEvent(snapshot([]), {
			id: 11,
			type: 'queue.upsert',
			entry: waiting,
			delays: {}
		});
		expect(result.snapshot.entries).toEqual([waiting]);
	});

	it('never mutates the snapshot it was given', () => {
		const before = snapshot([waiting, other]);
		const frozenCopy = structuredClone(before);
		applyEvent(before, {
			id: 11,
			type: 'queue.upsert',
			entry: { ...waiting, status: 'removed' },
			delays: { 'dr-lee': 0 }
		});
		expect(before).toEqual(frozenCopy);
	});

	it('ignores a replayed or older event and returns the same snapshot object', () => {
		const before = snapshot([waiting], 10);
		const replay: QueueEvent = {
			id: 10,
			type: 'queue.upsert',
			entry: { ...waiting, status: 'completed' },
			delays: { 'dr-lee': 99 }
		};
		for (const event of [replay, { ...replay, id: 3 }]) {
			const result = applyEvent(before, event);
			expect(result.applied).toBe(false);
			expect(result.snapshot).toBe(before);
		}
	});

	it('gives the same state when a batch of events is delivered twice', () => {
		const events: QueueEvent[] = [
			{ id: 11, type: 'queue.upsert', entry: { ...waiting, status: 'called' }, delays: {} },
			{ id: 12, type: 'help.changed' },
			{ id: 13, type: 'queue.upsert', entry: other, delays: { 'dr-lee': 15 } }
		];
		const once = events.reduce((state, event) => applyEvent(state, event).snapshot, snapshot([]));
		const twice = [...events, ...events].reduce(
			(state, event) => applyEvent(state, event).snapshot,
			snapshot([])
		);
		expect(twice).toEqual(once);
		expect(once.lastEventId).toBe(13);
		expect(once.entries.map((e) => e.status)).toEqual(['called', 'waiting']);
	});

	it('asks for a fresh snapshot on queue.reset but keeps showing the current one', () => {
		const before = snapshot([waiting]);
		const result = applyEvent(before, { id: 20, type: 'queue.reset' });
		expect(result.needsRefetch).toBe(true);
		expect(result.snapshot.entries).toEqual([waiting]);
		expect(result.snapshot.lastEventId).toBe(20);
	});

	it('flags the help-request and device lists without touching the queue', () => {
		const before = snapshot([waiting]);
		const help = applyEvent(before, { id: 11, type: 'help.changed' });
		expect(help).toMatchObject({ applied: true, needsRefetch: false, staleList: 'help-requests' });
		expect(help.snapshot.entries).toBe(before.entries);
		expect(help.snapshot.lastEventId).toBe(11);
		const device = applyEvent(help.snapshot, { id: 12, type: 'device.changed' });
		expect(device).toMatchObject({ applied: true, needsRefetch: false, staleList: 'devices' });
		expect(device.snapshot.lastEventId).toBe(12);
	});

	it('asks for a fresh snapshot on an event type this build does not know', () => {
		// A newer server may add types; simulate what arrives over the wire.
		const unknown = JSON.parse('{"id": 11, "type": "queue.renamed"}') as QueueEvent;
		const result = applyEvent(snapshot([waiting]), unknown);
		expect(result.needsRefetch).toBe(true);
		expect(result.snapshot.lastEventId).toBe(11);
		expect(result.snapshot.entries).toEqual([waiting]);
	});
});

describe('nowCalling', () => {
	const first = entry({ ticket: 'A-001', status: 'called', calledAt: at(1) });
	const latest = entry({ ticket: 'A-002', status: 'called', calledAt: at(5) });
	const middle = entry({ ticket: 'B-001', status: 'called', calledAt: at(3) });
	const inRoom = entry({ ticket: 'A-003', status: 'in-room', calledAt: at(9), inRoomAt: at(10) });
	const waiting = entry({ ticket: 'A-004' });
	const state = snapshot([first, inRoom, latest, waiting, middle]);

	it('lists only called patients, newest call first', () => {
		expect(nowCalling(state, 10).map((e) => e.ticket)).toEqual(['A-002', 'B-001', 'A-001']);
	});

	it('respects the limit', () => {
		expect(nowCalling(state, 2).map((e) => e.ticket)).toEqual(['A-002', 'B-001']);
		expect(nowCalling(state, 0)).toEqual([]);
		expect(nowCalling(state, -1)).toEqual([]);
	});

	it('breaks a same-moment tie by ticket', () => {
		const b = entry({ ticket: 'B-002', status: 'called', calledAt: at(7) });
		const a = entry({ ticket: 'A-009', status: 'called', calledAt: at(7) });
		expect(nowCalling(snapshot([b, a]), 5).map((e) => e.ticket)).toEqual(['A-009', 'B-002']);
	});

	it('is empty for an empty queue', () => {
		expect(nowCalling(snapshot([]), 5)).toEqual([]);
	});
});
