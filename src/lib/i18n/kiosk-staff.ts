import type { Dictionary } from './index';

/**
 * The kiosk's staff panel (issue 10), opened by a long press on the clinic's name or
 * Ctrl+Alt+Shift+S, behind the site's staff PIN. Loaded with the panel (both languages): a
 * patient's visit never needs it. Staff words, still short and plain.
 */
const en = {
	staffTitle: 'Staff panel',
	staffNotSetUp:
		'The staff panel is not set up. Add a staff PIN to this site’s kiosk settings (kiosk-config).',
	staffPinLabel: 'Staff PIN',
	staffPinHint: 'Enter the staff PIN to open the panel.',
	staffOpen: 'Open',
	staffChecking: 'Checking…',
	staffWrongPin: 'That PIN is not right. {left} tries left.',
	staffLastTry: 'That PIN is not right. 1 try left before the panel locks.',
	staffLocked: 'Too many wrong PINs. The panel is locked. Try again in {minutes} min.',
	staffDevice: 'Device',
	staffConnection: 'Connection',
	staffOnline: 'Online',
	staffOffline: 'Offline',
	staffLastSync: 'Last contact with the server',
	staffNever: 'Never',
	staffPending: 'Waiting to send',
	staffReload: 'Reload',
	staffCameraTest: 'Test the camera',
	staffCameraTesting: 'Testing the camera…',
	staffCameraWorks: 'The camera works: a picture arrived.',
	staffCameraNoFrame: 'The camera opened but sent no picture.',
	staffCameraBlocked: 'The camera could not be opened (blocked or missing).',
	staffExit: 'Exit to Welcome',
	staffClose: 'Close'
};

const es: Dictionary<typeof en> = {
	staffTitle: 'Panel del personal',
	staffNotSetUp:
		'El panel del personal no está configurado. Agregue un PIN del personal a la configuración del quiosco de este sitio (kiosk-config).',
	staffPinLabel: 'PIN del personal',
	staffPinHint: 'Escriba el PIN del personal para abrir el panel.',
	staffOpen: 'Abrir',
	staffChecking: 'Comprobando…',
	staffWrongPin: 'Ese PIN no es correcto. Quedan {left} intentos.',
	staffLastTry: 'Ese PIN no es correcto. Queda 1 intento antes de que el panel se bloquee.',
	staffLocked:
		'Demasiados PIN incorrectos. El panel está bloqueado. Intente otra vez en {minutes} min.',
	staffDevice: 'Dispositivo',
	staffConnection: 'Conexión',
	staffOnline: 'En línea',
	staffOffline: 'Sin conexión',
	staffLastSync: 'Último contacto con el servidor',
	staffNever: 'Nunca',
	staffPending: 'Por enviar',
	staffReload: 'Recargar',
	staffCameraTest: 'Probar la cámara',
	staffCameraTesting: 'Probando la cámara…',
	staffCameraWorks: 'La cámara funciona: llegó una imagen.',
	staffCameraNoFrame: 'La cámara se abrió pero no envió ninguna imagen.',
	staffCameraBlocked: 'No se pudo abrir la cámara (bloqueada o no encontrada).',
	staffExit: 'Salir a la bienvenida',
	staffClose: 'Cerrar'
};

export const staffText = { en, es };
export type StaffKey = keyof typeof en;
