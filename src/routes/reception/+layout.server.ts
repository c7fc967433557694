import type { LayoutServerLoad } from './$types';
import { receptionLanguage } from '$lib/server/reception-actions';

/** Language for every reception page, the sign-in page included. No guard here: see (desk). */
export const load: LayoutServerLoad = ({ cookies }) => ({ language: receptionLanguage(cookies) });
