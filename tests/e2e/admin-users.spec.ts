import { expect, test, type Page } from '@playwright/test';
import { STAFF } from './support/front-door';
import { violations } from './support/axe';

// Issue 11: the clinic's admin adds a receptionist on /admin/users, signing in through the login
// form like anyone; the new receptionist then signs in with the password they were given. Once
// with the page's JavaScript, once with none (the forms are plain posts).

async function signIn(page: Page, username: string, password: string, next: string) {
	await page.goto(`/reception/login?next=${encodeURIComponent(next)}`);
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(new RegExp(`${next.replace(/\//g, '\\/')}$`));
}

async function addReceptionist(page: Page, username: string, name: string, password: string) {
	const form = page.getByRole('form', { name: 'Add a staff account' });
	await form.getByLabel('Username').fill(username);
	await form.getByLabel('Name', { exact: true }).fill(name);
	await form.getByLabel('Role').selectOption('reception');
	await form.getByLabel('First password').fill(password);
	await form.getByRole('button', { name: 'Add account' }).click();
	await expect(page.getByRole('status')).toContainText(`${name} can sign in now as ${username}`);
	await expect(page.getByTestId('users-table')).toContainText(`${name} (${username})`);
}

for (const javaScriptEnabled of [true, false]) {
	test(`an admin adds a receptionist who then signs in (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, async ({
		browser
	}) => {
		const suffix = javaScriptEnabled ? 'js' : 'nojs';
		const username = `new.desk.${suffix}`;
		const password = `first-day-${suffix}-2026`;
		const adminContext = await browser.newContext({ javaScriptEnabled });
		const admin = await adminContext.newPage();
		await signIn(admin, 'admin', STAFF.password, '/admin/users');
		await expect(admin.getByRole('heading', { name: 'Staff accounts', level: 1 })).toBeVisible();
		await addReceptionist(admin, username, `New Desk ${suffix}`, password);

		const deskContext = await browser.newContext({ javaScriptEnabled });
		const desk = await deskContext.newPage();
		await signIn(desk, username, password, '/reception');
		await expect(desk.getByText(`New Desk ${suffix}`)).toBeVisible();
		// A receptionist, not an admin: the admin pages refuse them.
		const refused = await desk.goto('/admin/users');
		expect(refused?.status()).toBe(403);
		await adminContext.close();
		await deskContext.close();
	});
}

test('the admin pages pass axe in English and Spanish, and speak Spanish', async ({ browser }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, 'admin', STAFF.password, '/admin/users');
	const headings = {
		en: {
			'/admin/users': 'Staff accounts',
			'/admin/keys': 'Letter signing keys',
			'/admin/site': 'Site settings'
		},
		es: {
			'/admin/users': 'Cuentas del personal',
			'/admin/keys': 'Claves que firman las cartas',
			'/admin/site': 'Ajustes del centro'
		}
	};
	for (const language of ['en', 'es'] as const) {
		if (language === 'es') await page.getByRole('button', { name: 'Español' }).click();
		for (const [path, heading] of Object.entries(headings[language])) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
			expect(await violations(page), `${path} (${language})`).toEqual([]);
		}
	}
	await context.close();
});
