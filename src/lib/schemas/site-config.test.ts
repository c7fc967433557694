import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { siteText as welcomeLine } from '$lib/i18n/site-text';
import { SiteConfigSchema, describeConfigIssues, publicSiteConfig } from './site-config';

const MINIMAL = {
	siteId: 'north',
	name: 'North Clinic',
	timezone: 'America/Chicago',
	languages: ['en']
};

function problems(input: unknown): string[] {
	const result = v.safeParse(SiteConfigSchema, input);
	if (result.success) throw new Error('expected the config to be refused');
	return describeConfigIssues('north.json', result.issues);
}

describe('SiteConfigSchema', () => {
	it('fills every optional section with its default', () => {
		const config = v.parse(SiteConfigSchema, MINIMAL);
		expect(config).toMatchObject({
			branding: { primaryColor: '#0f5e6e' },
			checkInWindow: { earlyMinutes: 90, lateMinutes: 30 },
			confirmations: { contact: true, insurance: true },
			idle: { timeoutSeconds: 60, warningSeconds: 15 },
			ticketScreenSeconds: 20,
			camera: { facingMode: 'user' },
			display: { privacyMode: 'ticket', chime: true, speech: true, announcements: [] },
			waitEstimate: { walkInDurationMin: 15 },
			roster: { lookupIterations: 100_000, refreshMinutes: 5 },
			country: 'US',
			payers: [],
			kiosk: {
				staffPin: null,
				nightlyReloadHour: 3,
				wakeLock: true,
				fullscreen: true,
				feedback: true
			}
		});
	});

	it('takes a staff PIN of 4–8 digits and refuses one that is easy to guess, saying why', () => {
		const pin = (staffPin: unknown) => ({ ...MINIMAL, kiosk: { staffPin } });
		expect(v.parse(SiteConfigSchema, pin('4826')).kiosk.staffPin).toBe('4826');
		expect(problems(pin('48'))).toEqual([
			'north.json: field "kiosk.staffPin" must be 4 to 8 digits, such as "4826"'
		]);
		expect(problems(pin(4826))[0]).toContain('must be a PIN in quotes');
		expect(problems(pin('1111'))[0]).toContain('too easy to guess');
		expect(problems(pin('3456'))[0]).toContain('too easy to guess');
	});

	it('refuses a nightly reload hour outside the day', () => {
		const hour = (nightlyReloadHour: unknown) => ({ ...MINIMAL, kiosk: { nightlyReloadHour } });
		expect(v.parse(SiteConfigSchema, hour(null)).kiosk.nightlyReloadHour).toBeNull();
		expect(problems(hour(24))).toEqual([
			'north.json: field "kiosk.nightlyReloadHour" must be an hour from 0 to 23'
		]);
		expect(problems(hour(2.5))[0]).toContain('whole hour');
	});

	it('names the fix for a country that is not a two-letter code', () => {
		const result = v.safeParse(SiteConfigSchema, { ...MINIMAL, country: 'usa' });
		expect(result.success).toBe(false);
		expect(result.issues?.[0].message).toContain('two-letter country code');
	});

	it('fills defaults inside a section that is only partly given', () => {
		const config = v.parse(SiteConfigSchema, {
			...MINIMAL,
			branding: { welcomeMessage: 'Hi' },
			display: { privacyMode: 'initials' }
		});
		expect(config.branding).toEqual({ primaryColor: '#0f5e6e', welcomeMessage: 'Hi' });
		expect(config.display).toEqual({
			privacyMode: 'initials',
			chime: true,
			speech: true,
			announcements: []
		});
	});

	it('takes the welcome line per language, and still a plain string from older configs', () => {
		const perLanguage = v.parse(SiteConfigSchema, {
			...MINIMAL,
			branding: { welcomeMessage: { en: 'Welcome to North.', es: 'Bienvenido a North.' } }
		});
		expect(welcomeLine(perLanguage.branding.welcomeMessage, 'es')).toBe('Bienvenido a North.');
		expect(welcomeLine(perLanguage.branding.welcomeMessage, 'en')).toBe('Welcome to North.');
		const englishOnly = v.parse(SiteConfigSchema, {
			...MINIMAL,
			branding: { welcomeMessage: { en: 'Welcome to North.' } }
		});
		expect(welcomeLine(englishOnly.branding.welcomeMessage, 'es')).toBe('Welcome to North.');
		const old = v.parse(SiteConfigSchema, { ...MINIMAL, branding: { welcomeMessage: 'Hi' } });
		expect(welcomeLine(old.branding.welcomeMessage, 'es')).toBe('Hi');
		expect(welcomeLine(undefined, 'en')).toBe('');
	});

	it('refuses a welcome line in a language the kiosk does not have', () => {
		expect(
			problems({ ...MINIMAL, branding: { welcomeMessage: { en: 'Hi', fr: 'Salut' } } })
		).toEqual([
			'north.json: field "branding.welcomeMessage" must be a text, or one text per language like { "en": "Welcome", "es": "Bienvenido" }'
		]);
	});

	it('refuses a site id that would not fit in a QR', () => {
		expect(problems({ ...MINIMAL, siteId: 'North Clinic' })).toEqual([
			'north.json: field "siteId" use 1–12 lowercase letters, digits or "-" (it goes into every QR)'
		]);
	});
});

