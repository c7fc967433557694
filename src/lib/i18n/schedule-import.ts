import type { Dictionary } from './index';
import type { FileRefusal, RowOutcome, RowProblemCode } from '$lib/schedule-import/report';

/**
 * The schedule import's codes in words, for the admin's import page and `npm run import`.
 * Keys are the codes themselves, so a new code that has no text fails to compile.
 */

type Keys =
	`problem.${RowProblemCode}` | `outcome.${RowOutcome}` | `refusal.${FileRefusal}` | 'notInFile';

export const scheduleImportEn = {
	'problem.missing-appointment-id': 'No appointment id in “{column}”.',
	'problem.missing-patient-id': 'No patient id in “{column}”.',
	'problem.missing-name': 'No name in “{column}”.',
	'problem.missing-birth-date': 'No birth date in “{column}”.',
	'problem.bad-birth-date':
		'The birth date in “{column}” is not a real date in the past, in the set format.',
	'problem.bad-date': 'The date “{value}” in “{column}” is not a real date in the set format.',
	'problem.bad-time': 'The time “{value}” in “{column}” is not a time in the set format.',
	'problem.bad-duration':
		'The length “{value}” in “{column}” is not a number of minutes (1 to 480).',
	'problem.bad-end-time': 'The end time “{value}” in “{column}” is not a time after the start.',
	'problem.missing-provider': 'No provider in “{column}”.',
	'problem.unknown-provider':
		'The provider “{value}” is not one of this site’s; add it to the providers of import.csv (or import.fhir) in the site’s config.',
	'problem.duplicate-in-file':
		'Appointment {value} is already on an earlier line; this line is left out.',
	'problem.hidden-characters': '“{column}” has hidden or control characters.',
	'problem.too-long': '“{column}” is too long.',
	'problem.bad-phone': 'The phone number in “{column}” is not a phone number; it was left empty.',
	'problem.bad-email': 'The email in “{column}” is not an email address; it was left empty.',
	'problem.unknown-language':
		'The language “{value}” is not one this site speaks; the patient’s language was kept.',
	'problem.patient-differs-in-file':
		'Patient {value} has other details on an earlier line; the earlier line’s details were used.',
	'problem.already-arrived':
		'The appointment is already under way at the desk ({value}); the file’s changes were not applied.',
	'problem.invalid-resource':
		'“{column}” does not follow FHIR R4 ({value}); the entry is left out.',
	'problem.unknown-patient':
		'The appointment names no patient that this bundle holds ({value}); it is left out.',
	'problem.not-booked':
		'The appointment is “{value}”, not booked; it is not on the schedule and is left out.',
	'problem.missing-payer': 'The coverage names no payer in “{column}”; it is left out.',
	'problem.unsupported-resource':
		'A {value} is not part of a schedule; the entry was read and left alone.',
	'problem.not-referenced': 'No appointment or coverage in this bundle names this {value}.',
	'problem.unknown-room':
		'The location “{value}” is none of this site’s rooms; rooms are chosen when the patient is called.',
	'problem.coverage-inactive':
		'The coverage is “{value}”, not active; the patient’s coverage was not changed.',
	'problem.secondary-coverage':
		'Patient {value} has a coverage that comes first in this bundle; Front Desk keeps one, that one.',
	'outcome.created': 'new',
	'outcome.updated': 'updated',
	'outcome.cancelled': 'cancelled',
	'outcome.unchanged': 'no change',
	'outcome.skipped': 'left out',
	'outcome.kept': 'kept as it is',
	'outcome.referenced': 'read',
	'refusal.no-such-site': 'There is no site with that id.',
	'refusal.no-mapping':
		'This site has no CSV import set up: add import.csv to its file in kiosk-config/ (kiosk-config/main.json shows one).',
	'refusal.unreadable': 'The file could not be read ({detail}).',
	'refusal.empty-file': 'The file has no appointments: it is empty or has only a header line.',
	'refusal.missing-columns':
		'The file lacks columns the site’s mapping names: {columns}. Check the export or import.csv.columns.',
	'refusal.too-large': 'The file is too large (at most 20 MB).',
	'refusal.not-a-bundle': 'The file is JSON but not a FHIR R4 Bundle ({detail}).',
	'refusal.bundle-type':
		'The Bundle is of type “{detail}”; a schedule comes as a collection, searchset or transaction.',
	notInFile:
		'Appointment {ref} on {day} was imported before and is not in this file. It was not changed; cancel it at the desk if it is gone.'
} satisfies Record<Keys, string>;

