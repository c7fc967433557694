import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { SiteConfigSchema, type SiteConfig } from '$lib/schemas/site-config';
import { KIOSK_ICONS, kioskManifest, manifestSite } from './kiosk-manifest';

const STATIC = fileURLToPath(new URL('../../../static', import.meta.url));

function site(siteId: string, name: string, extra: object = {}): SiteConfig {
	return v.parse(SiteConfigSchema, {
		siteId,
		name,
		timezone: 'America/Chicago',
		languages: ['en', 'es'],
		kiosk: { staffPin: '4826' },
		...extra
	});
}

const north = site('north', 'North Clinic', { branding: { primaryColor: '#7a2e8f' } });
const south = site('south', 'Clínica del Sur', { languages: ['es', 'en'] });

describe('kioskManifest', () => {
	it('names the clinic and uses its colour, never its kiosk settings', () => {
		const manifest = kioskManifest(north);
		expect(manifest).toMatchObject({
			name: 'North Clinic Check-in',
			short_name: 'North Clinic',
			theme_color: '#7a2e8f',
			lang: 'en',
			display: 'fullscreen',
			start_url: '/kiosk',
			scope: '/kiosk',
			id: '/kiosk'
		});
		expect(JSON.stringify(manifest)).not.toContain('4826');
		expect(JSON.stringify(manifest)).not.toContain('staffPin');
	});

	it("speaks the site's first language and shortens a long name for the home screen", () => {
		const manifest = kioskManifest(south);
		expect(manifest.name).toBe('Clínica del Sur Registro');
		expect(manifest.short_name).toBe('Registro');
		expect(manifest.lang).toBe('es');
		expect(manifest.theme_color).toBe('#0f5e6e');
	});

	it('without a site is a neutral Front Desk app', () => {
		expect(kioskManifest(null)).toMatchObject({ name: 'Front Desk Check-in', lang: 'en' });
	});

	it('keeps the start URL inside the scope', () => {
		const { start_url, scope } = kioskManifest(north);
		const start = new URL(start_url, 'https://clinic.example');
		expect(start.pathname.startsWith(new URL(scope, 'https://clinic.example').pathname)).toBe(true);
	});
});

describe('manifestSite', () => {
	const one = new Map([['north', north]]);
	const two = new Map([
		['north', north],
		['south', south]
	]);

	it('gives a named site, or the only one', () => {
		expect(manifestSite(two, 'south')).toBe(south);
		expect(manifestSite(one, null)).toBe(north);
		expect(manifestSite(one, 'elsewhere')).toBe(north);
	});

	it('names no clinic when several could be meant', () => {
		expect(manifestSite(two, null)).toBeNull();
		expect(manifestSite(two, 'elsewhere')).toBeNull();
	});
});

describe('the kiosk icons', () => {
	it('are PNG files of the sizes the manifest says, any and maskable at 192 and 512', () => {
		for (const icon of KIOSK_ICONS) {
			const bytes = fs.readFileSync(`${STATIC}${icon.src}`);
			expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
			// IHDR: width and height, big-endian, right after the signature and chunk header.
			expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`).toBe(icon.sizes);
		}
		const kinds = KIOSK_ICONS.map((icon) => `${icon.purpose} ${icon.sizes}`).sort();
		expect(kinds).toEqual(['any 192x192', 'any 512x512', 'maskable 192x192', 'maskable 512x512']);
	});
});
