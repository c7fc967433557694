import type { ReceptionI18n } from './i18n';
import { refusalText } from './reasons';

/** What a desk action answered (`done` or `refused` in a page's `form`), in the staff's words. */

export interface DeskAnswer {
	done?: { action: string; id: string; who?: string; ticket?: string; undoId?: string; at: number };
	refused?: { id: string; reason: string };
}

export function deskOutcome(
	form: DeskAnswer | null | undefined,
	i18n: ReceptionI18n,
	nameOf: (id: string) => string
): { message: string | null; refusal: string | null; undoId: string | null; at: number } {
	const none = { message: null, refusal: null, undoId: null, at: 0 };
	if (form?.refused) return { ...none, refusal: refusalText(form.refused.reason, i18n) };
	const done = form?.done;
	if (!done) return none;
	const values = { name: done.who ?? nameOf(done.id), ticket: done.ticket ?? '' };
	const key =
		done.action === 'checkin'
			? 'did_checkin'
			: done.action === 'no-show'
				? 'did_no-show'
				: done.action === 'cancel'
					? 'did_cancel'
					: done.action === 'walk-in'
						? 'did_walk-in'
						: done.action === 'delay'
							? 'did_delay'
							: 'did_undo';
	return { ...none, message: i18n.t(key, values), undoId: done.undoId ?? null, at: done.at };
}
