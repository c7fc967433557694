/**
 * Waiting-room display and its pairing screen. The TV shows every label in each site language
 * at once (first language large, the others smaller below), so nobody has to wait for the
 * screen to switch to theirs. Speech lines are read aloud; `{ticket}` arrives already spelled
 * out ("A 0 1 7").
 */
import type { Dictionary } from './index';

export const en = {
	pageTitle: 'Waiting room',
	pairTitle: 'Connect this screen',
	pairPrompt: 'Enter the 6-digit code from reception',
	pairSubmit: 'Connect',
	pairSubmitting: 'Connecting…',
	pairHelp: 'Reception makes a code under Devices. A code works once, for 15 minutes.',
	errorFormat: 'The code has 6 digits. Please type all 6.',
	errorUnknownCode: 'That code is not right. Check the 6 digits and try again.',
	errorExpired: 'That code has expired. Ask reception for a new one.',
	errorUsed: 'That code was already used. Ask reception for a new one.',
	errorWrongKind:
		'That code is for a check-in tablet, not a screen. Ask reception for a screen code.',
	errorVoided: 'That code was blocked after too many wrong tries. Ask reception for a new one.',
	errorThrottled: 'Too many wrong codes. Wait a minute, then try again.',
	errorNetwork: 'Could not reach the server. Check the network and try again.',
	errorNotKept:
		'The code worked, but this browser did not keep the pairing. Open this page with https:// or ask your IT contact.',
	nowCalling: 'Now calling',
	goTo: 'Please go to',
	goToDesk: 'Please come to the front desk',
	noCalls: 'Please have a seat. We will call your ticket here.',
	recentCalls: 'Recently called',
	waiting: 'Waiting',
	waitingCount: '{count} waiting',
	nobodyWaiting: 'No one waiting',
	moreWaiting: '+ {count} more',
	estimatedWait: 'Estimated wait',
	delay: '{provider} is running about {minutes} minutes late',
	// Short on purpose: they sit beside each ticket under the "Estimated wait" heading.
	waitSoon: '< 5 min',
	waitAbout: '{low}–{high} min',
	waitOver: '{minutes}+ min',
	connectionConnecting: 'Connecting…',
	connectionLive: 'Live',
	connectionReconnecting: 'Reconnecting…',
	soundOn: 'Tap to turn on sound',
	announcements: 'Announcements',
	speechCall: 'Ticket {ticket}, please go to {room}.',
	speechCallDesk: 'Ticket {ticket}, please come to the front desk.',
	errorTitle: 'This screen could not load',
	errorRetry: 'Trying again in a moment…',

	// Healing after an outage (issue 6)
	connectionLastUpdate: 'Last update {time}'
};

export const es: Dictionary<typeof en> = {
	pageTitle: 'Sala de espera',
	pairTitle: 'Conectar esta pantalla',
	pairPrompt: 'Escriba el código de 6 dígitos que le da recepción',
	pairSubmit: 'Conectar',
	pairSubmitting: 'Conectando…',
	pairHelp: 'Recepción crea el código en Dispositivos. Cada código sirve una vez, por 15 minutos.',
	errorFormat: 'El código tiene 6 dígitos. Escriba los 6.',
	errorUnknownCode: 'Ese código no es correcto. Revise los 6 dígitos e intente otra vez.',
	errorExpired: 'Ese código ya venció. Pida uno nuevo en recepción.',
	errorUsed: 'Ese código ya se usó. Pida uno nuevo en recepción.',
	errorWrongKind:
		'Ese código es para una tableta de registro, no para una pantalla. Pida un código de pantalla en recepción.',
	errorVoided:
		'Ese código se bloqueó tras demasiados intentos incorrectos. Pida uno nuevo en recepción.',
	errorThrottled: 'Demasiados códigos incorrectos. Espere un minuto e intente otra vez.',
	errorNetwork: 'No se pudo conectar con el servidor. Revise la red e intente otra vez.',
	errorNotKept:
		'El código sirvió, pero este navegador no guardó la conexión. Abra esta página con https:// o pida ayuda a su contacto de informática.',
	nowCalling: 'Llamando a',
	goTo: 'Por favor pase a',
	goToDesk: 'Por favor pase a recepción',
	noCalls: 'Por favor tome asiento. Aquí llamaremos su turno.',
	recentCalls: 'Recién llamados',
	waiting: 'En espera',
	waitingCount: '{count} en espera',
	nobodyWaiting: 'Nadie en espera',
	moreWaiting: '+ {count} más',
	estimatedWait: 'Espera aproximada',
	delay: '{provider} tiene unos {minutes} minutos de retraso',
	waitSoon: '< 5 min',
	waitAbout: '{low}–{high} min',
	waitOver: '{minutes}+ min',
	connectionConnecting: 'Conectando…',
	connectionLive: 'En vivo',
	connectionReconnecting: 'Reconectando…',
	soundOn: 'Toque para activar el sonido',
	announcements: 'Avisos',
	speechCall: 'Turno {ticket}, por favor pase a {room}.',
	speechCallDesk: 'Turno {ticket}, por favor pase a recepción.',
	errorTitle: 'Esta pantalla no pudo cargar',
	errorRetry: 'Intentando otra vez en un momento…',

	// Healing after an outage (issue 6)
	connectionLastUpdate: 'Última actualización {time}'
};

export const displayDictionaries = { en, es };
export type DisplayKey = keyof typeof en;
