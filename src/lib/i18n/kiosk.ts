import type { Dictionary } from './index';

// Spanish lives in kiosk-es.ts and loads only when a patient (or the site) picks it.

/** Patient-facing kiosk text. Plain words, short sentences (sixth-grade reading level). */
const en = {
	title: 'Check in',
	welcome: 'Welcome',
	welcomeLead: 'Check in for your appointment here.',
	scanButton: 'Scan my code',
	scanHint: 'Use the QR code on your appointment letter or text.',
	lookupButton: 'Look me up',
	lookupHint: 'No code? Use your last name and date of birth.',
	helpButton: 'I need help',
	language: 'Español',
	languageLabel: 'Cambiar a español',
	back: 'Back',
	startOver: 'Start over',
	next: 'Next',
	scanTitle: 'Scan your code',
	scanLead: 'Hold the QR code in front of the camera.',
	scanStarting: 'Starting the camera…',
	scanWorking: 'Checking your code…',
	cameraBlocked: 'We cannot use the camera. Please look yourself up instead.',
	errNotOurs:
		'This code is not a check-in code from this clinic. Try your appointment letter, or look yourself up.',
	errExpired: 'This code is for another day. Please look yourself up, or ask the front desk.',
	errOtherSite: 'This code is for another clinic location. Please ask the front desk.',
	errNotFound:
		'We could not find your appointment for today. Please ask the front desk. We let them know.',
	lookupTitle: 'Look me up',
	lastName: 'Last name',
	dateOfBirth: 'Date of birth',
	month: 'Month',
	day: 'Day',
	year: 'Year',
	dobFormat: 'For example: 03 / 14 / 1975',
	lookupSearching: 'Looking for your appointment…',
	errLookupNone:
		'We could not find an appointment today for that name and date of birth. Check the spelling and try again.',
	errDobInvalid: 'Please enter a real date: month (1–12), day (1–31) and a 4-digit year.',
	errLastNameEmpty: 'Please enter your last name.',
	errRosterMissing:
		'The kiosk is still getting today’s list. Please try again in a minute, or ask the front desk.',
	initialTitle: 'One more step',
	initialLead: 'More than one person matches. Tap the first letter of your first name.',
	dobTitle: 'Please confirm your date of birth',
	dobLead: 'This keeps your information private.',
	dobWrong: 'That date does not match our records. You have {left} more tries.',
	lockedTitle: 'Please see the front desk',
	lockedLead:
		'For your privacy we stopped check-in on this kiosk. We told the front desk, and someone will help you.',
	summaryTitle: 'Hi {name}!',
	summaryAppointment: 'Your appointment with {provider} is at {time}.',
	onFile: 'Is this still right?',
	phone: 'Phone',
	email: 'Email',
	address: 'Address',
	insurance: 'Insurance',
	memberId: 'Member ID',
	copay: 'Copay',
	noInsurance: 'No insurance on file',
	checkInButton: 'Yes, check me in',
	somethingWrong: 'Something is wrong',
	wrongNoted:
		'Thank you. We told the front desk. They will fix it with you. You can still check in now.',
	tooEarlyTitle: 'You are early',
	tooEarlyLead:
		'Your appointment is at {time}. You can check in from {from}. Please have a seat, or ask the front desk.',
	tooLateTitle: 'Please see the front desk',
	tooLateLead:
		'Your appointment was at {time}. We told the front desk you are here, and they will help you.',
	checkingIn: 'Checking you in…',
	ticketTitle: 'You’re checked in',
	ticketLabel: 'Your ticket',
	ticketPosition: 'You are number {position} in line for {provider}.',
	ticketWait: 'Estimated wait: about {minutes} minutes.',
	ticketWaitNow: 'You should be called very soon.',
	ticketOnTime: 'You are early. We expect to call you around your appointment time, {time}.',
	ticketWaitOver: 'Estimated wait: more than {minutes} minutes. Sorry for the wait.',
	ticketProvisional:
		'The kiosk is offline right now. Your check-in is saved and will reach the front desk when we are back online.',
	ticketAppointment: 'Your appointment is at {time} with {provider}.',
	ticketNext: 'Please have a seat. Watch the screen for your ticket number.',
	ticketDone: 'Done',
	rejectedTitle: 'We could not finish your check-in',
	rejectedLead: 'Please see the front desk. We told them you are here.',
	helpTitle: 'Help is on the way',
	helpLead: 'We told the front desk. Someone will come to you soon.',
	helpOffline: 'The kiosk is offline. Please walk to the front desk.',
	idleTitle: 'Are you still there?',
	idleLead: 'For your privacy, this screen will clear in {seconds} seconds.',
	idleContinue: 'Yes, I’m here',
	offline: 'Offline',
	pendingCount: '{count} waiting to send',
	enrollTitle: 'Set up this kiosk',
	enrollLead: 'Ask reception for a 6-digit pairing code and type it here.',
	enrollCode: 'Pairing code',
	enrollButton: 'Pair this kiosk',
	enrollOffline: 'This kiosk needs the network once to pair. Check the Wi-Fi.',
	loading: 'Getting ready…',
	notReady: 'This kiosk is not ready yet. Please see the front desk.'
};

export const kioskEnglish = en;
export type KioskKey = keyof typeof en;
export type KioskDictionary = Dictionary<typeof en>;
