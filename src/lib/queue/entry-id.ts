/**
 * A queue entry's id, made from the op that created it. The display and every stream see it, so
 * it says nothing of the appointment (whose id is a check-in token's subject) or the patient: it
 * is the op id's random part (74 random bits keep it unique), without the op's time.
 */
export function queueEntryId(opId: string): string {
	return `q-${opId.replace(/-/g, '').slice(-20)}`;
}
