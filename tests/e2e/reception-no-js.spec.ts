// The desk with JavaScript off: every button is a named form action, so a PC whose scripts are
// blocked (or never load) still signs in, calls patients and sees each answer from the server,
// a refused button included, worded beside its row.
import { expect, test } from '@playwright/test';
import { appointments, lastNameOf, signInStaff } from './support/api';
import { openReception, pairKiosk, signInAtReception } from './support/front-door';
import { confirmAndCheckIn, lookUp } from './support/kiosk-page';

test('with JavaScript off the desk signs in, calls a waiting patient, and says why a button was refused', async ({
	browser,
	page,
	request
}) => {
	// Which patient checks in is picked from the staff API (seeding); the check-in itself is a
	// patient's, on a kiosk paired from its own screen.
	await signInStaff(request);
	// An English speaker: the kiosk speaks the patient's own language once it knows them.
	const booked = (await appointments(request)).filter(
		(a) => a.status === 'booked' && !a.dobLocked && a.preferredLanguage === 'en'
	);
	const patient = booked[Math.floor(Math.random() * booked.length)];
	await pairKiosk(page);
	await lookUp(page, lastNameOf(patient.patientName), patient.patientDob);
	const ticket = await confirmAndCheckIn(page);

	const context = await browser.newContext({ javaScriptEnabled: false });
	const desk = await context.newPage();
	await signInAtReception(desk);
	await expect(desk.getByRole('heading', { name: 'Live queue', level: 1 })).toBeVisible();
	const waiting = desk.getByRole('region', { name: 'Waiting', exact: true });
	const called = desk.getByRole('region', { name: 'Called', exact: true });
	const waitingRow = waiting.locator(`li[data-ticket="${ticket}"]`);
	const calledRow = called.locator(`li[data-ticket="${ticket}"]`);
	await expect(waitingRow).toContainText(patient.patientName);

	await desk.getByLabel(`Room for ${ticket}`).selectOption({ label: 'Room 3' });
	await desk.getByRole('button', { name: `Call ${ticket}`, exact: true }).click();
	// The page the server answered the post with: the confirmation and the new queue.
	await expect(desk.getByText(`${ticket} called to Room 3.`)).toBeVisible();
	await expect(calledRow).toContainText('Room 3');
	await expect(waitingRow).toHaveCount(0);

	// Meanwhile a colleague (a live desk) sends the patient back to the waiting list, so this
	// page's "In room" is out of date: the server refuses it, and says so beside the row.
	const colleague = await openReception(browser);
	await colleague.getByRole('button', { name: `Back to waiting ${ticket}`, exact: true }).click();
	await expect(
		colleague
			.getByRole('region', { name: 'Waiting', exact: true })
			.locator(`li[data-ticket="${ticket}"]`)
	).toBeVisible();
	await desk.getByRole('button', { name: `In room ${ticket}`, exact: true }).click();
	await expect(waitingRow.getByRole('alert')).toContainText(ticket);
	await expect(calledRow).toHaveCount(0);

	// Called again and done, still without JavaScript.
	await desk.getByLabel(`Room for ${ticket}`).selectOption({ label: 'Room 3' });
	await desk.getByRole('button', { name: `Call ${ticket}`, exact: true }).click();
	await desk.getByRole('button', { name: `Done ${ticket}`, exact: true }).click();
	await expect(desk.getByText(`${ticket} is done.`)).toBeVisible();
	await expect(calledRow).toHaveCount(0);
	await expect(waitingRow).toHaveCount(0);
	await colleague.context().close();
	await context.close();
});
