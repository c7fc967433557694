// Issue 9, the kiosk's half: a patient confirms or changes their contact details and insurance,
// photographs their card with the tablet's (fake) camera, and checks in. Everything is done
// through the kiosk's screens; what reached the server is read from its database (no screen
// shows raw rows, and exactly-once means counting them). The desk's review is another spec.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import {
	CHECK_IN,
	MEMBER_ID,
	NEW_ADDRESS,
	NEW_PHONE,
	TABLET,
	cardKiosk,
	changePhoneAndAddress,
	checkInWithChanges,
	expectNoAxeViolations,
	identify,
	freshPatientForNewCard,
	newInsuranceWithPhotos
} from './support/kiosk-changes';
import {
	checkInUrl,
	freshAppointments,
	lastNameOf,
	signInStaff,
	type Appointment
} from './support/api';
import { pairKiosk } from './support/front-door';
import { expectIdentityScreen, fillDob, SCAN_VIEW, Touches } from './support/kiosk-page';
import { dumpKioskStorageDeep, waitUntilOfflineReady } from './support/kiosk-storage';
import { changesFor, checkInsFor, coverageOf } from './support/test-db';

function expectRecordedEdits(appointment: Appointment) {
	const [change, ...more] = changesFor(appointment.id);
	expect(more).toEqual([]);
	expect(change).toMatchObject({ status: 'pending', insurance: 'new', photosExpected: 2 });
	const contact = change.fields.filter((f) => !f.field.startsWith('insurance.'));
	expect(contact.map((f) => [f.field, f.new])).toEqual([
		['address', NEW_ADDRESS],
		['phone', NEW_PHONE]
	]);
	expect(change.fields).toContainEqual(
		expect.objectContaining({ field: 'insurance.memberId', new: MEMBER_ID })
	);
	expect(change.fields).toContainEqual(
		expect.objectContaining({ field: 'insurance.payer', new: 'Cigna' })
	);
	expect(change.images.map((i) => [i.side, i.mime])).toEqual([
		['back', 'image/jpeg'],
		['front', 'image/jpeg']
	]);
	for (const image of change.images) {
		expect(image.size).toBeLessThanOrEqual(300 * 1024);
		expect([...image.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
	}
	return change;
}

test('a new phone, address and insurance with both card photos reach the server with the check-in', async ({
	cardCameraBrowser,
	request
}) => {
	await signInStaff(request);
	const appointment = await freshPatientForNewCard(request);
	const { kiosk } = await cardKiosk(cardCameraBrowser);
	await identify(kiosk, appointment);
	await changePhoneAndAddress(kiosk);
	await newInsuranceWithPhotos(kiosk);
	await expect(
		kiosk.getByText('The front desk will check your changes. You can check in now.')
	).toBeVisible();
	await expect(kiosk.getByText('Changed. The front desk will check it.')).toHaveCount(2);
	await checkInWithChanges(kiosk, appointment.ticket);
	await expect(kiosk.getByTestId('ticket-position')).toBeVisible();
	await expect.poll(() => changesFor(appointment.id)[0]?.images.length ?? 0).toBe(2);
	expectRecordedEdits(appointment);
	expect(checkInsFor(appointment.id)).toBe(1);
});

test('"I don’t have insurance" is one change the desk sees, and money is in plain words', async ({
	browser,
	request
}) => {
	await signInStaff(request);
	// Seeding: a patient whose coverage on file has a copay (read from the database).
	const candidates = await freshAppointments(request, 20);
	const appointment = candidates.find((a) => (coverageOf(a.patientId)?.copayCents ?? 0) > 0);
	if (!appointment) throw new Error('the demo day has no fresh patient with a copay');
	const copay = (coverageOf(appointment.patientId)?.copayCents ?? 0) / 100;
	const kiosk = await (await browser.newContext({ viewport: TABLET })).newPage();
	await pairKiosk(kiosk);
	await identify(kiosk, appointment);
	await expect(kiosk.getByTestId('money')).toHaveText(
		`Your copay today is $${copay}. You can pay at the front desk.`
	);
	await kiosk.getByRole('button', { name: 'Change insurance' }).click();
	await kiosk.getByLabel('I don’t have insurance / I’ll pay myself').check();
	await kiosk.getByRole('button', { name: 'Save' }).click();
	await expect(kiosk.getByTestId('money')).toHaveText(
		'You will pay yourself. The front desk will tell you the cost of today’s visit.'
	);
	await checkInWithChanges(kiosk, appointment.ticket);
	await expect.poll(() => changesFor(appointment.id).length).toBe(1);
	const [change] = changesFor(appointment.id);
	expect(change).toMatchObject({ status: 'pending', insurance: 'none', photosExpected: 0 });
	expect(change.fields).toEqual([{ field: 'insurance.selfPay', old: 'no', new: 'yes' }]);
});

/** Base64 of a piece from the middle of `bytes`, at each of the three byte alignments, both alphabets. */
function base64Pieces(bytes: Buffer): string[] {
	const middle = Math.floor(bytes.length / 2);
	return [0, 1, 2].flatMap((shift) => {
		const text = bytes.subarray(middle + shift, middle + shift + 48).toString('base64');
		return [text, text.replace(/\+/g, '-').replace(/\//g, '_')];
	});
}

test('made offline, the same edits land exactly once after a reload and the network’s return; the tablet never holds them readable', async ({
	cardCameraBrowser,
	request
}) => {
	await signInStaff(request);
	const appointment = await freshPatientForNewCard(request);
	const { kiosk, context } = await cardKiosk(cardCameraBrowser);
	await waitUntilOfflineReady(kiosk);
	await context.setOffline(true);

	await identify(kiosk, appointment);
	await changePhoneAndAddress(kiosk);
	await newInsuranceWithPhotos(kiosk);
	// The photo's bytes as the patient's last look showed them (read back from the page).
	await checkInWithChanges(kiosk, appointment.ticket);
	await expect(kiosk.getByTestId('ticket-provisional')).toBeVisible();
	// The check-in, the edits and two photos wait in the outbox.
	await expect(kiosk.getByTestId('sync-status')).toContainText('4 waiting to send');

	// Nothing the patient typed or photographed is readable in IndexedDB.
	const stored = await dumpKioskStorageDeep(kiosk);
	for (const secret of [NEW_PHONE, '555-0187', '4155550187', NEW_ADDRESS, MEMBER_ID, 'Juniper'])
		expect(stored).not.toContain(secret);
	// No JPEG in the clear: no start-of-image marker as bytes, base64 or base64url.
	expect(stored).not.toMatch(/"(blob|bytes):\/9j\//);
	// Nor as text: a data URL, or the JFIF header kept as a string (its NUL escaped in the JSON).
	// "JFIF" alone turns up by chance in half a megabyte of base64 ciphertext (a run in ~30).
	expect(stored).not.toContain('data:image/');
	expect(stored).not.toMatch(/JFIF\\u0000/);

	await kiosk.getByRole('button', { name: 'Done' }).click();
	await kiosk.reload();
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
	await expect(kiosk.getByTestId('sync-status')).toContainText('4 waiting to send');
	expect(changesFor(appointment.id)).toEqual([]);
	expect(checkInsFor(appointment.id)).toBe(0);

	await context.setOffline(false);
	await expect(kiosk.getByTestId('sync-status')).toHaveCount(0, { timeout: 30_000 });
	await expect.poll(() => changesFor(appointment.id)[0]?.images.length ?? 0).toBe(2);
	const change = expectRecordedEdits(appointment);
	expect(checkInsFor(appointment.id)).toBe(1);

	// The photos' bytes never sat in IndexedDB under any encoding, even while waiting.
	for (const image of change.images)
		for (const piece of base64Pieces(image.bytes)) expect(stored).not.toContain(piece);

	// Once more online, after another reload: still exactly once.
	await kiosk.reload();
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
	expect(changesFor(appointment.id)).toHaveLength(1);
	expect(checkInsFor(appointment.id)).toBe(1);
	const after = await dumpKioskStorageDeep(kiosk);
	// Nothing left to send: the visit's anonymous step record waits out its hour (issue 10).
	const { outbox } = JSON.parse(after) as { outbox: { type: string }[] };
	expect(outbox.filter((op) => op.type !== 'visit-steps')).toEqual([]);
});

test('a Spanish-speaking patient goes through the whole flow in Spanish', async ({
	cardCameraBrowser,
	request
}) => {
	await signInStaff(request);
	const [appointment] = await freshAppointments(request, 1, 'es');
	const { kiosk } = await cardKiosk(cardCameraBrowser);
	// The kiosk starts in the site's first language; the patient's own takes over once known.
	await identify(kiosk, appointment, /^¡Hola, /);
	await expect(kiosk.locator('.shell')).toHaveAttribute('lang', 'es');
	await expect(kiosk.getByRole('button', { name: 'Todo está bien — registrarme' })).toBeVisible();
	await expectNoAxeViolations(kiosk, 'confirm (es)');

	await kiosk.getByRole('button', { name: 'Cambiar datos de contacto' }).click();
	await expect(
		kiosk.getByRole('heading', { level: 1, name: 'Sus datos de contacto' })
	).toBeVisible();
	const phone = kiosk.getByLabel('Número de teléfono', { exact: true });
	await phone.fill('12');
	await kiosk.getByRole('button', { name: 'Guardar' }).click();
	// The error in plain Spanish, next to the field, and what was typed is kept.
	await expect(phone).toHaveAccessibleDescription(
		'No parece un número de teléfono. Revise los dígitos y el código de área.'
	);
	await expect(phone).toHaveValue('12');
	await expect(phone).toBeFocused();
	await phone.fill(NEW_PHONE);
	await kiosk.getByRole('button', { name: 'Guardar' }).click();

	await kiosk.getByRole('button', { name: 'Cambiar seguro médico' }).click();
	await kiosk.getByLabel('Tengo un seguro nuevo').check();
	await kiosk.getByLabel('Otra (no está en la lista)').check();
	await kiosk.getByLabel('Nombre de su compañía de seguro').fill('Seguros del Valle');
	await kiosk.getByLabel('Número de miembro — el número largo de su tarjeta').fill(MEMBER_ID);
	await kiosk.getByLabel('De mi esposo o esposa').check();
	await kiosk.getByLabel('Su nombre completo').fill('Ramón Ortega');
	await kiosk.getByLabel('Mes (MM)').fill('07');
	await kiosk.getByLabel('Día (DD)').fill('04');
	await kiosk.getByLabel('Año (AAAA)').fill('1970');
	await kiosk.getByRole('button', { name: 'Tomar foto del frente' }).click();
	await expect(
		kiosk.getByRole('heading', { level: 1, name: 'El frente de su tarjeta' })
	).toBeVisible();
	await kiosk.getByRole('button', { name: 'Tomar la foto' }).click();
	await kiosk.getByRole('button', { name: 'Usar esta foto' }).click();
	await kiosk.getByRole('button', { name: 'Guardar' }).click();
	await expect(kiosk.getByTestId('money')).toHaveText(
		'Recepción revisará su nuevo seguro y le dirá cuánto cuesta la visita de hoy.'
	);
	await kiosk.getByRole('button', { name: 'Todo está bien — registrarme' }).click();
	await expect(kiosk.getByRole('heading', { name: 'Ya está registrado' })).toBeVisible();
	await expect(kiosk.getByTestId('ticket-changes')).toHaveText(
		'Gracias — recepción revisará sus cambios.'
	);
	await expect.poll(() => changesFor(appointment.id)[0]?.images.length ?? 0).toBe(1);
	const [change] = changesFor(appointment.id);
	expect(change.fields).toEqual(
		expect.arrayContaining([
			expect.objectContaining({ field: 'phone', new: NEW_PHONE }),
			expect.objectContaining({ field: 'insurance.payer', new: 'Seguros del Valle' }),
			expect.objectContaining({ field: 'insurance.relationship', new: 'spouse' }),
			expect.objectContaining({ field: 'insurance.holderDob', new: '1970-07-04' })
		])
	);
	// Back to the site's first language for the next patient.
	await kiosk.getByRole('button', { name: 'Listo' }).click();
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
});

/** Presses Tab until `target` has focus (a keyboard user's way to reach a control). */
async function tabTo(page: Page, target: Locator, maxPresses = 40) {
	for (let i = 0; i < maxPresses; i++) {
		if (await target.evaluate((el) => el === document.activeElement)) break;
		await page.keyboard.press('Tab');
	}
	await expect(target).toBeFocused();
}

test('keyboard only: change the phone, keep insurance the same, check in', async ({
	browser,
	request
}) => {
	await signInStaff(request);
	const [appointment] = await freshAppointments(request, 1);
	const kiosk = await (await browser.newContext({ viewport: TABLET })).newPage();
	await pairKiosk(kiosk);
	await tabTo(kiosk, kiosk.getByRole('button', { name: /Look me up/ }));
	await kiosk.keyboard.press('Enter');
	await tabTo(kiosk, kiosk.getByLabel('Last name'));
	await kiosk.keyboard.type(lastNameOf(appointment.patientName));
	await kiosk.keyboard.press('Tab');
	const [year, month, day] = appointment.patientDob.split('-');
	await kiosk.keyboard.type(`${month}${day}${year}`);
	const heading = kiosk.getByRole('heading', { level: 1, name: /^Hi / });
	await expect(heading).toBeFocused();

	await tabTo(kiosk, kiosk.getByRole('button', { name: 'Change contact details' }));
	await kiosk.keyboard.press('Enter');
	await expect(
		kiosk.getByRole('heading', { level: 1, name: 'Your contact details' })
	).toBeFocused();
	await tabTo(kiosk, kiosk.getByLabel('Phone number', { exact: true }));
	await kiosk.keyboard.press('ControlOrMeta+A');
	await kiosk.keyboard.type(NEW_PHONE);
	// Enter in a field saves the form, as on any form.
	await kiosk.keyboard.press('Enter');
	await expect(kiosk.getByRole('heading', { level: 1, name: /^Hi / })).toBeFocused();

	await tabTo(kiosk, kiosk.getByRole('button', { name: 'Change insurance' }));
	await kiosk.keyboard.press('Enter');
	await tabTo(kiosk, kiosk.getByLabel('Same as before'));
	await expect(kiosk.getByLabel('Same as before')).toBeChecked();
	await tabTo(kiosk, kiosk.getByRole('button', { name: 'Save' }));
	await kiosk.keyboard.press('Enter');

	await tabTo(kiosk, kiosk.getByRole('button', { name: CHECK_IN }));
	await kiosk.keyboard.press('Enter');
	await expect(kiosk.getByRole('heading', { level: 1, name: 'You’re checked in' })).toBeFocused();
	await expect(kiosk.getByTestId('ticket-changes')).toBeVisible();
	await expect.poll(() => changesFor(appointment.id).length).toBe(1);
	expect(changesFor(appointment.id)[0].fields).toEqual([
		expect.objectContaining({ field: 'phone', new: NEW_PHONE })
	]);
});

test('axe finds nothing on the new screens, errors showing or not', async ({
	cardCameraBrowser,
	request
}) => {
	await signInStaff(request);
	const [appointment] = await freshAppointments(request, 1);
	const { kiosk, context } = await cardKiosk(cardCameraBrowser);
	// Every camera track the page opens, so the test can see each one stopped.
	await context.addInitScript(() => {
		const tracks: MediaStreamTrack[] = [];
		(window as unknown as { cameraTracks: MediaStreamTrack[] }).cameraTracks = tracks;
		const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
		navigator.mediaDevices.getUserMedia = async (constraints) => {
			const stream = await open(constraints);
			tracks.push(...stream.getVideoTracks());
			return stream;
		};
	});
	await kiosk.reload();
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
	await identify(kiosk, appointment);
	await expectNoAxeViolations(kiosk, 'confirm');

	await kiosk.getByRole('button', { name: 'Change contact details' }).click();
	await expectNoAxeViolations(kiosk, 'contact');
	await kiosk.getByLabel('Phone number', { exact: true }).fill('nope');
	await kiosk.getByLabel(/^Email/).fill('not-an-email');
	await kiosk.getByLabel('ZIP code').fill('1');
	await kiosk.getByRole('button', { name: 'Save' }).click();
	await expect(kiosk.getByLabel('ZIP code')).toHaveAccessibleDescription(
		'This is not a ZIP code. A ZIP code has 5 numbers, like 12345.'
	);
	await expect(kiosk.getByLabel(/^Email/)).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(kiosk, 'contact with errors');
	await kiosk.getByRole('button', { name: 'Cancel' }).click();

	await kiosk.getByRole('button', { name: 'Change insurance' }).click();
	await kiosk.getByLabel('I have new insurance').check();
	await kiosk.getByLabel('Someone else’s').check();
	await expectNoAxeViolations(kiosk, 'insurance');
	await kiosk.getByRole('button', { name: 'Save' }).click();
	await expect(
		kiosk.getByLabel('Member ID — the long number on your card')
	).toHaveAccessibleDescription('Please fill this in.');
	await expectNoAxeViolations(kiosk, 'insurance with errors');

	await kiosk.getByRole('button', { name: 'Take a photo of the front' }).click();
	await expect(kiosk.getByTestId('card-preview').locator('video')).toBeVisible();
	await expectNoAxeViolations(kiosk, 'card camera');
	await kiosk.getByRole('button', { name: 'Take the photo' }).click();
	await expect(kiosk.getByTestId('card-photo-review')).toBeVisible();
	// The last look needs no camera: it is stopped, not just hidden.
	await expect.poll(() => liveCameraTracks(kiosk)).toBe(0);
	await expectNoAxeViolations(kiosk, 'card photo review');
	// Back without using it: the camera is off and no photo was kept.
	await kiosk.getByRole('button', { name: 'Back' }).click();
	await expect(kiosk.locator('video')).toHaveCount(0);
	await expect(kiosk.getByTestId('card-photo-front')).toContainText('No photo yet');

	// Leaving the camera any other way (here: "I need help", then the reset) stops the camera.
	await kiosk.getByRole('button', { name: 'Take a photo of the front' }).click();
	await expect(kiosk.getByTestId('card-preview').locator('video')).toBeVisible();
	await expect.poll(() => liveCameraTracks(kiosk)).toBe(1);
	await kiosk.getByRole('button', { name: 'I need help' }).click();
	await expect(kiosk.getByRole('heading', { level: 1, name: 'Help is on the way' })).toBeVisible();
	await expect.poll(() => liveCameraTracks(kiosk)).toBe(0);
	await kiosk.getByRole('button', { name: 'Done' }).click();
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
});

/** Camera tracks this page opened that are still running (recorded by `recordCameraTracks`). */
function liveCameraTracks(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			(window as unknown as { cameraTracks: MediaStreamTrack[] }).cameraTracks.filter(
				(track) => track.readyState === 'live'
			).length
	);
}

test('nothing changed: 10 touches from Welcome to the ticket, both confirmations shown', async ({
	cameraBrowser,
	request
}) => {
	await signInStaff(request);
	const [appointment] = await freshAppointments(request, 1);
	const tablet = await cameraBrowser(await checkInUrl(request, appointment.id), SCAN_VIEW);
	const kiosk = await (await tablet.newContext({ viewport: TABLET })).newPage();
	await pairKiosk(kiosk);
	const touches = new Touches();
	await touches.tap(kiosk.getByRole('button', { name: /Scan my code/ }));
	await expectIdentityScreen(kiosk);
	await fillDob(kiosk, appointment.patientDob, touches);
	await expect(kiosk.getByTestId('confirm-contact')).toBeVisible();
	await expect(kiosk.getByTestId('confirm-insurance')).toBeVisible();
	await touches.tap(kiosk.getByRole('button', { name: CHECK_IN }));
	await expect(kiosk.getByTestId('ticket')).toContainText(appointment.ticket);
	await expect(kiosk.getByTestId('ticket-changes')).toHaveCount(0);
	expect(touches.count).toBeLessThanOrEqual(10);
	expect(changesFor(appointment.id)).toEqual([]);
});
