/**
 * Builders for the queue unit tests. Not imported by application code.
 */
import type { QueueEntryView } from './types';

/** 09:00 UTC on a fixed day: tests never depend on the real clock. */
export const NINE = Date.UTC(2025, 0, 15, 9, 0);

/** `NINE` plus a number of minutes (negative for earlier). */
export function at(minutesAfterNine: number): number {
	return NINE + minutesAfterNine * 60_000;
}

let sequence = 0;

/** A waiting, scheduled entry for provider `dr-lee` unless overridden. */
export function entry(overrides: Partial<QueueEntryView> = {}): QueueEntryView {
	sequence++;
	const id = overrides.entryId ?? `e${sequence}`;
	return {
		entryId: id,
		appointmentId: overrides.slotAt === null ? null : `appt-${id}`,
		ticket: `A-${String(sequence).padStart(3, '0')}`,
		providerId: 'dr-lee',
		slotAt: at(0),
		durationMin: 15,
		arrivedAt: at(-5),
		source: 'kiosk',
		status: 'waiting',
		calledAt: null,
		roomId: null,
		roomName: null,
		inRoomAt: null,
		completedAt: null,
		publicLabel: null,
		...overrides
	};
}
