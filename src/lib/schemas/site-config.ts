import * as v from 'valibot';
import { isValidTimeZone } from '$lib/site-time';
import { ImportSchema } from './schedule-import';

/**
 * One site's settings (`kiosk-config/<site>.json`). Each field carries the message that tells
 * an administrator how to fix it; `describeConfigIssues` turns valibot's issues into lines that
 * name the file and the field.
 */

const language = v.picklist(['en', 'es'], 'must be "en" or "es"');

/**
 * The clinic's welcome line, one text per language (`{ "en": "...", "es": "..." }`). A plain
 * string, as older configs have, is still accepted and shown in every language (read with
 * `siteText`, src/lib/i18n/site-text.ts).
 */
const welcomeMessage = v.union(
	[v.string(), v.strictObject({ en: v.optional(v.string()), es: v.optional(v.string()) })],
	'must be a text, or one text per language like { "en": "Welcome", "es": "Bienvenido" }'
);

export const SiteConfigSchema = v.strictObject({
	$schema: v.optional(v.string()),
	siteId: v.pipe(
		v.string('must be a text like "main"'),
		v.regex(
			/^[a-z0-9-]{1,12}$/,
			'use 1–12 lowercase letters, digits or "-" (it goes into every QR)'
		)
	),
	name: v.pipe(
		v.string('must be the clinic name as patients know it'),
		v.minLength(1, 'must not be empty')
	),
	timezone: v.pipe(
		v.string('must be an IANA time zone such as "America/New_York"'),
		v.check(
			isValidTimeZone,
			'is not a time zone this server knows; use an IANA name such as "America/New_York"'
		)
	),
	languages: v.pipe(
		v.array(language, 'must be a list such as ["en", "es"]'),
		v.minLength(1, 'must list at least one language')
	),
	branding: v.optional(
		v.strictObject({
			primaryColor: v.optional(
				v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like "#0f5e6e"')),
				'#0f5e6e'
			),
			welcomeMessage: v.optional(welcomeMessage)
		}),
		{}
	),
	checkInWindow: v.optional(
		v.strictObject({
			earlyMinutes: v.pipe(
				v.number('must be a number of minutes'),
				v.integer(),
				v.minValue(0),
				v.maxValue(1440)
			),
			lateMinutes: v.pipe(
				v.number('must be a number of minutes'),
				v.integer(),
				v.minValue(0),
				v.maxValue(1440)
			)
		}),
		{ earlyMinutes: 90, lateMinutes: 30 }
	),
	confirmations: v.optional(
		v.strictObject({
			contact: v.boolean('must be true or false'),
			insurance: v.boolean('must be true or false')
		}),
		{ contact: true, insurance: true }
	),
	idle: v.optional(
		v.strictObject({
			timeoutSeconds: v.pipe(
				v.number(),
				v.integer(),
				v.minValue(15, 'must be at least 15 seconds')
			),
			warningSeconds: v.pipe(v.number(), v.integer(), v.minValue(5, 'must be at least 5 seconds'))
		}),
		{ timeoutSeconds: 60, warningSeconds: 15 }
	),
	ticketScreenSeconds: v.optional(
		v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(120)),
		20
	),
	camera: v.optional(
		v.strictObject({
			facingMode: v.picklist(
				['user', 'environment'],
				'must be "user" (front camera) or "environment" (rear camera)'
			)
		}),
		{ facingMode: 'user' }
	),
	display: v.optional(
		v.strictObject({
			privacyMode: v.optional(
				v.picklist(
					['ticket', 'initials', 'first-name-last-initial'],
					'must be "ticket", "initials" or "first-name-last-initial"'
				),
				'ticket'
			),
			chime: v.optional(v.boolean(), true),
			speech: v.optional(v.boolean(), true),
			announcements: v.optional(v.array(v.string()), [])
		}),
		{ privacyMode: 'ticket', chime: true, speech: true, announcements: [] }
	),
	waitEstimate: v.optional(
		v.strictObject({
			walkInDurationMin: v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(120)),
			/** How many visits the booked length counts as against today's finished visits. */
			priorVisits: v.optional(
				v.pipe(
					v.number('must be a number of visits'),
					v.integer('must be a whole number of visits'),
					v.minValue(0, "must be 0 or more (0 trusts today's visits at once)"),
					v.maxValue(50, 'must be 50 or fewer')
				),
				3
			)
		}),
		{ walkInDurationMin: 15, priorVisits: 3 }
	),
	/**
	 * The desk (issue 11): after how many minutes late a booked patient is suggested as a
	 * no-show, and the letter of walk-in tickets (W-001…), which no provider's prefix should use.
	 */
	desk: v.optional(
		v.strictObject({
			noShowAfterMinutes: v.optional(
				v.pipe(
					v.number('must be a number of minutes'),
					v.integer(),
					v.minValue(1),
					v.maxValue(480)
				),
				20
			),
			walkInTicketPrefix: v.optional(
				v.pipe(v.string(), v.regex(/^[A-Z]{1,2}$/, 'must be one or two capital letters, like "W"')),
				'W'
			)
		}),
		{ noShowAfterMinutes: 20, walkInTicketPrefix: 'W' }
	),
	roster: v.optional(
		v.strictObject({
			lookupIterations: v.pipe(v.number(), v.integer(), v.minValue(1000), v.maxValue(2_000_000)),
			refreshMinutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(240))
		}),
		{ lookupIterations: 100_000, refreshMinutes: 5 }
	),
	/** ISO 3166 country of the clinic: phone numbers and postal codes are checked against it. */
	country: v.optional(
		v.pipe(
			v.string('must be a two-letter country code such as "US"'),
			v.regex(/^[A-Z]{2}$/, 'must be a two-letter country code in capitals, such as "US"')
		),
		'US'
	),
	/**
	 * The tablet as a kiosk (issue 10): the staff panel's PIN, the nightly reload, the screen
	 * wake lock, fullscreen on the first touch and the one question after the ticket. The PIN
	 * never leaves the server as typed: kiosks get a salted PBKDF2 hash (src/lib/server/staff-pin.ts).
	 */
	kiosk: v.optional(
		v.strictObject({
			staffPin: v.optional(
				v.nullable(
					v.pipe(
						v.string('must be a PIN in quotes, such as "4826"'),
						v.regex(/^[0-9]{4,8}$/, 'must be 4 to 8 digits, such as "4826"'),
						v.check(
							(pin) => !/^(\d)\1+$/.test(pin) && !'0123456789'.includes(pin),
							'is too easy to guess (all one digit or a run like "1234"); pick another'
						)
					)
				),
				null
			),
			nightlyReloadHour: v.optional(
				v.nullable(
					v.pipe(
						v.number('must be an hour from 0 to 23, or null for never'),
						v.integer('must be a whole hour from 0 to 23'),
						v.minValue(0, 'must be an hour from 0 to 23'),
						v.maxValue(23, 'must be an hour from 0 to 23')
					)
				),
				3
			),
			wakeLock: v.optional(v.boolean('must be true or false'), true),
			fullscreen: v.optional(v.boolean('must be true or false'), true),
			feedback: v.optional(v.boolean('must be true or false'), true)
		}),
		{ staffPin: null, nightlyReloadHour: 3, wakeLock: true, fullscreen: true, feedback: true }
	),
	/**
	 * How the practice-management system's schedule export reads (issue 11): see
	 * src/lib/schemas/schedule-import.ts. A site without it cannot import.
	 */
	import: v.optional(ImportSchema, {}),
	/** Insurers a patient picks from at the kiosk ("Other" lets them type one). */
	payers: v.optional(
		v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80, 'at most 80 characters'))),
		[]
	)
});

