import { describe, expect, it } from 'vitest';
import { at, entry } from '$lib/queue/test-fixtures';
import {
	ANNOUNCE_WITHIN_MS,
	callsToAnnounce,
	latestCallAt,
	spokenTicket
} from '$lib/display/calls';

describe('latestCallAt', () => {
	it('is 0 when nobody was called', () => {
		expect(latestCallAt([entry(), entry()])).toBe(0);
	});

	it('counts calls that have since moved into the room', () => {
		const entries = [
			entry({ status: 'called', calledAt: at(1) }),
			entry({ status: 'in-room', calledAt: at(5), inRoomAt: at(6) })
		];
		expect(latestCallAt(entries)).toBe(at(5));
	});
});

describe('callsToAnnounce', () => {
	it('returns only calls newer than the mark, oldest first', () => {
		const old = entry({ status: 'called', calledAt: at(1) });
		const second = entry({ status: 'called', calledAt: at(4) });
		const first = entry({ status: 'called', calledAt: at(3) });
		expect(callsToAnnounce([old, second, first], at(1), at(5))).toEqual([first, second]);
	});

	it('skips patients already in the room and people still waiting', () => {
		const inRoom = entry({ status: 'in-room', calledAt: at(4), inRoomAt: at(4) });
		expect(callsToAnnounce([inRoom, entry()], 0, at(5))).toEqual([]);
	});

	it('does not announce calls older than the window (after a long outage)', () => {
		const stale = entry({ status: 'called', calledAt: at(0) });
		expect(callsToAnnounce([stale], 0, at(0) + ANNOUNCE_WITHIN_MS + 1)).toEqual([]);
		expect(callsToAnnounce([stale], 0, at(0) + ANNOUNCE_WITHIN_MS)).toEqual([stale]);
	});

	it('announces a patient called again (new call time)', () => {
		const recalled = entry({ status: 'called', calledAt: at(9) });
		expect(callsToAnnounce([recalled], at(2), at(9))).toEqual([recalled]);
	});
});

describe('spokenTicket', () => {
	it('spells the ticket sign by sign', () => {
		expect(spokenTicket('A-017')).toBe('A 0 1 7');
		expect(spokenTicket('W-5')).toBe('W 5');
	});
});
