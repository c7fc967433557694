// The kiosk flow's shapes, shared by the flow (flow.svelte.ts) and its lazily loaded steps
// (visit-steps.ts) without either importing the other's code.
import type { Jwks } from '$lib/check-in-token';
import type { JWK } from 'jose';
import type { PublicSiteConfig } from '$lib/schemas/site-config';
import type { VisitEdits } from './edits.svelte';
import type { Screen } from './screens';

export interface KioskContext {
	site: PublicSiteConfig;
	jwks: Jwks;
	/** What the kiosk seals patients' edits to; null when the server has not sent one. */
	intakeKey: JWK | null;
	/** The patient is known: the kiosk speaks their language, if the site has it. */
	preferLanguage?: (language: string) => void;
}

/** What the visit's steps (visit-steps.ts) may read and change of the flow. */
export interface FlowState {
	screen: Screen;
	readonly visit: number;
	edits: VisitEdits | null;
}
