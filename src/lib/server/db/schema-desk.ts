import type { Generated } from 'kysely';
import type { CancelReason } from '$lib/schemas/desk';

/** The desk's own tables and columns (migration 011, issue 11). */

export interface DeskAppointmentColumns {
	/** Why the desk cancelled it: a `CancelReason` code, and what staff typed beside it. */
	cancel_reason: CancelReason | null;
	cancel_note: Generated<string>;
}

export interface WalkInColumns {
	/** A walk-in's patient; an appointment's entry names its patient through the appointment. */
	patient_id: Generated<string | null>;
}

/** A provider's delay as the desk set it by hand for one site day (011): "20 minutes behind". */
export interface ProviderDelayTable {
	provider_id: string;
	site_day: string;
	site_id: string;
	minutes: number;
	set_by: string;
	set_at: number;
}

/**
 * What one desk action changed, kept so the same staff member can undo it for 30 s (011).
 * `before` is JSON: the rows' earlier state (src/lib/server/desk-undo.ts).
 */
export interface DeskUndoTable {
	id: string;
	site_id: string;
	staff_id: string;
	action: string;
	before: string;
	created_at: number;
	undone_at: number | null;
}

export interface DeskTables {
	provider_delays: ProviderDelayTable;
	desk_undo: DeskUndoTable;
}
