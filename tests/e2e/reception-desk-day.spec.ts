// A receptionist's real day at the desk (issue 11), through the desk's own screens: the expected
// list filtered and searched, a check-in at the desk and its undo, a walk-in registered with a
// printed ticket and seen to the end, a no-show, a cancel with a reason, a provider's delay, and
// the keyboard shortcuts the screen lists.
import { expect, test, type Page } from '@playwright/test';
import { signInAtReception } from './support/front-door';
import { violations } from './support/axe';

/** Expected patients on the day list right now, as the desk sees them (name and row). */
async function expectedNames(desk: Page): Promise<string[]> {
	await desk.getByLabel('List').selectOption('expected');
	await desk.getByRole('button', { name: 'Show', exact: true }).click();
	await expect(desk).toHaveURL(/list=expected/);
	const names = await desk.getByRole('table').getByRole('rowheader').allTextContents();
	return names.map((text) => text.trim());
}

test('a receptionist checks in, undoes, registers a walk-in and handles no-shows and cancels', async ({
	page: desk
}) => {
	await signInAtReception(desk, '/reception/appointments');
	await expect(desk.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();

	// Other specs share this server: a random pick keeps two specs off the same patient.
	const names = await expectedNames(desk);
	expect(names.length).toBeGreaterThan(3);
	const pick = () => names.splice(Math.floor(Math.random() * names.length), 1)[0];
	const arriving = pick();

	// Search by name: the "/" shortcut puts the cursor in the search field.
	await desk.locator('body').press('/');
	await expect(desk.getByLabel('Name or birth date')).toBeFocused();
	await desk.keyboard.type(arriving.split(' ').slice(-1)[0]);
	await desk.keyboard.press('Enter');
	const row = desk.getByRole('row').filter({ hasText: arriving });
	await expect(row).toBeVisible();
	expect(await violations(desk)).toEqual([]);

	await row.getByRole('button', { name: `Check in: ${arriving}` }).click();
	const notice = desk.locator('[data-desk-outcome]');
	await expect(notice).toContainText(`${arriving} is checked in with ticket`);
	// Undo is there for 30 s; the "U" shortcut presses it.
	await expect(notice.getByRole('button', { name: /^Undo \(\d+ s\)$/ })).toBeVisible();
	await desk.locator('body').press('u');
	await expect(notice).toHaveText('Undone.');
	await expect(row.getByRole('button', { name: `Check in: ${arriving}` })).toBeVisible();
	await row.getByRole('button', { name: `Check in: ${arriving}` }).click();
	await expect(notice).toContainText(`${arriving} is checked in with ticket`);

	// A patient who is not coming, and one who phoned to cancel.
	await desk.goto('/reception/appointments?list=expected');
	const absent = pick();
	const absentRow = desk.getByRole('row').filter({ hasText: absent });
	await absentRow.getByRole('button', { name: `No-show: ${absent}` }).click();
	await expect(notice).toContainText(`${absent} is marked as a no-show.`);
	await expect(desk.getByRole('row').filter({ hasText: absent })).toHaveCount(0);

	const cancelling = pick();
	await desk
		.getByRole('row')
		.filter({ hasText: cancelling })
		.getByRole('link', { name: `Cancel: ${cancelling}` })
		.click();
	await expect(desk.getByRole('heading', { name: 'Cancel an appointment' })).toBeVisible();
	expect(await violations(desk)).toEqual([]);
	await desk.getByLabel('Moved to another day').check();
	await desk.getByLabel('Note (optional)').fill('Next Tuesday');
	await desk.getByRole('button', { name: 'Cancel the appointment' }).click();
	await expect(notice).toContainText(`The appointment of ${cancelling} is cancelled.`);
	await desk.goto('/reception/appointments?list=cancelled');
	await expect(desk.getByRole('row').filter({ hasText: cancelling })).toContainText(
		'Cancelled: Moved to another day'
	);

	// A walk-in: the "W" shortcut opens the form.
	await desk.locator('body').press('w');
	await expect(desk.getByRole('heading', { name: 'Register a walk-in' })).toBeVisible();
	expect(await violations(desk)).toEqual([]);
	const lastName = `Walkin${Math.random().toString(36).slice(2, 7)}`;
	await desk.getByLabel('First name').fill('Rosa');
	await desk.getByLabel('Last name').fill(lastName);
	await desk.getByLabel('Date of birth').fill('1988-04-09');
	const provider =
		(await desk.getByLabel('Who will see them').locator('option').first().textContent())?.trim() ??
		'';
	await desk.getByRole('button', { name: 'Register and give a ticket' }).click();
	await expect(notice).toContainText(/Walk-in registered with ticket W-\d{3}\./);
	const ticket = /W-\d{3}/.exec((await notice.textContent()) ?? '')?.[0] ?? '';
	await desk.getByRole('link', { name: `Print ticket ${ticket}` }).click();
	await expect(desk.locator('[data-ticket]')).toHaveText(ticket);
	expect(await violations(desk)).toEqual([]);
	await expect(desk.getByText(provider)).toBeVisible();
	await expect(desk.getByText(lastName)).toHaveCount(0);

	// The walk-in is in the live queue: called, then done.
	await desk.goto('/reception');
	await desk.getByRole('button', { name: `Call ${ticket}` }).click();
	await expect(notice).toContainText(`${ticket} called to`);
	await desk.getByRole('button', { name: `Done ${ticket}` }).click();
	await expect(notice).toContainText(`${ticket} is done.`);

	// "Dr. … is 20 minutes behind": the provider's header says so.
	const delay = desk.getByLabel(`Running late (minutes) for ${provider}`);
	await delay.fill('20');
	await delay.press('Enter');
	await expect(notice).toHaveText('Delay saved.');
	await expect(
		desk.getByRole('region', { name: provider }).getByText(/Running about \d+ min late/)
	).toBeVisible();
	await delay.fill('0');
	await delay.press('Enter');
});

test('with JavaScript off the desk checks a patient in, undoes it and registers a walk-in', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const desk = await context.newPage();
	await signInAtReception(desk, '/reception/appointments');
	const names = await expectedNames(desk);
	const arriving = names[Math.floor(Math.random() * names.length)];
	const row = desk.getByRole('row').filter({ hasText: arriving });
	await row.getByRole('button', { name: `Check in: ${arriving}` }).click();
	const notice = desk.locator('[data-desk-outcome]');
	await expect(notice).toContainText(`${arriving} is checked in with ticket`);
	await notice.getByRole('button', { name: /^Undo/ }).click();
	await expect(notice).toHaveText('Undone.');
	await expect(row.getByRole('button', { name: `Check in: ${arriving}` })).toBeVisible();

	await desk.goto('/reception/walk-in');
	await desk.getByLabel('First name').fill('Nojs');
	await desk.getByLabel('Last name').fill(`Walkin${Math.random().toString(36).slice(2, 7)}`);
	await desk.getByLabel('Date of birth').fill('1990-12-01');
	await desk.getByRole('button', { name: 'Register and give a ticket' }).click();
	await expect(notice).toContainText(/Walk-in registered with ticket W-\d{3}\./);
	await context.close();
});
