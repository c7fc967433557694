import { test, expect } from './support/fixtures';
import {
	appointments,
	checkInUrl,
	freshAppointments,
	signInStaff,
	lastNameOf
} from './support/api';
import {
	backToWelcome,
	clearDob,
	confirmAndCheckIn,
	expectIdentityScreen,
	fillDob,
	lookUp,
	scanningKiosk
} from './support/kiosk-page';
import { pairDisplay, pairKiosk, signInAtReception } from './support/front-door';

test.describe('kiosk check-in, end to end', () => {
	test('a patient scans the QR from their letter; display and reception see it; reception calls them', async ({
		cameraBrowser,
		browser,
		request
	}) => {
		// A patient nobody checked in yet, and their letter's QR: seeding, read from the staff API.
		await signInStaff(request);
		// Not a patient whose last name is also a provider's ("Lee", "Dr. Maya Lee"): the display
		// shows providers by name, and the check below is that it never shows the patient's.
		const appointment = (await freshAppointments(request, 6)).find(
			(a) => !/Lee|Ortiz|Kim/.test(lastNameOf(a.patientName))
		);
		if (!appointment) throw new Error('no fresh patient without a provider’s last name');
		const url = await checkInUrl(request, appointment.id);
		expect(url.length).toBeLessThanOrEqual(250);

		// The desk and the waiting-room display (paired from its screen), each in its own context.
		const receptionContext = await browser.newContext();
		const reception = await receptionContext.newPage();
		await signInAtReception(reception);
		const displayContext = await browser.newContext();
		const display = await displayContext.newPage();
		await pairDisplay(display, reception);
		await reception.goto('/reception');

		// The tablet, whose camera sees the printed QR code.
		const kiosk = await scanningKiosk(cameraBrowser, url);
		await expectIdentityScreen(kiosk);
		await fillDob(kiosk, appointment.patientDob);
		const ticket = await confirmAndCheckIn(kiosk);
		expect(ticket).toBe(appointment.ticket);
		await expect(kiosk.getByTestId('ticket-position')).toContainText(appointment.providerName);

		await expect(reception.locator(`li[data-ticket="${ticket}"]`)).toBeVisible();
		await expect(display.getByText(ticket, { exact: true }).first()).toBeVisible();

		await reception.getByLabel(`Room for ${ticket}`).selectOption({ label: 'Room 3' });
		await reception.getByRole('button', { name: `Call ${ticket}` }).click();
		await expect(display.getByTestId('now-calling')).toContainText(ticket);
		await expect(display.getByTestId('now-calling')).toContainText('Room 3');
		// The display shows the ticket and room, never the patient's name.
		expect(await display.content()).not.toContain(lastNameOf(appointment.patientName));

		await backToWelcome(kiosk);
	});

	test('a patient without a code looks themselves up by last name and date of birth', async ({
		browser,
		request
	}) => {
		// Seeding: a fresh patient from the staff API (and, at the end, their status from it).
		await signInStaff(request);
		const [appointment] = await freshAppointments(request, 1);
		const context = await browser.newContext();
		const kiosk = await context.newPage();
		await pairKiosk(kiosk);

		// Spanish is one tap away, and back.
		await kiosk.getByRole('button', { name: 'Cambiar a español' }).click();
		await expect(kiosk.getByRole('heading', { name: 'Bienvenido' })).toBeVisible();
		await expect(kiosk.getByRole('button', { name: /Buscarme/ })).toBeVisible();
		await kiosk.getByRole('button', { name: 'Switch to English' }).click();
		await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();

		await lookUp(kiosk, lastNameOf(appointment.patientName), '1900-01-01');
		await expect(kiosk.getByRole('alert')).toContainText('could not find an appointment');
		await clearDob(kiosk);
		await fillDob(kiosk, appointment.patientDob);
		expect(await confirmAndCheckIn(kiosk)).toBe(appointment.ticket);

		const after = (await appointments(request)).find((a) => a.id === appointment.id);
		expect(after?.status).toBe('arrived');
	});

	test('a code that is not ours gets a clear message and nothing is checked in', async ({
		cameraBrowser,
		request
	}) => {
		// Read from the staff API before and after: proves nothing at all was checked in.
		await signInStaff(request);
		const before = await appointments(request);
		const kiosk = await scanningKiosk(
			cameraBrowser,
			'https://example.org/coupon/SAVE20-ON-VITAMINS'
		);
		await expect(kiosk.getByTestId('scan-problem')).toContainText('not a check-in code', {
			timeout: 15_000
		});
		expect(await appointments(request)).toEqual(before);
	});

	test('a forged token (valid shape, wrong signature) is refused', async ({
		cameraBrowser,
		request
	}) => {
		// Seeding: a fresh patient and their letter's QR, from the staff API.
		await signInStaff(request);
		const [appointment] = await freshAppointments(request, 1);
		const url = await checkInUrl(request, appointment.id);
		const forged = url.slice(0, -6) + (url.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
		const kiosk = await scanningKiosk(cameraBrowser, forged);
		await expect(kiosk.getByTestId('scan-problem')).toContainText('not a check-in code', {
			timeout: 15_000
		});
	});

	test('five wrong dates of birth lock the appointment and tell the front desk', async ({
		cameraBrowser,
		request,
		browser
	}) => {
		// Seeding: a fresh patient and their letter's QR, from the staff API.
		await signInStaff(request);
		const [appointment] = await freshAppointments(request, 1);
		const url = await checkInUrl(request, appointment.id);
		const kiosk = await scanningKiosk(cameraBrowser, url);
		await expectIdentityScreen(kiosk);
		for (const left of ['4 more tries', '3 more tries', '2 more tries', '1 more try.']) {
			await fillDob(kiosk, '1901-02-03');
			await expect(kiosk.getByRole('alert')).toContainText(`You have ${left}`);
		}
		await fillDob(kiosk, '1901-02-03');
		await expect(kiosk.getByRole('heading', { name: 'Please see the front desk' })).toBeVisible();

		// Scanning again stays locked, even with the right date of birth at hand.
		await kiosk.getByRole('button', { name: 'Done' }).click();
		await kiosk.getByRole('button', { name: /Scan my code/ }).click();
		await expect(kiosk.getByRole('heading', { name: 'Please see the front desk' })).toBeVisible({
			timeout: 15_000
		});
		const after = (await appointments(request)).find((a) => a.id === appointment.id);
		expect(after?.status).toBe('booked');

		// Reception sees the help request.
		const desk = await browser.newContext();
		const page = await desk.newPage();
		await signInAtReception(page);
		await expect(page.getByRole('region', { name: /Help requests/ })).toContainText(
			'wrong birth dates'
		);
	});
});

test('a phone that opens the QR sees what to do with it in its own language, and nothing about the patient', async ({
	browser,
	request
}) => {
	// Seeding: a fresh patient and their letter's QR, from the staff API.
	await signInStaff(request);
	const [appointment] = await freshAppointments(request, 1);
	const url = new URL(await checkInUrl(request, appointment.id));
	const secrets = [
		lastNameOf(appointment.patientName),
		appointment.patientName.split(' ')[0],
		appointment.providerName,
		appointment.ticket
	];

	const english = await (await browser.newContext({ locale: 'en-US' })).newPage();
	await english.goto(url.pathname);
	await expect(english.getByRole('heading', { name: 'This is your check-in code' })).toBeVisible();
	const page = await english.content();
	for (const secret of secrets) expect(page).not.toContain(secret);

	// A phone set to Spanish (Accept-Language: es-MX) is answered in Spanish, and can switch.
	const spanish = await (await browser.newContext({ locale: 'es-MX' })).newPage();
	await spanish.goto(url.pathname);
	await expect(
		spanish.getByRole('heading', { name: 'Este es su código de registro' })
	).toBeVisible();
	for (const secret of secrets) expect(await spanish.content()).not.toContain(secret);
	await spanish.getByRole('link', { name: 'View in English' }).click();
	await expect(spanish.getByRole('heading', { name: 'This is your check-in code' })).toBeVisible();

	await english.goto(url.pathname.slice(0, -4) + 'AAAA');
	await expect(english.getByRole('heading', { name: 'We could not read this code' })).toBeVisible();
	await spanish.goto(url.pathname.slice(0, -4) + 'AAAA');
	await expect(spanish.getByRole('heading', { name: 'No pudimos leer este código' })).toBeVisible();
});
