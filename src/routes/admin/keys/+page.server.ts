import type { Actions, PageServerLoad } from './$types';
import { clientIp } from '$lib/server/http';
import { requireAdmin } from '$lib/server/reception-actions';
import { rotateSigningKey, signingKeys } from '$lib/server/signing-keys';

/** The keys that sign check-in letters (issue 11), admin only; rotation is one plain form post. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireAdmin(locals, url);
	return { keys: await signingKeys(locals.app.db) };
};

export const actions: Actions = {
	rotate: async (event) => {
		const admin = requireAdmin(event.locals, event.url);
		const { app } = event.locals;
		const actor = { type: 'staff' as const, id: admin.id, ip: clientIp(event) };
		const { kid, previous } = await rotateSigningKey(app.db, actor, app.signer);
		return { rotated: { kid, previous: previous?.kid ?? null } };
	}
};
