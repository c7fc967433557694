// The desk reviews patients' change requests: a kiosk paired from its own screen sends a patient's
// edits and card photos, reception sees the flags on the queue row, the field-by-field diff and
// the photos on the review list, accepts the phone and rejects the address, and the patient view
// shows exactly that. With the keyboard alone, and once with JavaScript off.
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import type { JWK } from 'jose';
import { appointments, signInStaff, type Appointment } from './support/api';
import { pairKiosk, signInAtReception } from './support/front-door';
import { violations } from './support/axe';
import { opId, sealChange, type CardPhoto } from '../support/change-ops';
import { cardPng } from '../support/card-png';
import type { ChangeProposal } from '$lib/intake/fields';
import type { SyncResponse } from '$lib/schemas/sync';

interface Kiosk {
	request: APIRequestContext;
	intakeKey: JWK;
}

/**
 * A kiosk paired through its own screen. The patient's edit screens are another part of the kiosk
 * (built and tested with it); here the test reaches past them and sends what they would send:
 * the same ops, sealed on this side with the production sealer, through the kiosk's own session.
 */
async function pairedKiosk(browser: Browser): Promise<Kiosk> {
	const tablet = await browser.newContext();
	const page = await tablet.newPage();
	await pairKiosk(page, undefined, 'E2E changes kiosk');
	const bootstrap = await tablet.request.get('/api/kiosk/bootstrap');
	expect(bootstrap.ok()).toBe(true);
	return {
		request: tablet.request,
		intakeKey: ((await bootstrap.json()) as { intakeKey: JWK }).intakeKey
	};
}

/**
 * Posts ops as the paired kiosk's outbox does, through the kiosk's own session. This spec is about
 * the desk, so it reaches past the kiosk's edit screens (tests/e2e/kiosk-changes.spec.ts and
 * changes-end-to-end.spec.ts go through them).
 */
async function sync(kiosk: Kiosk, ops: unknown[]) {
	const response = await kiosk.request.post('/api/kiosk/sync', { data: { ops } });
	expect(response.status(), await response.text()).toBe(200);
	return ((await response.json()) as SyncResponse).results;
}

/** Booked patients with insurance on file and nothing pending, picked at random (shared server). */
async function freshInsuredPatients(request: APIRequestContext, count: number) {
	await signInStaff(request);
	const booked = (await appointments(request)).filter((a) => a.status === 'booked' && !a.dobLocked);
	const picked: (Appointment & { patientId: string; phone: string; address: string })[] = [];
	for (const appointment of booked.sort(() => Math.random() - 0.5)) {
		const { patientId } = appointment as Appointment & { patientId: string };
		const record = await (await request.get(`/api/staff/patients/${patientId}`)).json();
		if (record.coverage && record.changes.length === 0) {
			picked.push({
				...appointment,
				patientId,
				phone: record.contact.phone,
				address: record.contact.address
			});
		}
		if (picked.length === count) return picked;
	}
	throw new Error(`fewer than ${count} insured patients without changes`);
}

/** Checks the patient in and sends their edits: phone, street address, new insurance, photos. */
async function sendChanges(
	kiosk: Kiosk,
	appointmentId: string,
	proposal: Omit<ChangeProposal, 'photos'>,
	photos: CardPhoto[] = []
) {
	const now = Date.now();
	const checkIn = {
		id: opId(now),
		type: 'checkin',
		createdAt: now,
		payload: { appointmentId, method: 'lookup', arrivedAt: now }
	};
	const sealed = await sealChange(appointmentId, kiosk.intakeKey, proposal, photos);
	const results = await sync(kiosk, [checkIn, ...sealed.all]);
	expect(results.map((r) => r.outcome)).toEqual(results.map(() => 'applied'));
	return sealed.changeId;
}

const NEW_PHONE = '(646) 555-0142';
const NEW_ADDRESS = '77 Harbor Lane';
const newInsurance = {
	kind: 'new' as const,
	insurance: {
		payer: 'Aetna',
		memberId: 'W987654321',
		groupNumber: 'G-100',
		relationship: 'self' as const,
		holderName: '',
		holderDob: ''
	}
};

function card(page: Page, changeId: string) {
	return page.locator(`article[data-change-id="${changeId}"]`);
}

