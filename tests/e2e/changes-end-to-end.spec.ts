// Issue 9 from end to end, the way the clinic lives it: a patient at a kiosk paired from its own
// screen changes their phone number and address and photographs a new insurance card with the
// tablet's (fake) camera; the desk sees the flags on the queue row, reviews the change field by
// field with the card photos, accepts the phone and rejects the address; the patient's record
// and the next roster a kiosk downloads hold exactly that.
import { test, expect } from './support/fixtures';
import { checkInUrl, signInStaff } from './support/api';
import { signInAtReception } from './support/front-door';
import {
	NEW_ADDRESS,
	NEW_PHONE,
	MEMBER_ID,
	cardKiosk,
	changePhoneAndAddress,
	checkInWithChanges,
	identify,
	freshPatientForNewCard,
	newInsuranceWithPhotos
} from './support/kiosk-changes';
import { changesFor } from './support/test-db';
import { decryptWithRosterKey } from '$lib/roster/roster-crypto';
import type { RosterBundle } from '$lib/roster/roster-types';

/** The roster key the patient's letter carries: the `rk` claim of its check-in token. */
function rosterKeyOf(url: string): string {
	const [, payload] = url.split('/c/')[1].split('.');
	return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { rk: string }).rk;
}

test('a phone and address change with a new card reach the desk; the phone accepted, the address rejected, the next roster says exactly that', async ({
	cardCameraBrowser,
	page,
	request
}) => {
	await signInStaff(request);
	const appointment = await freshPatientForNewCard(request);
	const record = (await (
		await request.get(`/api/staff/patients/${appointment.patientId}`)
	).json()) as {
		contact: { phone: string; address: string };
		coverage: { payer: string } | null;
	};
	const { kiosk } = await cardKiosk(cardCameraBrowser);
	await signInAtReception(page);

	// The patient, at the kiosk.
	await identify(kiosk, appointment);
	await changePhoneAndAddress(kiosk);
	await newInsuranceWithPhotos(kiosk);
	await checkInWithChanges(kiosk, appointment.ticket);

	// The desk, live: the row says what changed, the review list shows it with the photos.
	const row = page.locator(`li[data-ticket="${appointment.ticket}"]`);
	await expect(row.getByText('Changed details')).toBeVisible();
	await expect(row.getByText('New insurance')).toBeVisible();
	await expect.poll(() => changesFor(appointment.id)[0]?.images.length ?? 0).toBe(2);
	const [{ id: changeId }] = changesFor(appointment.id);
	await page
		.getByRole('navigation', { name: 'Reception' })
		.getByRole('link', { name: /^Changes/ })
		.click();
	const card = page.locator(`article[data-change-id="${changeId}"]`);
	const phone = card.locator('tr[data-field="phone"]');
	const address = card.locator('tr[data-field="address"]');
	await expect(phone.getByRole('cell').nth(0)).toHaveText(record.contact.phone);
	await expect(phone.getByRole('cell').nth(1)).toHaveText(NEW_PHONE);
	await expect(address.getByRole('cell').nth(1)).toHaveText(NEW_ADDRESS);
	await expect(card.locator('tr[data-field="insurance.memberId"]')).toContainText(MEMBER_ID);
	const photos = card.locator('[data-card-photo] img');
	await expect(photos).toHaveCount(2);
	// The photos the tablet's camera took, served to the desk: real pictures that decode.
	for (const photo of await photos.all()) {
		// Thumbnails load lazily: a card far down the list loads its photos when shown.
		await photo.scrollIntoViewIfNeeded();
		await expect
			.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth))
			.toBeGreaterThan(100);
	}

	await phone.getByLabel('Accept').check();
	await address.getByLabel('Reject').check();
	await card.getByRole('button', { name: 'Save decisions' }).click();
	await expect(phone).toHaveAttribute('data-decision', 'accepted');
	await expect(address).toHaveAttribute('data-decision', 'rejected');

	// The record: the new phone, the old address.
	await card.getByRole('link', { name: appointment.patientName }).click();
	await expect(page.locator('dd[data-field="phone"]')).toHaveText(NEW_PHONE);
	await expect(page.locator('dd[data-field="address"]')).toHaveText(record.contact.address);

	// The next roster the kiosk downloads, opened with the key from the patient's letter.
	const rosterKey = rosterKeyOf(await checkInUrl(request, appointment.id));
	const roster = (await (await kiosk.request.get('/api/kiosk/roster')).json()) as RosterBundle;
	const entry = roster.entries.find((e) => e.appointmentId === appointment.id);
	expect(entry).toBeDefined();
	const next = await decryptWithRosterKey(entry!, rosterKey);
	expect(next.patient.phone).toBe(NEW_PHONE);
	expect(next.patient.address).toBe(record.contact.address);
	// The insurance fields still wait for the desk: the coverage on file is unchanged.
	expect(next.coverage?.payer ?? null).toBe(record.coverage?.payer ?? null);
	expect(next.changesPending).toBe(true);
});
