import type { Generated } from 'kysely';
import type { AppointmentStatus, ArrivalSource, QueueStatus } from '$lib/queue/types';
import type { EventType } from '$lib/queue/events';
import type { DeviceKind } from '$lib/devices/types';
import type { HelpReason, OpOutcome, SyncOp } from '$lib/schemas/sync';
import type { CardSide, ChangeFieldName, InsuranceChoiceKind } from '$lib/intake/fields';
import type { ImportTable } from './schema-imports';
import type { DeskAppointmentColumns, DeskTables, WalkInColumns } from './schema-desk';
import type { KioskAnalyticsTables } from './schema-kiosk';

/**
 * Times are epoch milliseconds; booleans are 0/1 so both dialects read them the same way.
 * Enum columns are TEXT in both dialects and typed here with the domain's unions, so a write of
 * an unknown status, or a transition table naming one, fails to compile.
 */

export type StaffRole = 'reception' | 'admin';
/** `pending` only while the op's own savepoint is open (src/lib/server/sync.ts). */
export type StoredOpOutcome = 'pending' | OpOutcome;
export type ActorType = 'staff' | 'device' | 'patient' | 'system';

export interface ProviderTable {
	id: string;
	site_id: string;
	name: string;
	ticket_prefix: string;
}

export interface RoomTable {
	id: string;
	site_id: string;
	name: string;
}

export interface PatientTable {
	id: string;
	site_id: string;
	first_name: string;
	last_name: string;
	dob: string;
	phone: string;
	email: string;
	/** Street address; city, region and postal code are their own columns since 005. */
	address: string;
	city: Generated<string>;
	region: Generated<string>;
	postal_code: Generated<string>;
	preferred_language: string;
	emergency_name: Generated<string>;
	emergency_relationship: Generated<string>;
	emergency_phone: Generated<string>;
	/** The practice-management system's id for the patient, when an import created it (010). */
	external_id: string | null;
}

export interface CoverageTable {
	id: string;
	patient_id: string;
	payer: string;
	member_id: string;
	group_number: string;
	relationship: string;
	copay_cents: number;
	verified: number;
	/** The policy holder when the patient is not (relationship other than `self`). */
	holder_name: Generated<string>;
	/** YYYY-MM-DD, or '' */
	holder_dob: Generated<string>;
	/** Set when an accepted change replaced or ended this coverage; the roster skips it. */
	ended_at: number | null;
}

/** With why the desk cancelled it (011, `DeskAppointmentColumns`). */
export interface AppointmentTable extends DeskAppointmentColumns {
	id: string;
	site_id: string;
	site_day: string;
	patient_id: string;
	provider_id: string;
	starts_at: number;
	duration_min: number;
	visit_type: string;
	status: AppointmentStatus;
	/** 128-bit base64url key that only the patient's QR carries. */
	roster_key: string;
	/** The appointment's number in its provider's day: ticket A-017 is prefix A, seq 17. */
	ticket_seq: number;
	updated_at: number;
	/** Wrong birth dates typed for this appointment on any kiosk today; 5 locks it (DESIGN §4). */
	dob_failures: Generated<number>;
	/** The export's own appointment id, when an import created it (010): re-imports upsert by it. */
	external_id: string | null;
}

/** With a walk-in's own patient (011, `WalkInColumns`). */
export interface QueueEntryTable extends WalkInColumns {
	id: string;
	site_id: string;
	site_day: string;
	appointment_id: string | null;
	ticket: string;
	provider_id: string;
	slot_at: number | null;
	duration_min: number;
	arrived_at: number;
	source: ArrivalSource;
	status: QueueStatus;
	called_at: number | null;
	room_id: string | null;
	in_room_at: number | null;
	completed_at: number | null;
	created_by_op: string | null;
}

export interface OpTable {
	op_id: string;
	device_id: string;
	type: SyncOp['type'];
	received_at: number;
	outcome: StoredOpOutcome;
	reason: string | null;
	payload: string;
	resolved_at: number | null;
	resolved_by: string | null;
}

export interface EventTable {
	id: Generated<number>;
	site_id: string;
	type: EventType;
	payload: string;
	created_at: number;
}

export interface DeviceTable {
	id: string;
	site_id: string;
	kind: DeviceKind;
	name: string;
	token_hash: string;
	enrolled_at: number;
	last_seen_at: number | null;
	app_version: string | null;
	pending_count: number;
	oldest_pending_at: number | null;
	dead_letters: number;
	storage_persisted: number | null;
	revoked_at: number | null;
	/** The staff member whose pairing code enrolled it (null for devices paired before 003). */
	paired_by: string | null;
	/** When the current token was issued (009); 0: at enrollment. */
	token_issued_at: Generated<number>;
	/** The token before the current one, honoured until `previous_token_until` (009). */
	previous_token_hash: string | null;
	previous_token_until: number | null;
}

