import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncOp } from '$lib/schemas/sync';
import type { KioskApp } from './kiosk-app.svelte';
import { KioskRecovery, RECOVERY_MS } from './recovery.svelte';

/** The parts of a kiosk recovery touches: the screen shown, the outbox, the reset. */
function fakeKiosk(screen = 'confirm') {
	const enqueued: SyncOp[] = [];
	const resets: string[] = [];
	const kiosk = {
		flow: { screen: { name: screen } },
		sync: { enqueue: (op: SyncOp) => Promise.resolve(void enqueued.push(op)) },
		resetForNextPatient: (why: string) => void resets.push(why)
	};
	return { kiosk: kiosk as unknown as KioskApp, enqueued, resets };
}

async function settle() {
	await vi.dynamicImportSettled();
	await Promise.resolve();
}

describe('KioskRecovery', () => {
	beforeEach(() => vi.useFakeTimers({ now: 1_800_000_000_000 }));
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('shows the message, reports screen and error class only, then resets for the next patient', async () => {
		const { kiosk, enqueued, resets } = fakeKiosk('confirm');
		const recovery = new KioskRecovery(kiosk);
		recovery.fault(new RangeError('no clock data for Lopez, 1975-03-14'));
		expect(recovery.showing).toBe(true);
		await settle();
		expect(enqueued).toHaveLength(1);
		expect(enqueued[0]).toMatchObject({
			type: 'kiosk-error',
			payload: { screen: 'confirm', name: 'RangeError', at: Date.now() }
		});
		expect(JSON.stringify(enqueued)).not.toContain('Lopez');

		// A second fault while the message shows is the same recovery.
		recovery.fault(new TypeError('again'));
		await settle();
		expect(enqueued).toHaveLength(1);

		vi.advanceTimersByTime(RECOVERY_MS - 1);
		expect(resets).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(resets).toEqual(['error']);
		expect(recovery.showing).toBe(false);
	});

	it('a fault that keeps coming back recovers every time but sends at most 3 reports a minute', async () => {
		const { kiosk, enqueued, resets } = fakeKiosk('welcome');
		const recovery = new KioskRecovery(kiosk);
		for (let i = 0; i < 6; i++) {
			recovery.fault(new TypeError('loop'));
			await settle();
			vi.advanceTimersByTime(RECOVERY_MS);
		}
		expect(resets).toHaveLength(6);
		expect(enqueued).toHaveLength(3);
		vi.advanceTimersByTime(60_000);
		recovery.fault(new TypeError('loop'));
		await settle();
		expect(enqueued).toHaveLength(4);
	});

	it('listens to the window for uncaught errors and rejections while watching, and stops after', async () => {
		const target = new EventTarget();
		vi.stubGlobal('window', target);
		const { kiosk, enqueued } = fakeKiosk('lookup');
		const recovery = new KioskRecovery(kiosk);
		const stop = recovery.watch();

		// No error object (a ResizeObserver notice, an opaque cross-origin error): not a fault.
		target.dispatchEvent(Object.assign(new Event('error'), { error: null }));
		expect(recovery.showing).toBe(false);

		target.dispatchEvent(
			Object.assign(new Event('unhandledrejection'), { reason: new TypeError() })
		);
		expect(recovery.showing).toBe(true);
		await settle();
		expect(enqueued[0]?.payload).toMatchObject({ screen: 'lookup', name: 'TypeError' });
		vi.advanceTimersByTime(RECOVERY_MS);

		target.dispatchEvent(Object.assign(new Event('error'), { error: new SyntaxError('x') }));
		expect(recovery.showing).toBe(true);
		stop();
		expect(recovery.showing).toBe(false);
		target.dispatchEvent(Object.assign(new Event('error'), { error: new SyntaxError('x') }));
		expect(recovery.showing).toBe(false);
	});
});
