import type { App as FrontDeskApp } from '$lib/server/app';
import type { StaffSession, StaffUser } from '$lib/server/auth';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
		}
		interface Locals {
			app: FrontDeskApp;
			staff: StaffUser | null;
			/** The session behind `staff`: its id hash and when it ends if nothing happens. */
			staffSession: StaffSession | null;
		}
		interface PageState {
			/** The kiosk's own history entry, which the browser's back lands below (lock-down.ts). */
			kioskGuard?: true;
		}
	}
}

export {};
