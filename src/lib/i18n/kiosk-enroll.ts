import type { Dictionary } from './index';

/**
 * The pairing screen of a kiosk that is not set up yet, with the server's refusal codes said
 * plainly. Loaded with that screen (both languages): a paired kiosk never needs it.
 */
const en = {
	enrollTitle: 'Set up this kiosk',
	enrollLead: 'Ask reception for a 6-digit pairing code and type it here.',
	enrollCode: 'Pairing code',
	enrollButton: 'Pair this kiosk',
	enrollOffline: 'This kiosk needs the network once to pair. Check the Wi-Fi.',
	enrollFormat: 'The code has 6 digits. Please type all 6.',
	enrollUnknownCode: 'That code is not right. Check the 6 digits from reception and try again.',
	enrollExpired: 'That code has expired. Ask reception for a new one.',
	enrollUsed: 'That code was already used. Ask reception for a new one.',
	enrollWrongKind: 'That code is for a waiting-room screen. Ask reception for a kiosk code.',
	enrollVoided: 'That code was blocked after too many wrong tries. Ask reception for a new one.',
	enrollThrottled: 'Too many wrong codes. Wait a minute, then try again.',
	enrollFailed: 'Pairing did not work. Try again, or ask reception for a new code.',
	enrollLanguage: 'Language',
	enrollBusy: 'Pairing…'
};

const es: Dictionary<typeof en> = {
	enrollTitle: 'Configurar este quiosco',
	enrollLead: 'Pida a recepción un código de 6 dígitos y escríbalo aquí.',
	enrollCode: 'Código',
	enrollButton: 'Conectar este quiosco',
	enrollOffline: 'El quiosco necesita la red una vez para conectarse. Revise el Wi-Fi.',
	enrollFormat: 'El código tiene 6 dígitos. Escriba los 6.',
	enrollUnknownCode:
		'Ese código no es correcto. Revise los 6 dígitos de recepción e intente otra vez.',
	enrollExpired: 'Ese código ya venció. Pida uno nuevo en recepción.',
	enrollUsed: 'Ese código ya se usó. Pida uno nuevo en recepción.',
	enrollWrongKind:
		'Ese código es para una pantalla de sala de espera. Pida en recepción un código de quiosco.',
	enrollVoided:
		'Ese código se bloqueó tras demasiados intentos incorrectos. Pida uno nuevo en recepción.',
	enrollThrottled: 'Demasiados códigos incorrectos. Espere un minuto e intente otra vez.',
	enrollFailed: 'No se pudo conectar. Intente otra vez o pida un código nuevo en recepción.',
	enrollLanguage: 'Idioma',
	enrollBusy: 'Conectando…'
};

export const enrollText = { en, es };
