import type { Dictionary, Language } from './index';
import { translator } from './index';

/**
 * The scan screen's help for a patient whose code does not read (issue 7). Kept out of kiosk.ts
 * so it loads with the scan screen, not in the kiosk's first 80 KB.
 */
const en = {
	scanGuide: 'Show the whole code inside the frame',
	scanSlowHint: 'Hold the letter flat, about a forearm away.',
	scanStuckLead: 'Still not working? That’s OK.',
	scanLookupInstead: 'Look me up instead',
	scanGotIt: 'Got it!',
	scanTimeout: 'Without a code, this screen goes back to the start after {minutes} minutes.',
	scanSwitchCamera: 'Staff: switch camera'
};

const es: Dictionary<typeof en> = {
	scanGuide: 'Muestre todo el código dentro del marco',
	scanSlowHint: 'Sostenga la carta derecha, a un antebrazo de distancia.',
	scanStuckLead: '¿Todavía no funciona? No se preocupe.',
	scanLookupInstead: 'Buscarme con mi nombre',
	scanGotIt: '¡Listo!',
	scanTimeout: 'Si no hay código, esta pantalla vuelve al inicio en {minutes} minutos.',
	scanSwitchCamera: 'Personal: cambiar de cámara'
};

export type ScanKey = keyof typeof en;
export type ScanText = (key: ScanKey, params?: Record<string, string | number>) => string;

export function scanText(language: Language): ScanText {
	return translator({ en, es }, language);
}
