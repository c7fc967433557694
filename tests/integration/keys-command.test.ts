import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '$lib/server/db';
import { TokenSigner } from '$lib/server/tokens';
import { dialects } from './support/dialects';
import { freshDatabase, type FreshDatabase } from './support/fresh-db';
import { childEnv, root } from './support/build';

/**
 * `npm run keys` as an administrator types it on the server (`node scripts/keys.js` in a child
 * process), on a database whose key has signed a letter for tomorrow.
 */
describe.each(dialects)('npm run keys (%s)', { timeout: 180_000 }, (dialect) => {
	let fresh: FreshDatabase;
	let firstKid = '';
	const tomorrow = Math.floor(Date.now() / 1000) + 86_400;

	beforeAll(async () => {
		fresh = await freshDatabase(dialect);
		const database = await openDb(fresh.env);
		const signer = await TokenSigner.load(database.db);
		firstKid = signer.activeKid;
		await signer.sign({ sub: 'ab12cd', site: 'main', exp: tomorrow, rk: 'q83vEjRWeJCrze8SNFZ4kA' });
		await database.close();
	});
	afterAll(async () => {
		await fresh?.drop();
	});

	const keys = (...args: string[]) => {
		const result = spawnSync(process.execPath, ['scripts/keys.js', ...args], {
			cwd: root,
			env: childEnv(fresh.env),
			encoding: 'utf8',
			timeout: 60_000
		});
		return { status: result.status, out: result.stdout + result.stderr };
	};

	it('lists the keys, rotates, and keeps the old key verifying until its letter expires', () => {
		const listed = keys('list');
		expect(listed.status, listed.out).toBe(0);
		expect(listed.out).toMatch(new RegExp(`^${firstKid}\\s+active`, 'm'));

		const rotated = keys('rotate');
		expect(rotated.status, rotated.out).toBe(0);
		const until = new Date(tomorrow * 1000).toISOString();
		expect(rotated.out).toContain(`key ${firstKid} verifies until ${until}`);
		expect(rotated.out).toMatch(
			new RegExp(`^${firstKid}\\s+verifying .* verifies until ${until}`, 'm')
		);
		expect(rotated.out).toMatch(/^2\s+active/m);

		expect(keys('rotate', 'now').status).toBe(2);
		expect(keys().out).toContain('usage: npm run keys');
	});
});
