import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { clientIp } from '$lib/server/http';
import { patientRecord } from '$lib/server/patient-record';
import { receptionLanguage, requireStaff } from '$lib/server/reception-actions';
import { translator } from '$lib/i18n';
import { receptionText } from '$lib/i18n/reception';

/** A patient's record for staff of their site; every open is audited ('patient.read'). */
export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event.locals, event.url);
	const record = await patientRecord(event.locals.app, staff, event.params.id, clientIp(event));
	if (!record) {
		const t = translator(receptionText, receptionLanguage(event.cookies));
		error(404, { message: t('patientNotFound') });
	}
	return { record };
};
