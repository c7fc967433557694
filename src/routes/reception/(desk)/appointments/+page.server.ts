import type { PageServerLoad } from './$types';
import { clientIp } from '$lib/server/http';
import { todaysAppointments } from '$lib/server/appointments';
import { requireStaff } from '$lib/server/reception-actions';

export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event.locals, event.url);
	const appointments = await todaysAppointments(event.locals.app, staff, clientIp(event));
	// The visit type is clinical: the desk list does not need it on screen.
	return {
		appointments: appointments.map((a) => ({
			id: a.id,
			startsAt: a.startsAt,
			status: a.status,
			ticket: a.ticket,
			providerName: a.providerName,
			patientName: a.patientName
		}))
	};
};
