import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { entry } from '$lib/queue/test-fixtures';
import { RESYNC_AFTER_MS } from '$lib/live/event-stream.svelte';
import { LiveQueue, type LiveQueueOptions } from '$lib/live/live-queue.svelte';
import {
	FakeEventSource,
	TZ,
	jsonResponse,
	fakeBrowser,
	snapshot,
	upsert
} from '$lib/live/test-support';

let options: LiveQueueOptions & {
	onUnauthorized: Mock<LiveQueueOptions['onUnauthorized']>;
	onStale: Mock<NonNullable<LiveQueueOptions['onStale']>>;
};
const { fetch: fetchMock } = fakeBrowser(snapshot().serverTime);

beforeEach(() => {
	options = {
		audience: 'display',
		timezone: TZ,
		onUnauthorized: vi.fn<LiveQueueOptions['onUnauthorized']>(),
		onStale: vi.fn<NonNullable<LiveQueueOptions['onStale']>>()
	};
});

describe('LiveQueue', () => {
	it('resumes the stream after the snapshot it was rendered with', () => {
		const live = new LiveQueue(snapshot({ lastEventId: 42 }), options);
		live.start();
		expect(FakeEventSource.latest.url).toBe('/api/events?audience=display&lastEventId=42');
		expect(live.connection).toBe('connecting');
		FakeEventSource.latest.open();
		expect(live.connection).toBe('live');
	});

	it('applies events and ignores replays', () => {
		const waiting = entry({ ticket: 'A-017' });
		const live = new LiveQueue(snapshot({ entries: [waiting] }), options);
		live.start();
		const stream = FakeEventSource.latest;

		const call = { ...waiting, status: 'called' as const, roomName: 'Room 3' };
		stream.emit('queue', upsert(11, call));
		expect(live.snapshot.lastEventId).toBe(11);
		expect(live.snapshot.entries.find((e) => e.entryId === waiting.entryId)?.roomName).toBe(
			'Room 3'
		);

		// The same event again (a replay after reconnecting) changes nothing.
		const before = live.snapshot;
		stream.emit('queue', upsert(11, call));
		expect(live.snapshot).toBe(before);
	});

	it('replaces its state with a snapshot sent on the stream', () => {
		const live = new LiveQueue(snapshot({ entries: [entry()] }), options);
		live.start();
		const fresh = snapshot({ lastEventId: 3, entries: [] });
		FakeEventSource.latest.emit('snapshot', fresh);
		expect(live.snapshot).toEqual(fresh);
	});

	it('shows reconnecting on an error, keeps the board, and reopens after a pause from the same event', async () => {
		const board = snapshot({ entries: [entry()] });
		const live = new LiveQueue(board, options);
		live.start();
		FakeEventSource.latest.open();
		FakeEventSource.latest.fail();
		expect(live.connection).toBe('reconnecting');
		expect(live.snapshot).toBe(board);
		// Not at once, and not at the browser's fixed 2 s: after our own jittered backoff.
		expect(FakeEventSource.instances).toHaveLength(1);
		expect(FakeEventSource.latest.readyState).toBe(FakeEventSource.CLOSED);
		await vi.advanceTimersByTimeAsync(2_000);
		expect(FakeEventSource.instances).toHaveLength(2);
		expect(FakeEventSource.latest.url).toBe('/api/events?audience=display&lastEventId=10');
		expect(fetchMock).not.toHaveBeenCalled();
		FakeEventSource.latest.open();
		expect(live.connection).toBe('live');
	});

	it('after a new day (queue.reset) fetches a snapshot and re-applies what came meanwhile', async () => {
		const live = new LiveQueue(snapshot({ entries: [entry()] }), options);
		live.start();
		const stream = FakeEventSource.latest;
		let answer: (response: Response) => void = () => {};
		fetchMock.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));

		stream.emit('queue', { id: 11, type: 'queue.reset' });
		expect(fetchMock).toHaveBeenCalledWith('/api/queue/snapshot?audience=display', {
			cache: 'no-store'
		});
		const arrivedMeanwhile = entry({ ticket: 'A-001' });
		stream.emit('queue', upsert(13, arrivedMeanwhile));

		answer(jsonResponse(snapshot({ siteDay: '2025-01-16', lastEventId: 12, entries: [] })));
		await vi.waitFor(() => expect(live.snapshot.siteDay).toBe('2025-01-16'));
		expect(live.snapshot.entries).toEqual([arrivedMeanwhile]);
		expect(live.snapshot.lastEventId).toBe(13);
	});

	it('fetches a snapshot when a message cannot be read', async () => {
		const live = new LiveQueue(snapshot(), options);
		live.start();
		fetchMock.mockResolvedValue(jsonResponse(snapshot({ lastEventId: 30 })));
		FakeEventSource.latest.emit('queue', 'not json');
		await vi.waitFor(() => expect(live.snapshot.lastEventId).toBe(30));
	});

	it('refetches after the site midnight even without a reset event, at most once a minute', async () => {
		const live = new LiveQueue(snapshot(), options);
		live.start();
		fetchMock.mockResolvedValue(jsonResponse(snapshot({ siteDay: '2025-01-16' })));
		live.checkDay(Date.UTC(2025, 0, 15, 23, 59));
		expect(fetchMock).not.toHaveBeenCalled();
		fetchMock.mockResolvedValueOnce(jsonResponse({}, 503));
		live.checkDay(Date.UTC(2025, 0, 16, 0, 0, 5));
		live.checkDay(Date.UTC(2025, 0, 16, 0, 0, 6));
		expect(fetchMock).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(60_000);
		live.checkDay(Date.UTC(2025, 0, 16, 0, 1, 6));
		await vi.waitFor(() => expect(live.snapshot.siteDay).toBe('2025-01-16'));
		expect(fetchMock).toHaveBeenCalledTimes(2);
	});

	it('reopens a stream the browser gave up on, from its newest event', async () => {
		const live = new LiveQueue(snapshot({ lastEventId: 20 }), options);
		live.start();
		fetchMock.mockResolvedValue(jsonResponse(snapshot({ lastEventId: 25 })));
		const first = FakeEventSource.latest;
		first.refuse();
		expect(live.connection).toBe('reconnecting');
		await vi.advanceTimersByTimeAsync(2_000);
		expect(FakeEventSource.instances).toHaveLength(2);
		expect(FakeEventSource.latest.url).toBe('/api/events?audience=display&lastEventId=25');
		FakeEventSource.latest.open();
		expect(live.connection).toBe('live');
	});

	it('resyncs first after too long a gap, then replays from the fresh snapshot', async () => {
		const live = new LiveQueue(snapshot({ lastEventId: 20 }), options);
		live.start();
		FakeEventSource.latest.open();
		FakeEventSource.latest.fail();
		fetchMock.mockResolvedValue(jsonResponse(snapshot({ lastEventId: 40 })));
		// The laptop slept: the retry timer fires more than a minute after the last update.
		vi.setSystemTime(Date.now() + RESYNC_AFTER_MS + 1_000);
		await vi.advanceTimersByTimeAsync(2_000);
		expect(fetchMock).toHaveBeenCalledTimes(1);
		expect(FakeEventSource.instances).toHaveLength(2);
		expect(FakeEventSource.latest.url).toBe('/api/events?audience=display&lastEventId=40');
	});

	it('tells reception which list beside the queue changed', () => {
		const live = new LiveQueue(snapshot(), { ...options, audience: 'reception' });
		live.start();
		expect(FakeEventSource.latest.url).toBe('/api/events?audience=reception&lastEventId=10');
		FakeEventSource.latest.emit('queue', { id: 11, type: 'help.changed' }, 11);
		FakeEventSource.latest.emit('queue', { id: 12, type: 'device.changed' }, 12);
		expect(options.onStale.mock.calls).toEqual([['help-requests'], ['devices']]);
		expect(live.snapshot.lastEventId).toBe(12);
	});

	it('adopts a reloaded snapshot only when it is not older than what it shows', () => {
		const live = new LiveQueue(snapshot({ lastEventId: 10 }), options);
		live.start();
		FakeEventSource.latest.emit('queue', upsert(12, entry()), 12);
		live.adopt(snapshot({ lastEventId: 11 }));
		expect(live.snapshot.lastEventId).toBe(12);
		const newer = snapshot({ lastEventId: 14 });
		live.adopt(newer);
		expect(live.snapshot).toBe(newer);
	});
});
