import { describe, expect, it } from 'vitest';
import type { RosterRecord } from '$lib/roster/roster-types';
import { backStep, isInsideKiosk, linkLeavesKiosk } from './lock-down-rules';
import type { Screen } from './screens';

const ORIGIN = 'https://clinic.example';
// Only the screen's name decides; the record is never read.
const record = {} as RosterRecord;
const who = { record, method: 'lookup' as const, token: null, late: false };

describe('backStep', () => {
	it("does each screen's own Back, and nothing where the screen has none", () => {
		const cases: [Screen, string][] = [
			[{ name: 'welcome' }, 'stay'],
			[{ name: 'scan', problem: null, busy: false }, 'start-over'],
			[{ name: 'lookup', problem: null, busy: false }, 'start-over'],
			[{ name: 'initial', candidates: [] }, 'start-over'],
			[{ name: 'dob', record, token: 't', failures: 0 }, 'start-over'],
			[{ name: 'confirm', ...who }, 'stay'],
			[{ name: 'contact', ...who }, 'cancel-contact'],
			[{ name: 'insurance', ...who }, 'cancel-insurance'],
			[{ name: 'card', side: 'front', ...who }, 'insurance'],
			[{ name: 'checking-in' }, 'stay'],
			[{ name: 'help' }, 'stay'],
			[{ name: 'locked' }, 'stay']
		];
		for (const [screen, step] of cases) expect(backStep(screen), screen.name).toBe(step);
	});
});

describe('links', () => {
	const link = (href: string, target = '', download = false) => ({
		href,
		target,
		hasAttribute: (name: string) => download && name === 'download'
	});

	it('stay inside /kiosk and what is under it', () => {
		expect(isInsideKiosk(new URL('/kiosk', ORIGIN), ORIGIN)).toBe(true);
		expect(isInsideKiosk(new URL('/kiosk/manifest.webmanifest', ORIGIN), ORIGIN)).toBe(true);
		expect(linkLeavesKiosk(link(`${ORIGIN}/kiosk#top`), ORIGIN)).toBe(false);
		expect(linkLeavesKiosk(link(`${ORIGIN}/kiosk`, '_self'), ORIGIN)).toBe(false);
	});

	it('leave for another page, a look-alike path, another site, a new tab or a download', () => {
		expect(linkLeavesKiosk(link(`${ORIGIN}/`), ORIGIN)).toBe(true);
		expect(linkLeavesKiosk(link(`${ORIGIN}/reception`), ORIGIN)).toBe(true);
		expect(linkLeavesKiosk(link(`${ORIGIN}/kiosk-old`), ORIGIN)).toBe(true);
		expect(linkLeavesKiosk(link('https://elsewhere.example/kiosk'), ORIGIN)).toBe(true);
		expect(linkLeavesKiosk(link(`${ORIGIN}/kiosk`, '_blank'), ORIGIN)).toBe(true);
		expect(linkLeavesKiosk(link(`${ORIGIN}/kiosk`, '', true), ORIGIN)).toBe(true);
		expect(linkLeavesKiosk(link('tel:+12125550144'), ORIGIN)).toBe(true);
	});
});
