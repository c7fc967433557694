import { expect, test } from '@playwright/test';
import { signInAtReception } from './support/front-door';

// Issue 12: a desk left alone signs itself out after 15 minutes, with a warning a minute before
// (in the receptionist's language), and really ends the session on the server.
test.describe('the desk signs itself out when nobody uses it', () => {
	test('warns a minute before, "Stay signed in" keeps the session, then it signs out', async ({
		page
	}) => {
		await page.clock.install();
		await signInAtReception(page);
		// The guard counts from when the page came alive: time runs only once it has.
		await expect(page.locator('.live')).toHaveAttribute('data-status', 'live');
		const warning = page.getByRole('dialog', { name: 'Still there?' });
		await expect(warning).toBeHidden();

		// 13 minutes on nobody touches anything (the live page refreshes itself all the while).
		await page.clock.fastForward('13:00');
		await expect(warning).toBeHidden();
		await page.clock.fastForward('01:05');
		await expect(warning).toBeVisible();
		await expect(warning).toContainText('you will be signed out in');
		await expect(page.getByRole('button', { name: 'Stay signed in' })).toBeFocused();

		const ping = page.waitForResponse(
			(r) => r.url().endsWith('/api/staff/session/activity') && r.request().method() === 'POST'
		);
		await page.getByRole('button', { name: 'Stay signed in' }).click();
		expect((await ping).status()).toBe(200);
		await expect(warning).toBeHidden();
		await expect(page).toHaveURL(/\/reception$/);

		// Another 15 minutes of nothing: signed out, told why, and the session is gone.
		await page.clock.fastForward('14:05');
		await expect(warning).toBeVisible();
		await page.clock.fastForward('01:00');
		await expect(page).toHaveURL(/\/reception\/login\?idle/);
		await expect(page.getByTestId('idle-signed-out')).toContainText(
			'signed out after 15 minutes without activity'
		);
		await page.goto('/reception');
		await expect(page).toHaveURL(/\/reception\/login/);
		await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
	});

	test('the warning speaks Spanish to a Spanish-speaking receptionist, and Escape means "I am here"', async ({
		page
	}) => {
		await page.clock.install();
		await signInAtReception(page);
		await page.getByRole('button', { name: 'Español' }).click();
		await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeVisible();
		await expect(page.locator('.live')).toHaveAttribute('data-status', 'live');
		await page.clock.fastForward('14:05');
		const warning = page.getByRole('dialog', { name: '¿Sigue ahí?' });
		await expect(warning).toBeVisible();
		await expect(warning).toContainText('su sesión se cerrará en');
		await page.keyboard.press('Escape');
		await expect(warning).toBeHidden();
		await page.clock.fastForward('10:00');
		await expect(warning).toBeHidden();
		await expect(page).toHaveURL(/\/reception$/);
	});
});
