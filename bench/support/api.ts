// The app's HTTP API as the bench drives it from Node: a signed-in staff member, enrolled
// devices (by bearer token, which the API accepts like the device cookie) and kiosk sync.
import type { BrowserContext } from '@playwright/test';
import { uuidv7 } from '../../src/lib/kiosk/uuidv7';
import { BENCH_PASSWORD } from './server';

/** What GET /api/staff/appointments answers per appointment (the fields the bench uses). */
export interface StaffAppointment {
	id: string;
	status: string;
	ticket: string;
}

/** One op of POST /api/kiosk/sync, as in src/lib/schemas/sync.ts. */
export interface CheckInOp {
	id: string;
	type: 'checkin';
	createdAt: number;
	payload: { appointmentId: string; method: 'lookup'; arrivedAt: number };
}

export interface OpResult {
	id: string;
	outcome: 'applied' | 'duplicate' | 'rejected';
	reason?: string;
	entryId?: string;
	ticket?: string;
}

async function expectOk(response: Response, what: string): Promise<Response> {
	if (!response.ok) {
		throw new Error(`${what}: HTTP ${response.status} ${await response.text().catch(() => '')}`);
	}
	return response;
}

export class Staff {
	private constructor(
		readonly baseUrl: string,
		private readonly cookie: string
	) {}

	static async signIn(baseUrl: string): Promise<Staff> {
		const response = await expectOk(
			await fetch(`${baseUrl}/api/staff/session`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ username: 'reception', password: BENCH_PASSWORD })
			}),
			'staff sign-in'
		);
		const session = response.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.find((c) => c.startsWith('fd_session='));
		if (!session) throw new Error('staff sign-in set no fd_session cookie');
		return new Staff(baseUrl, session);
	}

	/** `fd_session=…`, for a browser the bench cannot sign in through the form (Lighthouse). */
	get sessionCookie(): string {
		return this.cookie;
	}

	async get<T>(path: string): Promise<T> {
		const response = await fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookie } });
		return (await (await expectOk(response, `GET ${path}`)).json()) as T;
	}

	async pairingCode(kind: 'kiosk' | 'display', name: string): Promise<string> {
		const response = await fetch(`${this.baseUrl}/api/staff/pairing-codes`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: this.cookie },
			body: JSON.stringify({ kind, name })
		});
		return ((await (await expectOk(response, 'pairing code')).json()) as { code: string }).code;
	}

	/** Enrolls a device for a Node client; returns its bearer token. */
	async enrollToken(kind: 'kiosk' | 'display', name: string): Promise<string> {
		const code = await this.pairingCode(kind, name);
		const response = await fetch(`${this.baseUrl}/api/devices/enroll`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ code, kind })
		});
		return ((await (await expectOk(response, 'enroll')).json()) as { token: string }).token;
	}

	/** Enrolls a browser context as a kiosk: the device cookie lands in that context. */
	async enrollContext(context: BrowserContext, name: string): Promise<void> {
		const code = await this.pairingCode('kiosk', name);
		const response = await context.request.post(`${this.baseUrl}/api/devices/enroll`, {
			data: { code, kind: 'kiosk' }
		});
		if (!response.ok()) throw new Error(`enroll ${name}: HTTP ${response.status()}`);
	}

	/** The check-in URL printed as the QR on an appointment's letter. */
	async checkInUrl(appointmentId: string): Promise<string> {
		return (await this.get<{ checkInUrl: string }>(`/api/staff/letters/${appointmentId}`))
			.checkInUrl;
	}
}

/** A kiosk check-in by manual lookup (no token to verify), arrived now. */
export function checkInOp(appointmentId: string, now = Date.now()): CheckInOp {
	return {
		id: uuidv7(now),
		type: 'checkin',
		createdAt: now,
		payload: { appointmentId, method: 'lookup', arrivedAt: now }
	};
}

/** POST /api/kiosk/sync as an enrolled kiosk; returns the per-op answers. */
export async function sync(baseUrl: string, kioskToken: string, ops: CheckInOp[]) {
	const response = await fetch(`${baseUrl}/api/kiosk/sync`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${kioskToken}` },
		body: JSON.stringify({ ops })
	});
	const body = (await (await expectOk(response, 'sync')).json()) as { results: OpResult[] };
	return body.results;
}
