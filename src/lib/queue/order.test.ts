import { describe, expect, it } from 'vitest';
import {
	compareQueueEntries,
	orderQueue,
	positionOf,
	queueSortKey,
	waitingByProvider
} from './order';
import { at, entry } from './test-fixtures';

const tickets = (list: { ticket: string }[]) => list.map((e) => e.ticket);

describe('queueSortKey', () => {
	it('keeps the appointment slot for an early arrival', () => {
		expect(queueSortKey({ slotAt: at(30), arrivedAt: at(0) })).toBe(at(30));
	});

	it('keeps the slot for an arrival exactly on time', () => {
		expect(queueSortKey({ slotAt: at(30), arrivedAt: at(30) })).toBe(at(30));
	});

	it('places a late arrival by arrival time', () => {
		expect(queueSortKey({ slotAt: at(0), arrivedAt: at(25) })).toBe(at(25));
	});

	it('places a walk-in by arrival time', () => {
		expect(queueSortKey({ slotAt: null, arrivedAt: at(12) })).toBe(at(12));
	});
});

describe('orderQueue', () => {
	it('returns an empty list for an empty queue', () => {
		expect(orderQueue([])).toEqual([]);
	});

	it('orders scheduled patients by appointment time, not by arrival', () => {
		const ten = entry({ ticket: 'A-001', slotAt: at(60), arrivedAt: at(-20) });
		const nine = entry({ ticket: 'A-002', slotAt: at(0), arrivedAt: at(-5) });
		expect(tickets(orderQueue([ten, nine]))).toEqual(['A-002', 'A-001']);
	});

	it('merges walk-ins between scheduled patients by arrival', () => {
		const scheduled900 = entry({ ticket: 'A-001', slotAt: at(0), arrivedAt: at(-10) });
		const walkIn905 = entry({ ticket: 'W-001', slotAt: null, arrivedAt: at(5) });
		const scheduled915 = entry({ ticket: 'A-002', slotAt: at(15), arrivedAt: at(-15) });
		const walkIn850 = entry({ ticket: 'W-002', slotAt: null, arrivedAt: at(-10) });
		expect(tickets(orderQueue([scheduled915, walkIn905, scheduled900, walkIn850]))).toEqual([
			'W-002',
			'A-001',
			'W-001',
			'A-002'
		]);
	});

	it('puts a late patient behind those who came on time for later slots', () => {
		// 09:00 appointment, arrived 09:20: behind the 09:15 patient, ahead of the 09:30 one.
		const late = entry({ ticket: 'A-001', slotAt: at(0), arrivedAt: at(20) });
		const at915 = entry({ ticket: 'A-002', slotAt: at(15), arrivedAt: at(10) });
		const at930 = entry({ ticket: 'A-003', slotAt: at(30), arrivedAt: at(10) });
		expect(tickets(orderQueue([late, at930, at915]))).toEqual(['A-002', 'A-001', 'A-003']);
	});

	it('does not let an early arrival jump ahead of an earlier slot', () => {
		const earlyFor930 = entry({ ticket: 'A-001', slotAt: at(30), arrivedAt: at(-60) });
		const onTimeFor915 = entry({ ticket: 'A-002', slotAt: at(15), arrivedAt: at(14) });
		expect(tickets(orderQueue([earlyFor930, onTimeFor915]))).toEqual(['A-002', 'A-001']);
	});

	it('breaks a tie on place in line by arrival, then by ticket', () => {
		const double1 = entry({ ticket: 'A-003', slotAt: at(0), arrivedAt: at(-5) });
		const double2 = entry({ ticket: 'A-002', slotAt: at(0), arrivedAt: at(-20) });
		const double3 = entry({ ticket: 'A-001', slotAt: at(0), arrivedAt: at(-5) });
		expect(tickets(orderQueue([double1, double2, double3]))).toEqual(['A-002', 'A-001', 'A-003']);
	});

	it('puts a walk-in and a scheduled patient with the same place in line in arrival order', () => {
		// Walk-in arrived 09:00; scheduled 09:00 arrived 08:50 → scheduled was here first.
		const walkIn = entry({ ticket: 'A-001', slotAt: null, arrivedAt: at(0) });
		const scheduled = entry({ ticket: 'A-002', slotAt: at(0), arrivedAt: at(-10) });
		expect(tickets(orderQueue([walkIn, scheduled]))).toEqual(['A-002', 'A-001']);
	});

	it('compares tickets numerically, so A-9 comes before A-10', () => {
		const ten = entry({ ticket: 'A-10', slotAt: at(0), arrivedAt: at(-5) });
		const nine = entry({ ticket: 'A-9', slotAt: at(0), arrivedAt: at(-5) });
		expect(tickets(orderQueue([ten, nine]))).toEqual(['A-9', 'A-10']);
	});

	it('is deterministic on fully identical rows (falls back to entryId)', () => {
		const b = entry({ entryId: 'b', ticket: 'A-001', slotAt: at(0), arrivedAt: at(0) });
		const a = entry({ entryId: 'a', ticket: 'A-001', slotAt: at(0), arrivedAt: at(0) });
		expect(orderQueue([b, a]).map((e) => e.entryId)).toEqual(['a', 'b']);
		expect(compareQueueEntries(a, a)).toBe(0);
	});

	it('does not mutate its input', () => {
		const later = entry({ slotAt: at(30) });
		const earlier = entry({ slotAt: at(0) });
		const input = [later, earlier];
		orderQueue(input);
		expect(input).toEqual([later, earlier]);
	});
});

