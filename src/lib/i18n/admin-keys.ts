import type { Dictionary } from './index';

/** /admin/keys: the keys that sign check-in letters, and their rotation. */
export const adminKeysEn = {
	navKeys: 'Signing keys',
	title: 'Letter signing keys',
	intro:
		'Each check-in letter’s QR code is signed, so kiosks can tell a real letter from a copy made up, even offline. Rotate the key if you think it was exposed, or on a schedule. Letters printed before still work until their day is over; kiosks get the new key with their next roster (within a few minutes).',
	kid: 'Key',
	created: 'Created',
	state: 'State',
	until: 'Accepts letters until',
	stateActive: 'Signs new letters',
	stateVerifying: 'Rotated out: still accepts the letters it signed',
	stateRetired: 'Retired: no letter of it is left',
	never: 'It signed no letter',
	rotate: 'Rotate now',
	rotateHint: 'A new key signs every letter from now on. Nothing printed earlier stops working.',
	rotated: 'Key {kid} signs new letters now.',
	rotatedFrom: 'Key {kid} signs new letters now; key {previous} keeps accepting its own letters.',
	commandLine: 'From the command line on the server: npm run keys -- rotate'
};

export const adminKeysEs: Dictionary<typeof adminKeysEn> = {
	navKeys: 'Claves de firma',
	title: 'Claves que firman las cartas',
	intro:
		'El código QR de cada carta de registro va firmado, para que los quioscos distingan una carta real de una inventada, aun sin conexión. Cambie la clave si cree que se expuso, o de forma periódica. Las cartas impresas antes siguen sirviendo hasta que termine su día; los quioscos reciben la clave nueva con su próxima lista (en pocos minutos).',
	kid: 'Clave',
	created: 'Creada',
	state: 'Estado',
	until: 'Acepta cartas hasta',
	stateActive: 'Firma las cartas nuevas',
	stateVerifying: 'Reemplazada: aún acepta las cartas que firmó',
	stateRetired: 'Retirada: no queda ninguna carta suya',
	never: 'No firmó ninguna carta',
	rotate: 'Cambiar la clave ahora',
	rotateHint:
		'Una clave nueva firmará todas las cartas desde ahora. Nada de lo impreso antes deja de servir.',
	rotated: 'La clave {kid} firma ahora las cartas nuevas.',
	rotatedFrom:
		'La clave {kid} firma ahora las cartas nuevas; la clave {previous} sigue aceptando sus propias cartas.',
	commandLine: 'Desde la línea de comandos del servidor: npm run keys -- rotate'
};
