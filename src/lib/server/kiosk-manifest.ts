import type { SiteConfig } from '$lib/schemas/site-config';

/**
 * The kiosk's web app manifest (issue 10): what a tablet needs to install `/kiosk` as a
 * full-screen app. Browsers fetch a manifest without cookies, so no device token comes with the
 * request: it may carry only what any visitor of the kiosk sees anyway, the clinic's name and
 * colour, never a setting from `kiosk` or anything else in the site's config.
 *
 * Which site: a paired kiosk links `?site=<siteId>` (its site's id is on its own screen's
 * config). An unpaired tablet, or an id this server does not run, gets the only site when there
 * is one, and a neutral "Front Desk" when there are several: naming one clinic on another
 * clinic's tablet would be wrong, and an error would make the tablet not installable at all.
 */
export interface WebAppManifest {
	id: string;
	name: string;
	short_name: string;
	description: string;
	lang: string;
	start_url: string;
	scope: string;
	display: 'fullscreen';
	background_color: string;
	theme_color: string;
	prefer_related_applications: false;
	icons: { src: string; sizes: string; type: 'image/png'; purpose: 'any' | 'maskable' }[];
}

/** The kiosk's own background (src/routes/kiosk/+page.svelte), shown while the app starts. */
const BACKGROUND = '#f4f7f8';
const DEFAULT_COLOUR = '#0f5e6e';
/** Home screens cut longer names; the launcher shows this one under the icon. */
const SHORT_NAME_MAX = 12;

const WORDS = {
	en: { checkIn: 'Check-in', description: 'Check in for your appointment.' },
	es: { checkIn: 'Registro', description: 'Regístrese para su cita.' }
} as const;

export const KIOSK_ICONS: WebAppManifest['icons'] = [
	{ src: '/icons/kiosk-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
	{ src: '/icons/kiosk-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
	{
		src: '/icons/kiosk-maskable-192.png',
		sizes: '192x192',
		type: 'image/png',
		purpose: 'maskable'
	},
	{ src: '/icons/kiosk-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
];

/** The site a manifest request names, or the one an unnamed request gets (see above). */
export function manifestSite(
	sites: ReadonlyMap<string, SiteConfig>,
	requested: string | null
): SiteConfig | null {
	const named = requested === null ? undefined : sites.get(requested);
	if (named) return named;
	return sites.size === 1 ? [...sites.values()][0] : null;
}

export function kioskManifest(site: SiteConfig | null): WebAppManifest {
	const lang = site?.languages[0] ?? 'en';
	const words = WORDS[lang];
	const name = site?.name ?? 'Front Desk';
	return {
		// One app whatever the query: a kiosk that pairs after installing is not a second app.
		id: '/kiosk',
		name: `${name} ${words.checkIn}`,
		short_name: name.length <= SHORT_NAME_MAX ? name : words.checkIn,
		description: words.description,
		lang,
		start_url: '/kiosk',
		// No trailing slash: "/kiosk/" would leave "/kiosk" itself, the start URL, outside.
		scope: '/kiosk',
		display: 'fullscreen',
		background_color: BACKGROUND,
		theme_color: site?.branding.primaryColor ?? DEFAULT_COLOUR,
		prefer_related_applications: false,
		icons: KIOSK_ICONS
	};
}
