import { openDb } from './db';
import { rotateSigningKey, signingKeys } from './signing-keys';
import type { SigningKeyView } from '$lib/schemas/signing-keys';

/**
 * `npm run keys -- list|rotate` (scripts/keys.js). Exit code 0 on success, 2 for a command line
 * it does not understand. The rotation is audited as the system's `npm run keys`.
 */

interface Output {
	write(text: string): unknown;
}

const USAGE = 'usage: npm run keys -- list | rotate\n';

const when = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

function line(key: SigningKeyView): string {
	const until =
		key.state === 'active' ? 'signs new letters' : `verifies until ${when(key.verifiesUntil)}`;
	return `${key.kid.padEnd(4)} ${key.state.padEnd(9)} created ${when(key.createdAt)}  ${until}\n`;
}

export async function runKeysCommand(
	argv: readonly string[],
	env: NodeJS.ProcessEnv,
	out: Output
): Promise<number> {
	const [command, ...rest] = argv;
	if (rest.length > 0 || (command !== 'list' && command !== 'rotate')) {
		out.write(USAGE);
		return 2;
	}
	const database = await openDb(env);
	try {
		if (command === 'rotate') {
			const actor = { type: 'system' as const, id: 'npm run keys' };
			const { kid, previous } = await rotateSigningKey(database.db, actor, null);
			out.write(
				previous
					? `key ${kid} signs new letters now; key ${previous.kid} verifies until ${when(previous.verifiesUntil)}\n`
					: `key ${kid} signs new letters now\n`
			);
		}
		for (const key of await signingKeys(database.db)) out.write(line(key));
		return 0;
	} finally {
		await database.close();
	}
}
