import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { createPairingCode, removeDevice, renameDevice } from '$lib/server/devices';
import { clientIp } from '$lib/server/http';
import { deviceHealth } from '$lib/server/reception';
import { PairingRequest } from '$lib/schemas/staff';
import { describeIssues } from '$lib/schemas/sync';
import { requireStaff } from '$lib/server/reception-actions';
import type { DeviceHealthView } from '$lib/reception/types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const staff = requireStaff(locals, url);
	const { app } = locals;
	const lastEventId = app.hub.lastEventId;
	// Kept current in the browser through GET /api/staff/devices (a LiveResource).
	const devices: DeviceHealthView[] = await deviceHealth(app, staff);
	return {
		devices,
		lastEventId,
		// What a tablet or TV on the clinic network types in: the same base as the QR codes.
		baseUrl: app.publicBaseUrl
	};
};

export const actions: Actions = {
	pair: async ({ locals, url, request }) => {
		const staff = requireStaff(locals, url);
		const form = await request.formData();
		const kind = String(form.get('kind') ?? '');
		const name = String(form.get('name') ?? '');
		const parsed = v.safeParse(PairingRequest, { kind, name });
		if (!parsed.success) {
			return fail(400, { kind, name, message: describeIssues(parsed.issues) });
		}
		const { code, expiresAt } = await createPairingCode(
			locals.app.db,
			staff,
			parsed.output.kind,
			parsed.output.name
		);
		return { pairing: { code, expiresAt, kind: parsed.output.kind, name: parsed.output.name } };
	},

	// Rename and remove are plain form posts: they work before the page's JavaScript runs.
	rename: async (event) => {
		const staff = requireStaff(event.locals, event.url);
		const form = await event.request.formData();
		const id = String(form.get('id') ?? '');
		const parsed = v.safeParse(PairingRequest.entries.name, String(form.get('name') ?? ''));
		if (!parsed.success) return fail(400, { deviceId: id, deviceError: 'name-invalid' as const });
		const { app } = event.locals;
		const result = await renameDevice(
			app.db,
			app.dialect,
			staff,
			id,
			parsed.output,
			clientIp(event)
		);
		if (!result.ok)
			return fail(result.reason === 'forbidden' ? 403 : 404, {
				deviceId: id,
				deviceError: result.reason
			});
		app.hub.notify();
		return { deviceChange: { outcome: 'renamed' as const, name: parsed.output } };
	},

	remove: async (event) => {
		const staff = requireStaff(event.locals, event.url);
		const form = await event.request.formData();
		const id = String(form.get('id') ?? '');
		const { app } = event.locals;
		const result = await removeDevice(app.db, app.dialect, staff, id, clientIp(event));
		if (!result.ok)
			return fail(result.reason === 'forbidden' ? 403 : 404, {
				deviceId: id,
				deviceError: result.reason
			});
		app.hub.notify();
		return { deviceChange: { outcome: 'removed' as const, name: result.name } };
	}
};
