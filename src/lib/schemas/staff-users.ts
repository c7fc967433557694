import * as v from 'valibot';
import { HIDDEN_CHARACTERS } from './text';

/**
 * The admin's staff-user forms (/admin/users). Each field's problem is a code the page words in
 * the admin's language; the schema's messages are for scripts and logs.
 */

export const STAFF_ROLES = ['reception', 'admin'] as const;
export type StaffRoleName = (typeof STAFF_ROLES)[number];

/** NIST SP 800-63B: at least 8; a clinic's shared PC asks for a little more. */
export const MIN_PASSWORD_LENGTH = 10;

export const StaffUsername = v.pipe(
	v.string(),
	v.trim(),
	v.toLowerCase(),
	v.regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'username: 3 to 40 letters, digits, dots, dashes')
);

export const StaffDisplayName = v.pipe(
	v.string(),
	v.check((name) => !HIDDEN_CHARACTERS.test(name), 'the name has invisible or control characters'),
	v.trim(),
	v.minLength(1, 'enter the name colleagues know them by'),
	v.maxLength(80)
);

export const StaffPassword = v.pipe(
	v.string(),
	v.minLength(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`),
	v.maxLength(200)
);

export const StaffRole = v.picklist(STAFF_ROLES, 'role must be "reception" or "admin"');

export const NewStaffUser = v.strictObject({
	username: StaffUsername,
	displayName: StaffDisplayName,
	role: StaffRole,
	password: StaffPassword
});
export type NewStaffUser = v.InferOutput<typeof NewStaffUser>;

export const StaffUserId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/));

/** Why a staff-user change was refused. `invalid-<field>`: that field of the form. */
export type StaffUserRefusal =
	| 'not-found'
	| 'username-taken'
	/** An admin cannot disable or demote their own account (they would lock themself out). */
	| 'self'
	/** The site would be left without an administrator who can sign in. */
	| 'last-admin'
	| 'invalid-username'
	| 'invalid-displayName'
	| 'invalid-role'
	| 'invalid-password';

/** One account of the admin's site, as /admin/users lists it (never its password hash). */
export interface StaffUserView {
	id: string;
	username: string;
	displayName: string;
	role: StaffRoleName;
	disabledAt: number | null;
	/** Sessions signed in now. */
	sessions: number;
	/** The admin looking at the list. */
	self: boolean;
}
