import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import { clientIp } from '$lib/server/http';
import { appointmentLetter } from '$lib/server/letters';
import { receptionLanguage, requireStaff } from '$lib/server/reception-actions';
import { isLanguage, translator } from '$lib/i18n';
import { receptionText } from '$lib/i18n/reception';

export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event.locals, event.url);
	const letter = await appointmentLetter(event.locals.app, staff, event.params.id, clientIp(event));
	if (!letter) {
		const t = translator(receptionText, receptionLanguage(event.cookies));
		error(404, { message: t('letterNotFound') });
	}
	// Rendered here so the printed page needs no script; error correction M keeps the code
	// readable at arm's length (DESIGN §4), the 4-module margin is the quiet zone scanners need.
	const qrSvg = await QRCode.toString(letter.checkInUrl, {
		type: 'svg',
		errorCorrectionLevel: 'M',
		margin: 4
	});
	const requested = event.url.searchParams.get('lang');
	const language = isLanguage(requested)
		? requested
		: isLanguage(letter.language)
			? letter.language
			: 'en';
	return { letter, qrSvg, language };
};
