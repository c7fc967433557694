/**
 * The waiting-room display's live queue: the shared `LiveQueue` for the display audience, plus
 * the one thing only a TV keeps, which calls the room has already heard.
 */
import type { QueueEntryView, QueueSnapshot } from '$lib/queue/types';
import { LiveQueue } from '$lib/live/live-queue.svelte';
import { callsToAnnounce, latestCallAt } from '$lib/display/calls';

export interface DisplayQueueOptions {
	timezone: string;
	/** The server no longer knows this TV (enrollment removed): show the pairing screen. */
	onUnenrolled: () => void;
	/** New calls the room should hear, oldest first. */
	onCalls: (calls: QueueEntryView[]) => void;
}

export function displayQueue(initial: QueueSnapshot, options: DisplayQueueOptions): LiveQueue {
	// What the first snapshot shows was called before this screen was on: no chime for it.
	let announcedUpTo = latestCallAt(initial.entries);
	const live: LiveQueue = new LiveQueue(initial, {
		audience: 'display',
		timezone: options.timezone,
		onUnauthorized: options.onUnenrolled,
		onChange: (snapshot) => {
			const calls = callsToAnnounce(snapshot.entries, announcedUpTo, live.serverNow());
			announcedUpTo = Math.max(announcedUpTo, latestCallAt(snapshot.entries));
			if (calls.length > 0) options.onCalls(calls);
		}
	});
	return live;
}
