import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { reviewList } from '$lib/server/change-list';
import { acknowledgeChange, decideFields } from '$lib/server/change-review';
import { clientIp } from '$lib/server/http';
import { requireStaff, staffRefusal } from '$lib/server/reception-actions';
import {
	ChangeAcknowledgeRequest,
	ChangeDecisionRequest,
	type StaffRefusal
} from '$lib/schemas/staff';

export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event.locals, event.url);
	const { app } = event.locals;
	// Read before the list: the stream resumes right after what the list already includes.
	const lastEventId = app.hub.lastEventId;
	// Kept current in the browser through GET /api/staff/change-requests (a LiveResource).
	const list = await reviewList(app, staff, clientIp(event));
	return { list, lastEventId };
};

/**
 * A change request's form: one radio pair per field (`decision.<field>`: accepted | rejected)
 * and an optional `note.<field>`. Fields left without a choice stay pending.
 */
function decisionsFrom(form: FormData) {
	const decisions = [];
	for (const [key, value] of form) {
		if (!key.startsWith('decision.') || (value !== 'accepted' && value !== 'rejected')) continue;
		const field = key.slice('decision.'.length);
		decisions.push({ field, decision: value, note: String(form.get(`note.${field}`) ?? '') });
	}
	return decisions;
}

/** Works without JavaScript (a plain post and the page back), enhanced once the page is live. */
export const actions: Actions = {
	decide: async (event) => {
		const staff = requireStaff(event.locals, event.url);
		const form = await event.request.formData();
		const changeId = String(form.get('changeId') ?? '');
		const decisions = decisionsFrom(form);
		if (decisions.length === 0) return fail(400, refused(changeId, 'nothing-decided'));
		const parsed = v.safeParse(ChangeDecisionRequest, { changeId, decisions });
		if (!parsed.success) return fail(400, refused(changeId, 'invalid-form'));
		const result = await decideFields(event.locals.app, staff, parsed.output, clientIp(event));
		if (!result.ok) return fail(409, refused(changeId, result.reason));
		return { decided: { changeId, count: decisions.length } };
	},

	handled: async (event) => {
		const staff = requireStaff(event.locals, event.url);
		const form = await event.request.formData();
		const parsed = v.safeParse(ChangeAcknowledgeRequest, { changeId: form.get('changeId') });
		if (!parsed.success) return fail(400, refused('', 'invalid-form'));
		const { changeId } = parsed.output;
		const result = await acknowledgeChange(event.locals.app, staff, changeId, clientIp(event));
		if (!result.ok) return fail(409, refused(changeId, result.reason));
		return { handled: { changeId } };
	}
};

/** Which request, and the code the page words beside it (`message`: the English, for logs). */
function refused(id: string, reason: StaffRefusal) {
	return { refused: { id, reason, message: staffRefusal(reason).message } };
}
