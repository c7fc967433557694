import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { expect } from 'vitest';
import type { OpResult, SyncOp, SyncResponse, KioskStatus, HelpReason } from '$lib/schemas/sync';
import type { QueueSnapshot } from '$lib/queue/types';
import { PASSWORD, type TestServer } from './server';

export interface RequestOptions {
	/** Sent as application/json. */
	json?: unknown;
	/** Sent as is (with whatever content-type `headers` give). */
	body?: string;
	headers?: Record<string, string>;
	/** 'manual' to see a redirect itself instead of the page it leads to. */
	redirect?: RequestRedirect;
}

/** A fetch wrapper with a cookie jar: one instance is one browser, kiosk or display. */
export class Client {
	private readonly cookies = new Map<string, string>();

	constructor(readonly baseUrl: string) {}

	get cookieHeader(): string {
		return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
	}

	cookie(name: string): string | undefined {
		return this.cookies.get(name);
	}

	async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
		const headers: Record<string, string> = { ...options.headers };
		if (this.cookies.size) headers.cookie = this.cookieHeader;
		let body = options.body;
		if (options.json !== undefined) {
			headers['content-type'] ??= 'application/json';
			body = JSON.stringify(options.json);
		}
		const response = await fetch(new URL(path, this.baseUrl), {
			method,
			headers,
			body,
			redirect: options.redirect
		});
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
		return response;
	}

	/** A JSON request that must answer `status`; returns the parsed body. */
	async expectJson<T>(
		method: string,
		path: string,
		status: number,
		options: RequestOptions = {}
	): Promise<T> {
		const response = await this.request(method, path, options);
		const text = await response.text();
		expect(response.status, `${method} ${path} answered ${response.status}: ${text}`).toBe(status);
		return JSON.parse(text) as T;
	}
}

export interface Appointment {
	id: string;
	startsAt: number;
	durationMin: number;
	status: string;
	ticket: string;
	providerName: string;
	patientId: string;
	patientName: string;
	visitType: string;
	/** Five wrong birth dates at the kiosks locked it. */
	dobLocked: boolean;
}

export interface Letter {
	appointmentId: string;
	timezone: string;
	patientName: string;
	checkInUrl: string;
}

export interface ApiError {
	message: string;
	code?: string;
}

/** A signed-in staff member (the demo reception user unless told otherwise). */
export async function staffLogin(
	server: TestServer,
	username = 'reception',
	password = PASSWORD
): Promise<Client> {
	const staff = new Client(server.baseUrl);
	await staff.expectJson('POST', '/api/staff/session', 200, { json: { username, password } });
	expect(staff.cookie('fd_session')).toBeTruthy();
	return staff;
}

export interface EnrolledDevice {
	client: Client;
	deviceId: string;
	token: string;
}

export async function pairingCode(staff: Client, kind: 'kiosk' | 'display', name: string) {
	return staff.expectJson<{ code: string; expiresAt: number }>(
		'POST',
		'/api/staff/pairing-codes',
		201,
		{ json: { kind, name } }
	);
}

/** Creates a pairing code as `staff` and enrolls a new device with it (cookie set on the client). */
export async function pairAndEnroll(
	server: TestServer,
	staff: Client,
	kind: 'kiosk' | 'display',
	name = `${kind} ${randomBytes(3).toString('hex')}`
): Promise<EnrolledDevice> {
	const { code } = await pairingCode(staff, kind, name);
	const client = new Client(server.baseUrl);
	const body = await client.expectJson<{ deviceId: string; token: string }>(
		'POST',
		'/api/devices/enroll',
		200,
		{ json: { code, kind } }
	);
	expect(client.cookie(kind === 'kiosk' ? 'fd_kiosk' : 'fd_display')).toBe(body.token);
	return { client, deviceId: body.deviceId, token: body.token };
}

export async function syncOps(
	kiosk: Client,
	ops: SyncOp[],
	status?: KioskStatus
): Promise<SyncResponse> {
	return kiosk.expectJson<SyncResponse>('POST', '/api/kiosk/sync', 200, {
		json: status ? { ops, status } : { ops }
	});
}

/** Sends one op and returns its answer. */
export async function syncOne(kiosk: Client, op: SyncOp): Promise<OpResult> {
	const { results } = await syncOps(kiosk, [op]);
	expect(results).toHaveLength(1);
	return results[0];
}

/** RFC 9562 UUIDv7: 48-bit millisecond time, version 7, variant 10, random rest. */
export function uuidv7(at = Date.now()): string {
	const bytes = randomBytes(16);
	bytes.writeUIntBE(at, 0, 6);
	bytes[6] = 0x70 | (bytes[6] & 0x0f);
	bytes[8] = 0x80 | (bytes[8] & 0x3f);
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function checkInOp(
	appointmentId: string,
	options: { method?: 'qr' | 'lookup'; token?: string; arrivedAt?: number; id?: string } = {}
): SyncOp {
	const now = Date.now();
	return {
		id: options.id ?? uuidv7(),
		type: 'checkin',
		createdAt: now,
		payload: {
			appointmentId,
			method: options.method ?? (options.token ? 'qr' : 'lookup'),
			...(options.token ? { token: options.token } : {}),
			arrivedAt: options.arrivedAt ?? now
		}
	};
}

export function helpOp(reason: HelpReason = 'asked', appointmentId?: string): SyncOp {
	const now = Date.now();
	return {
		id: uuidv7(),
		type: 'help',
		createdAt: now,
		payload: { reason, ...(appointmentId ? { appointmentId } : {}), at: now }
	};
}

export async function appointments(staff: Client): Promise<Appointment[]> {
	return staff.expectJson<Appointment[]>('GET', '/api/staff/appointments', 200);
}

export async function letter(staff: Client, appointmentId: string): Promise<Letter> {
	return staff.expectJson<Letter>('GET', `/api/staff/letters/${appointmentId}`, 200);
}

/** The check-in token printed in the letter's QR code: what follows `/c/` in its URL. */
export async function qrToken(staff: Client, appointmentId: string): Promise<string> {
	const { checkInUrl } = await letter(staff, appointmentId);
	const token = checkInUrl.split('/c/')[1];
	expect(token, checkInUrl).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
	return token;
}

export async function snapshot(
	client: Client,
	audience: 'reception' | 'display'
): Promise<QueueSnapshot> {
	return client.expectJson<QueueSnapshot>('GET', `/api/queue/snapshot?audience=${audience}`, 200);
}

/**
 * Requests over one keep-alive socket (node:http, one socket at most), for checks that a refused
 * request leaves the connection usable. Each request fails after `timeoutMs` rather than hanging.
 */
export class OneConnection {
	private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

	constructor(
		readonly baseUrl: string,
		private readonly headers: Record<string, string> = {},
		private readonly timeoutMs = 5000
	) {}

	send(method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
		const headers: Record<string, string> = { ...this.headers };
		if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
		return new Promise((resolve, reject) => {
			const request = http.request(
				new URL(path, this.baseUrl),
				{ method, headers, agent: this.agent },
				(response) => {
					let text = '';
					response.setEncoding('utf8');
					response.on('data', (chunk: string) => (text += chunk));
					response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
				}
			);
			request.setTimeout(this.timeoutMs, () =>
				request.destroy(new Error(`${method} ${path}: no answer in ${this.timeoutMs} ms`))
			);
			request.on('error', reject);
			request.end(body);
		});
	}

	close(): void {
		this.agent.destroy();
	}
}
