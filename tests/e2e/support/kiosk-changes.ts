// The kiosk's edit screens as a patient uses them (issue 9): shared by the kiosk's own spec and
// the end-to-end one that follows the edits to the desk and back to the next roster.
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { freshAppointments, lastNameOf, type Appointment } from './api';
import { coverageOf } from './test-db';
import { violations } from './axe';
import { pairKiosk } from './front-door';
import { lookUp } from './kiosk-page';

export const TABLET = { width: 1280, height: 800 };
export const CHECK_IN = 'Everything is correct — check me in';
export const NEW_PHONE = '(415) 555-0187';
export const NEW_ADDRESS = '48 Juniper Lane';
export const MEMBER_ID = 'ZQX7734190';

/** A tablet whose camera sees an insurance card, paired from its own screen, on Welcome. */
export async function cardKiosk(cardCameraBrowser: () => Promise<Browser>) {
	const browser = await cardCameraBrowser();
	const context = await browser.newContext({ viewport: TABLET });
	const kiosk = await context.newPage();
	await pairKiosk(kiosk);
	return { kiosk, context };
}

export async function identify(kiosk: Page, appointment: Appointment, greeting = /^Hi /) {
	await lookUp(kiosk, lastNameOf(appointment.patientName), appointment.patientDob);
	await expect(kiosk.getByRole('heading', { level: 1, name: greeting })).toBeVisible();
}

export async function expectNoAxeViolations(kiosk: Page, screen: string) {
	expect(await violations(kiosk), `axe on ${screen}`).toEqual([]);
}

/** Contact details: a new phone and street address, saved. */
export async function changePhoneAndAddress(kiosk: Page) {
	await kiosk.getByRole('button', { name: 'Change contact details' }).click();
	await expect(
		kiosk.getByRole('heading', { level: 1, name: 'Your contact details' })
	).toBeVisible();
	const phone = kiosk.getByLabel('Phone number', { exact: true });
	await expect(phone).toHaveAttribute('type', 'tel');
	await expect(phone).toHaveAttribute('inputmode', 'tel');
	await expect(phone).toHaveAttribute('autocomplete', 'tel');
	await phone.fill(NEW_PHONE);
	await kiosk.getByLabel('Street address').fill(NEW_ADDRESS);
	await kiosk.getByRole('button', { name: 'Save' }).click();
	await expect(kiosk.getByTestId('confirm-contact')).toContainText(NEW_PHONE);
	await expect(kiosk.getByTestId('confirm-contact')).toContainText(NEW_ADDRESS);
}

/** One side of the card with the camera: live preview, capture, the last look, use it. */
export async function photograph(kiosk: Page, side: 'front' | 'back') {
	await kiosk.getByRole('button', { name: `Take a photo of the ${side}` }).click();
	await expect(
		kiosk.getByRole('heading', { level: 1, name: `The ${side} of your card` })
	).toBeVisible();
	await expect(kiosk.getByTestId('card-preview').locator('video')).toBeVisible();
	await kiosk.getByRole('button', { name: 'Take the photo' }).click();
	const review = kiosk.getByTestId('card-photo-review');
	await expect(review).toBeVisible();
	const bytes = Number(await review.getAttribute('data-bytes'));
	expect(bytes).toBeGreaterThan(5_000);
	expect(bytes).toBeLessThanOrEqual(300 * 1024);
	// The camera is released while the patient looks at the photo.
	await expect(kiosk.locator('video')).toHaveCount(0);
	await kiosk.getByRole('button', { name: 'Use this photo' }).click();
	await expect(kiosk.getByTestId(`card-photo-${side}`).getByRole('img')).toBeVisible();
}

/** New insurance from the site's list, found by typing, with both card photos. */
export async function newInsuranceWithPhotos(kiosk: Page) {
	await kiosk.getByRole('button', { name: 'Change insurance' }).click();
	await expect(kiosk.getByRole('heading', { level: 1, name: 'Your insurance' })).toBeVisible();
	await kiosk.getByLabel('I have new insurance').check();
	const list = kiosk.locator('#payer-list');
	// "Self-pay" is not an insurer: the third choice covers it.
	await expect(list.getByLabel('Self-pay')).toHaveCount(0);
	await kiosk.getByLabel('Type the name to search').fill('cig');
	await expect(list.getByRole('radio')).toHaveCount(2);
	await list.getByLabel('Cigna').check();
	await kiosk.getByLabel('Member ID — the long number on your card').fill(MEMBER_ID);
	await kiosk.getByLabel(/^Group number/).fill('G-55012');
	await photograph(kiosk, 'front');
	await photograph(kiosk, 'back');
	// What was typed before the camera is still there.
	await expect(kiosk.getByLabel('Member ID — the long number on your card')).toHaveValue(MEMBER_ID);
	await kiosk.getByRole('button', { name: 'Save' }).click();
	const panel = kiosk.getByTestId('confirm-insurance');
	await expect(panel).toContainText('Cigna');
	await expect(panel).toContainText('Card photos: 2 of 2');
	await expect(kiosk.getByTestId('money')).toHaveText(
		'The front desk will check your new insurance and tell you the cost of today’s visit.'
	);
}

export async function checkInWithChanges(kiosk: Page, ticket: string) {
	await kiosk.getByRole('button', { name: CHECK_IN }).click();
	await expect(kiosk.getByTestId('ticket')).toContainText(ticket);
	await expect(kiosk.getByTestId('ticket-changes')).toHaveText(
		'Thank you — the front desk will check your changes.'
	);
}

/** A fresh patient for whom the new card (Cigna) is new: one already with Cigna has no insurer line. */
export async function freshPatientForNewCard(request: APIRequestContext): Promise<Appointment> {
	const candidates = await freshAppointments(request, 10);
	const patient = candidates.find((a) => coverageOf(a.patientId)?.payer !== 'Cigna');
	if (!patient) throw new Error('no fresh patient without Cigna on file');
	return patient;
}