test('the review list shows the diff and the photos; accepting the phone and rejecting the address reaches the patient view', async ({
	page,
	browser,
	request
}) => {
	const [patient] = await freshInsuredPatients(request, 1);
	const kiosk = await pairedKiosk(browser);
	await signInAtReception(page);
	const changeId = await sendChanges(
		kiosk,
		patient.id,
		{ contact: { phone: NEW_PHONE, address: NEW_ADDRESS }, insurance: newInsurance },
		[
			{ side: 'front', bytes: cardPng('front') },
			{ side: 'back', bytes: cardPng('back') }
		]
	);

	// The queue row says so, live, and the nav counts what waits for review.
	const row = page.locator(`li[data-ticket="${patient.ticket}"]`);
	await expect(row.getByText('Changed details')).toBeVisible();
	await expect(row.getByText('New insurance')).toBeVisible();
	const nav = page.getByRole('navigation', { name: 'Reception' });
	await expect(nav.getByRole('link', { name: /^Changes \(\d+ to review\)$/ })).toBeVisible();
	expect(await violations(page)).toEqual([]);

	await nav.getByRole('link', { name: /^Changes/ }).click();
	await expect(page.getByRole('heading', { name: 'Changes to review', level: 1 })).toBeVisible();
	const request_ = card(page, changeId);
	await expect(request_.getByRole('heading', { name: patient.patientName })).toBeVisible();
	const phoneRow = request_.locator('tr[data-field="phone"]');
	await expect(phoneRow.getByRole('rowheader')).toHaveText('Phone');
	await expect(phoneRow.getByRole('cell').nth(0)).toHaveText(patient.phone);
	await expect(phoneRow.getByRole('cell').nth(1)).toHaveText(NEW_PHONE);
	await expect(request_.locator('tr[data-field="address"]').getByRole('cell').nth(1)).toHaveText(
		NEW_ADDRESS
	);
	await expect(request_.locator('tr[data-field="insurance.memberId"]')).toContainText('W987654321');

	// Both photos load, and one opens large in a dialog that Escape closes.
	const thumbs = request_.locator('[data-card-photo] img');
	await expect(thumbs).toHaveCount(2);
	for (const img of await thumbs.all()) {
		// Thumbnails load lazily: a card far down the list loads its photos when shown.
		await img.scrollIntoViewIfNeeded();
		await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(480);
	}
	await request_.getByRole('link', { name: 'Enlarge: Front of card' }).click();
	const dialog = page.getByRole('dialog', { name: `Front of card · ${patient.patientName}` });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('img')).toHaveAttribute('src', /\/api\/staff\/card-images\//);
	expect(await violations(page)).toEqual([]);
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(request_.getByRole('link', { name: 'Enlarge: Front of card' })).toBeFocused();
	expect(await violations(page)).toEqual([]);

	await phoneRow.getByLabel('Accept').check();
	const addressRow = request_.locator('tr[data-field="address"]');
	await addressRow.getByLabel('Reject').check();
	await addressRow
		.getByLabel('Note for Street address (optional)')
		.fill('Still lives at the old one');
	await request_.getByRole('button', { name: 'Save decisions' }).click();
	await expect(page.getByText(`Decisions saved for ${patient.patientName}.`)).toBeVisible();
	await expect(phoneRow).toHaveAttribute('data-decision', 'accepted');
	await expect(phoneRow).toContainText('Accepted by Front desk');
	await expect(addressRow).toContainText('Rejected by Front desk');
	await expect(addressRow).toContainText('Note: Still lives at the old one');

	await request_.getByRole('link', { name: patient.patientName }).click();
	await expect(page.getByRole('heading', { name: patient.patientName, level: 1 })).toBeVisible();
	await expect(page.locator('dd[data-field="phone"]')).toHaveText(NEW_PHONE);
	await expect(page.locator('dd[data-field="address"]')).toHaveText(patient.address);
	const history = page.getByRole('region', { name: 'Change requests' });
	await expect(history.locator('tr[data-field="phone"]')).toContainText('Accepted');
	await expect(history.locator('tr[data-field="address"]')).toContainText('Rejected');
	// The coverage is still the old one (its fields wait); the new card's photos stay with the request.
	await expect(
		page.getByRole('region', { name: 'Insurance' }).locator('[data-card-photo]')
	).toHaveCount(0);
	await expect(history.locator('[data-card-photo]')).toHaveCount(2);
	await expect(page.getByRole('region', { name: 'Today’s visit' })).toContainText(patient.ticket);
	expect(await violations(page)).toEqual([]);
});

