import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { MAX_OPS_PER_BATCH, SyncOp, SyncRequest, describeIssues } from './sync';

const AT = Date.UTC(2026, 2, 14, 15, 0);
const ID = '019ced6c-7d80-7abc-8def-0123456789ab';

function checkIn(overrides: Record<string, unknown> = {}, payload: Record<string, unknown> = {}) {
	return {
		id: ID,
		type: 'checkin',
		createdAt: AT,
		payload: { appointmentId: 'ab12cd', method: 'qr', token: 'x.y.z', arrivedAt: AT, ...payload },
		...overrides
	};
}

function help(payload: Record<string, unknown> = {}) {
	return {
		id: ID,
		type: 'help',
		createdAt: AT,
		payload: { reason: 'dob-locked', appointmentId: 'ab12cd', at: AT, ...payload }
	};
}

function issuesOf(schema: v.GenericSchema, input: unknown): string {
	const result = v.safeParse(schema, input);
	if (result.success) throw new Error('expected the input to be refused');
	return describeIssues(result.issues);
}

describe('SyncOp', () => {
	it('accepts a check-in by QR and one by lookup without a token', () => {
		expect(v.safeParse(SyncOp, checkIn()).success).toBe(true);
		const lookup = checkIn({}, { method: 'lookup', token: undefined });
		expect(v.safeParse(SyncOp, lookup).success).toBe(true);
	});

	it('accepts help ops with and without an appointment', () => {
		expect(v.safeParse(SyncOp, help()).success).toBe(true);
		expect(v.safeParse(SyncOp, help({ reason: 'asked', appointmentId: null })).success).toBe(true);
		const { appointmentId: _omitted, ...noAppointment } = help().payload;
		expect(v.safeParse(SyncOp, { ...help(), payload: noAppointment }).success).toBe(true);
	});

	it('refuses an id that is not a UUIDv7, naming the field', () => {
		const v4 = '019ced6c-7d80-4abc-8def-0123456789ab';
		expect(issuesOf(SyncOp, checkIn({ id: v4 }))).toBe('id: op id must be a UUIDv7');
		expect(issuesOf(SyncOp, checkIn({ id: ID.toUpperCase() }))).toContain('id: ');
		expect(issuesOf(SyncOp, checkIn({ id: 42 }))).toBe('id: op id must be a string');
	});

	it('refuses an unknown op type', () => {
		const message = issuesOf(SyncOp, checkIn({ type: 'cancel' }));
		expect(message).toMatch(/^type: /);
		expect(message).toContain('"checkin" | "help"');
	});

	it('refuses extra fields at the top and inside the payload', () => {
		expect(issuesOf(SyncOp, checkIn({ patientName: 'Ann' }))).toMatch(/^patientName: /);
		expect(issuesOf(SyncOp, checkIn({}, { dob: '1980-01-01' }))).toMatch(/^payload\.dob: /);
		expect(issuesOf(SyncOp, help({ note: 'hi' }))).toMatch(/^payload\.note: /);
	});

	it('refuses missing or wrong payload fields, naming each path', () => {
		const { arrivedAt: _a, ...noArrival } = checkIn().payload;
		expect(issuesOf(SyncOp, { ...checkIn(), payload: noArrival })).toMatch(
			/^payload\.arrivedAt: .*received undefined/
		);
		expect(issuesOf(SyncOp, checkIn({}, { method: 'phone' }))).toBe(
			'payload.method: method must be "qr" or "lookup"'
		);
		expect(issuesOf(SyncOp, checkIn({}, { appointmentId: 'a/b' }))).toBe(
			'payload.appointmentId: appointment id is not valid'
		);
		expect(issuesOf(SyncOp, help({ reason: 'bored' }))).toMatch(/^payload\.reason: /);
		expect(issuesOf(SyncOp, checkIn({ createdAt: 12 }))).toMatch(/^createdAt: /);
		expect(issuesOf(SyncOp, checkIn({}, { arrivedAt: AT + 0.5 }))).toMatch(/^payload\.arrivedAt: /);
	});
});

describe('SyncRequest', () => {
	it('accepts a batch with a kiosk status report', () => {
		const request = {
			ops: [checkIn(), help()],
			status: {
				appVersion: '0.1.0',
				pending: 2,
				oldestPendingAt: AT,
				deadLetters: 0,
				storagePersisted: null
			}
		};
		expect(v.safeParse(SyncRequest, request).success).toBe(true);
		expect(v.safeParse(SyncRequest, { ops: [] }).success).toBe(true);
	});

	it(`refuses more than ${MAX_OPS_PER_BATCH} ops`, () => {
		const ops = Array.from({ length: MAX_OPS_PER_BATCH + 1 }, () => checkIn());
		expect(issuesOf(SyncRequest, { ops })).toBe(
			`ops: send at most ${MAX_OPS_PER_BATCH} ops per request`
		);
		expect(v.safeParse(SyncRequest, { ops: ops.slice(1) }).success).toBe(true);
	});

	it('names the op index in the path of a bad op', () => {
		const message = issuesOf(SyncRequest, { ops: [checkIn(), checkIn({}, { method: 'fax' })] });
		expect(message).toBe('ops.1.payload.method: method must be "qr" or "lookup"');
	});

	it('refuses a body that is not an object with ops', () => {
		expect(issuesOf(SyncRequest, { ops: 'all' })).toBe('ops: ops must be a list');
		expect(issuesOf(SyncRequest, null)).toMatch(/^body: /);
		expect(issuesOf(SyncRequest, { ops: [], extra: 1 })).toMatch(/^extra: /);
	});
});

describe('describeIssues', () => {
	it('joins at most five issues into one line', () => {
		const ops = Array.from({ length: 8 }, (_, i) => checkIn({ id: `bad-${i}` }));
		const result = v.safeParse(SyncRequest, { ops });
		expect(result.success).toBe(false);
		const line = describeIssues(result.issues ?? []);
		expect(line.split('; ')).toHaveLength(5);
		expect(line).toContain('ops.0.id: op id must be a UUIDv7');
		expect(line).not.toContain('\n');
	});
});
