import type { Dictionary } from './index';
import type { StaffRefusal } from '$lib/schemas/staff';

/**
 * Why the server refused a staff command: it answers a code (`StaffRefusal`), worded here as
 * `refusal_<code>`; `{ticket}` is the row's ticket on the desk. The English is also the `message` the
 * JSON API sends for scripts and logs (there with "This ticket").
 */
export const refusalsEn = {
	'refusal_not-in-queue': '{ticket} is not in today’s queue any more.',
	'refusal_no-room': 'Choose a room to call {ticket} to.',
	'refusal_already-waiting': '{ticket} is already waiting.',
	'refusal_already-called': '{ticket} is already called. The list now shows where.',
	'refusal_already-in-room': '{ticket} is already in the room.',
	'refusal_already-completed': '{ticket} is already completed.',
	'refusal_already-removed': '{ticket} is no longer in the queue.',
	'refusal_help-already-answered': 'Someone already answered that help request.',
	'refusal_dead-letter-already-resolved': 'Someone already resolved that check-in.',
	'refusal_no-such-appointment': 'No such appointment at this site.',
	'refusal_not-booked': 'Only a booked appointment can be cancelled; this one has moved on.',
	'refusal_change-not-found': 'That change request is not in this clinic’s list.',
	'refusal_change-already-reviewed': 'Someone already finished reviewing these changes.',
	'refusal_field-already-decided':
		'Someone already decided one of these fields. The list now shows their decision.',
	'refusal_nothing-decided': 'Choose Accept or Reject for at least one field, then save.',
	'refusal_fields-still-pending': 'Decide every field first, then mark it as reviewed.',
	'refusal_invalid-form': 'That button is not valid any more. Reload the page.',
	'refusal_not-today': 'That appointment is not today. Only today’s patients can check in.',
	'refusal_already-checked-in': 'This patient is already checked in. The queue shows their ticket.',
	'refusal_appointment-cancelled': 'That appointment was cancelled. Register a walk-in instead.',
	'refusal_appointment-completed': 'That visit is already completed.',
	'refusal_no-such-provider': 'Choose a provider from the list.',
	'refusal_undo-expired': 'It is too late to undo that (30 seconds have passed, or it was undone).',
	'refusal_undo-not-last': 'Only your last action can be undone.',
	'refusal_undo-outdated': 'That cannot be undone: someone has moved this patient on since.',
	/** An answer without a code we know (a proxy's error page): its HTTP status. */
	refusal_other: 'The server refused it ({reason}).'
} satisfies Record<`refusal_${StaffRefusal}` | 'refusal_other', string>;

export const refusalsEs: Dictionary<typeof refusalsEn> = {
	'refusal_not-in-queue': '{ticket} ya no está en la fila de hoy.',
	'refusal_no-room': 'Elija una sala para llamar a {ticket}.',
	'refusal_already-waiting': '{ticket} ya está en espera.',
	'refusal_already-called': '{ticket} ya fue llamado. La lista muestra adónde.',
	'refusal_already-in-room': '{ticket} ya está en la sala.',
	'refusal_already-completed': '{ticket} ya terminó.',
	'refusal_already-removed': '{ticket} ya no está en la fila.',
	'refusal_help-already-answered': 'Alguien ya atendió esa solicitud de ayuda.',
	'refusal_dead-letter-already-resolved': 'Alguien ya resolvió ese registro.',
	'refusal_no-such-appointment': 'No existe esa cita en esta clínica.',
	'refusal_not-booked': 'Solo se puede cancelar una cita reservada; esta ya avanzó.',
	'refusal_change-not-found': 'Esa solicitud de cambios no está en la lista de esta clínica.',
	'refusal_change-already-reviewed': 'Alguien ya terminó de revisar estos cambios.',
	'refusal_field-already-decided':
		'Alguien ya decidió uno de estos datos. La lista ahora muestra su decisión.',
	'refusal_nothing-decided': 'Elija Aceptar o Rechazar en al menos un dato y guarde.',
	'refusal_fields-still-pending': 'Decida primero cada dato y luego márquelo como revisado.',
	'refusal_invalid-form': 'Ese botón ya no es válido. Vuelva a cargar la página.',
	'refusal_not-today': 'Esa cita no es hoy. Solo los pacientes de hoy pueden registrarse.',
	'refusal_already-checked-in': 'Este paciente ya está registrado. La fila muestra su turno.',
	'refusal_appointment-cancelled': 'Esa cita fue cancelada. Regístrelo como paciente sin cita.',
	'refusal_appointment-completed': 'Esa visita ya terminó.',
	'refusal_no-such-provider': 'Elija un profesional de la lista.',
	'refusal_undo-expired': 'Ya es tarde para deshacerlo (pasaron 30 segundos, o ya se deshizo).',
	'refusal_undo-not-last': 'Solo se puede deshacer su última acción.',
	'refusal_undo-outdated': 'No se puede deshacer: alguien ya movió a este paciente.',
	refusal_other: 'El servidor lo rechazó ({reason}).'
};
