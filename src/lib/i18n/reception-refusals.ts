import type { Dictionary } from './index';
import type { StaffRefusal } from '$lib/schemas/staff';

/**
 * Why the server refused a staff command: it answers a code (`StaffRefusal`), worded here as
 * `refusal_<code>`. The English is also the `message` the JSON API sends for scripts and logs.
 */
export const refusalsEn = {
	'refusal_not-in-queue': 'That ticket is not in today’s queue.',
	'refusal_no-room': 'Choose a room to call the patient to.',
	'refusal_already-waiting': 'This ticket is already waiting; refresh the list.',
	'refusal_already-called': 'This ticket is already called; refresh the list.',
	'refusal_already-in-room': 'This ticket is already in the room; refresh the list.',
	'refusal_already-completed': 'This ticket is already completed; refresh the list.',
	'refusal_already-removed': 'This ticket is already removed from the queue; refresh the list.',
	'refusal_help-already-answered': 'That request was already answered.',
	'refusal_dead-letter-already-resolved': 'That item was already resolved.',
	'refusal_no-such-appointment': 'No such appointment at this site.',
	'refusal_not-booked': 'Only a booked appointment can be cancelled; this one has moved on.',
	'refusal_invalid-form': 'That button is not valid any more. Reload the page.',
	/** An answer without a code we know (a proxy's error page): its HTTP status. */
	refusal_other: 'The server refused it ({reason}).'
} satisfies Record<`refusal_${StaffRefusal}` | 'refusal_other', string>;

export const refusalsEs: Dictionary<typeof refusalsEn> = {
	'refusal_not-in-queue': 'Ese turno no está en la fila de hoy.',
	'refusal_no-room': 'Elija una sala a la que llamar al paciente.',
	'refusal_already-waiting': 'Este turno ya está en espera; actualice la lista.',
	'refusal_already-called': 'Este turno ya fue llamado; actualice la lista.',
	'refusal_already-in-room': 'Este turno ya está en la sala; actualice la lista.',
	'refusal_already-completed': 'Este turno ya terminó; actualice la lista.',
	'refusal_already-removed': 'Este turno ya salió de la fila; actualice la lista.',
	'refusal_help-already-answered': 'Esa solicitud ya fue atendida.',
	'refusal_dead-letter-already-resolved': 'Eso ya fue resuelto.',
	'refusal_no-such-appointment': 'No existe esa cita en esta clínica.',
	'refusal_not-booked': 'Solo se puede cancelar una cita reservada; esta ya avanzó.',
	'refusal_invalid-form': 'Ese botón ya no es válido. Vuelva a cargar la página.',
	refusal_other: 'El servidor lo rechazó ({reason}).'
};
