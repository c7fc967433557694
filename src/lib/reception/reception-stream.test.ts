import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReceptionStream } from '$lib/reception/reception-stream.svelte';

/** Just enough of EventSource to drive the stream by hand. */
class FakeEventSource extends EventTarget {
	static readonly CONNECTING = 0;
	static readonly OPEN = 1;
	static readonly CLOSED = 2;
	static instances: FakeEventSource[] = [];
	readyState = FakeEventSource.CONNECTING;
	onopen: ((event: Event) => void) | null = null;
	onerror: ((event: Event) => void) | null = null;

	constructor(readonly url: string) {
		super();
		FakeEventSource.instances.push(this);
	}

	close() {
		this.readyState = FakeEventSource.CLOSED;
	}

	open() {
		this.readyState = FakeEventSource.OPEN;
		this.onopen?.(new Event('open'));
	}

	fail() {
		this.onerror?.(new Event('error'));
	}

	send(id: number) {
		const data = JSON.stringify({ id, type: 'help.changed' });
		this.dispatchEvent(new MessageEvent('queue', { data, lastEventId: String(id) }));
	}

	static get latest(): FakeEventSource {
		return FakeEventSource.instances[FakeEventSource.instances.length - 1];
	}
}

describe('ReceptionStream', () => {
	let windowTarget: EventTarget;

	beforeEach(() => {
		vi.useFakeTimers();
		FakeEventSource.instances = [];
		windowTarget = new EventTarget();
		vi.stubGlobal('EventSource', FakeEventSource);
		vi.stubGlobal('window', windowTarget);
	});

	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('reopens from the last event it saw, never waiting longer than the cap, and says since when', async () => {
		const onEvent = vi.fn();
		const onRefused = vi.fn();
		const stream = new ReceptionStream(5, { onEvent, onRefused });
		const stop = stream.connect();
		expect(FakeEventSource.latest.url).toBe('/api/events?audience=reception&lastEventId=5');
		FakeEventSource.latest.open();
		FakeEventSource.latest.send(7);
		expect(stream.status).toBe('live');
		expect(onEvent).toHaveBeenCalledTimes(1);

		vi.setSystemTime(new Date('2026-01-05T10:42:00Z'));
		FakeEventSource.latest.fail();
		expect(stream.status).toBe('reconnecting');
		expect(stream.lastUpdateAt).toBe(Date.parse('2026-01-05T10:42:00Z'));
		expect(FakeEventSource.latest.readyState).toBe(FakeEventSource.CLOSED);
		expect(onRefused).toHaveBeenCalledTimes(1);

		// Server still away: each failure waits longer, never more than the cap.
		for (let attempt = 0; attempt < 8; attempt++) {
			const count = FakeEventSource.instances.length;
			await vi.advanceTimersByTimeAsync(5000);
			expect(FakeEventSource.instances).toHaveLength(count + 1);
			expect(FakeEventSource.latest.url).toBe('/api/events?audience=reception&lastEventId=7');
			FakeEventSource.latest.fail();
		}
		expect(stream.lastUpdateAt).toBe(Date.parse('2026-01-05T10:42:00Z'));

		await vi.advanceTimersByTimeAsync(5000);
		FakeEventSource.latest.open();
		expect(stream.status).toBe('live');
		stop();
	});

	it('tries again at once when the network comes back', () => {
		const stream = new ReceptionStream(1, { onEvent: vi.fn() });
		const stop = stream.connect();
		FakeEventSource.latest.open();
		FakeEventSource.latest.fail();
		expect(FakeEventSource.instances).toHaveLength(1);
		windowTarget.dispatchEvent(new Event('online'));
		expect(FakeEventSource.instances).toHaveLength(2);
		stop();
		expect(FakeEventSource.latest.readyState).toBe(FakeEventSource.CLOSED);
	});
});
