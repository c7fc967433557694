import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { clientIp, requireDevice, requireStaffApi } from '$lib/server/http';
import { auditPatientsShown } from '$lib/server/audit';
import type { StreamHolder } from '$lib/server/events/hub';

/**
 * Server-Sent Events for one audience. `Last-Event-ID` (header, or `lastEventId` query for the
 * first connection) resumes exactly after the last event the client saw.
 */
export const GET: RequestHandler = async (event) => {
	const audience = event.url.searchParams.get('audience');
	let siteId: string;
	/** Who holds the stream: it ends the moment the display is removed or the session ends. */
	let holder: Omit<StreamHolder, 'end'>;
	if (audience === 'display') {
		const display = await requireDevice(event, 'display');
		siteId = display.siteId;
		holder = { deviceId: display.id };
	} else if (audience === 'reception') {
		const staff = requireStaffApi(event.locals);
		siteId = staff.siteId;
		const actor = { type: 'staff' as const, id: staff.id, ip: clientIp(event) };
		const { db } = event.locals.app;
		holder = {
			sessionIdHash: event.locals.staffSession?.idHash,
			// Every patient the desk's stream names is on that patient's audit trail.
			shown: (patientIds) => {
				auditPatientsShown(db, actor, 'queue-stream', patientIds).catch((error: unknown) =>
					console.error('audit of a desk stream failed', error)
				);
			}
		};
	} else {
		error(400, { message: 'Choose audience=display or audience=reception.' });
	}
	const raw =
		event.request.headers.get('last-event-id') ?? event.url.searchParams.get('lastEventId');
	const lastEventId = raw !== null && /^\d+$/.test(raw) ? Number(raw) : null;
	const { hub } = event.locals.app;
	let unsubscribe = () => {};
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(new TextEncoder().encode('retry: 2000\n\n'));
			unsubscribe = hub.subscribe(
				siteId,
				audience,
				lastEventId,
				(chunk) => {
					try {
						controller.enqueue(chunk);
					} catch {
						// The client went away between two writes; cancel() below unsubscribes.
						unsubscribe();
					}
				},
				{ ...holder, end: () => controller.close() }
			);
		},
		cancel() {
			unsubscribe();
		}
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			connection: 'keep-alive',
			'x-accel-buffering': 'no'
		}
	});
};
