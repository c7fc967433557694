// The reception desk in a real browser: signing in and out, the sign-in guard, today's
// appointments, a reminder letter's QR code, pairing codes, and calling a patient who was just
// checked in by a kiosk (simulated through the API, as a kiosk's outbox would send it).
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

const USERNAME = 'reception';
// tests/e2e/support/start-test-server.js seeds the demo staff with this password.
const PASSWORD = process.env.E2E_STAFF_PASSWORD ?? 'e2e-password';

async function signIn(page: Page, next = '/reception'): Promise<void> {
	await page.goto(`/reception/login?next=${encodeURIComponent(next)}`);
	await page.getByLabel('Username').fill(USERNAME);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(new RegExp(`${next.replace(/\//g, '\\/')}$`));
}

/** A UUIDv7, as the kiosk's outbox names its ops. */
function uuidv7(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	let ms = Date.now();
	for (let i = 5; i >= 0; i--) {
		bytes[i] = ms % 256;
		ms = Math.floor(ms / 256);
	}
	bytes[6] = (bytes[6] & 0x0f) | 0x70;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface Appointment {
	id: string;
	status: string;
	ticket: string;
	patientName: string;
	dobLocked: boolean;
}

/** Enrolls a kiosk with a fresh pairing code and checks one booked patient in through it. */
async function checkInThroughKiosk(request: APIRequestContext): Promise<Appointment> {
	const session = await request.post('/api/staff/session', {
		data: { username: USERNAME, password: PASSWORD }
	});
	expect(session.status()).toBe(200);

	const appointments = (await (
		await request.get('/api/staff/appointments')
	).json()) as Appointment[];
	// Not one another spec locked with five wrong birth dates: the server refuses those.
	const booked = appointments.filter((a) => a.status === 'booked' && !a.dobLocked);
	expect(booked.length).toBeGreaterThan(0);
	// Other specs share this server: a random pick keeps two specs off the same patient.
	const appointment = booked[Math.floor(Math.random() * booked.length)];

	const pairing = await request.post('/api/staff/pairing-codes', {
		data: { kind: 'kiosk', name: 'E2E reception kiosk' }
	});
	expect(pairing.status()).toBe(201);
	const { code } = (await pairing.json()) as { code: string };

	const enroll = await request.post('/api/devices/enroll', { data: { code, kind: 'kiosk' } });
	expect(enroll.status()).toBe(200);
	const { token } = (await enroll.json()) as { token: string };

	const now = Date.now();
	const sync = await request.post('/api/kiosk/sync', {
		headers: { authorization: `Bearer ${token}` },
		data: {
			ops: [
				{
					id: uuidv7(),
					type: 'checkin',
					createdAt: now,
					payload: { appointmentId: appointment.id, method: 'lookup', arrivedAt: now }
				}
			]
		}
	});
	expect(sync.status()).toBe(200);
	const { results } = (await sync.json()) as {
		results: { outcome: string; ticket?: string }[];
	};
	expect(results[0].outcome).toBe('applied');
	expect(results[0].ticket).toBe(appointment.ticket);
	return appointment;
}

test('a wrong password is refused with a clear message', async ({ page }) => {
	await page.goto('/reception/login');
	await page.getByLabel('Username').fill(USERNAME);
	await page.getByLabel('Password').fill('not-the-password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
	await expect(page).toHaveURL(/\/reception\/login/);
	await expect(page.getByLabel('Username')).toHaveValue(USERNAME);
	await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
});

test('signed out, reception pages send you to sign in and back', async ({ page }) => {
	await page.goto('/reception/devices');
	await expect(page).toHaveURL(/\/reception\/login\?next=%2Freception%2Fdevices$/);
	await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

	await page.getByLabel('Username').fill(USERNAME);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/reception\/devices$/);
	await expect(page.getByText('Signed in as Front desk')).toBeVisible();

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/reception\/login/);
	await expect(page.getByRole('status')).toHaveText('You are signed out.');
	await page.goto('/reception');
	await expect(page).toHaveURL(/\/reception\/login\?next=%2Freception$/);
});