export type SiteConfigInput = v.InferInput<typeof SiteConfigSchema>;
export type SiteConfig = v.InferOutput<typeof SiteConfigSchema>;

export type KioskSettings = SiteConfig['kiosk'];

/** The part of a site's config a kiosk or display may see: never the staff PIN. */
export type PublicSiteConfig = Omit<SiteConfig, '$schema' | 'roster' | 'kiosk' | 'import'> & {
	roster: { refreshMinutes: number };
	kiosk: Omit<KioskSettings, 'staffPin'>;
};

export function publicSiteConfig(config: SiteConfig): PublicSiteConfig {
	const { $schema: _schema, roster, kiosk, import: _import, ...rest } = config;
	const { staffPin: _pin, ...kioskSettings } = kiosk;
	return {
		...rest,
		roster: { refreshMinutes: roster.refreshMinutes },
		kiosk: kioskSettings
	};
}

export function describeConfigIssues(file: string, issues: v.BaseIssue<unknown>[]): string[] {
	return issues.map((issue) => {
		const path = v.getDotPath(issue) ?? '(top level)';
		let fix = issue.message;
		if (issue.kind === 'schema' && issue.type === 'strict_object' && issue.input !== undefined) {
			fix = `is not a setting Front Desk knows; remove it or check its spelling`;
		} else if (issue.received === 'undefined') {
			// valibot reports a missing key from the object, not the field: say it plainly.
			fix = 'is missing; add it (kiosk-config/main.json shows every setting)';
		}
		return `${file}: field "${path}" ${fix}`;
	});
}