export const scheduleImportEs: Dictionary<typeof scheduleImportEn> = {
	'problem.missing-appointment-id': 'No hay número de cita en “{column}”.',
	'problem.missing-patient-id': 'No hay número de paciente en “{column}”.',
	'problem.missing-name': 'No hay nombre en “{column}”.',
	'problem.missing-birth-date': 'No hay fecha de nacimiento en “{column}”.',
	'problem.bad-birth-date':
		'La fecha de nacimiento en “{column}” no es una fecha real pasada en el formato indicado.',
	'problem.bad-date':
		'La fecha “{value}” en “{column}” no es una fecha real en el formato indicado.',
	'problem.bad-time': 'La hora “{value}” en “{column}” no es una hora en el formato indicado.',
	'problem.bad-duration':
		'La duración “{value}” en “{column}” no es un número de minutos (1 a 480).',
	'problem.bad-end-time':
		'La hora de fin “{value}” en “{column}” no es una hora después del inicio.',
	'problem.missing-provider': 'No hay profesional en “{column}”.',
	'problem.unknown-provider':
		'El profesional “{value}” no es de este centro; agréguelo en los providers de import.csv (o import.fhir) de la configuración.',
	'problem.duplicate-in-file':
		'La cita {value} ya está en una línea anterior; esta línea no se importa.',
	'problem.hidden-characters': '“{column}” tiene caracteres ocultos o de control.',
	'problem.too-long': '“{column}” es demasiado largo.',
	'problem.bad-phone': 'El teléfono en “{column}” no es un número de teléfono; se dejó vacío.',
	'problem.bad-email': 'El correo en “{column}” no es una dirección de correo; se dejó vacío.',
	'problem.unknown-language':
		'El idioma “{value}” no es uno de este centro; se mantuvo el idioma del paciente.',
	'problem.patient-differs-in-file':
		'El paciente {value} tiene otros datos en una línea anterior; se usaron los de esa línea.',
	'problem.already-arrived':
		'La cita ya está en curso en recepción ({value}); no se aplicaron los cambios del archivo.',
	'problem.invalid-resource': '“{column}” no sigue FHIR R4 ({value}); la entrada no se importa.',
	'problem.unknown-patient':
		'La cita no nombra a ningún paciente de este paquete ({value}); no se importa.',
	'problem.not-booked':
		'La cita está “{value}”, no reservada; no está en la agenda y no se importa.',
	'problem.missing-payer': 'La cobertura no nombra aseguradora en “{column}”; no se importa.',
	'problem.unsupported-resource':
		'Un recurso {value} no forma parte de una agenda; se leyó y se dejó igual.',
	'problem.not-referenced': 'Ninguna cita ni cobertura de este paquete nombra este {value}.',
	'problem.unknown-room':
		'La ubicación “{value}” no es ninguna sala de este centro; la sala se elige al llamar al paciente.',
	'problem.coverage-inactive':
		'La cobertura está “{value}”, no activa; no se cambió la cobertura del paciente.',
	'problem.secondary-coverage':
		'El paciente {value} tiene una cobertura anterior en este paquete; Front Desk guarda una, esa.',
	'outcome.created': 'nueva',
	'outcome.updated': 'actualizada',
	'outcome.cancelled': 'cancelada',
	'outcome.unchanged': 'sin cambios',
	'outcome.skipped': 'no importada',
	'outcome.kept': 'se mantiene igual',
	'outcome.referenced': 'leída',
	'refusal.no-such-site': 'No hay ningún centro con ese identificador.',
	'refusal.no-mapping':
		'Este centro no tiene la importación CSV configurada: agregue import.csv a su archivo en kiosk-config/ (kiosk-config/main.json tiene un ejemplo).',
	'refusal.unreadable': 'No se pudo leer el archivo ({detail}).',
	'refusal.empty-file':
		'El archivo no tiene citas: está vacío o solo tiene la línea de encabezado.',
	'refusal.missing-columns':
		'Al archivo le faltan columnas que nombra la configuración: {columns}. Revise la exportación o import.csv.columns.',
	'refusal.too-large': 'El archivo es demasiado grande (20 MB como máximo).',
	'refusal.not-a-bundle': 'El archivo es JSON pero no es un Bundle de FHIR R4 ({detail}).',
	'refusal.bundle-type':
		'El Bundle es de tipo “{detail}”; una agenda llega como collection, searchset o transaction.',
	notInFile:
		'La cita {ref} del {day} se importó antes y no está en este archivo. No se cambió; cancélela en recepción si ya no existe.'
};

