// The front door: how a person really signs in and pairs a device, through the screens they use.
// Every spec that needs a signed-in desk or a paired kiosk or display goes through these helpers
// (issue 6): no pairing through the API, so a broken pairing screen fails the tests.
import { expect, type Browser, type Page } from '@playwright/test';

// tests/e2e/support/start-test-server.js seeds the demo staff with this password.
export const STAFF = {
	username: 'reception',
	password: process.env.E2E_STAFF_PASSWORD ?? 'e2e-password'
};

export type DeviceKind = 'kiosk' | 'display';

/** The radio a receptionist picks on Devices for each kind. */
const KIND_LABEL: Record<DeviceKind, string> = {
	kiosk: 'Check-in kiosk (tablet)',
	display: 'Waiting-room display (TV)'
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Signs in at /reception/login with the form, then lands on `next`. */
export async function signInAtReception(page: Page, next = '/reception'): Promise<void> {
	await page.goto(`/reception/login?next=${encodeURIComponent(next)}`);
	await page.getByLabel('Username').fill(STAFF.username);
	await page.getByLabel('Password').fill(STAFF.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(new RegExp(`${escape(next)}$`));
}

/** A new browser context at the front desk, signed in through the form. */
export async function openReception(browser: Browser, next = '/reception'): Promise<Page> {
	const context = await browser.newContext();
	const desk = await context.newPage();
	await signInAtReception(desk, next);
	return desk;
}

/**
 * Reception → Devices → "Create pairing code": returns the code read off the screen.
 * `desk` must be signed in.
 */
export async function createPairingCode(
	desk: Page,
	kind: DeviceKind,
	name = `${kind} ${Math.random().toString(36).slice(2, 7)}`
): Promise<string> {
	if (!new URL(desk.url()).pathname.startsWith('/reception/devices')) {
		await desk.goto('/reception/devices');
	}
	await expect(desk.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();
	await desk.getByLabel(KIND_LABEL[kind]).check();
	await desk.getByLabel('Name', { exact: true }).fill(name);
	await desk.getByRole('button', { name: 'Create pairing code' }).click();
	const pairing = desk.locator('[data-pairing-code]');
	await expect(pairing).toContainText(`Pairing code for ${name}`);
	const code = (await pairing.locator('.code').textContent())?.trim() ?? '';
	expect(code).toMatch(/^\d{6}$/);
	return code;
}

/** Types `code` into the kiosk's own pairing screen and taps "Pair this kiosk". */
export async function typeKioskCode(kiosk: Page, code: string): Promise<void> {
	await expect(kiosk.getByRole('heading', { name: 'Set up this kiosk' })).toBeVisible();
	await kiosk.getByLabel('Pairing code').fill(code);
	await kiosk.getByRole('button', { name: 'Pair this kiosk' }).click();
}

/** Types `code` into the TV's own pairing screen and presses "Connect". */
export async function typeDisplayCode(tv: Page, code: string): Promise<void> {
	await tv.getByLabel('Enter the 6-digit code from reception').fill(code);
	await tv.getByRole('button', { name: /Connect/ }).click();
}

/**
 * Pairs the browser context of `kiosk` as a kiosk the way a clinic does: reception makes a code
 * on `desk` (or on a desk this opens in the kiosk's browser), the code is typed on /kiosk.
 * Ends on the Welcome screen.
 */
export async function pairKiosk(kiosk: Page, desk?: Page, name?: string): Promise<void> {
	const staff = desk ?? (await deskBeside(kiosk));
	const code = await createPairingCode(staff, 'kiosk', name);
	if (!desk) await staff.context().close();
	await kiosk.goto('/kiosk');
	await typeKioskCode(kiosk, code);
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
}

/** Pairs `tv` as a waiting-room display through /display; ends on the live board. */
export async function pairDisplay(tv: Page, desk?: Page, name?: string): Promise<void> {
	const staff = desk ?? (await deskBeside(tv));
	const code = await createPairingCode(staff, 'display', name);
	if (!desk) await staff.context().close();
	await tv.goto('/display');
	await typeDisplayCode(tv, code);
	await expect(tv.getByTestId('display-board')).toBeVisible();
	await expect(tv.getByTestId('connection')).toHaveAttribute('data-state', 'live');
}

/** A reception desk in its own context of the device's browser (a camera browser, say). */
async function deskBeside(device: Page): Promise<Page> {
	const browser = device.context().browser();
	if (!browser) throw new Error('pairing needs a page from a launched browser');
	return openReception(browser, '/reception/devices');
}
