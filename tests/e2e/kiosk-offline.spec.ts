import { test, expect } from './support/fixtures';
import { checkInUrl, freshAppointments, signInStaff, lastNameOf } from './support/api';
import { pairKiosk, signInAtReception } from './support/front-door';
import {
	backToWelcome,
	expectIdentityScreen,
	fillDob,
	lookUp,
	SCAN_VIEW
} from './support/kiosk-page';
import { dumpKioskStorage, waitUntilOfflineReady } from './support/kiosk-storage';

interface SnapshotEntry {
	appointmentId: string | null;
	ticket: string;
	arrivedAt: number;
}

test('three patients check in while the network is down, across a reload; each reaches the desk once, in arrival order', async ({
	cameraBrowser,
	browser,
	request
}) => {
	// Picking three fresh patients and the first one's letter reads the staff API: seeding.
	await signInStaff(request);
	const patients = await freshAppointments(request, 3);
	const url = await checkInUrl(request, patients[0].id);

	const tablet = await cameraBrowser(url, SCAN_VIEW);
	const context = await tablet.newContext();
	const kiosk = await context.newPage();
	await pairKiosk(kiosk);
	expect(await waitUntilOfflineReady(kiosk)).toBeGreaterThanOrEqual(3);

	// A stolen tablet shows nothing: no name, birth date, phone or address in IndexedDB.
	const stored = await dumpKioskStorage(kiosk);
	// Ciphertext, keys and salts are long base64url runs where a short name turns up by chance
	// ("Lee" did); a name stored as text is never inside one.
	const readable = stored.replace(/[A-Za-z0-9_-]{20,}/g, '');
	for (const p of patients) {
		expect(readable).not.toContain(lastNameOf(p.patientName));
		expect(stored).not.toContain(p.patientDob);
	}
	expect(stored).not.toMatch(/555-01|Springfield|@example\.org/);

	await context.setOffline(true);

	// 1: scans the QR from their letter.
	await kiosk.getByRole('button', { name: /Scan my code/ }).click();
	await expectIdentityScreen(kiosk);
	await fillDob(kiosk, patients[0].patientDob);
	await kiosk.getByRole('button', { name: 'Everything is correct — check me in' }).click();
	await expect(kiosk.getByTestId('ticket')).toContainText(patients[0].ticket);
	await expect(kiosk.getByTestId('ticket-provisional')).toBeVisible();
	await backToWelcome(kiosk);

	// 2: looks themselves up.
	await lookUp(kiosk, lastNameOf(patients[1].patientName), patients[1].patientDob);
	await kiosk.getByRole('button', { name: 'Everything is correct — check me in' }).click();
	await expect(kiosk.getByTestId('ticket')).toContainText(patients[1].ticket);
	await expect(kiosk.getByTestId('ticket-provisional')).toBeVisible();
	await backToWelcome(kiosk);

	// The tablet reloads with no network: the service worker brings the kiosk back.
	await kiosk.reload();
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
	await expect(kiosk.getByTestId('sync-status')).toContainText('2 waiting to send');

	// 3: looks themselves up after the reload.
	await lookUp(kiosk, lastNameOf(patients[2].patientName), patients[2].patientDob);
	await kiosk.getByRole('button', { name: 'Everything is correct — check me in' }).click();
	await expect(kiosk.getByTestId('ticket')).toContainText(patients[2].ticket);
	await backToWelcome(kiosk);
	await expect(kiosk.getByTestId('sync-status')).toContainText('3 waiting to send');

	// Nothing has reached the desk yet.
	const desk = await browser.newContext();
	const reception = await desk.newPage();
	await signInAtReception(reception);
	for (const p of patients)
		await expect(reception.locator(`li[data-ticket="${p.ticket}"]`)).toHaveCount(0);

	// The network returns: every check-in lands once, in the order people arrived.
	await context.setOffline(false);
	for (const p of patients)
		await expect(reception.locator(`li[data-ticket="${p.ticket}"]`)).toHaveCount(1);
	await expect(kiosk.getByTestId('sync-status')).toHaveCount(0);

	// Arrival order and times are not on the screen to the millisecond: read the desk's snapshot.
	const snapshot = (await (
		await desk.request.get('/api/queue/snapshot?audience=reception')
	).json()) as {
		entries: SnapshotEntry[];
	};
	const ours = snapshot.entries.filter((e) => patients.some((p) => p.id === e.appointmentId));
	expect(ours.map((e) => e.appointmentId).sort()).toEqual(patients.map((p) => p.id).sort());
	const byArrival = [...ours].sort((a, b) => a.arrivedAt - b.arrivedAt).map((e) => e.appointmentId);
	expect(byArrival).toEqual(patients.map((p) => p.id));
	// The arrival times are the moments at the kiosk, not the moment the network came back.
	expect(ours[0].arrivedAt).toBeLessThan(Date.now() - 1000);
});