test('a new request appears live; keyboard only: open its photo, decide fields and save', async ({
	page,
	browser,
	request
}) => {
	const [patient] = await freshInsuredPatients(request, 1);
	const kiosk = await pairedKiosk(browser);
	await signInAtReception(page, '/reception/changes');
	await expect(page.getByRole('status').filter({ hasText: /^Live$/ })).toBeVisible();
	const count = page.locator('[data-pending-changes]');
	const before = Number(
		(await count.count()) ? await count.getAttribute('data-pending-changes') : 0
	);
	const changeId = await sendChanges(
		kiosk,
		patient.id,
		{ contact: { phone: NEW_PHONE, address: NEW_ADDRESS }, insurance: newInsurance },
		[{ side: 'front', bytes: cardPng('front') }]
	);
	// No reload: the 'changes.changed' event brings the card, and the nav's count follows.
	const request_ = card(page, changeId);
	await expect(request_).toBeVisible();
	await expect(count).toHaveAttribute('data-pending-changes', String(before + 1));
	await expect(request_.locator('[data-card-photo] img')).toHaveCount(1);
	const name = request_.getByRole('link', { name: patient.patientName });
	await name.focus();
	// The card photo: Enter opens the large view, Escape closes it and the focus comes back.
	await page.keyboard.press('Tab');
	const thumb = request_.getByRole('link', { name: 'Enlarge: Front of card' });
	await expect(thumb).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('dialog')).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(page.getByRole('dialog')).toBeHidden();
	await expect(thumb).toBeFocused();
	// Phone: Tab into its radio group, Space to accept; Tab past its note.
	await page.keyboard.press('Tab');
	await expect(request_.locator('tr[data-field="phone"]').getByLabel('Accept')).toBeFocused();
	await page.keyboard.press('Space');
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	// Address: the arrow key moves to Reject and chooses it; a note; Enter saves the form.
	await page.keyboard.press('ArrowRight');
	await expect(request_.locator('tr[data-field="address"]').getByLabel('Reject')).toBeChecked();
	await page.keyboard.press('Tab');
	await page.keyboard.type('Typed at the desk');
	await page.keyboard.press('Enter');
	const saved = page.getByText(`Decisions saved for ${patient.patientName}.`);
	await expect(saved).toBeVisible();
	await expect(saved).toBeFocused();
	await expect(request_.locator('tr[data-field="phone"]')).toContainText('Accepted by Front desk');
	await expect(request_.locator('tr[data-field="address"]')).toContainText(
		'Note: Typed at the desk'
	);
	// The insurance fields were left for later: the request still waits for review.
	await expect(request_).toHaveAttribute('data-status', 'pending');
	await expect(
		// (The member id, not the insurer: a patient already with Aetna has no insurer line.)
		request_.locator('tr[data-field="insurance.memberId"]').getByLabel('Accept')
	).not.toBeChecked();
	expect(await violations(page)).toEqual([]);
});

test('with JavaScript off the review form still decides fields', async ({ browser, request }) => {
	const [patient] = await freshInsuredPatients(request, 1);
	const kiosk = await pairedKiosk(browser);
	const changeId = await sendChanges(
		kiosk,
		patient.id,
		{ contact: { phone: NEW_PHONE }, insurance: { kind: 'same' } },
		[]
	);
	const context = await browser.newContext({ javaScriptEnabled: false });
	const desk = await context.newPage();
	await signInAtReception(desk, '/reception/changes');
	const request_ = card(desk, changeId);
	await request_.locator('tr[data-field="phone"]').getByLabel('Reject').check();
	await request_.getByRole('button', { name: 'Save decisions' }).click();
	// The page the server answered the post with.
	await expect(desk.getByText(`Decisions saved for ${patient.patientName}.`)).toBeVisible();
	await expect(request_.locator('tr[data-field="phone"]')).toContainText('Rejected by Front desk');
	await desk.goto(`/reception/patients/${patient.patientId}`);
	await expect(desk.locator('dd[data-field="phone"]')).toHaveText(patient.phone);
	await context.close();
});

test('nothing to review says so', async ({ page }) => {
	// Whatever other specs left pending, the empty state is what a fresh site shows: a desk
	// signed in to another clinic (the e2e server seeds several).
	await page.goto('/reception/login?next=%2Freception%2Fchanges');
	await page.getByLabel('Username').fill('reception-east');
	await page.getByLabel('Password').fill(process.env.E2E_STAFF_PASSWORD ?? 'e2e-password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { name: 'Changes to review', level: 1 })).toBeVisible();
	await expect(page.getByText('No changes to review.')).toBeVisible();
	expect(await violations(page)).toEqual([]);
});
