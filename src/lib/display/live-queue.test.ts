import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { at, entry } from '$lib/queue/test-fixtures';
import type { QueueEntryView, QueueSnapshot } from '$lib/queue/types';
import type { QueueEvent } from '$lib/queue/events';
import { LiveQueue, type LiveQueueOptions } from '$lib/display/live-queue.svelte';

/** Just enough of EventSource to drive the live queue by hand. */
class FakeEventSource {
	static readonly CONNECTING = 0;
	static readonly OPEN = 1;
	static readonly CLOSED = 2;
	static instances: FakeEventSource[] = [];
	readyState = FakeEventSource.CONNECTING;
	private readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();

	constructor(readonly url: string) {
		FakeEventSource.instances.push(this);
	}

	addEventListener(type: string, listener: (event: MessageEvent) => void) {
		this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
	}

	close() {
		this.readyState = FakeEventSource.CLOSED;
	}

	emit(type: string, data?: unknown) {
		if (type === 'open') this.readyState = FakeEventSource.OPEN;
		const event = { data: data === undefined ? undefined : JSON.stringify(data) } as MessageEvent;
		for (const listener of this.listeners.get(type) ?? []) listener(event);
	}

	static get latest(): FakeEventSource {
		return FakeEventSource.instances[FakeEventSource.instances.length - 1];
	}
}

const TZ = 'UTC';
const DAY = '2025-01-15';

function snapshot(overrides: Partial<QueueSnapshot> = {}): QueueSnapshot {
	return {
		siteId: 'main',
		siteDay: DAY,
		lastEventId: 10,
		providers: [{ id: 'dr-lee', name: 'Dr. Lee', ticketPrefix: 'A' }],
		rooms: [{ id: 'r3', name: 'Room 3' }],
		entries: [],
		delays: {},
		serverTime: at(0),
		...overrides
	};
}

function upsert(id: number, changed: QueueEntryView): QueueEvent {
	return { id, type: 'queue.upsert', entry: changed, delays: { 'dr-lee': 0 } };
}

function jsonResponse(body: unknown, status = 200): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json' }
	});
}

let options: {
	timezone: string;
	onCalls: Mock<LiveQueueOptions['onCalls']>;
	onUnenrolled: Mock<LiveQueueOptions['onUnenrolled']>;
};
const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(at(0));
	FakeEventSource.instances = [];
	vi.stubGlobal('EventSource', FakeEventSource);
	vi.stubGlobal('fetch', fetchMock);
	fetchMock.mockReset();
	options = {
		timezone: TZ,
		onCalls: vi.fn<LiveQueueOptions['onCalls']>(),
		onUnenrolled: vi.fn<LiveQueueOptions['onUnenrolled']>()
	};
});

afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

describe('LiveQueue', () => {
	it('resumes the stream after the snapshot it was rendered with', () => {
		const live = new LiveQueue(snapshot({ lastEventId: 42 }), options);
		live.start();
		expect(FakeEventSource.latest.url).toBe('/api/events?audience=display&lastEventId=42');
		expect(live.connection).toBe('connecting');
		FakeEventSource.latest.emit('open');
		expect(live.connection).toBe('live');
	});

	it('applies events, ignores replays, and announces only new calls', () => {
		const alreadyCalled = entry({ status: 'called', calledAt: at(-1), roomName: 'Room 1' });
		const waiting = entry({ ticket: 'A-017' });
		const live = new LiveQueue(snapshot({ entries: [alreadyCalled, waiting] }), options);
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

	it('replaces its state with a snapshot sent on the stream', () => {
		const live = new LiveQueue(snapshot({ entries: [entry()] }), options);
		live.start();
		const fresh = snapshot({ lastEventId: 3, entries: [] });
		FakeEventSource.latest.emit('snapshot', fresh);
		expect(live.snapshot).toEqual(fresh);
	});

	it('shows reconnecting on an error and keeps the board', () => {
		const board = snapshot({ entries: [entry()] });
		const live = new LiveQueue(board, options);
		live.start();
		FakeEventSource.latest.emit('open');
		FakeEventSource.latest.emit('error');
		expect(live.connection).toBe('reconnecting');
		expect(live.snapshot).toBe(board);
		// The browser reconnects by itself (readyState CONNECTING): no second stream from us.
		expect(FakeEventSource.instances).toHaveLength(1);
		FakeEventSource.latest.emit('open');
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
		first.close();
		first.emit('error');
		expect(live.connection).toBe('reconnecting');
		await vi.advanceTimersByTimeAsync(2_000);
		expect(FakeEventSource.instances).toHaveLength(2);
		expect(FakeEventSource.latest.url).toBe('/api/events?audience=display&lastEventId=25');
		FakeEventSource.latest.emit('open');
		expect(live.connection).toBe('live');
	});

	it('goes back to pairing when the server no longer knows this TV', async () => {
		const live = new LiveQueue(snapshot(), options);
		live.start();
		fetchMock.mockResolvedValue(jsonResponse({ message: 'not enrolled' }, 401));
		FakeEventSource.latest.close();
		FakeEventSource.latest.emit('error');
		await vi.advanceTimersByTimeAsync(2_000);
		expect(options.onUnenrolled).toHaveBeenCalledTimes(1);
		expect(FakeEventSource.instances).toHaveLength(1);
	});
});
