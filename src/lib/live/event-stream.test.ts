import { describe, expect, it, vi } from 'vitest';
import { EventStream } from '$lib/live/event-stream.svelte';
import type { Freshness } from '$lib/live/fetch-current';
import { FakeEventSource, fakeBrowser } from '$lib/live/test-support';

describe('EventStream', () => {
	const browser = fakeBrowser();

	const current = () => Promise.resolve<Freshness>('current');

	it('reopens from the last event it saw, never waiting longer than the cap, and says since when', async () => {
		const onMessage = vi.fn();
		const stream = new EventStream('reception', 5, { onMessage, resync: current });
		const stop = stream.connect();
		expect(FakeEventSource.latest.url).toBe('/api/events?audience=reception&lastEventId=5');
		FakeEventSource.latest.open();
		FakeEventSource.latest.emit('queue', { id: 7, type: 'help.changed' }, 7);
		expect(stream.status).toBe('live');
		expect(onMessage).toHaveBeenCalledTimes(1);
		expect(onMessage).toHaveBeenCalledWith({
			kind: 'event',
			event: { id: 7, type: 'help.changed' }
		});

		vi.setSystemTime(new Date('2026-01-05T10:42:00Z'));
		FakeEventSource.latest.fail();
		expect(stream.status).toBe('reconnecting');
		expect(stream.lastUpdateAt).toBe(Date.parse('2026-01-05T10:42:00Z'));
		expect(FakeEventSource.latest.readyState).toBe(FakeEventSource.CLOSED);

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

	it('asks why when the server refused the stream, and stops for good on 401', async () => {
		const resync = vi
			.fn<() => Promise<Freshness>>()
			.mockResolvedValueOnce('unreachable')
			.mockResolvedValueOnce('unauthorized');
		const stream = new EventStream('reception', 5, { onMessage: vi.fn(), resync });
		stream.connect();
		FakeEventSource.latest.open();
		FakeEventSource.latest.refuse();
		expect(resync).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(5000);
		// The server was away: the stream is opened again, and asks again once refused again.
		expect(resync).toHaveBeenCalledTimes(1);
		expect(FakeEventSource.instances).toHaveLength(2);
		FakeEventSource.latest.refuse();
		await vi.advanceTimersByTimeAsync(5000);
		expect(resync).toHaveBeenCalledTimes(2);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(FakeEventSource.instances).toHaveLength(2);
	});

	it('tries again at once when the network comes back', () => {
		const stream = new EventStream('reception', 1, { onMessage: vi.fn(), resync: current });
		const stop = stream.connect();
		FakeEventSource.latest.open();
		FakeEventSource.latest.fail();
		expect(FakeEventSource.instances).toHaveLength(1);
		browser.window.dispatchEvent(new Event('online'));
		expect(FakeEventSource.instances).toHaveLength(2);
		stop();
		expect(FakeEventSource.latest.readyState).toBe(FakeEventSource.CLOSED);
	});

	it('hands an unreadable message on as such', () => {
		const onMessage = vi.fn();
		new EventStream('reception', 1, { onMessage, resync: current }).connect();
		FakeEventSource.latest.emit('queue', '{"id":');
		expect(onMessage).toHaveBeenCalledWith({ kind: 'unreadable' });
	});
});