export interface PairingCodeTable {
	code_hash: string;
	site_id: string;
	kind: DeviceKind;
	name: string;
	expires_at: number;
	used_at: number | null;
	created_by: string;
	/** Wrong codes typed anywhere while this one was live; at 5 it is void (since 006). */
	failed_attempts: Generated<number>;
	/** A re-pairing: the device this code's pairing replaces (011); null for a new device. */
	replaces: string | null;
}

export interface ThrottleBucketTable {
	key: string;
	tokens: number;
	updated_at: number;
}

export interface StaffUserTable {
	id: string;
	username: string;
	display_name: string;
	password_hash: string;
	role: StaffRole;
	site_id: string;
	/** When an admin disabled the account (011); null: it may sign in. */
	disabled_at: number | null;
}

export interface SessionTable {
	id_hash: string;
	user_id: string;
	created_at: number;
	expires_at: number;
	/** The user's last request that counts as activity (008); 0: none since `created_at`. */
	last_active_at: Generated<number>;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: number;
	actor_type: ActorType;
	actor_id: string;
	patient_id: string | null;
	action: string;
	detail: string;
	ip: string | null;
}

export interface HelpRequestTable {
	id: string;
	site_id: string;
	device_id: string | null;
	appointment_id: string | null;
	reason: HelpReason;
	created_at: number;
	resolved_at: number | null;
	resolved_by: string | null;
}

export interface SigningKeyTable {
	kid: string;
	private_jwk: string;
	public_jwk: string;
	created_at: number;
	retired_at: number | null;
	/** The latest `exp` (seconds) of a token this key signed (011): it verifies until then. */
	last_exp: number | null;
}

export interface SiteDayTable {
	site_id: string;
	site_day: string;
	lookup_salt: string;
}

/** The kiosk seals patients' edits to this key (ECDH-ES); only the server can open them. */
export interface IntakeKeyTable {
	kid: string;
	private_jwk: string;
	public_jwk: string;
	created_at: number;
	retired_at: number | null;
}

/**
 * `pending` until every field is decided (then `reviewed`); `refused` when the server could not
 * accept what arrived (a field that fails validation): kept, with its reason, for the desk.
 */
export type ChangeStatus = 'pending' | 'reviewed' | 'refused';
export type FieldDecision = 'pending' | 'accepted' | 'rejected';

/** One patient's edits at one kiosk visit. The id is the kiosk's op id. */
export interface ChangeRequestTable {
	id: string;
	site_id: string;
	site_day: string;
	patient_id: string;
	appointment_id: string;
	device_id: string;
	/** On the tablet's clock, when the patient confirmed. */
	created_at: number;
	received_at: number;
	contact_changed: number;
	insurance: InsuranceChoiceKind;
	/** Card photos the kiosk said would follow, as their own ops. */
	photos_expected: number;
	status: ChangeStatus;
	refused_reason: string | null;
	reviewed_at: number | null;
	reviewed_by: string | null;
}

export interface ChangeFieldTable {
	change_id: string;
	field: ChangeFieldName;
	old_value: string;
	new_value: string;
	decision: FieldDecision;
	decided_at: number | null;
	decided_by: string | null;
	note: Generated<string>;
}

export interface CardImageTable {
	id: string;
	change_id: string;
	patient_id: string;
	side: CardSide;
	mime: string;
	bytes: Uint8Array;
	size: number;
	created_at: number;
}

/** With the desk's tables (012, `DeskTables`) and the kiosk's analytics tables (007). */
export interface Database extends DeskTables, KioskAnalyticsTables {
	providers: ProviderTable;
	rooms: RoomTable;
	patients: PatientTable;
	coverages: CoverageTable;
	appointments: AppointmentTable;
	queue_entries: QueueEntryTable;
	ops: OpTable;
	events: EventTable;
	devices: DeviceTable;
	pairing_codes: PairingCodeTable;
	staff_users: StaffUserTable;
	sessions: SessionTable;
	audit_log: AuditLogTable;
	help_requests: HelpRequestTable;
	signing_keys: SigningKeyTable;
	site_days: SiteDayTable;
	intake_keys: IntakeKeyTable;
	change_requests: ChangeRequestTable;
	change_fields: ChangeFieldTable;
	card_images: CardImageTable;
	throttle_buckets: ThrottleBucketTable;
	imports: ImportTable;
}
