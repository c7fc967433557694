import type { Screen } from './screens';

/**
 * What keeps a patient inside the kiosk (issue 10), as rules with no DOM: the browser's back
 * gesture mapped onto the flow, and which links may be followed. `lock-down.ts` applies them.
 */

/**
 * The browser's back on each screen does what the screen's own Back button does, and nothing
 * where it has none. Before the patient is known that is starting over (their Back and "Start
 * over" buttons do the same); an edit screen goes back to the confirmation without its changes
 * (its Cancel); the card camera goes back to the insurance form. The confirmation, the ticket and
 * the other last screens have no Back: a stray swipe must not throw a patient's visit away, and
 * those screens' own Done and the idle reset already bring the next patient to Welcome.
 */
export type BackStep = 'stay' | 'start-over' | 'cancel-contact' | 'cancel-insurance' | 'insurance';

export function backStep(screen: Screen): BackStep {
	switch (screen.name) {
		case 'scan':
		case 'lookup':
		case 'initial':
		case 'dob':
			return 'start-over';
		case 'contact':
			return 'cancel-contact';
		case 'insurance':
			return 'cancel-insurance';
		case 'card':
			return 'insurance';
		default:
			return 'stay';
	}
}

/** The kiosk's own paths: `/kiosk` and what is under it (its manifest), nothing beside it. */
export function isInsideKiosk(url: URL, origin: string): boolean {
	return url.origin === origin && (url.pathname === '/kiosk' || url.pathname.startsWith('/kiosk/'));
}

interface LinkLike {
	href: string;
	target: string;
	hasAttribute(name: string): boolean;
}

/**
 * Whether following `link` would take the patient out of the kiosk: another page or site, a new
 * tab or window, a download. A link to a place inside the kiosk (a `#` on the same page) stays.
 */
export function linkLeavesKiosk(link: LinkLike, origin: string): boolean {
	if (link.hasAttribute('download')) return true;
	if (link.target && link.target !== '_self') return true;
	let url: URL;
	try {
		url = new URL(link.href, origin);
	} catch {
		// An address the browser cannot read goes nowhere useful: refuse it.
		return true;
	}
	return !isInsideKiosk(url, origin);
}