describe('waitingByProvider', () => {
	it('returns an empty map for an empty queue', () => {
		expect(waitingByProvider([]).size).toBe(0);
	});

	it('groups waiting entries per provider, each in queue order', () => {
		const lee2 = entry({ ticket: 'A-002', providerId: 'dr-lee', slotAt: at(15) });
		const lee1 = entry({ ticket: 'A-001', providerId: 'dr-lee', slotAt: at(0) });
		const patel1 = entry({ ticket: 'B-001', providerId: 'dr-patel', slotAt: at(5) });
		const grouped = waitingByProvider([lee2, patel1, lee1]);
		expect([...grouped.keys()].sort()).toEqual(['dr-lee', 'dr-patel']);
		expect(tickets(grouped.get('dr-lee') ?? [])).toEqual(['A-001', 'A-002']);
		expect(tickets(grouped.get('dr-patel') ?? [])).toEqual(['B-001']);
	});

	it('leaves out everyone who is not waiting, and providers with nobody waiting', () => {
		const waiting = entry({ ticket: 'A-001', providerId: 'dr-lee' });
		const others = (['called', 'in-room', 'completed', 'removed'] as const).map((status) =>
			entry({ status, providerId: status === 'called' ? 'dr-lee' : 'dr-kim' })
		);
		const grouped = waitingByProvider([waiting, ...others]);
		expect(tickets(grouped.get('dr-lee') ?? [])).toEqual(['A-001']);
		expect(grouped.has('dr-kim')).toBe(false);
	});
});

describe('positionOf', () => {
	const first = entry({ entryId: 'first', providerId: 'dr-lee', slotAt: at(0) });
	const second = entry({ entryId: 'second', providerId: 'dr-lee', slotAt: at(15) });
	const walkIn = entry({ entryId: 'walk', providerId: 'dr-lee', slotAt: null, arrivedAt: at(20) });
	const otherProvider = entry({ entryId: 'other', providerId: 'dr-patel', slotAt: at(-30) });
	const inRoom = entry({
		entryId: 'room',
		providerId: 'dr-lee',
		slotAt: at(-15),
		status: 'in-room'
	});
	const queue = [walkIn, otherProvider, second, inRoom, first];

	it('counts only waiting entries of the same provider, 1-based', () => {
		expect(positionOf(queue, 'first')).toBe(1);
		expect(positionOf(queue, 'second')).toBe(2);
		expect(positionOf(queue, 'walk')).toBe(3);
		expect(positionOf(queue, 'other')).toBe(1);
	});

	it('agrees with waitingByProvider', () => {
		const list = waitingByProvider(queue).get('dr-lee') ?? [];
		list.forEach((e, index) => expect(positionOf(queue, e.entryId)).toBe(index + 1));
	});

	it('is null for an entry that is not waiting', () => {
		expect(positionOf(queue, 'room')).toBeNull();
	});

	it('is null for an unknown entry and for an empty queue', () => {
		expect(positionOf(queue, 'nobody')).toBeNull();
		expect(positionOf([], 'first')).toBeNull();
	});
});
