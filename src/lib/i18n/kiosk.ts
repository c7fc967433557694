import type { Dictionary } from './index';

// Spanish lives in kiosk-es.ts and loads only when a patient (or the site) picks it. The text of
// a visit after the Welcome screen (kiosk-visit.ts) and of the pairing screen (kiosk-enroll.ts)
// load with those screens, not in the kiosk's first 80 KB (DESIGN §9).

/**
 * The kiosk's first screens (getting ready, Welcome), its header and its idle warning. Plain words, short
 * sentences (sixth-grade reading level).
 */
const en = {
	title: 'Check in',
	welcome: 'Welcome',
	welcomeLead: 'Check in for your appointment here.',
	scanButton: 'Scan my code',
	scanHint: 'Use the QR code on your appointment letter.',
	lookupButton: 'Look me up',
	lookupHint: 'No code? Use your last name and date of birth.',
	helpButton: 'I need help',
	language: 'Español',
	languageLabel: 'Cambiar a español',
	offline: 'Offline',
	pendingCount: '{count} waiting to send',
	loading: 'Getting ready…',
	notReady: 'This kiosk is not ready yet. Please see the front desk.',
	largeTextButton: 'Larger text',
	idleTitle: 'Are you still there?',
	idleLead: 'For your privacy, this screen will clear in {seconds} seconds.',
	idleContinue: 'Yes, I’m here',
	startingOverTitle: 'Something went wrong — starting over',
	startingOverLead: 'Sorry about that. This screen will be ready again in a moment.'
};

export const kioskEnglish = en;
export type KioskKey = keyof typeof en;
export type KioskDictionary = Dictionary<typeof en>;