describe('describeConfigIssues', () => {
	it('names the file, the field and the fix for a bad time zone', () => {
		expect(problems({ ...MINIMAL, timezone: 'Mars/Olympus' })).toEqual([
			'north.json: field "timezone" is not a time zone this server knows; use an IANA name such as "America/New_York"'
		]);
	});

	it('says an unknown setting is unknown, with its full path', () => {
		const lines = problems({ ...MINIMAL, colour: 'red', branding: { color: '#000000' } });
		expect(lines.sort()).toEqual([
			'north.json: field "branding.color" is not a setting Front Desk knows; remove it or check its spelling',
			'north.json: field "colour" is not a setting Front Desk knows; remove it or check its spelling'
		]);
	});

	it('names each field of the wrong type', () => {
		const lines = problems({
			...MINIMAL,
			languages: 'en',
			confirmations: { contact: 'yes', insurance: true }
		});
		expect(lines).toEqual([
			'north.json: field "languages" must be a list such as ["en", "es"]',
			'north.json: field "confirmations.contact" must be true or false'
		]);
	});

	it('says a required field is missing in words an administrator can act on', () => {
		const { name: _name, ...noName } = MINIMAL;
		const [line] = problems(noName);
		expect(line).toMatch(/^north\.json: field "name" is missing/);
		// valibot's own wording ("Invalid key: Expected "name" but received undefined") is no fix.
		expect(line).not.toContain('Invalid key');
	});
});

describe('publicSiteConfig', () => {
	it('keeps what kiosks need (the payer list too) and drops $schema and the lookup cost', () => {
		const config = v.parse(SiteConfigSchema, {
			...MINIMAL,
			$schema: './site.schema.json',
			payers: ['Aetna'],
			roster: { lookupIterations: 200_000, refreshMinutes: 3 }
		});
		const shown = publicSiteConfig(config);
		expect(shown.payers).toEqual(['Aetna']);
		expect(shown).not.toHaveProperty('$schema');
		expect(shown.roster).toEqual({ refreshMinutes: 3 });
		expect(shown.siteId).toBe('north');
		expect(shown.checkInWindow).toEqual(config.checkInWindow);
	});

	it('never shows the staff PIN to a kiosk or display, only the kiosk settings around it', () => {
		const config = v.parse(SiteConfigSchema, {
			...MINIMAL,
			kiosk: { staffPin: '4826', nightlyReloadHour: 2, feedback: false }
		});
		const shown = publicSiteConfig(config);
		expect(shown.kiosk).toEqual({
			nightlyReloadHour: 2,
			wakeLock: true,
			fullscreen: true,
			feedback: false
		});
		expect(JSON.stringify(shown)).not.toContain('4826');
	});
});
