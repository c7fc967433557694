import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { clientIp } from '$lib/server/http';
import { requireAdmin, siteConfigFor } from '$lib/server/reception-actions';
import { importHistory, importSchedule } from '$lib/server/schedule-import';
import { MAX_UPLOAD_BYTES, fileHash } from '$lib/server/schedule-import/upload';
import type { FileRefusal } from '$lib/schedule-import/report';

/**
 * The schedule import (issue 11), admin only: a check (dry run) first, then the import of
 * exactly the bytes that were checked, which the answer carries back in the confirm form. Plain
 * form posts, so it works before the page has hydrated.
 */

export const load: PageServerLoad = async ({ locals, url }) => {
	const admin = requireAdmin(locals, url);
	const config = siteConfigFor(locals.app, admin);
	return {
		configured: config.import.csv !== undefined,
		history: await importHistory(locals.app.db, admin.siteId)
	};
};

type Event = Parameters<Actions[string]>[0];

interface Refusal {
	reason: FileRefusal;
	columns?: string[];
	detail?: string;
}

const refuse = (refusal: Refusal) => fail(400, { refusal });

async function run(event: Event, fileName: string, bytes: Uint8Array, dryRun: boolean) {
	const admin = requireAdmin(event.locals, event.url);
	const result = await importSchedule(event.locals.app, {
		siteId: admin.siteId,
		fileName,
		bytes,
		dryRun,
		actor: { type: 'staff', id: admin.id, ip: clientIp(event) }
	});
	if (!result.ok) {
		return refuse({ reason: result.reason, columns: result.columns, detail: result.detail });
	}
	return {
		report: result,
		// The checked file goes back in the confirm form, so the import is of what was checked.
		upload: dryRun ? Buffer.from(bytes).toString('base64') : null
	};
}

export const actions: Actions = {
	check: async (event) => {
		requireAdmin(event.locals, event.url);
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) {
			return refuse({ reason: 'empty-file' });
		}
		if (file.size > MAX_UPLOAD_BYTES) {
			return refuse({ reason: 'too-large' });
		}
		return run(event, file.name.slice(0, 200), new Uint8Array(await file.arrayBuffer()), true);
	},
	confirm: async (event) => {
		requireAdmin(event.locals, event.url);
		const form = await event.request.formData();
		const bytes = new Uint8Array(Buffer.from(String(form.get('upload') ?? ''), 'base64'));
		const hash = String(form.get('hash') ?? '');
		if (bytes.byteLength === 0 || fileHash(bytes) !== hash) {
			return refuse({ reason: 'unreadable', detail: 'not the file that was checked' });
		}
		return run(event, String(form.get('fileName') ?? 'export.csv').slice(0, 200), bytes, false);
	}
};
