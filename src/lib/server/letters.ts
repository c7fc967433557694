import type { App } from './app';
import type { StaffUser } from './auth';
import { audit } from './audit';
import { withPatientAndProvider } from './appointments';
import type { SiteConfig } from '$lib/schemas/site-config';
import { siteDayBounds } from '$lib/site-time';

/** Printed check-in letters, one or a whole day's: staff only, each letter read audited. */

const LETTER_COLUMNS = [
	'a.id',
	'a.site_day',
	'a.starts_at',
	'a.roster_key',
	'a.status',
	'pr.name as provider_name',
	'p.id as patient_id',
	'p.first_name',
	'p.last_name',
	'p.address',
	'p.preferred_language'
] as const;

function letterRows(app: App, staff: StaffUser) {
	return withPatientAndProvider(app).select(LETTER_COLUMNS).where('a.site_id', '=', staff.siteId);
}
type LetterRow = Awaited<ReturnType<ReturnType<typeof letterRows>['execute']>>[number];

export type AppointmentLetter = Awaited<ReturnType<typeof toLetter>>;

/** A letter with its signed check-in URL for the QR code, valid to the end of its day. */
async function toLetter(app: App, config: SiteConfig, row: LetterRow) {
	const { end } = siteDayBounds(config.timezone, row.site_day);
	const token = await app.signer.sign({
		sub: row.id,
		site: config.siteId,
		exp: Math.floor(end / 1000),
		rk: row.roster_key
	});
	return {
		appointmentId: row.id,
		siteName: config.name,
		timezone: config.timezone,
		startsAt: row.starts_at,
		status: row.status,
		providerName: row.provider_name,
		patientName: `${row.first_name} ${row.last_name}`,
		address: row.address,
		language: row.preferred_language,
		checkInUrl: `${app.publicBaseUrl}/c/${token}`
	};
}

/** What a printed reminder letter carries, including the signed check-in URL for its QR code. */
export async function appointmentLetter(
	app: App,
	staff: StaffUser,
	appointmentId: string,
	ip: string | null
) {
	const config = app.sites.get(staff.siteId);
	if (!config) return null;
	const row = await letterRows(app, staff).where('a.id', '=', appointmentId).executeTakeFirst();
	if (!row) return null;
	await audit(app.db, { type: 'staff', id: staff.id, ip }, 'letter.view', row.patient_id, {
		appointmentId: row.id
	});
	return toLetter(app, config, row);
}

/**
 * Every booked appointment's letter for one site day (one print job), optionally one
 * provider's; one `letter.view` row per letter, so each patient's trail shows the print.
 */
export async function dayLetters(
	app: App,
	staff: StaffUser,
	filter: { day: string; providerId: string },
	ip: string | null
): Promise<AppointmentLetter[]> {
	const config = app.sites.get(staff.siteId);
	if (!config) return [];
	let query = letterRows(app, staff)
		.where('a.site_day', '=', filter.day)
		.where('a.status', '=', 'booked');
	if (filter.providerId) query = query.where('a.provider_id', '=', filter.providerId);
	const rows = await query.orderBy('a.starts_at').orderBy('a.id').execute();
	const actor = { type: 'staff' as const, id: staff.id, ip };
	for (const row of rows) {
		await audit(app.db, actor, 'letter.view', row.patient_id, {
			appointmentId: row.id,
			via: 'day-print',
			siteDay: filter.day
		});
	}
	return Promise.all(rows.map((row) => toLetter(app, config, row)));
}
