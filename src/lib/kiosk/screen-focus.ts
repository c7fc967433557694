/**
 * Kiosk-wide screen-reader and keyboard support, done once for every screen so a screen only
 * needs an `h1` (and `.kiosk-error` / `aria-invalid` for its errors) to get it:
 *
 * - after a screen change, focus moves to the new screen's `h1` and a polite live region reads
 *   its text; screens load lazily, so this waits for the heading to appear in the DOM;
 * - when the focused control is removed by a re-render (a form rebuilt after a wrong answer) or
 *   disabled (a button while the kiosk searches), focus goes to the heading, not the page body;
 * - every `.kiosk-error` on screen is tied to the screen's `aria-invalid="true"` fields through
 *   `aria-describedby`, so a screen reader reads the error with the field.
 */
export class ScreenFocus {
	#root: HTMLElement | null = null;
	#pending = false;
	#lastFocused: Element | null = null;
	readonly #announce: (text: string) => void;

	constructor(announce: (text: string) => void) {
		this.#announce = announce;
	}

	/** Attachment for the element the screens render into; returns its teardown. */
	attach = (root: HTMLElement) => {
		this.#root = root;
		const observer = new MutationObserver(() => this.#settle());
		observer.observe(root, {
			childList: true,
			subtree: true,
			attributes: true,
			attributeFilter: ['aria-invalid', 'aria-describedby', 'disabled']
		});
		const remember = (event: FocusEvent) => (this.#lastFocused = event.target as Element);
		root.addEventListener('focusin', remember);
		this.#settle();
		return () => {
			observer.disconnect();
			root.removeEventListener('focusin', remember);
			this.#root = null;
		};
	};

	/** Call when the flow shows a different screen (not when the same screen re-renders). */
	screenChanged(): void {
		this.#pending = true;
		this.#settle();
	}

	#settle() {
		const root = this.#root;
		if (!root) return;
		linkErrors(root);
		const heading = root.querySelector('h1');
		if (!heading) return;
		if (this.#pending) {
			this.#pending = false;
			focusHeading(heading, false);
			this.#announce(heading.textContent?.trim() ?? '');
		} else if (this.#lastFocused && lostFocus()) {
			// The control the patient was on is gone or disabled (a button while searching):
			// stay on this screen, at its top, rather than on the page body.
			focusHeading(heading, true);
		}
	}
}

/**
 * Focus was on this screen and is now on the page body: its control was removed or disabled.
 * (Chrome moves focus off a disabled button at the next frame, after this observer ran, so the
 * next change on screen, such as the answer to a search, is when this is seen.)
 */
function lostFocus(): boolean {
	return document.activeElement === document.body || document.activeElement === null;
}

function focusHeading(heading: HTMLElement, preventScroll: boolean) {
	// A heading is not a control: it takes focus from script only, never from Tab.
	if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
	heading.focus({ preventScroll });
}

let errorIds = 0;
/** The error ids this module added to a field, so it removes exactly those again. */
const ADDED = 'data-kiosk-errors';

/** Ties each visible `.kiosk-error` to the invalid fields of its screen (idempotent). */
export function linkErrors(root: HTMLElement): void {
	const errors = Array.from(root.querySelectorAll<HTMLElement>('.kiosk-error'));
	for (const error of errors) if (!error.id) error.id = `kiosk-error-${++errorIds}`;
	const current = errors.map((e) => e.id);
	for (const field of root.querySelectorAll<HTMLElement>('[aria-invalid]')) {
		const added = (field.getAttribute(ADDED) ?? '').split(' ').filter(Boolean);
		const own = tokens(field.getAttribute('aria-describedby')).filter((id) => !added.includes(id));
		const linked = field.getAttribute('aria-invalid') === 'true' ? current : [];
		const next = [...new Set([...linked, ...own])].join(' ');
		// Only write on change: the observer watches this attribute (a screen may set it too).
		if ((field.getAttribute('aria-describedby') ?? '') !== next) {
			if (next) field.setAttribute('aria-describedby', next);
			else field.removeAttribute('aria-describedby');
		}
		const ours = linked.filter((id) => !own.includes(id)).join(' ');
		if (ours) field.setAttribute(ADDED, ours);
		else field.removeAttribute(ADDED);
	}
}

function tokens(value: string | null): string[] {
	return (value ?? '').split(/\s+/).filter(Boolean);
}
