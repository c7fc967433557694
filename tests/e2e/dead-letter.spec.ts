import { test, expect } from './support/fixtures';
import { freshAppointments, signInStaff, lastNameOf } from './support/api';
import { pairKiosk, signInAtReception } from './support/front-door';
import { backToWelcome, lookUp } from './support/kiosk-page';
import { dumpKioskStorage, waitUntilOfflineReady } from './support/kiosk-storage';

test('an offline check-in refused later (appointment cancelled meanwhile) reaches reception, not the void', async ({
	browser,
	request
}) => {
	// Choosing a patient nobody has checked in yet reads the staff API: seeding, not the test.
	await signInStaff(request);
	const [patient] = await freshAppointments(request, 1);
	const desk = await browser.newContext();
	const reception = await desk.newPage();
	await signInAtReception(reception);
	const context = await browser.newContext();
	const kiosk = await context.newPage();
	await pairKiosk(kiosk, reception, 'Dead-letter tablet');
	await waitUntilOfflineReady(kiosk);

	await context.setOffline(true);
	await lookUp(kiosk, lastNameOf(patient.patientName), patient.patientDob);
	await kiosk.getByRole('button', { name: 'Everything is correct — check me in' }).click();
	await expect(kiosk.getByTestId('ticket-provisional')).toBeVisible();
	await backToWelcome(kiosk);

	// Meanwhile the appointment is cancelled. Reception has no cancel button (cancellations come
	// from the clinic's scheduling system), so this is the API that system calls.
	const cancel = await request.post(`/api/staff/appointments/${patient.id}/cancel`);
	expect(cancel.status(), await cancel.text()).toBe(200);

	await reception.goto('/reception');
	const deadLetters = reception.getByRole('region', {
		name: 'Kiosk check-ins that did not go through'
	});

	await context.setOffline(false);
	await expect(deadLetters.getByRole('listitem')).toHaveCount(1);
	await expect(deadLetters).toContainText('The appointment was cancelled.');
	await expect(deadLetters).toContainText('Dead-letter tablet');
	await expect(reception.locator(`li[data-ticket="${patient.ticket}"]`)).toHaveCount(0);
	// The kiosk kept it too, as a dead letter, not in its outbox.
	// (The visit's anonymous step record stays behind until its hour is over: issue 10.)
	await expect
		.poll(async () => {
			const { outbox, deadLetters } = JSON.parse(await dumpKioskStorage(kiosk)) as {
				outbox: { type: string }[];
				deadLetters: unknown[];
			};
			return { outbox: outbox.filter((op) => op.type !== 'visit-steps'), deadLetters };
		})
		.toMatchObject({ outbox: [], deadLetters: [{ reason: 'appointment-cancelled' }] });

	// Staff resolve it; the kiosk drops its copy at its next contact.
	await deadLetters.getByRole('button', { name: 'Resolved' }).click();
	await expect(deadLetters.getByRole('listitem')).toHaveCount(0);
	await context.setOffline(true);
	await context.setOffline(false);
	await expect
		.poll(
			async () =>
				(JSON.parse(await dumpKioskStorage(kiosk)) as { deadLetters: unknown[] }).deadLetters
		)
		.toEqual([]);
});
