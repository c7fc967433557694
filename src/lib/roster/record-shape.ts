import type { AppointmentStatus } from '$lib/queue/types';
import type { RosterRecord } from './roster-types';

const APPOINTMENT_STATUSES: Record<AppointmentStatus, true> = {
	booked: true,
	arrived: true,
	called: true,
	'in-room': true,
	completed: true,
	'no-show': true,
	cancelled: true
};

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasTypes(
	value: Record<string, unknown>,
	fields: Record<string, 'string' | 'number' | 'boolean'>
) {
	return Object.entries(fields).every(([field, type]) => {
		const v = value[field];
		return typeof v === type && (type !== 'number' || Number.isFinite(v));
	});
}

/** Minimal structural check: enough that the kiosk never renders a half-shaped record. */
export function isRosterRecord(value: unknown): value is RosterRecord {
	if (!isObject(value) || !isObject(value.patient)) return false;
	const status = value.status;
	if (typeof status !== 'string' || !Object.hasOwn(APPOINTMENT_STATUSES, status)) return false;
	const coverage = value.coverage;
	const coverageOk =
		coverage === null ||
		(isObject(coverage) &&
			hasTypes(coverage, {
				payer: 'string',
				memberIdMasked: 'string',
				groupNumber: 'string',
				relationship: 'string',
				copayCents: 'number',
				verified: 'boolean'
			}));
	return (
		coverageOk &&
		hasTypes(value, {
			appointmentId: 'string',
			siteId: 'string',
			siteDay: 'string',
			ticket: 'string',
			providerId: 'string',
			providerName: 'string',
			slotAt: 'number',
			durationMin: 'number'
		}) &&
		hasTypes(value.patient, {
			firstName: 'string',
			lastName: 'string',
			dob: 'string',
			phone: 'string',
			email: 'string',
			address: 'string',
			preferredLanguage: 'string'
		})
	);
}
