import { describe, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import { checkInOp, helpOp, pairAndEnroll, syncOps } from './support/clients';
import type { SyncOp } from '$lib/schemas/sync';

describe.each(dialects)('probe %s', (dialect) => {
	const suite = useServer(dialect);
	it('times', async () => {
		const kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
		const ops: SyncOp[] = [];
		for (let i = 0; i < 100; i++) ops.push(i % 2 === 0 && i / 2 < 45 ? checkInOp(suite.appointments[i / 2].id) : helpOp('asked'));
		const t = performance.now();
		await syncOps(kiosk.client, ops);
		console.log(dialect, 'batch ms', performance.now() - t);
	});
});
