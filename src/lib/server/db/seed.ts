import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { SiteConfig } from '$lib/schemas/site-config';
import { hashPassword, shortId } from '../secrets';
import { newRosterKey } from '$lib/roster/roster-crypto';
import { minutesIntoDay, siteDay, siteDayBounds, siteTime } from '$lib/site-time';

/** Default demo password; `npm start` prints it. Set FRONT_DESK_DEMO_PASSWORD for anything shared. */
export const DEMO_PASSWORD_DEFAULT = 'frontdesk-demo';

const FIRST = [
	'Olivia',
	'Liam',
	'Emma',
	'Noah',
	'Ava',
	'Mateo',
	'Sofia',
	'Elijah',
	'Isabella',
	'James',
	'Mia',
	'Lucas',
	'Amelia',
	'Benjamin',
	'Harper',
	'Santiago',
	'Evelyn',
	'Henry',
	'Camila',
	'Alexander',
	'Aaliyah',
	'Daniel',
	'Valentina',
	'Wei',
	'Priya',
	'Kwame',
	'Fatima',
	'Hiroshi',
	'Zoe',
	'Diego',
	'Nora',
	'Samuel',
	'Leila',
	'Owen',
	'Chloe',
	'Rafael',
	'Grace',
	'Ibrahim',
	'Lucia',
	'Thomas',
	'Maya',
	'Andre',
	'Hannah',
	'Jorge',
	'Aisha'
];
const LAST = [
	'Garcia',
	'Smith',
	'Nguyen',
	'Johnson',
	'Martinez',
	'Williams',
	'Brown',
	'Lopez',
	'Patel',
	'Jones',
	'Hernandez',
	'Davis',
	'Kim',
	'Miller',
	'Gonzalez',
	'Wilson',
	'Rodriguez',
	'Chen',
	'Anderson',
	'Okafor',
	"O'Brien",
	'Taylor',
	'Thomas',
	'Moore',
	'Jackson',
	'Martin',
	'Lee',
	'Perez',
	'White',
	'Harris',
	'Sanchez',
	'Clark',
	'Ramirez',
	'Lewis',
	'Robinson',
	'Walker',
	'Young',
	'Allen',
	'King',
	'Wright',
	'Scott',
	'Torres',
	'Nakamura',
	'Hill',
	'Flores'
];
const STREETS = ['Maple Ave', 'Oak St', 'River Rd', 'Elm St', 'Cedar Ln', 'Park Blvd', 'Lake Dr'];
const PAYERS = [
	'Aetna',
	'Blue Cross Blue Shield',
	'Cigna',
	'UnitedHealthcare',
	'Medicare',
	'Medicaid',
	'Humana'
];
const VISIT_TYPES = ['Annual physical', 'Follow-up', 'Sick visit', 'Vaccination', 'Lab review'];

