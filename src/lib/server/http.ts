import { error, json, type Cookies, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { describeIssues } from '$lib/schemas/sync';
import { DEVICE_COOKIE, deviceForToken, rotateDeviceToken, type Device } from './devices';
import type { DeviceKind } from '$lib/devices/types';
import type { StaffUser } from './auth';

/** Reads a JSON body no larger than `maxBytes` and validates it; bad input is a 4xx, never a 500. */
export async function readJson<TSchema extends v.GenericSchema>(
	request: Request,
	schema: TSchema,
	maxBytes = 64 * 1024
): Promise<v.InferOutput<TSchema>> {
	const declared = Number(request.headers.get('content-length') ?? '0');
	// A refused body is left unread: the answer goes out at once, and server.js reads the rest
	// off the wire after it (a client may wait for an early answer before sending the rest).
	if (declared > maxBytes) {
		error(413, { message: `Body too large: send at most ${maxBytes} bytes.` });
	}
	if (!(request.headers.get('content-type') ?? '').includes('application/json')) {
		error(415, { message: 'Send the body as application/json.' });
	}
	const reader = request.body?.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	if (reader) {
		for (;;) {
			const { done, value } = await reader.read().catch((cause: unknown) => unreadable(cause));
			if (done) break;
			size += value.byteLength;
			// Never cancelled: that would reset the connection before the client read its 413.
			if (size > maxBytes)
				error(413, { message: `Body too large: send at most ${maxBytes} bytes.` });
			chunks.push(value);
		}
	}
	let body: unknown;
	try {
		body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
	} catch {
		error(400, { message: 'The body is not valid JSON.' });
	}
	const result = v.safeParse(schema, body);
	if (!result.success) error(400, { message: `Invalid request: ${describeIssues(result.issues)}` });
	return result.output;
}

/**
 * A body that stopped coming: over the server's own limit (adapter-node's 413), or cut short
 * (the client went away before its Content-Length: `aborted`, ECONNRESET). The client's doing,
 * so a 4xx logged in one line, never a 500 with a stack trace.
 */
function unreadable(cause: unknown): never {
	if ((cause as { status?: unknown } | null)?.status === 413) {
		error(413, { message: 'Body too large.' });
	}
	const message = 'The body could not be read: it ended before it was complete.';
	// As hooks.server.ts's handleError says the framework's own 4xx: one line, no stack trace.
	console.warn(`refused with 400: ${message}`);
	error(400, { message });
}

export async function requireDevice(
	event: Pick<RequestEvent, 'cookies' | 'request' | 'locals' | 'url'>,
	kind: DeviceKind
): Promise<Device> {
	const { db } = event.locals.app;
	const token = deviceToken(event, kind);
	const match = await deviceForToken(db, token, kind);
	if (!match) {
		error(401, {
			message: `This ${kind} is not enrolled, or its enrollment was removed. Enroll it with a pairing code from reception.`,
			code: 'not-enrolled'
		});
	}
	// Tokens are replaced on a schedule. Only a cookie can carry the new one back (a Bearer
	// client keeps its token, honoured for the grace period after a rotation).
	if (match.rotate && token && token === event.cookies.get(DEVICE_COOKIE[kind])) {
		const fresh = await rotateDeviceToken(db, match.device.id, token);
		setDeviceCookie(event.cookies, kind, fresh, event.url.protocol === 'https:');
	}
	return match.device;
}

function deviceToken(event: Pick<RequestEvent, 'cookies' | 'request'>, kind: DeviceKind) {
	const header = event.request.headers.get('authorization');
	if (header?.startsWith('Bearer ')) return header.slice(7).trim();
	return event.cookies.get(DEVICE_COOKIE[kind]);
}

export function requireStaffApi(locals: App.Locals, role?: 'admin'): StaffUser {
	if (!locals.staff) error(401, { message: 'Sign in at /reception first.', code: 'signed-out' });
	if (role === 'admin' && locals.staff.role !== 'admin') {
		error(403, { message: 'This needs an administrator.', code: 'forbidden' });
	}
	return locals.staff;
}

export function clientIp(event: Pick<RequestEvent, 'getClientAddress'>): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}

export function setDeviceCookie(
	cookies: Cookies,
	kind: DeviceKind,
	token: string,
	secure: boolean
) {
	cookies.set(DEVICE_COOKIE[kind], token, {
		path: '/',
		httpOnly: true,
		sameSite: 'strict',
		secure,
		maxAge: 60 * 60 * 24 * 400
	});
}

export { json };
