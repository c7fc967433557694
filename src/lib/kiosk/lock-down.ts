import { pushState } from '$app/navigation';
import { page } from '$app/state';
import type { KioskApp } from './kiosk-app.svelte';
import { backStep, linkLeavesKiosk } from './lock-down-rules';

/**
 * The kiosk stays put (issue 10): started once the kiosk is paired and ready, loaded then so
 * none of it weighs on the first load (DESIGN §9). Returns its teardown. Pinch zoom and text
 * selection are refused by kiosk.css; this adds what only script can do:
 *
 * - Fullscreen on the first tap, and again on a later tap if the tablet left it (a swipe from the
 *   edge, Esc), unless the site sets `kiosk.fullscreen: false`. Browsers grant it only inside a
 *   tap (user activation: `pointerup` for a finger, `pointerdown`/`keydown` for a mouse or keys),
 *   so it is asked for there, never at start-up. An installed app already fullscreen is left be.
 * - No context menu outside fields (a long press on a word, a picture); inside an input it stays,
 *   so a patient can still paste.
 * - Safari's own pinch (`gesturestart`), which ignores `touch-action`.
 * - No link out of the kiosk: a tap on one to another page, site, tab or download is cancelled.
 * - The browser's back (button, edge swipe) stays in the flow: one history entry of the kiosk's
 *   own sits on top, and going back from it does the screen's Back (lock-down-rules.ts), then
 *   puts the entry back.
 */
export function lockDownKiosk(kiosk: KioskApp): () => void {
	const root = document.documentElement;
	const options = { capture: true } as const;
	const active = { capture: true, passive: false } as const;

	function wantsFullscreen(): boolean {
		return (
			kiosk.site?.kiosk?.fullscreen !== false &&
			document.fullscreenEnabled &&
			!document.fullscreenElement &&
			!matchMedia('(display-mode: fullscreen)').matches
		);
	}

	let asking = false;
	/** Each tap: the browser is willing now, so ask for what needs a tap. */
	function tapped(): void {
		guardHistory();
		if (asking || !wantsFullscreen()) return;
		asking = true;
		root
			.requestFullscreen({ navigationUI: 'hide' })
			.catch(() => {
				// Refused (a policy, no activation after all): the next tap asks again.
			})
			.finally(() => (asking = false));
	}

	function pointerUp(event: PointerEvent): void {
		// A mouse's activation came with its pointerdown, a finger's comes with its pointerup.
		if (event.pointerType !== 'mouse') tapped();
	}

	function pointerDown(event: PointerEvent): void {
		if (event.pointerType === 'mouse') tapped();
	}

	function keyDown(event: KeyboardEvent): void {
		if (event.key !== 'Escape') tapped();
	}

	function contextMenu(event: Event): void {
		const target = event.target;
		if (target instanceof Element && target.closest('input, textarea, [contenteditable]')) return;
		event.preventDefault();
	}

	function gesture(event: Event): void {
		event.preventDefault();
	}

	function click(event: MouseEvent): void {
		const link = event
			.composedPath()
			.find(
				(node): node is HTMLAnchorElement | HTMLAreaElement =>
					(node instanceof HTMLAnchorElement || node instanceof HTMLAreaElement) &&
					node.hasAttribute('href')
			);
		if (link && linkLeavesKiosk(link, location.origin)) event.preventDefault();
	}

	function submit(event: SubmitEvent): void {
		const form = event.target;
		if (!(form instanceof HTMLFormElement)) return;
		const action = event.submitter?.getAttribute('formaction') ?? form.action;
		const target = event.submitter?.getAttribute('formtarget') ?? form.target;
		const leaves = linkLeavesKiosk(
			{ href: action, target, hasAttribute: () => false },
			location.origin
		);
		if (leaves) event.preventDefault();
	}

	/** The kiosk's own history entry, on top of the page's; back lands on the page's. */
	function guardHistory(): void {
		if (!page.state.kioskGuard) pushState('', { kioskGuard: true });
	}

	function popState(): void {
		// Always a step back: each entry added clears what was ahead of it. SvelteKit's listener
		// ran first and set `page.state` to the entry gone back to; after a reload there may be a
		// guard below the guard (SvelteKit starts a reloaded page with an empty state), in which
		// case the entry is already there.
		goBackInFlow();
		guardHistory();
	}

	function goBackInFlow(): void {
		const flow = kiosk.flow;
		const step = backStep(flow.screen);
		if (step === 'start-over') kiosk.resetForNextPatient('cancel');
		else if (step === 'cancel-contact') {
			flow.edits?.cancelContact();
			flow.show('confirm');
		} else if (step === 'cancel-insurance') {
			flow.edits?.cancelInsurance();
			flow.show('confirm');
		} else if (step === 'insurance') flow.show('insurance');
	}

	// Every listener the lock-down holds, added here and removed by the teardown.
	const listeners: [EventTarget, string, EventListener, AddEventListenerOptions?][] = [
		[document, 'pointerup', pointerUp as EventListener, options],
		[document, 'pointerdown', pointerDown as EventListener, options],
		[document, 'keydown', keyDown as EventListener, options],
		[document, 'contextmenu', contextMenu as EventListener, active],
		[document, 'gesturestart', gesture as EventListener, active],
		[document, 'gesturechange', gesture as EventListener, active],
		[document, 'click', click as EventListener, active],
		[document, 'auxclick', click as EventListener, active],
		[document, 'submit', submit as EventListener, active],
		[window, 'popstate', popState as EventListener]
	];
	for (const [target, type, listener, opts] of listeners)
		target.addEventListener(type, listener, opts);
	// Chromium skips, on back, a history entry added with no tap since the page opened; after
	// pairing (a code typed) there has been one, otherwise the first tap adds the entry.
	if (navigator.userActivation?.hasBeenActive) guardHistory();
	root.dataset.lockDown = 'on';

	return () => {
		for (const [target, type, listener, opts] of listeners) {
			target.removeEventListener(type, listener, opts);
		}
		delete root.dataset.lockDown;
	};
}
