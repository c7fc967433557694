import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { createPairingCode, removeDevice, renameDevice } from '$lib/server/devices';
import { deviceHealth } from '$lib/server/device-health';
import { startRepair } from '$lib/server/device-repair';
import { clientIp } from '$lib/server/http';
import { DeviceName, PairingRequest } from '$lib/schemas/staff';
import { requireStaff } from '$lib/server/reception-actions';

export const load: PageServerLoad = async ({ locals, url }) => {
	const staff = requireStaff(locals, url);
	const { app } = locals;
	const lastEventId = app.hub.lastEventId;
	// Kept current in the browser through GET /api/staff/devices (a LiveResource).
	const devices = await deviceHealth(app, staff);
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
			// The kind is a pair of radio buttons: only a hand-made post gets it wrong.
			const nameWrong = parsed.issues.some((issue) => v.getDotPath(issue) === 'name');
			const pairError = nameWrong ? ('name-invalid' as const) : ('invalid-form' as const);
			return fail(400, { kind, name, pairError });
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
		const parsed = v.safeParse(DeviceName, String(form.get('name') ?? ''));
		if (!parsed.success) return fail(400, { deviceId: id, deviceError: 'name-invalid' as const });
		const result = await renameDevice(event.locals.app, staff, id, parsed.output, clientIp(event));
		if (!result.ok)
			return fail(result.reason === 'forbidden' ? 403 : 404, {
				deviceId: id,
				deviceError: result.reason
			});
		return { deviceChange: { outcome: 'renamed' as const, name: parsed.output } };
	},

	// A code for the same name; the device it is for is revoked when the new pairing enrolls.
	repair: async (event) => {
		const staff = requireStaff(event.locals, event.url);
		const id = String((await event.request.formData()).get('id') ?? '');
		const result = await startRepair(event.locals.app, staff, id, clientIp(event));
		if (!result.ok) return fail(404, { deviceId: id, deviceError: result.reason });
		const { code, expiresAt, kind, name } = result;
		return { pairing: { code, expiresAt, kind, name } };
	},

	remove: async (event) => {
		const staff = requireStaff(event.locals, event.url);
		const form = await event.request.formData();
		const id = String(form.get('id') ?? '');
		const result = await removeDevice(event.locals.app, staff, id, clientIp(event));
		if (!result.ok)
			return fail(result.reason === 'forbidden' ? 403 : 404, {
				deviceId: id,
				deviceError: result.reason
			});
		return { deviceChange: { outcome: 'removed' as const, name: result.name } };
	}
};
