import type { KioskDictionary } from './kiosk';

/** Kiosk text in Spanish; every key of the English dictionary (TypeScript checks). */
const es: KioskDictionary = {
	title: 'Registro',
	welcome: 'Bienvenido',
	welcomeLead: 'Regístrese aquí para su cita.',
	scanButton: 'Escanear mi código',
	scanHint: 'Use el código QR de su carta de la cita.',
	lookupButton: 'Buscarme',
	lookupHint: '¿No tiene código? Use su apellido y fecha de nacimiento.',
	helpButton: 'Necesito ayuda',
	language: 'English',
	languageLabel: 'Switch to English',
	offline: 'Sin conexión',
	pendingCount: '{count} por enviar',
	loading: 'Preparando…',
	notReady: 'Este quiosco no está listo. Por favor, vaya a recepción.',
	largeTextButton: 'Letra más grande',
	idleTitle: '¿Sigue ahí?',
	idleLead: 'Para proteger su información, esta pantalla se borrará en {seconds} segundos.',
	idleContinue: 'Sí, sigo aquí',
	startingOverTitle: 'Algo salió mal — volvemos a empezar',
	startingOverLead: 'Lo sentimos. Esta pantalla estará lista otra vez en un momento.'
};

export default es;
