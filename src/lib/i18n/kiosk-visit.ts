import type { Dictionary } from './index';

/**
 * A patient's visit after the Welcome screen: scan, look-up, birth date, details, ticket, the
 * notices. Loaded with those screens (src/routes/kiosk/Visit.svelte), both
 * languages at once: they are no part of the kiosk's first load. Spanish is in kiosk-visit-es.ts.
 */
const en = {
	back: 'Back',
	startOver: 'Start over',
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
	lookupSearching: 'Looking for your appointment…',
	errLookupNone:
		'We could not find an appointment today for that name and date of birth. Check the spelling and try again.',
	errDobInvalid: 'That is not a real date. Check the month (01 to 12), the day and the year.',
	errLastNameEmpty: 'Please enter your last name.',
	errRosterMissing:
		'The kiosk is still getting today’s list. Please try again in a minute, or ask the front desk.',
	initialTitle: 'One more step',
	initialLead: 'More than one person matches. Tap the first letter of your first name.',
	dobTitle: 'Type your date of birth',
	dobLead: 'We ask so we know it is you. This keeps your information private.',
	lockedTitle: 'Please see the front desk',
	lockedLead:
		'For your privacy, we stopped check-in for this visit. We told the front desk, and someone will help you.',
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
		'Your appointment is at {time}. Check-in opens at {from}. You can check in now. Your place in line still goes by your appointment time.',
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
	dobMaskMonth: 'MM',
	dobMaskDay: 'DD',
	dobMaskYear: 'YYYY',
	dobHint: 'Type the month, the day and the year. For example: 03 14 1975',
	dobClear: 'Clear',
	dobBackspace: 'Delete the last number',
	dobWrongOne: 'That date does not match our records. You have 1 more try.',
	dobWrongMany: 'That date does not match our records. You have {left} more tries.',
	lookupFind: 'Find my appointment',
	checkInAnyway: 'Check in anyway',
	tellDesk: 'Tell the front desk',
	ticketLate:
		'You came after your appointment time. We let the front desk know. They will tell you what happens next.',
	alreadyTitle: 'You’re already checked in — ticket {ticket}',
	alreadyWaiting: 'Please have a seat. Watch the screen for your ticket number.',
	alreadyCalled: 'Please go to {room}.',
	completedTitle: 'Your visit today is done',
	completedLead:
		'Our records show your visit is over. If you need something, the front desk can help.',
	cancelledTitle: 'This visit was cancelled',
	cancelledLead: 'Our records show this appointment was cancelled. The front desk can help you.',
	// The scan screen's help for a patient whose code does not read (issue 7).
	scanGuide: 'Show the whole code inside the frame',
	scanSlowHint: 'Hold the letter flat, about a forearm away.',
	scanStuckLead: 'Still not working? That’s OK.',
	scanLookupInstead: 'Look me up instead',
	scanGotIt: 'Got it!',
	scanTimeout: 'Without a code, this screen goes back to the start after {minutes} minutes.',
	scanSwitchCamera: 'Staff: switch camera'
};

export const visitEnglish = en;
export type VisitKey = keyof typeof en;
export type VisitDictionary = Dictionary<typeof en>;
