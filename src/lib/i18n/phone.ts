import type { Dictionary } from './index';

/** What a patient's own phone shows when it opens the QR on their letter (/c/[token]). */
const en = {
	validTitle: 'This is your check-in code',
	validLead:
		'When you arrive, hold your letter up to the camera on the check-in kiosk. It takes a few seconds.',
	expiredTitle: 'This code is for another day',
	expiredLead:
		'Please check in at the front desk, or look yourself up on the kiosk with your last name and date of birth.',
	invalidTitle: 'We could not read this code',
	invalidLead:
		'Please check in at the front desk, or look yourself up on the kiosk with your last name and date of birth.',
	otherLanguage: 'Ver en español'
};

const es: Dictionary<typeof en> = {
	validTitle: 'Este es su código de registro',
	validLead:
		'Cuando llegue, ponga su carta frente a la cámara del quiosco de registro. Toma unos segundos.',
	expiredTitle: 'Este código es para otro día',
	expiredLead:
		'Regístrese en recepción, o búsquese en el quiosco con su apellido y fecha de nacimiento.',
	invalidTitle: 'No pudimos leer este código',
	invalidLead:
		'Regístrese en recepción, o búsquese en el quiosco con su apellido y fecha de nacimiento.',
	otherLanguage: 'View in English'
};

export const phoneText = { en, es };
export type PhoneKey = keyof typeof en;
