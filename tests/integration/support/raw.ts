import net from 'node:net';

export interface Answer {
	status: number;
	/** Header names in lower case. */
	headers: Record<string, string>;
	body: string;
}

/**
 * One raw keep-alive connection, so the test sees exactly what the server does with the bytes
 * (node's own http client stops writing a body once it has the answer). Rejects on a reset
 * (ECONNRESET, EPIPE) or a close, and when no answer comes in `timeoutMs`.
 */
export class RawConnection {
	private readonly socket: net.Socket;
	private buffer = Buffer.alloc(0);
	private failure: Error | null = null;
	private wake: (() => void) | null = null;

	constructor(baseUrl: string) {
		const { hostname, port } = new URL(baseUrl);
		this.socket = net.connect(Number(port), hostname);
		this.socket.on('data', (chunk: Buffer) => {
			this.buffer = Buffer.concat([this.buffer, chunk]);
			this.wake?.();
		});
		this.socket.on('error', (error) => this.fail(error));
		this.socket.on('close', () => this.fail(new Error('the server closed the connection')));
	}

	/** The answer, or null when the server closed the connection without one. */
	async answerOrClose(timeoutMs = 10_000): Promise<Answer | null> {
		try {
			return await this.answer(timeoutMs);
		} catch (error) {
			// Closed or reset with nothing answered; a timeout is still a failure.
			if (this.failure) return null;
			throw error;
		}
	}

	private fail(error: Error) {
		this.failure ??= error;
		this.wake?.();
	}

	/** Writes, waiting for the socket to take it (a writer no faster than the server reads). */
	async write(data: Buffer | string): Promise<void> {
		if (this.failure) throw this.failure;
		if (this.socket.write(data)) return;
		await new Promise<void>((resolve, reject) => {
			const onDrain = () => {
				this.wake = null;
				resolve();
			};
			this.socket.once('drain', onDrain);
			this.wake = () => {
				if (!this.failure) return;
				this.socket.off('drain', onDrain);
				reject(this.failure);
			};
		});
	}

	/** The next complete answer (Content-Length or chunked). */
	async answer(timeoutMs = 10_000): Promise<Answer> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const parsed = this.parse();
			if (parsed) return parsed;
			if (this.failure) throw this.failure;
			const left = deadline - Date.now();
			if (left <= 0) throw new Error(`no answer in ${timeoutMs} ms`);
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, left);
				this.wake = () => {
					clearTimeout(timer);
					resolve();
				};
			});
			this.wake = null;
		}
	}

	private parse(): Answer | null {
		const end = this.buffer.indexOf('\r\n\r\n');
		if (end === -1) return null;
		const [statusLine, ...lines] = this.buffer.subarray(0, end).toString('latin1').split('\r\n');
		const status = Number(statusLine.split(' ')[1]);
		const headers: Record<string, string> = {};
		for (const line of lines) {
			const colon = line.indexOf(':');
			headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
		const rest = this.buffer.subarray(end + 4);
		// An event stream never ends: its head is the answer. 204 and 304 have no body.
		if (
			(headers['content-type'] ?? '').startsWith('text/event-stream') ||
			status === 204 ||
			status === 304
		) {
			this.buffer = status === 204 || status === 304 ? rest : Buffer.alloc(0);
			return { status, headers, body: '' };
		}
		if (headers['content-length'] !== undefined) {
			const size = Number(headers['content-length']);
			if (rest.length < size) return null;
			this.buffer = rest.subarray(size);
			return { status, headers, body: rest.subarray(0, size).toString('utf8') };
		}
		if (headers['transfer-encoding'] !== 'chunked') {
			// Neither: the body runs to the close.
			if (!this.failure) return null;
			this.buffer = Buffer.alloc(0);
			return { status, headers, body: rest.toString('utf8') };
		}
		const chunked = dechunk(rest);
		if (!chunked) return null;
		this.buffer = rest.subarray(chunked.used);
		return { status, headers, body: chunked.body };
	}

	/** No more to send (the server sees the end of the request's bytes). */
	end(): void {
		this.socket.end();
	}

	close(): void {
		this.socket.destroy();
	}
}

/** A whole chunked body at the start of `data` (no trailers), or null while it is incomplete. */
function dechunk(data: Buffer): { body: string; used: number } | null {
	const parts: Buffer[] = [];
	let at = 0;
	for (;;) {
		const lineEnd = data.indexOf('\r\n', at);
		if (lineEnd === -1) return null;
		const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
		if (size === 0) {
			if (data.length < lineEnd + 4) return null;
			return { body: Buffer.concat(parts).toString('utf8'), used: lineEnd + 4 };
		}
		if (data.length < lineEnd + 2 + size + 2) return null;
		parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
		at = lineEnd + 2 + size + 2;
	}
}
