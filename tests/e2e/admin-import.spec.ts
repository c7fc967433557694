// The admin imports a day's schedule as a FHIR R4 Bundle through /admin/import, as a clinic
// would: sign in, pick the file, check it (nothing written), read the per-entry report, import.
// The bundle is tests/fixtures/fhir/riverside-bundle.json moved to a day far ahead, so the
// shared test server's today (which other specs check patients in on) is left as it is.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { STAFF } from './support/front-door';

const bundle = fs
	.readFileSync(
		path.join(process.cwd(), 'tests', 'fixtures', 'fhir', 'riverside-bundle.json'),
		'utf8'
	)
	.replaceAll('2026-12-04T', '2031-01-15T');

test('an admin checks a FHIR Bundle, reads each entry’s result, then imports it', async ({
	page
}) => {
	await page.goto('/reception/login?next=%2Fadmin%2Fimport');
	await page.getByLabel('Username').fill('admin');
	await page.getByLabel('Password').fill(STAFF.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { name: 'Import the schedule', level: 1 })).toBeVisible();

	await page.getByLabel('Export file (CSV, or FHIR Bundle .json)').setInputFiles({
		name: 'riverside-day.json',
		mimeType: 'application/fhir+json',
		buffer: Buffer.from(bundle)
	});
	await page.getByRole('button', { name: 'Check the file' }).click();
	await expect(
		page.getByRole('heading', { name: 'Checked riverside-day.json: nothing has been written yet.' })
	).toBeVisible();
	const rows = page.getByTestId('import-rows');
	await expect(rows.getByRole('columnheader', { name: 'Entry' })).toBeVisible();
	await expect(rows.getByRole('row', { name: /A-5001/ })).toContainText('new');
	await expect(rows.getByRole('row', { name: /Appointment\/a3/ })).toContainText(
		'“Appointment.status” does not follow FHIR R4 (enum); the entry is left out.'
	);
	await expect(page.getByText('Coverages: 1 new, 0 updated.')).toBeVisible();

	await page.getByRole('button', { name: 'Import these changes' }).click();
	await expect(page.getByRole('heading', { name: 'Imported riverside-day.json.' })).toBeVisible();
	await expect(
		page.getByTestId('import-history').getByRole('row', { name: /riverside-day\.json/ })
	).toContainText('2031-01-15');
});
