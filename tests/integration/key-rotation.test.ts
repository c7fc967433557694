import 'fake-indexeddb/auto';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckInTokenError, verifyCheckInToken, type Jwks } from '$lib/check-in-token';
import { KioskDb } from '$lib/kiosk/db';
import { RosterStore } from '$lib/kiosk/roster-store';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import {
	checkInOp,
	pairAndEnroll,
	qrToken,
	staffLogin,
	syncOne,
	type Client
} from './support/clients';
import { postAction } from './support/actions';
import { openWriter, type Reader } from './support/db';

/**
 * Issue 11: the admin rotates the key that signs check-in letters. A letter printed before the
 * rotation keeps working (on the server and on a kiosk that verifies offline with its own code,
 * src/lib/check-in-token.ts), a letter printed after carries the new kid, and the kiosk learns
 * the new key from its next roster, through its own roster store.
 */

const kidOf = (token: string) => decodeProtectedHeader(token).kid;

async function problemOf(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
		return 'accepted';
	} catch (error) {
		if (error instanceof CheckInTokenError) return error.problem;
		throw error;
	}
}

describe.each(dialects)('signing-key rotation (%s)', (dialect) => {
	const suite = useServer(dialect);
	let admin: Client;
	let kiosk: Client;
	let kioskDb: KioskDb;
	let store: RosterStore;
	let heardKeys: Jwks | null = null;
	// Set-up only: a day cannot be made to pass through the API.
	let writer: Reader;

	beforeAll(async () => {
		admin = await staffLogin(suite.server, 'admin');
		kiosk = (await pairAndEnroll(suite.server, suite.staff, 'kiosk', 'Rotation kiosk')).client;
		writer = openWriter(suite.server);
		kioskDb = new KioskDb(`rotation-${dialect}-${crypto.randomUUID()}`);
		// The kiosk's own roster store, fetching through this kiosk's cookie.
		store = new RosterStore(kioskDb, (input, init) =>
			kiosk.request(init?.method ?? 'GET', String(input))
		);
		store.onKeys = async (jwks) => {
			heardKeys = jwks;
		};
	});
	afterAll(async () => {
		await kioskDb?.delete();
		await writer?.destroy();
	});

	const rotate = () => postAction(suite.server, admin, '/admin/keys', 'rotate', {});
	const bootstrapKeys = async () =>
		(await kiosk.expectJson<{ jwks: Jwks }>('GET', '/api/kiosk/bootstrap', 200)).jwks;

	it('letters from before and after a rotation both check in; the kiosk learns the new key', async () => {
		const [before, after, spare] = [
			suite.freshAppointment(),
			suite.freshAppointment(),
			suite.freshAppointment()
		];
		const oldLetter = await qrToken(suite.staff, before.id);
		const spareOldLetter = await qrToken(suite.staff, spare.id);
		const oldKid = kidOf(oldLetter);
		const cachedKeys = await bootstrapKeys();
		expect(cachedKeys.keys.map((k) => k.kid)).toEqual([oldKid]);

		const rotated = await rotate();
		expect(rotated).toMatchObject({ type: 'success', status: 200 });
		const { kid: newKid, previous } = rotated.data?.rotated as { kid: string; previous: string };
		expect(previous).toBe(oldKid);
		expect(newKid).not.toBe(oldKid);

		const newLetter = await qrToken(suite.staff, after.id);
		expect(kidOf(newLetter)).toBe(newKid);

		// The kiosk's next roster carries both keys, and its store hands them on.
		await store.refresh();
		expect(heardKeys?.keys.map((k) => k.kid).sort()).toEqual([oldKid, newKid].sort());
		const fresh = heardKeys as unknown as Jwks;
		// Verified offline, with the kiosk's own code and the keys it was sent.
		await expect(verifyCheckInToken(oldLetter, fresh, 'main')).resolves.toMatchObject({
			sub: before.id
		});
		await expect(verifyCheckInToken(newLetter, fresh, 'main')).resolves.toMatchObject({
			sub: after.id
		});
		// A kiosk still on the keys it had before cannot read the new letter until it refreshes.
		expect(await problemOf(verifyCheckInToken(newLetter, cachedKeys, 'main'))).toBe('not-ours');
		expect((await bootstrapKeys()).keys.map((k) => k.kid).sort()).toEqual([oldKid, newKid].sort());

		// And on the server: both letters check in.
		expect((await syncOne(kiosk, checkInOp(before.id, { token: oldLetter }))).outcome).toBe(
			'applied'
		);
		expect((await syncOne(kiosk, checkInOp(after.id, { token: newLetter }))).outcome).toBe(
			'applied'
		);

		// The rotated-out key is listed as still accepting its letters until today ends.
		const keys = await suite.db
			.selectFrom('signing_keys')
			.selectAll()
			.where('kid', '=', oldKid as string)
			.executeTakeFirstOrThrow();
		expect(keys.private_jwk).toBe('');
		const exp = (
			JSON.parse(Buffer.from(oldLetter.split('.')[1], 'base64url').toString()) as {
				exp: number;
			}
		).exp;
		expect(Number(keys.last_exp)).toBeGreaterThanOrEqual(exp);
		const page = await admin.request('GET', '/admin/keys');
		const html = await page.text();
		expect(page.status).toBe(200);
		expect(html).toMatch(new RegExp(`data-kid="${oldKid}" data-state="verifying"`));
		expect(html).toMatch(new RegExp(`data-kid="${newKid}" data-state="active"`));

		const audit = await suite.db
			.selectFrom('audit_log')
			.select(['actor_id', 'detail'])
			.where('action', '=', 'signing-key.rotate')
			.execute();
		expect(audit).toEqual([
			{ actor_id: 'main-admin', detail: expect.stringContaining(`"previous":"${oldKid}"`) }
		]);

		// Once the old key's last letter has expired (made so here: no day passes in a test), the
		// next rotation leaves it out; a letter of it is then refused like any unknown key.
		await writer
			.updateTable('signing_keys')
			.set({ last_exp: Math.floor(Date.now() / 1000) - 1 })
			.where('kid', '=', oldKid as string)
			.execute();
		const third = (await rotate()).data?.rotated as { kid: string };
		const now = (await bootstrapKeys()).keys.map((k) => k.kid).sort();
		expect(now).toEqual([newKid, third.kid].sort());
		expect(await syncOne(kiosk, checkInOp(spare.id, { token: spareOldLetter }))).toMatchObject({
			outcome: 'rejected',
			reason: 'token-not-ours'
		});
		expect(await (await admin.request('GET', '/admin/keys')).text()).toMatch(
			new RegExp(`data-kid="${oldKid}" data-state="retired"`)
		);
	});

	it('only an admin can rotate: reception is refused and no key changes', async () => {
		const keys = await suite.db.selectFrom('signing_keys').selectAll().execute();
		const refused = await postAction(suite.server, suite.staff, '/admin/keys', 'rotate', {});
		expect(refused.status).toBe(403);
		expect(await suite.db.selectFrom('signing_keys').selectAll().execute()).toEqual(keys);
	});
});
