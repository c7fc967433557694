import type { QueueSnapshot } from '$lib/queue/types';
import type { QueueEvent } from '$lib/queue/events';

/** One Server-Sent Events message (comments and `retry:` blocks are not messages). */
export interface SseMessage {
	id: string | null;
	event: string;
	data: string;
}

export interface SseOptions {
	/** Cookie header (staff session or device cookie). */
	cookie?: string;
	headers?: Record<string, string>;
}

type Wanted = number | ((messages: SseMessage[]) => boolean);

/**
 * An open event stream read with fetch. Messages collect in `messages`; `waitFor` resolves once
 * a condition holds (or fails with what did arrive, so a broken stream is easy to read).
 */
export class SseStream {
	readonly messages: SseMessage[] = [];
	private readonly controller = new AbortController();
	private readonly waiters = new Set<() => void>();
	private ended: Error | null = null;
	private done: Promise<void> = Promise.resolve();

	private constructor(readonly status: number) {}

	static async open(url: string, options: SseOptions = {}): Promise<SseStream> {
		const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
		if (options.cookie) headers.cookie = options.cookie;
		const probe = new AbortController();
		const response = await fetch(url, { headers, signal: probe.signal });
		const stream = new SseStream(response.status);
		stream.controller.signal.addEventListener('abort', () => probe.abort());
		if (!response.ok || !response.body) {
			stream.ended = new Error(`${url} answered ${response.status}: ${await response.text()}`);
			return stream;
		}
		stream.done = stream.pump(response.body);
		return stream;
	}

	private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
		const decoder = new TextDecoder();
		const reader = body.getReader();
		let buffer = '';
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				buffer += decoder.decode(value, { stream: true });
				let end: number;
				while ((end = buffer.indexOf('\n\n')) !== -1) {
					const message = parseBlock(buffer.slice(0, end));
					buffer = buffer.slice(end + 2);
					if (message) this.messages.push(message);
				}
				this.wake();
			}
			this.ended = new Error('the server closed the stream');
		} catch (error) {
			this.ended = error instanceof Error ? error : new Error(String(error));
		}
		this.wake();
	}

	private wake(): void {
		for (const waiter of this.waiters) waiter();
	}

	/** Resolves with all messages so far once `wanted` (a count, or a condition) holds. */
	waitFor(wanted: Wanted, timeoutMs = 10_000): Promise<SseMessage[]> {
		const satisfied = () =>
			typeof wanted === 'number' ? this.messages.length >= wanted : wanted(this.messages);
		return new Promise((resolve, reject) => {
			const check = () => {
				if (satisfied()) {
					finish();
					resolve(this.messages);
				} else if (this.ended) {
					finish();
					reject(new Error(`${this.ended.message}; received:\n${this.describe()}`));
				}
			};
			const timer = setTimeout(() => {
				finish();
				reject(
					new Error(`no matching SSE message in ${timeoutMs} ms; received:\n${this.describe()}`)
				);
			}, timeoutMs);
			const finish = () => {
				clearTimeout(timer);
				this.waiters.delete(check);
			};
			this.waiters.add(check);
			check();
		});
	}

	/** Waits for the first `queue` message that matches and returns its parsed event. */
	async waitForEvent(
		match: (event: QueueEvent) => boolean,
		timeoutMs?: number
	): Promise<QueueEvent> {
		const found = () => this.events().find(match);
		await this.waitFor(() => found() !== undefined, timeoutMs);
		return found() as QueueEvent;
	}

	/** The parsed `queue` events received so far. */
	events(): QueueEvent[] {
		return this.messages
			.filter((m) => m.event === 'queue')
			.map((m) => JSON.parse(m.data) as QueueEvent);
	}

	async snapshot(timeoutMs?: number): Promise<{ id: number; snapshot: QueueSnapshot }> {
		const messages = await this.waitFor(
			(list) => list.some((m) => m.event === 'snapshot'),
			timeoutMs
		);
		const message = messages.find((m) => m.event === 'snapshot') as SseMessage;
		return { id: Number(message.id), snapshot: JSON.parse(message.data) as QueueSnapshot };
	}

	/** Resolves once the server has ended the stream (rejects after `timeoutMs`). */
	async endedByServer(timeoutMs = 10_000): Promise<void> {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(
				() => reject(new Error(`the stream was still open after ${timeoutMs} ms`)),
				timeoutMs
			);
		});
		try {
			await Promise.race([this.done, timeout]);
		} finally {
			clearTimeout(timer);
		}
		if (this.controller.signal.aborted) throw new Error('the test closed the stream itself');
	}

	async close(): Promise<void> {
		this.controller.abort();
		await this.done;
	}

	private describe(): string {
		return this.messages.map((m) => `  [${m.id}] ${m.event}: ${m.data.slice(0, 200)}`).join('\n');
	}
}

function parseBlock(block: string): SseMessage | null {
	let id: string | null = null;
	let event = 'message';
	const data: string[] = [];
	for (const line of block.split('\n')) {
		if (line === '' || line.startsWith(':')) continue;
		const colon = line.indexOf(':');
		const field = colon === -1 ? line : line.slice(0, colon);
		const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
		if (field === 'id') id = value;
		else if (field === 'event') event = value;
		else if (field === 'data') data.push(value);
	}
	return data.length ? { id, event, data: data.join('\n') } : null;
}

/** Opens a stream, collects `untilCount` messages (or fails after `timeoutMs`), and closes it. */
export async function readSse(
	url: string,
	cookie: string | undefined,
	untilCount: number,
	timeoutMs = 10_000
): Promise<SseMessage[]> {
	const stream = await SseStream.open(url, { cookie });
	try {
		return [...(await stream.waitFor(untilCount, timeoutMs))];
	} finally {
		await stream.close();
	}
}
