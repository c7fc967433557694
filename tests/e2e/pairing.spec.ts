// Pairing a kiosk and a TV from their own screens, the way a clinic sets one up: a code made
// at reception, typed (or pasted) on the device; every refusal said plainly in English and
// Spanish; the pairing on record; rename and remove at reception, and a removed kiosk going back
// to its pairing screen without anyone touching it.
import { expect, test, type Page } from '@playwright/test';
import {
	createPairingCode,
	openReception,
	pairKiosk,
	typeDisplayCode,
	typeKioskCode
} from './support/front-door';
import { agePairingCodePastExpiry, auditRows } from './support/test-db';

/** A code nobody made: reception's codes are random, so this one is wrong but well formed. */
const WRONG_CODE = '000000';

const KIOSK_REFUSALS = {
	en: {
		format: 'The code has 6 digits. Please type all 6.',
		wrong: 'That code is not right.',
		used: 'That code was already used. Ask reception for a new one.',
		expired: 'That code has expired. Ask reception for a new one.'
	},
	es: {
		format: 'El código tiene 6 dígitos. Escriba los 6.',
		wrong: 'Ese código no es correcto.',
		used: 'Ese código ya se usó. Pida uno nuevo en recepción.',
		expired: 'Ese código ya venció. Pida uno nuevo en recepción.'
	}
} as const;

async function freshKiosk(page: Page): Promise<void> {
	await page.goto('/kiosk');
	await expect(page.getByRole('heading', { name: 'Set up this kiosk' })).toBeVisible();
}

test('a kiosk pairs from its own screen: all six digits show, a pasted "123 456" works, reception lists when and by whose code', async ({
	browser,
	page
}, testInfo) => {
	const desk = await openReception(browser, '/reception/devices');
	const code = await createPairingCode(desk, 'kiosk', 'Kiosk by the door');

	await freshKiosk(page);
	const field = page.getByLabel('Pairing code');
	await field.fill('888888');
	// Nothing scrolls inside the field: the widest digits all fit at the kiosk's font size.
	const fits = await field.evaluate((input: HTMLInputElement) => ({
		scroll: input.scrollWidth,
		client: input.clientWidth
	}));
	expect(fits.scroll).toBeLessThanOrEqual(fits.client);
	await page.screenshot({ path: testInfo.outputPath('kiosk-pairing-code.png') });

	// Pasted as reception might read it out: the space is dropped as it lands.
	await field.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
	await expect(field).toHaveValue(code);
	await page.getByRole('button', { name: 'Pair this kiosk' }).click();
	await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();

	await desk.reload();
	const row = desk.locator('tr', { hasText: 'Kiosk by the door' });
	await expect(row).toContainText('code from Front desk');
	await desk.screenshot({ path: testInfo.outputPath('reception-devices.png'), fullPage: true });
	// The audit log is read directly: no screen shows it yet, and it is the record that counts.
	const paired = auditRows('device.pair').find((r) => r.detail.name === 'Kiosk by the door');
	expect(paired?.detail).toMatchObject({ kind: 'kiosk', codeCreatedBy: expect.any(String) });
	await desk.context().close();
});

