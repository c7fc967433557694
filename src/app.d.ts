import type { App as FrontDeskApp } from '$lib/server/app';
import type { StaffUser } from '$lib/server/auth';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
		}
		interface Locals {
			app: FrontDeskApp;
			staff: StaffUser | null;
		}
	}
}

export {};
