/**
 * What the desk reads of patients' change requests (src/lib/intake/): the review list, the
 * patient view, and `GET /api/staff/change-requests`. Plain data; the server builds it
 * (src/lib/server/change-list.ts) and the reception pages word it.
 */
import type { CardSide, ChangeFieldName, InsuranceChoiceKind } from '$lib/intake/fields';
import type { AppointmentStatus, QueueStatus } from './types';

export type ChangeRequestStatus = 'pending' | 'reviewed' | 'refused';
export type FieldDecisionView = 'pending' | 'accepted' | 'rejected';

export interface ChangeFieldView {
	field: ChangeFieldName;
	old: string;
	new: string;
	decision: FieldDecisionView;
	/** Staff's optional note; for a refused request, the server's `FieldProblem` code. */
	note: string;
	decidedAt: number | null;
	/** The staff member's name; 'server' for a field the server refused. */
	decidedBy: string | null;
}

export interface CardPhotoView {
	id: string;
	side: CardSide;
	size: number;
}

export interface ChangeRequestView {
	id: string;
	status: ChangeRequestStatus;
	receivedAt: number;
	deviceName: string | null;
	insurance: InsuranceChoiceKind;
	/** Card photos the kiosk said would follow; fewer in `photos` while they are on their way. */
	photosExpected: number;
	patient: { id: string; name: string; dob: string };
	appointment: { id: string; ticket: string; startsAt: number; providerName: string } | null;
	fields: ChangeFieldView[];
	photos: CardPhotoView[];
	/** For a refused request: `field:problem` pairs, as the server wrote them. */
	refusedReason: string | null;
	/** Reviewed (or, for a refused one, marked as handled): when and by whom. */
	reviewedAt: number | null;
	reviewedBy: string | null;
}

/** The review page's list: what still needs someone, then what was done today. */
export interface ChangeReviewList {
	requests: ChangeRequestView[];
	/** Pending requests: the count beside the desk's "Changes" link. */
	pendingCount: number;
}

export interface CoverageView {
	id: string;
	payer: string;
	memberId: string;
	groupNumber: string;
	relationship: string;
	holderName: string;
	holderDob: string;
	copayCents: number;
	verified: boolean;
	endedAt: number | null;
}

export interface VisitView {
	appointmentId: string;
	ticket: string;
	startsAt: number;
	providerName: string;
	status: AppointmentStatus;
	/** The queue entry's moments, when the patient checked in today. */
	queue: {
		status: QueueStatus;
		source: string;
		arrivedAt: number;
		calledAt: number | null;
		roomName: string | null;
		inRoomAt: number | null;
		completedAt: number | null;
	} | null;
}

/** What staff see of one patient at /reception/patients/[id]. */
export interface PatientRecordView {
	id: string;
	firstName: string;
	lastName: string;
	dob: string;
	contact: {
		phone: string;
		email: string;
		address: string;
		city: string;
		region: string;
		postalCode: string;
		preferredLanguage: string;
		emergencyName: string;
		emergencyRelationship: string;
		emergencyPhone: string;
	};
	coverage: CoverageView | null;
	/** Coverages an accepted change ended or replaced, newest first. */
	pastCoverages: CoverageView[];
	/** The card photos sent with the accepted change that started the current coverage. */
	cardPhotos: CardPhotoView[];
	visits: VisitView[];
	changes: ChangeRequestView[];
}