test("today's appointments list links to a printable letter with a check-in QR code", async ({
	page
}) => {
	await signIn(page, '/reception/appointments');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Today.s appointments/);
	const rows = page.getByRole('table').getByRole('row');
	// A header row and the seeded demo day's appointments.
	expect(await rows.count()).toBeGreaterThan(10);
	await expect(rows.nth(1).getByRole('cell').nth(1)).toHaveText(/^[A-Z]-\d{3}$/);

	const letter = rows.nth(1).getByRole('link', { name: /^Letter/ });
	const patientName = (await rows.nth(1).getByRole('rowheader').textContent())?.trim() ?? '';
	await letter.click();
	await expect(page).toHaveURL(/\/reception\/letters\/[A-Za-z0-9]+$/);
	await expect(page.getByText(patientName).first()).toBeVisible();

	const qr = page.locator('[data-check-in-url]');
	await expect(qr.locator('svg')).toBeVisible();
	const url = await qr.getAttribute('data-check-in-url');
	// DESIGN §4: <site base URL>/c/<compact JWS>.
	expect(url).toMatch(/^https?:\/\/[^/]+\/c\/[\w-]+\.[\w-]+\.[\w-]+$/);
	await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();

	// The Print button and the navigation are not printed.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
	await expect(page.getByRole('navigation', { name: 'Reception' })).toBeHidden();
	await expect(qr.locator('svg')).toBeVisible();
});

test('creates a pairing code for a kiosk', async ({ page }) => {
	await signIn(page, '/reception/devices');
	await page.getByLabel('Check-in kiosk (tablet)').check();
	await page.getByLabel('Name', { exact: true }).fill('Kiosk by the door');
	await page.getByRole('button', { name: 'Create pairing code' }).click();

	const pairing = page.locator('[data-pairing-code]');
	await expect(pairing).toBeVisible();
	const code = await pairing.getAttribute('data-pairing-code');
	expect(code).toMatch(/^\d{6}$/);
	await expect(pairing.getByText(code!, { exact: true })).toBeVisible();
	await expect(pairing).toContainText('Pairing code for Kiosk by the door');
	await expect(pairing).toContainText(/On the tablet open \S+\/kiosk and type this code\./);
	await expect(pairing).toContainText(/Expires at/);
});

test('a patient checked in at a kiosk appears live and can be called to a room', async ({
	page,
	request
}) => {
	await signIn(page);
	await expect(page.getByRole('status').filter({ hasText: /^Live$/ })).toBeVisible();
	const waiting = page.getByRole('region', { name: 'Waiting', exact: true });
	const called = page.getByRole('region', { name: 'Called', exact: true });

	const appointment = await checkInThroughKiosk(request);
	const ticket = appointment.ticket;
	const row = waiting.locator(`li[data-ticket="${ticket}"]`);
	// Arrives over the event stream, without a reload.
	await expect(row).toBeVisible();
	await expect(row).toContainText(appointment.patientName);

	await page.getByLabel(`Room for ${ticket}`).selectOption({ label: 'Room 3' });
	await page.getByRole('button', { name: `Call ${ticket}`, exact: true }).click();

	const calledRow = called.locator(`li[data-ticket="${ticket}"]`);
	await expect(calledRow).toContainText('Room 3');
	await expect(row).toHaveCount(0);
	await expect(page.getByText(`${ticket} called to Room 3.`)).toBeVisible();

	await page.getByRole('button', { name: `In room ${ticket}`, exact: true }).click();
	await expect(calledRow).toHaveAttribute('data-status', 'in-room');
	await page.getByRole('button', { name: `Done ${ticket}`, exact: true }).click();
	await expect(calledRow).toHaveCount(0);
});
