import type { SubmitFunction } from '@sveltejs/kit';

export interface DeskFormsOptions {
	/** Whether the event stream is live: then the change arrives by itself. */
	isLive: () => boolean;
	/** Without a live stream the change would not come: fetch the new state instead. */
	catchUp: () => Promise<unknown>;
	/** After each answer has been applied (the page moves the keyboard focus to it). */
	onSettled: () => void;
}

/**
 * How the desk's forms post once the page is live (`use:enhance={forms.submit('entryId')}`).
 * Each form is a named form action that also works without JavaScript; enhanced, its answer is
 * applied as the page's `form` without reloading the page's data: the change itself comes over
 * the event stream, like everyone else's, so a busy desk does not refetch on every click (and a
 * refetch cut by a restart cannot land on SvelteKit's error page).
 */
export class DeskForms {
	/** The row whose form is on its way: its buttons wait instead of posting twice. */
	#busyId = $state<string | null>(null);
	/** The last post did not reach the server (or it failed): say so at the top. */
	#unreachable = $state(false);
	readonly #options: DeskFormsOptions;

	constructor(options: DeskFormsOptions) {
		this.#options = options;
	}

	get busyId(): string | null {
		return this.#busyId;
	}

	get unreachable(): boolean {
		return this.#unreachable;
	}

	/** The enhance callback for forms that name their row in the field `idField`. */
	submit(idField: string): SubmitFunction {
		return ({ formData, cancel }) => {
			const id = String(formData.get(idField) ?? '');
			if (this.#busyId === id) return cancel();
			this.#busyId = id;
			this.#unreachable = false;
			return async ({ result, update }) => {
				this.#busyId = null;
				// A network failure or a server error: the page stays as it is, with a message.
				if (result.type === 'error') this.#unreachable = true;
				// A refusal or a success becomes `form`; a redirect (signed out) is followed.
				else await update({ invalidateAll: false, reset: false });
				if (result.type === 'success' && !this.#options.isLive()) await this.#options.catchUp();
				this.#options.onSettled();
			};
		};
	}
}