test('the kiosk says plainly when a code is wrong, used or expired, in English and in Spanish', async ({
	browser,
	page
}) => {
	const desk = await openReception(browser, '/reception/devices');
	await freshKiosk(page);
	const alert = page.locator('#enroll-error');

	async function refusesEachBadCode(language: 'en' | 'es') {
		const said = KIOSK_REFUSALS[language];
		const button = page.getByRole('button', {
			name: language === 'en' ? 'Pair this kiosk' : 'Conectar este quiosco'
		});
		const field = page.getByLabel(language === 'en' ? 'Pairing code' : 'Código');

		await field.fill('12345');
		await button.click();
		await expect(alert).toHaveText(said.format);

		await field.fill(WRONG_CODE);
		await button.click();
		await expect(alert).toContainText(said.wrong);

		// Used: another tablet paired with this code first.
		const used = await createPairingCode(desk, 'kiosk');
		const other = await browser.newContext();
		const otherKiosk = await other.newPage();
		await freshKiosk(otherKiosk);
		await typeKioskCode(otherKiosk, used);
		await expect(otherKiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
		await other.close();
		await field.fill(used);
		await button.click();
		await expect(alert).toHaveText(said.used);

		const expired = await createPairingCode(desk, 'kiosk');
		agePairingCodePastExpiry(expired);
		await field.fill(expired);
		await button.click();
		await expect(alert).toHaveText(said.expired);
		await expect(field).toHaveAttribute('aria-invalid', 'true');
	}

	await refusesEachBadCode('en');
	await page.getByRole('button', { name: 'Español' }).click();
	// The refusal already on screen is re-worded, not left in English.
	await expect(alert).toHaveText(KIOSK_REFUSALS.es.expired);
	await expect(page.getByRole('heading', { name: 'Configurar este quiosco' })).toBeVisible();
	await refusesEachBadCode('es');
	await desk.context().close();
});

test('the TV pairs with a code typed with a dash, and says wrong, used and expired in both languages', async ({
	browser
}) => {
	const desk = await openReception(browser, '/reception/devices');
	const tvContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	const tv = await tvContext.newPage();
	await tv.goto('/display');
	const error = tv.getByTestId('pairing-error');

	await typeDisplayCode(tv, WRONG_CODE);
	await expect(error).toContainText('That code is not right.');
	await expect(error).toContainText('Ese código no es correcto.');

	const expired = await createPairingCode(desk, 'display');
	agePairingCodePastExpiry(expired);
	await typeDisplayCode(tv, expired);
	await expect(error).toContainText('That code has expired. Ask reception for a new one.');
	await expect(error).toContainText('Ese código ya venció. Pida uno nuevo en recepción.');

	const code = await createPairingCode(desk, 'display', 'Lobby TV');
	await typeDisplayCode(tv, `${code.slice(0, 3)}-${code.slice(3)}`);
	await expect(tv.getByTestId('display-board')).toBeVisible();

	// The same code on a second TV: already used.
	const second = await (await browser.newContext()).newPage();
	await second.goto('/display');
	await typeDisplayCode(second, code);
	await expect(second.getByTestId('pairing-error')).toContainText(
		'That code was already used. Ask reception for a new one.'
	);
	await expect(second.getByTestId('pairing-error')).toContainText(
		'Ese código ya se usó. Pida uno nuevo en recepción.'
	);
	await second.context().close();
	await tvContext.close();
	await desk.context().close();
});

test('reception renames and removes a kiosk; the removed kiosk goes back to its pairing screen by itself', async ({
	browser,
	page
}) => {
	const desk = await openReception(browser, '/reception/devices');
	await pairKiosk(page, desk, 'Kiosk to rename');

	await desk.reload();
	let row = desk.locator('tr', { hasText: 'Kiosk to rename' });
	await row.locator('summary').click();
	await row.getByLabel('New name').fill('Kiosk by the stairs');
	await row.getByRole('button', { name: 'Rename', exact: true }).click();
	await expect(desk.getByRole('status').filter({ hasText: 'Renamed to' })).toHaveText(
		'Renamed to “Kiosk by the stairs”.'
	);
	row = desk.locator('tr', { hasText: 'Kiosk by the stairs' });
	await expect(row).toBeVisible();
	await expect(desk.locator('tr', { hasText: 'Kiosk to rename' })).toHaveCount(0);

	await row.locator('summary').click();
	await row.getByRole('button', { name: 'Yes, remove Kiosk by the stairs' }).click();
	await expect(desk.getByRole('status').filter({ hasText: 'was removed' })).toBeVisible();
	await expect(desk.locator('tr', { hasText: 'Kiosk by the stairs' })).toHaveCount(0);

	// The tablet finds out on its next contact with the server (its sync heartbeat, every 30 s).
	await expect(page.getByRole('heading', { name: 'Set up this kiosk' })).toBeVisible({
		timeout: 45_000
	});
	// Its old token is refused outright. Asked through the kiosk's own cookie jar: the page no
	// longer sends it on its own, and this is the promise "removed means removed".
	const bootstrap = await page.context().request.get('/api/kiosk/bootstrap');
	expect(bootstrap.status()).toBe(401);
	// Both changes are on record, with the staff member who made them.
	expect(auditRows('device.rename')[0].detail).toMatchObject({
		from: 'Kiosk to rename',
		to: 'Kiosk by the stairs'
	});
	expect(auditRows('device.remove')[0].detail).toMatchObject({ name: 'Kiosk by the stairs' });
	await desk.context().close();
});
