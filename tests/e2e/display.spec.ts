// The waiting-room TV end to end: pairing with a code from reception, the live board following
// check-ins and calls without a reload, the reconnecting indicator, and privacy (no patient name
// ever reaches the TV's page).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { appointments, lastNameOf, signInStaff, type Appointment } from './support/api';
import {
	createPairingCode,
	openReception,
	pairKiosk,
	STAFF,
	typeDisplayCode as pairDisplay
} from './support/front-door';
import { confirmAndCheckIn, lookUp } from './support/kiosk-page';

test.use({ viewport: { width: 1920, height: 1080 } });

interface TrackedWindow {
	eventSources: EventSource[];
}

/**
 * Checks one appointment in the way a patient does: looked up on a kiosk paired from its own
 * screen (with a code from `desk`). Returns the ticket the kiosk printed.
 */
async function checkInAtKiosk(browser: Browser, desk: Page, appointment: Appointment) {
	const tablet = await browser.newContext();
	const kiosk = await tablet.newPage();
	await pairKiosk(kiosk, desk, 'display spec kiosk');
	await lookUp(kiosk, lastNameOf(appointment.patientName), appointment.patientDob);
	const ticket = await confirmAndCheckIn(kiosk);
	await tablet.close();
	return ticket;
}

/** A booked appointment of the provider with the fewest patients waiting (a short column). */
function quietestProviderAppointment(all: Appointment[]): Appointment {
	const waiting = new Map<string, number>();
	for (const a of all) {
		const count = a.status === 'arrived' ? 1 : 0;
		waiting.set(a.providerName, (waiting.get(a.providerName) ?? 0) + count);
	}
	// English speakers: the kiosk speaks the patient's own language once it knows them.
	const booked = all
		.filter((a) => a.status === 'booked' && a.preferredLanguage === 'en')
		.sort((a, b) => (waiting.get(a.providerName) ?? 0) - (waiting.get(b.providerName) ?? 0));
	expect(booked.length).toBeGreaterThan(0);
	return booked[booked.length > 1 ? 1 : 0];
}

function expectNoPatientNames(html: string, all: Appointment[]) {
	const leaked = all.map((a) => a.patientName).filter((name) => html.includes(name));
	expect(leaked, 'patient names on the waiting-room display').toEqual([]);
}

test('a wrong or malformed pairing code is explained, in both languages', async ({ page }) => {
	await page.goto('/display');
	await expect(page.getByRole('heading', { name: /Connect this screen/ })).toBeVisible();

	await pairDisplay(page, '12');
	const error = page.getByTestId('pairing-error');
	await expect(error).toContainText('The code has 6 digits');
	await expect(error).toContainText('El código tiene 6 dígitos');

	// Pairing codes are random 6-digit numbers; one ending up as 000000 is a 1-in-a-million.
	await pairDisplay(page, '000000');
	await expect(error).toContainText('That code is not right');
	await expect(error).toContainText('Ese código no es correcto');
	await expect(page.getByTestId('display-board')).toHaveCount(0);
});

// tests/fixtures/kiosk-config/east.json: a clinic no other spec checks anyone in at, so its
// board is the one of a morning before the first patient arrives.
const EAST_STAFF = { username: 'reception-east', password: STAFF.password };

