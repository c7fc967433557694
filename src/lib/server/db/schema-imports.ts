/** As `ActorType` in ./schema.ts (not imported from there: schema.ts imports this file). */
type ActorType = 'staff' | 'device' | 'patient' | 'system';

/** One schedule file that was imported (010): who, when, its counts and its per-row report. */
export interface ImportTable {
	id: string;
	site_id: string;
	kind: 'csv' | 'fhir';
	file_name: string;
	/** SHA-256 of the file's bytes, hex. */
	file_hash: string;
	created_at: number;
	actor_type: ActorType;
	actor_id: string;
	day_from: string | null;
	day_to: string | null;
	/** JSON: `ImportCounts`. */
	counts: string;
	/** JSON: `{ rows: RowReport[], notInFile: MissingAppointment[] }`. */
	report: string;
}
