import type { Dictionary } from './index';

/** The printed reminder letter, in the patient's preferred language (sixth-grade wording). */
const letterEn = {
	title: 'Your appointment',
	greeting: 'Dear {name},',
	intro: 'This letter is a reminder of your visit. Please bring it with you.',
	date: 'Date',
	time: 'Time',
	with: 'With',
	where: 'Where',
	qrHeading: 'Check in fast with this code',
	qrAlt: 'Check-in code for {name}',
	step1: 'Scan this code at the check-in kiosk when you arrive.',
	step2: 'Hold this page about a hand’s length from the camera.',
	step3:
		'Type your date of birth on the kiosk’s number pad, then check your details. You will get a ticket number.',
	noCode: 'No code? The kiosk can also find your visit by your last name and date of birth.',
	bring: 'Please bring your insurance card and a photo ID.',
	private: 'Keep this page private. The code is only for your check-in today.',
	help: 'Need help? Ask at the front desk. We are happy to help.'
};

const letterEs: Dictionary<typeof letterEn> = {
	title: 'Su cita',
	greeting: 'Estimado/a {name}:',
	intro: 'Esta carta le recuerda su visita. Por favor, tráigala con usted.',
	date: 'Fecha',
	time: 'Hora',
	with: 'Con',
	where: 'Dónde',
	qrHeading: 'Regístrese rápido con este código',
	qrAlt: 'Código de registro de {name}',
	step1: 'Escanee este código en el quiosco de registro cuando llegue.',
	step2: 'Sostenga esta hoja a un palmo de la cámara.',
	step3:
		'Escriba su fecha de nacimiento en el teclado del quiosco y revise sus datos. Recibirá un número de turno.',
	noCode:
		'¿No tiene el código? El quiosco también puede encontrar su cita con su apellido y su fecha de nacimiento.',
	bring: 'Por favor, traiga su tarjeta del seguro y una identificación con foto.',
	private: 'Guarde esta hoja en privado. El código es solo para su registro de hoy.',
	help: '¿Necesita ayuda? Pregunte en recepción. Con gusto le ayudamos.'
};

export const letterText = { en: letterEn, es: letterEs };
