import { test, expect } from './support/fixtures';
import { freshAppointments, lastNameOf, signInStaff } from './support/api';
import { openReception, pairKiosk } from './support/front-door';
import { fillDob, lookUp } from './support/kiosk-page';
import { deviceEvents } from './support/test-db';
import { violations } from './support/axe';

// Issue 10: any unexpected error in a kiosk screen shows a calm "starting over", is reported as a
// device event without patient data, and the kiosk is back on Welcome for the next patient.
//
// The fault is real, not a test hook: the init script plays a browser whose time formatting is
// broken (Intl.DateTimeFormat throws for a clock time, as with missing locale data), and the
// details screen formats the appointment's time while it renders. (Broken wider, the roster's
// site-day arithmetic fails on Welcome and the kiosk recovers there: seen, and left out here.) The error's message carries
// the patient's name, so the report is seen to leave the message behind.
test('a screen that throws shows "starting over", reports no patient data and returns to Welcome', async ({
	page: kiosk,
	browser,
	request
}) => {
	await signInStaff(request);
	const [patient] = await freshAppointments(request, 1);
	const lastName = lastNameOf(patient.patientName);
	await kiosk.addInitScript((name) => {
		const Real = Intl.DateTimeFormat;
		const breaks = (args: unknown[]) => {
			const options = args[1] as Intl.DateTimeFormatOptions | undefined;
			// A clock time ("9:30 AM"); the site-day arithmetic (with a year) keeps working.
			if (options?.hour === 'numeric' && !options.year)
				throw new RangeError(`no clock data to show ${name}'s appointment`);
		};
		Intl.DateTimeFormat = new Proxy(Real, {
			construct(target, args: unknown[]) {
				breaks(args);
				return Reflect.construct(target, args) as object;
			},
			apply(target, self, args: unknown[]) {
				breaks(args);
				return Reflect.apply(target, self, args) as unknown;
			}
		});
	}, lastName);
	const deviceName = `Kiosk ${Math.random().toString(36).slice(2, 7)}`;
	await pairKiosk(kiosk, undefined, deviceName);

	await lookUp(kiosk, lastName, patient.patientDob);
	const calm = kiosk.getByRole('status').filter({ hasText: 'Something went wrong' });
	await expect(calm).toHaveText(
		'Something went wrong — starting over Sorry about that. This screen will be ready again in a moment.'
	);
	await expect(kiosk.getByText(patient.patientName)).toHaveCount(0);
	await kiosk.screenshot({ path: '/tmp/kiosk-staff/starting-over.png' });
	expect(await violations(kiosk)).toEqual([]);
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
	await expect(calm).toHaveCount(0);

	// The desk's device health shows it, and the database holds the screen and kind only.
	const desk = await openReception(browser, '/reception/devices');
	const row = desk.getByRole('row').filter({ hasText: deviceName });
	await expect(row.getByTestId('device-last-error')).toContainText(
		'on the “confirm” screen (RangeError); the kiosk started over'
	);
	const events = deviceEvents(deviceName);
	expect(events).toHaveLength(1);
	expect(events[0]).toMatchObject({ kind: 'error', screen: 'confirm', name: 'RangeError' });
	const stored = JSON.stringify(events);
	expect(stored).not.toContain(lastName);
	expect(stored).not.toContain(patient.patientDob);

	// The next patient gets a working kiosk: Welcome's buttons lead on as before.
	await kiosk.getByRole('button', { name: /Look me up/ }).click();
	await expect(kiosk.getByLabel('Last name')).toBeVisible();
});

test('the calm message is in the language on screen', async ({ page: kiosk, request }) => {
	await signInStaff(request);
	// A patient who reads Spanish: identifying them keeps the kiosk in Spanish.
	const [patient] = await freshAppointments(request, 1, 'es');
	const lastName = lastNameOf(patient.patientName);
	// As above: the details screen's clock time cannot be formatted.
	await kiosk.addInitScript(() => {
		const Real = Intl.DateTimeFormat;
		Intl.DateTimeFormat = new Proxy(Real, {
			construct(target, args: unknown[]) {
				const options = args[1] as Intl.DateTimeFormatOptions | undefined;
				if (options?.hour === 'numeric' && !options.year) throw new RangeError('no clock data');
				return Reflect.construct(target, args) as object;
			}
		});
	});
	await pairKiosk(kiosk);
	await kiosk.getByRole('button', { name: 'Español' }).click();
	await kiosk.getByRole('button', { name: /Buscarme/ }).click();
	await kiosk.getByLabel('Apellido').fill(lastName);
	await fillDob(kiosk, patient.patientDob);
	await expect(kiosk.getByRole('status').filter({ hasText: 'Algo salió mal' })).toHaveText(
		'Algo salió mal — volvemos a empezar Lo sentimos. Esta pantalla estará lista otra vez en un momento.'
	);
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
});
