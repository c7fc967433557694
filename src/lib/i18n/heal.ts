/**
 * The error pages every surface shares (src/routes/+error.svelte and the per-surface ones).
 * They may render with no layout and so without the staff member's or site's language: they
 * show every language, the way the waiting-room display does.
 */
import type { Dictionary } from '$lib/i18n';

const en = {
	reconnectingTitle: 'Reconnecting to the server…',
	reconnectingLead:
		'This screen lost its connection. It comes back by itself as soon as the server answers.',
	kioskLead:
		'This kiosk will be ready again in a moment. If you are waiting, please see the front desk.',
	lastTry: 'Still trying. Last try {time}.',
	tryNow: 'Try now',
	notFoundTitle: 'This page does not exist',
	notFoundLead: 'Check the address, or go back to the start.',
	home: 'Go to the start page'
};

const es: Dictionary<typeof en> = {
	reconnectingTitle: 'Reconectando con el servidor…',
	reconnectingLead: 'Esta pantalla perdió la conexión. Vuelve sola en cuanto el servidor responda.',
	kioskLead:
		'Este quiosco estará listo otra vez en un momento. Si está esperando, pase a recepción.',
	lastTry: 'Seguimos intentando. Último intento {time}.',
	tryNow: 'Intentar ahora',
	notFoundTitle: 'Esta página no existe',
	notFoundLead: 'Revise la dirección o vuelva al inicio.',
	home: 'Ir a la página de inicio'
};

export type HealKey = keyof typeof en;
export const healText = { en, es };