/** The admin's import page (/admin/import). */
export const importPageEn = {
	navImport: 'Schedule import',
	title: 'Import the schedule',
	intro:
		'Upload the appointment export of your practice system: a CSV file, or a FHIR R4 Bundle (.json). You see what would change first; nothing is written until you confirm.',
	notConfigured:
		'This site has no CSV import set up yet, so only FHIR R4 Bundles (.json) can be imported: add import.csv to its file in kiosk-config/ for CSV files (docs/import.md explains each setting).',
	file: 'Export file (CSV, or FHIR Bundle .json)',
	check: 'Check the file',
	confirm: 'Import these changes',
	checked: 'Checked {file}: nothing has been written yet.',
	imported: 'Imported {file}.',
	summary:
		'{rows} rows: {created} new, {updated} updated, {cancelled} cancelled, {unchanged} unchanged, {kept} kept, {skipped} left out; {notInFile} not in this file.',
	line: 'Line',
	entry: 'Entry',
	resource: 'Resource',
	coverages: 'Coverages: {created} new, {updated} updated.',
	appointment: 'Appointment',
	outcome: 'Result',
	details: 'Details',
	notInFileTitle: 'Imported before, not in this file',
	historyTitle: 'Earlier imports',
	historyEmpty: 'Nothing has been imported yet.',
	when: 'When',
	who: 'Who',
	days: 'Days'
};

export const importPageEs: Dictionary<typeof importPageEn> = {
	navImport: 'Importar agenda',
	title: 'Importar la agenda',
	intro:
		'Suba la exportación de citas de su sistema: un archivo CSV o un Bundle de FHIR R4 (.json). Primero verá lo que cambiaría; no se guarda nada hasta que lo confirme.',
	notConfigured:
		'Este centro aún no tiene la importación CSV configurada, así que solo se pueden importar Bundles de FHIR R4 (.json): agregue import.csv a su archivo en kiosk-config/ para archivos CSV (docs/import.md explica cada opción).',
	file: 'Archivo exportado (CSV, o Bundle FHIR .json)',
	check: 'Revisar el archivo',
	confirm: 'Importar estos cambios',
	checked: 'Se revisó {file}: todavía no se guardó nada.',
	imported: 'Se importó {file}.',
	summary:
		'{rows} filas: {created} nuevas, {updated} actualizadas, {cancelled} canceladas, {unchanged} sin cambios, {kept} sin tocar, {skipped} no importadas; {notInFile} no están en este archivo.',
	line: 'Línea',
	entry: 'Entrada',
	resource: 'Recurso',
	coverages: 'Coberturas: {created} nuevas, {updated} actualizadas.',
	appointment: 'Cita',
	outcome: 'Resultado',
	details: 'Detalles',
	notInFileTitle: 'Importadas antes, no están en este archivo',
	historyTitle: 'Importaciones anteriores',
	historyEmpty: 'Todavía no se ha importado nada.',
	when: 'Cuándo',
	who: 'Quién',
	days: 'Días'
};
