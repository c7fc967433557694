import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { at, entry } from '$lib/queue/test-fixtures';
import { displayQueue, type DisplayQueueOptions } from '$lib/display/display-queue';
import {
	FakeEventSource,
	TZ,
	jsonResponse,
	fakeBrowser,
	snapshot,
	upsert
} from '$lib/live/test-support';

let options: {
	timezone: string;
	onCalls: Mock<DisplayQueueOptions['onCalls']>;
	onUnenrolled: Mock<DisplayQueueOptions['onUnenrolled']>;
};
const { fetch: fetchMock } = fakeBrowser(at(0));

beforeEach(() => {
	options = {
		timezone: TZ,
		onCalls: vi.fn<DisplayQueueOptions['onCalls']>(),
		onUnenrolled: vi.fn<DisplayQueueOptions['onUnenrolled']>()
	};
});

describe('displayQueue', () => {
	it('listens as the display audience', () => {
		displayQueue(snapshot({ lastEventId: 42 }), options).start();
		expect(FakeEventSource.latest.url).toBe('/api/events?audience=display&lastEventId=42');
	});

	it('applies events, ignores replays, and announces only new calls', () => {
		const alreadyCalled = entry({ status: 'called', calledAt: at(-1), roomName: 'Room 1' });
		const waiting = entry({ ticket: 'A-017' });
		const live = displayQueue(snapshot({ entries: [alreadyCalled, waiting] }), options);
		live.start();
		const stream = FakeEventSource.latest;

		const call = { ...waiting, status: 'called' as const, calledAt: at(0), roomName: 'Room 3' };
		stream.emit('queue', upsert(11, call));
		expect(live.snapshot.lastEventId).toBe(11);
		expect(live.snapshot.entries.find((e) => e.entryId === waiting.entryId)?.roomName).toBe(
			'Room 3'
		);
		expect(options.onCalls).toHaveBeenCalledTimes(1);
		expect(options.onCalls).toHaveBeenCalledWith([call]);

		// The same event again (a replay after reconnecting) changes nothing and stays silent.
		const before = live.snapshot;
		stream.emit('queue', upsert(11, call));
		expect(live.snapshot).toBe(before);
		expect(options.onCalls).toHaveBeenCalledTimes(1);
	});

	it('goes back to pairing when the server no longer knows this TV', async () => {
		const live = displayQueue(snapshot(), options);
		live.start();
		fetchMock.mockResolvedValue(jsonResponse({ message: 'not enrolled' }, 401));
		FakeEventSource.latest.refuse();
		await vi.advanceTimersByTimeAsync(2_000);
		expect(options.onUnenrolled).toHaveBeenCalledTimes(1);
		expect(FakeEventSource.instances).toHaveLength(1);
		// Stopped for good: no stream is opened again later either.
		await vi.advanceTimersByTimeAsync(60_000);
		expect(FakeEventSource.instances).toHaveLength(1);
	});
});
