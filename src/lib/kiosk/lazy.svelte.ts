/**
 * A module loaded on first use (a screen's component, for one), held once loaded. Used in place
 * of `{#await import('./X.svelte') then …}` for what mounts again with every visit: in Svelte
 * 5.57 each resolution of an `{#await}` block writes its value's source from inside the block's
 * effect but outside any effect run, and that source is pushed onto the runtime's module-level
 * list of "untracked writes", which nothing empties at the top level. The kiosk lost three such
 * sources a visit for good (the soak, docs/decisions.md, "The soak's last leak"). Here the value
 * is written from a plain promise callback, with no effect active, and read synchronously once
 * loaded: no `{#await}`, nothing kept per mount.
 */
export class Lazy<T> {
	#value = $state.raw<T | null>(null);
	#loading: Promise<void> | null = null;

	constructor(private readonly load: () => Promise<T>) {}

	/**
	 * The module, or null while it loads (the first read starts the load). A load that fails is
	 * tried again at the next read, and its rejection is left unhandled, as an `{#await}` without
	 * a `{:catch}` leaves it: the kiosk's recovery (recovery.svelte.ts) starts over.
	 */
	get current(): T | null {
		if (this.#value === null && this.#loading === null) {
			this.#loading = this.load().then(
				(value) => {
					this.#value = value;
				},
				(error: unknown) => {
					this.#loading = null;
					throw error;
				}
			);
		}
		return this.#value;
	}
}