test('before the first check-in, the board says so calmly in both languages', async ({
	browser
}) => {
	const desk = await (await browser.newContext()).newPage();
	await desk.goto('/reception/login?next=%2Freception%2Fdevices');
	await desk.getByLabel('Username').fill(EAST_STAFF.username);
	await desk.getByLabel('Password').fill(EAST_STAFF.password);
	await desk.getByRole('button', { name: 'Sign in' }).click();
	await expect(desk.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();

	const tv = await (
		await browser.newContext({ viewport: { width: 1920, height: 1080 } })
	).newPage();
	await tv.goto('/display');
	await pairDisplay(tv, await createPairingCode(desk, 'display', 'East waiting room'));
	await expect(tv.getByRole('heading', { level: 1 })).toHaveText('Eastside Clinic');
	await expect(tv.getByTestId('now-calling')).toContainText('Please have a seat');
	await expect(tv.getByTestId('now-calling')).toContainText('Por favor tome asiento');
	await expect(tv.getByTestId('waiting-ticket')).toHaveCount(0);
	await expect(tv.getByTestId('waiting-provider')).toHaveCount(3);
	for (const provider of await tv.getByTestId('waiting-provider').all()) {
		await expect(provider).toContainText('No one waiting');
	}
});

test('the display pairs, follows check-ins and calls live, and shows no names', async ({
	page,
	context,
	browser,
	request
}) => {
	// The staff API is read only to pick patients and check names never leak: seeding and proof.
	await signInStaff(request);
	const desk = await openReception(browser, '/reception/devices');
	const code = await createPairingCode(desk, 'display', 'Waiting room TV');

	await page.addInitScript(() => {
		// Keeps a handle on the board's EventSource so the test can break the stream.
		const tracked = window as unknown as TrackedWindow;
		const Native = window.EventSource;
		tracked.eventSources = [];
		window.EventSource = class extends Native {
			constructor(url: string | URL, init?: EventSourceInit) {
				super(url, init);
				tracked.eventSources.push(this);
			}
		};
	});
	await page.goto('/display');
	await pairDisplay(page, code);

	// The board replaces the pairing screen without a manual reload.
	await expect(page.getByTestId('display-board')).toBeVisible();
	await expect(page.getByTestId('connection')).toContainText('Live');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Riverside Family Clinic');
	await expect(page.getByTestId('clock')).toBeVisible();
	await expect(page.getByTestId('announcement')).toContainText(/mask|flu/);

	const before = await appointments(request);

	// The same code cannot pair a second TV.
	const otherTv = await browser.newContext();
	const otherPage = await otherTv.newPage();
	await otherPage.goto('/display');
	await pairDisplay(otherPage, code);
	await expect(otherPage.getByTestId('pairing-error')).toContainText('already used');
	await otherTv.close();

	// A patient checks in at a kiosk: the ticket appears on the board, no reload. A TV shows
	// what fits and folds the rest into "+ N more"; earlier specs may have filled the queue, so
	// this part looks at the board on a tall screen, where every waiting ticket is listed.
	await page.setViewportSize({ width: 1080, height: 1920 });
	const appointment = quietestProviderAppointment(before);
	const ticket = await checkInAtKiosk(browser, desk, appointment);
	expect(ticket).toBe(appointment.ticket);
	const provider = page
		.getByTestId('waiting-provider')
		.filter({ has: page.getByRole('heading', { name: appointment.providerName }) });
	await expect(provider.getByTestId('waiting-ticket').filter({ hasText: ticket })).toBeVisible();
	await page.setViewportSize({ width: 1920, height: 1080 });

	// Reception calls them to Room 3, from the desk's own screen.
	await desk.goto('/reception');
	await desk.getByLabel(`Room for ${ticket}`).selectOption({ label: 'Room 3' });
	await desk.getByRole('button', { name: `Call ${ticket}`, exact: true }).click();
	const nowCalling = page.getByTestId('now-calling');
	await expect(nowCalling).toContainText(ticket);
	await expect(nowCalling).toContainText('Room 3');
	await expect(nowCalling).toHaveAttribute('aria-live', 'assertive');
	await expect(provider.getByTestId('waiting-ticket').filter({ hasText: ticket })).toHaveCount(0);

	// All of that came over the one stream the board opened (it is not reopened per event).
	const streams = await page.evaluate(
		() => (window as unknown as TrackedWindow).eventSources.length
	);
	expect(streams).toBe(1);

	// The stream drops and the server cannot be reached: the indicator says so and the last
	// known board stays on screen. (Chromium's offline emulation leaves an open stream alone, so
	// the test blocks new connections and breaks the open one itself.)
	await page.route('**/api/events**', (route) => route.abort('connectionrefused'));
	await page.evaluate(() => {
		for (const source of (window as unknown as TrackedWindow).eventSources) {
			source.close();
			source.dispatchEvent(new Event('error'));
		}
	});
	await expect(page.getByTestId('connection')).toContainText('Reconnecting…');
	await expect(page.getByTestId('connection')).toContainText('Reconectando…');
	await expect(nowCalling).toContainText(ticket);
	await expect(nowCalling).toContainText('Room 3');

	// While it is down the patient goes into the room; once the stream is back, so is the board.
	await desk.getByRole('button', { name: `In room ${ticket}`, exact: true }).click();
	await expect(desk.locator(`li[data-ticket="${ticket}"]`)).toHaveAttribute(
		'data-status',
		'in-room'
	);
	await page.unroute('**/api/events**');
	await expect(page.getByTestId('connection')).toContainText('Live', { timeout: 20_000 });
	await expect(page.getByTestId('connection')).not.toContainText('Reconnecting');
	await expect(nowCalling).not.toContainText(ticket);

	// Privacy: neither the live DOM nor a freshly server-rendered page (with its embedded data)
	// carries a patient's name.
	const all = await appointments(request);
	expectNoPatientNames(await page.content(), all);
	await page.reload();
	await expect(page.getByTestId('connection')).toContainText('Live');
	expectNoPatientNames(await page.content(), all);
	const snapshot = await page.request.get('/api/queue/snapshot?audience=display');
	expect(snapshot.ok()).toBe(true);
	expectNoPatientNames(await snapshot.text(), all);

	// A TV that starts on its own has had no tap, so browsers keep audio off: one button, then
	// gone. (Playwright's Chromium counts every page as activated, so the test says otherwise.)
	const fresh = await context.newPage();
	await fresh.addInitScript(() => {
		Object.defineProperty(navigator, 'userActivation', {
			value: { hasBeenActive: false, isActive: false }
		});
	});
	await fresh.goto('/display');
	await expect(fresh.getByTestId('sound-on')).toContainText('Tap to turn on sound');
	await expect(fresh.getByTestId('sound-on')).toContainText('Toque para activar el sonido');
	await fresh.getByTestId('sound-on').click();
	await expect(fresh.getByTestId('sound-on')).toHaveCount(0);
	await expect(fresh.getByTestId('display-board')).toBeVisible();
});