/** Small deterministic generator so every demo clinic looks the same. */
function prng(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface SeedEnv {
	FRONT_DESK_DEMO?: string;
	FRONT_DESK_DEMO_PASSWORD?: string;
}

/**
 * On an empty database: a demo clinic per configured site (providers, rooms, staff, patients).
 * On every start of a demo database: today's appointments, when the site has none yet, so the
 * demo works whatever day it is started on.
 */
export async function seedDemoIfEmpty(
	db: Kysely<Database>,
	sites: Map<string, SiteConfig>,
	env: SeedEnv
): Promise<void> {
	if (env.FRONT_DESK_DEMO === '0') return;
	const anyStaff = await db.selectFrom('staff_users').select('id').executeTakeFirst();
	if (!anyStaff) {
		const password = await hashPassword(env.FRONT_DESK_DEMO_PASSWORD ?? DEMO_PASSWORD_DEFAULT);
		for (const config of sites.values()) await seedSite(db, config, password);
	}
	for (const config of sites.values()) await seedDemoDay(db, config);
}

async function seedSite(db: Kysely<Database>, config: SiteConfig, passwordHash: string) {
	const site = config.siteId;
	const random = prng(20261122);
	const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('providers')
			.values([
				{ id: `${site}-lee`, site_id: site, name: 'Dr. Maya Lee', ticket_prefix: 'A' },
				{ id: `${site}-ortiz`, site_id: site, name: 'Dr. Samuel Ortiz', ticket_prefix: 'B' },
				{ id: `${site}-kim`, site_id: site, name: 'Grace Kim, NP', ticket_prefix: 'C' }
			])
			.execute();
		await trx
			.insertInto('rooms')
			.values(
				[1, 2, 3, 4, 5, 6].map((n) => ({
					id: `${site}-room-${n}`,
					site_id: site,
					name: `Room ${n}`
				}))
			)
			.execute();
		const suffix = usernameSuffix(site);
		await trx
			.insertInto('staff_users')
			.values([
				{
					id: `${site}-reception`,
					username: `reception${suffix}`,
					display_name: 'Front desk',
					password_hash: passwordHash,
					role: 'reception',
					site_id: site
				},
				{
					id: `${site}-admin`,
					username: `admin${suffix}`,
					display_name: 'Clinic admin',
					password_hash: passwordHash,
					role: 'admin',
					site_id: site
				}
			])
			.execute();
		for (let i = 0; i < 45; i++) {
			const first = FIRST[i % FIRST.length];
			const last = LAST[(i * 7) % LAST.length];
			const year = 1942 + Math.floor(random() * 78);
			const month = 1 + Math.floor(random() * 12);
			const day = 1 + Math.floor(random() * 28);
			// Drawn where the phone number's digits once were, so the rest of the demo stays the same.
			const postalCode = String(10000 + Math.floor(random() * 8999));
			const id = `demo-${site}-${String(i + 1).padStart(2, '0')}`;
			await trx
				.insertInto('patients')
				.values({
					id,
					site_id: site,
					first_name: first,
					last_name: last,
					dob: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
					// 555-0100 to 555-0199: numbers set aside for fiction, valid in form.
					phone: `(212) 555-01${String(i).padStart(2, '0')}`,
					email: `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + '@example.org',
					address: `${100 + Math.floor(random() * 8800)} ${pick(STREETS)}`,
					city: 'Springfield',
					region: 'NY',
					postal_code: postalCode,
					preferred_language: i % 4 === 1 ? 'es' : 'en',
					...(i % 3 === 0
						? {
								emergency_name: `${FIRST[(i + 5) % FIRST.length]} ${last}`,
								emergency_relationship: i % 2 ? 'Spouse' : 'Daughter',
								emergency_phone: `(212) 555-01${String(99 - i).padStart(2, '0')}`
							}
						: {})
				})
				.execute();
			if (i % 9 !== 8) {
				await trx
					.insertInto('coverages')
					.values({
						id: `${id}-cov`,
						patient_id: id,
						payer: pick(PAYERS),
						member_id: `M${Math.floor(random() * 1e9)
							.toString()
							.padStart(9, '0')}`,
						group_number: `G${Math.floor(random() * 1e5)
							.toString()
							.padStart(5, '0')}`,
						relationship: i % 6 === 3 ? 'child' : 'self',
						copay_cents: pick([0, 1500, 2000, 2500, 4000]),
						verified: i % 5 === 0 ? 0 : 1
					})
					.execute();
			}
		}
	});
}

/** Username suffix for second and later sites, so every site has its own demo sign-in. */
function usernameSuffix(site: string): string {
	return site === 'main' ? '' : `-${site}`;
}

async function seedDemoDay(db: Kysely<Database>, config: SiteConfig, now = Date.now()) {
	const site = config.siteId;
	const day = siteDay(config.timezone, now);
	const patients = await db
		.selectFrom('patients')
		.select('id')
		.where('site_id', '=', site)
		.where('id', 'like', `demo-${site}-%`)
		.orderBy('id')
		.execute();
	if (patients.length === 0) return;
	const existing = await db
		.selectFrom('appointments')
		.select('id')
		.where('site_id', '=', site)
		.where('site_day', '=', day)
		.executeTakeFirst();
	if (existing) return;
	const providers = await db
		.selectFrom('providers')
		.select('id')
		.where('site_id', '=', site)
		.orderBy('ticket_prefix')
		.execute();
	// 15 appointments a provider, 30 minutes apart, starting three hours before now (kept inside
	// the site day), so a demo started at any hour has patients due soon and some already late.
	const perProvider = Math.ceil(patients.length / providers.length);
	const spanMin = perProvider * 30;
	const nowMin = minutesIntoDay(config.timezone, now);
	const startMin = Math.max(0, Math.min(Math.floor((nowMin - 180) / 15) * 15, 24 * 60 - spanMin));
	const { end } = siteDayBounds(config.timezone, day);
	const random = prng(day.split('-').reduce((a, b) => a * 31 + Number(b), 7));
	const stamp = Date.now();
	await db.transaction().execute(async (trx) => {
		for (let i = 0; i < patients.length; i++) {
			const provider = providers[i % providers.length];
			const seq = Math.floor(i / providers.length) + 1;
			const startsAt = Math.min(
				siteTime(config.timezone, day, startMin + (seq - 1) * 30 + (i % providers.length) * 5),
				end - 15 * 60_000
			);
			await trx
				.insertInto('appointments')
				.values({
					id: shortId(),
					site_id: site,
					site_day: day,
					patient_id: patients[i].id,
					provider_id: provider.id,
					starts_at: startsAt,
					duration_min: [15, 20, 30][Math.floor(random() * 3)],
					visit_type: VISIT_TYPES[Math.floor(random() * VISIT_TYPES.length)],
					status: 'booked',
					roster_key: newRosterKey(),
					ticket_seq: seq,
					updated_at: stamp
				})
				.execute();
		}
	});
}
