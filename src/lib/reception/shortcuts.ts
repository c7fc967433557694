/**
 * The desk's keyboard shortcuts (issue 11): one letter, no modifier, never while typing in a
 * field, so a receptionist's hands stay on the keyboard between patients. Each page lists its
 * shortcuts on screen (`Shortcuts.svelte`) and mounts them with this attachment.
 */
export interface Shortcut {
	/** The key as `KeyboardEvent.key` gives it: "/", "w", "u". */
	key: string;
	run: () => void;
}

function typing(target: EventTarget | null): boolean {
	if (!(target instanceof HTMLElement)) return false;
	return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Listens on the window while `node` is mounted; returns the teardown. */
export function shortcuts(list: () => readonly Shortcut[]) {
	return (node: HTMLElement) => {
		const window = node.ownerDocument.defaultView;
		if (!window) return;
		const onKey = (event: KeyboardEvent) => {
			if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
			if (typing(event.target)) return;
			const shortcut = list().find((s) => s.key === event.key.toLowerCase());
			if (!shortcut) return;
			event.preventDefault();
			shortcut.run();
		};
		window.addEventListener('keydown', onKey);
		return () => window.removeEventListener('keydown', onKey);
	};
}
