import type { Kysely } from 'kysely';
import type { App } from './app';
import type { StaffUser } from './auth';
import type { Database } from './db/schema';
import { audit } from './audit';
import { CONTACT_FIELDS, INSURANCE_FIELDS, type ChangeFieldName } from '$lib/intake/fields';
import type { ChangeRequestView, ChangeReviewList } from '$lib/queue/change-requests';
import { ticketCode } from '$lib/queue/ticket';
import { siteDay, siteDayBounds } from '$lib/site-time';

/**
 * Change requests as the desk reads them: the review list (what still needs someone, then what
 * was done today) and a patient's history. Reading them is reading patient data: audited.
 */

const FIELD_ORDER = new Map<ChangeFieldName, number>(
	[...CONTACT_FIELDS, ...INSURANCE_FIELDS].map((field, i) => [field, i])
);

type Filter = { kind: 'review'; siteId: string; since: number } | { kind: 'patient'; id: string };

/** The requests that match `filter`, each with its fields, photos and the people involved. */
export async function changeRequestViews(
	db: Kysely<Database>,
	filter: Filter
): Promise<ChangeRequestView[]> {
	let query = db
		.selectFrom('change_requests as cr')
		.innerJoin('patients as p', 'p.id', 'cr.patient_id')
		.leftJoin('appointments as a', 'a.id', 'cr.appointment_id')
		.leftJoin('providers as pr', 'pr.id', 'a.provider_id')
		.leftJoin('devices as d', 'd.id', 'cr.device_id')
		.leftJoin('staff_users as su', 'su.id', 'cr.reviewed_by')
		.selectAll('cr')
		.select([
			'p.first_name',
			'p.last_name',
			'p.dob',
			'a.starts_at',
			'a.ticket_seq',
			'pr.ticket_prefix',
			'pr.name as provider_name',
			'd.name as device_name',
			'su.display_name as reviewer_name'
		]);
	if (filter.kind === 'patient') query = query.where('cr.patient_id', '=', filter.id);
	else {
		query = query
			.where('cr.site_id', '=', filter.siteId)
			.where((eb) =>
				eb.or([
					eb('cr.status', '=', 'pending'),
					eb.and([eb('cr.status', '=', 'refused'), eb('cr.reviewed_at', 'is', null)]),
					eb('cr.reviewed_at', '>=', filter.since)
				])
			);
	}
	const rows = await query.orderBy('cr.received_at').orderBy('cr.id').execute();
	if (rows.length === 0) return [];
	const ids = rows.map((row) => row.id);
	const [fields, photos] = await Promise.all([
		db
			.selectFrom('change_fields as cf')
			.leftJoin('staff_users as su', 'su.id', 'cf.decided_by')
			.selectAll('cf')
			.select('su.display_name as decider_name')
			.where('cf.change_id', 'in', ids)
			.execute(),
		db
			.selectFrom('card_images')
			.select(['id', 'change_id', 'side', 'size'])
			.where('change_id', 'in', ids)
			.orderBy('side', 'desc')
			.execute()
	]);
	return rows.map((row) => ({
		id: row.id,
		status: row.status,
		receivedAt: Number(row.received_at),
		deviceName: row.device_name,
		insurance: row.insurance,
		photosExpected: Number(row.photos_expected),
		patient: { id: row.patient_id, name: `${row.first_name} ${row.last_name}`, dob: row.dob },
		appointment:
			row.starts_at === null || row.ticket_prefix === null || row.ticket_seq === null
				? null
				: {
						id: row.appointment_id,
						ticket: ticketCode(row.ticket_prefix, Number(row.ticket_seq)),
						startsAt: Number(row.starts_at),
						providerName: row.provider_name ?? ''
					},
		fields: fields
			.filter((f) => f.change_id === row.id)
			.sort((a, b) => (FIELD_ORDER.get(a.field) ?? 99) - (FIELD_ORDER.get(b.field) ?? 99))
			.map((f) => ({
				field: f.field,
				old: f.old_value,
				new: f.new_value,
				decision: f.decision,
				note: f.note,
				decidedAt: f.decided_at === null ? null : Number(f.decided_at),
				decidedBy: f.decided_by === 'server' ? 'server' : (f.decider_name ?? f.decided_by)
			})),
		// Front before back ('front' > 'back' sorted descending).
		photos: photos
			.filter((photo) => photo.change_id === row.id)
			.map((photo) => ({ id: photo.id, side: photo.side, size: Number(photo.size) })),
		refusedReason: row.refused_reason,
		reviewedAt: row.reviewed_at === null ? null : Number(row.reviewed_at),
		reviewedBy: row.reviewer_name ?? row.reviewed_by
	}));
}

const RANK = { pending: 0, refused: 1, reviewed: 2 } as const;

/** Pending first (oldest first), then refused ones nobody handled, then today's reviews (newest first). */
function reviewOrder(a: ChangeRequestView, b: ChangeRequestView): number {
	const rank = (r: ChangeRequestView) => (r.reviewedAt !== null ? 2 : RANK[r.status]);
	const byRank = rank(a) - rank(b);
	if (byRank !== 0) return byRank;
	if (rank(a) === 2) return (b.reviewedAt ?? 0) - (a.reviewedAt ?? 0);
	return a.receivedAt - b.receivedAt;
}

export async function reviewList(
	app: App,
	staff: StaffUser,
	ip: string | null
): Promise<ChangeReviewList> {
	const timezone = app.sites.get(staff.siteId)?.timezone ?? 'UTC';
	const { start } = siteDayBounds(timezone, siteDay(timezone));
	const requests = (
		await changeRequestViews(app.db, { kind: 'review', siteId: staff.siteId, since: start })
	).sort(reviewOrder);
	const pendingCount = requests.filter((r) => r.status === 'pending').length;
	if (requests.length > 0) {
		await audit(app.db, { type: 'staff', id: staff.id, ip }, 'changes.list', null, {
			count: requests.length,
			patients: [...new Set(requests.map((r) => r.patient.id))]
		});
	}
	return { requests, pendingCount };
}

/** The number beside the desk's "Changes" link: no patient data, so no audit row. */
export async function pendingChangeCount(app: App, staff: StaffUser): Promise<number> {
	const row = await app.db
		.selectFrom('change_requests')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('site_id', '=', staff.siteId)
		.where('status', '=', 'pending')
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
