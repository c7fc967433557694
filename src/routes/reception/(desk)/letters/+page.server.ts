import QRCode from 'qrcode';
import * as v from 'valibot';
import type { PageServerLoad } from './$types';
import { clientIp } from '$lib/server/http';
import { dayLetters } from '$lib/server/letters';
import { requireStaff, siteConfigFor } from '$lib/server/reception-actions';
import { siteProviders } from '$lib/server/walk-ins';
import { isLanguage } from '$lib/i18n';
import { siteDay } from '$lib/site-time';

const Day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));

/**
 * Every booked appointment's letter for one day, one per printed page (issue 11): one print
 * job for the desk. `?day=YYYY-MM-DD&provider=…`; each letter shown is audited (letters.ts).
 */
export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event.locals, event.url);
	const config = siteConfigFor(event.locals.app, staff);
	const requested = event.url.searchParams.get('day');
	const day = v.is(Day, requested) ? requested : siteDay(config.timezone);
	const providerId = (event.url.searchParams.get('provider') ?? '').slice(0, 60);
	const letters = await dayLetters(event.locals.app, staff, { day, providerId }, clientIp(event));
	return {
		day,
		providerId,
		providers: await siteProviders(event.locals.app, staff),
		letters: await Promise.all(
			letters.map(async (letter) => ({
				letter,
				language: isLanguage(letter.language) ? letter.language : ('en' as const),
				// As the single letter: error correction M, a 4-module quiet zone (DESIGN §4).
				qrSvg: await QRCode.toString(letter.checkInUrl, {
					type: 'svg',
					errorCorrectionLevel: 'M',
					margin: 4
				})
			}))
		)
	};
};
