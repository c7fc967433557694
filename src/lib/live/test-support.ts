/**
 * Builders for the live clients' unit tests: just enough of EventSource (and of `window`) to
 * drive them by hand, a snapshot, and a JSON answer. Not imported by application code.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { at } from '$lib/queue/test-fixtures';
import type { QueueEntryView, QueueSnapshot } from '$lib/queue/types';
import type { QueueEvent } from '$lib/queue/events';

export class FakeEventSource extends EventTarget {
	static readonly CONNECTING = 0;
	static readonly OPEN = 1;
	static readonly CLOSED = 2;
	static instances: FakeEventSource[] = [];
	readyState = FakeEventSource.CONNECTING;

	constructor(readonly url: string) {
		super();
		FakeEventSource.instances.push(this);
	}

	static get latest(): FakeEventSource {
		return FakeEventSource.instances[FakeEventSource.instances.length - 1];
	}

	close() {
		this.readyState = FakeEventSource.CLOSED;
	}

	open() {
		this.readyState = FakeEventSource.OPEN;
		this.dispatchEvent(new Event('open'));
	}

	/** A dropped connection: the browser would try again by itself (CONNECTING). */
	fail() {
		this.readyState = FakeEventSource.CONNECTING;
		this.dispatchEvent(new Event('error'));
	}

	/** An HTTP error (401, a proxy's 502): the browser gives up for good (CLOSED). */
	refuse() {
		this.readyState = FakeEventSource.CLOSED;
		this.dispatchEvent(new Event('error'));
	}

	/** A message as the server writes it: `event: <type>`, `id: <id>`, `data: <JSON>`. */
	emit(type: 'snapshot' | 'queue', data: unknown, id?: number) {
		const message = new MessageEvent(type, {
			data: typeof data === 'string' ? data : JSON.stringify(data),
			lastEventId: id === undefined ? '' : String(id)
		});
		this.dispatchEvent(message);
	}
}

/**
 * For every test of the file: fake timers from `now`, the fake EventSource, a fake `window` (to
 * dispatch `online` on) and a fresh `fetch` mock.
 */
export function fakeBrowser(now = at(0)) {
	const browser = { fetch: vi.fn<typeof fetch>(), window: new EventTarget() };
	beforeEach(() => {
		vi.useFakeTimers();
		vi.setSystemTime(now);
		FakeEventSource.instances = [];
		browser.window = new EventTarget();
		browser.fetch.mockReset();
		vi.stubGlobal('EventSource', FakeEventSource);
		vi.stubGlobal('window', browser.window);
		vi.stubGlobal('fetch', browser.fetch);
	});
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});
	return browser;
}

export const TZ = 'UTC';
export const DAY = '2025-01-15';

export function snapshot(overrides: Partial<QueueSnapshot> = {}): QueueSnapshot {
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

export function upsert(id: number, changed: QueueEntryView): QueueEvent {
	return { id, type: 'queue.upsert', entry: changed, delays: { 'dr-lee': 0 } };
}

export function jsonResponse(body: unknown, status = 200): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json' }
	});
}
