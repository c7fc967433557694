import type { Dictionary } from './index';
import type { StaffUserRefusal } from '$lib/schemas/staff-users';

/** /admin/users: the site's staff accounts. Keys for refusals are the codes themselves. */
type Keys =
	| `refusal.${StaffUserRefusal}`
	| 'navUsers'
	| 'title'
	| 'intro'
	| 'username'
	| 'usernameHint'
	| 'displayName'
	| 'role'
	| 'roleReception'
	| 'roleAdmin'
	| 'password'
	| 'passwordHint'
	| 'newPassword'
	| 'create'
	| 'createTitle'
	| 'created'
	| 'status'
	| 'active'
	| 'disabled'
	| 'sessions'
	| 'you'
	| 'changeRole'
	| 'disable'
	| 'enable'
	| 'resetPassword'
	| 'roleChanged'
	| 'disabledDone'
	| 'enabledDone'
	| 'passwordDone';

export const adminUsersEn: Record<Keys, string> = {
	navUsers: 'Staff accounts',
	title: 'Staff accounts',
	intro:
		'Who can sign in at this site. A disabled account is signed out everywhere at once and kept, so the audit log still names it.',
	username: 'Username',
	usernameHint: '3 to 40 letters, digits, dots or dashes. Used to sign in.',
	displayName: 'Name',
	role: 'Role',
	roleReception: 'Front desk',
	roleAdmin: 'Administrator',
	password: 'First password',
	passwordHint: 'At least 10 characters. Give it to them in person.',
	newPassword: 'New password',
	create: 'Add account',
	createTitle: 'Add a staff account',
	created: '{name} can sign in now as {username}.',
	status: 'Status',
	active: 'Active',
	disabled: 'Disabled',
	sessions: 'Signed in',
	you: 'you',
	changeRole: 'Change role',
	disable: 'Disable',
	enable: 'Enable',
	resetPassword: 'Set password',
	roleChanged: '{name} is now: {role}.',
	disabledDone: '{name} is disabled and signed out ({count} sessions ended).',
	enabledDone: '{name} can sign in again.',
	passwordDone: 'The password of {name} is changed; {count} sessions ended.',
	'refusal.not-found': 'There is no such account at this site. Reload the page.',
	'refusal.username-taken': 'That username is taken. Choose another one.',
	'refusal.self':
		'You cannot disable your own account or take away your own administrator role. Ask another administrator.',
	'refusal.last-admin':
		'This is the last administrator who can sign in. Make someone else an administrator first.',
	'refusal.invalid-username': 'The username must be 3 to 40 letters, digits, dots or dashes.',
	'refusal.invalid-displayName': 'Enter a name (up to 80 characters, no hidden characters).',
	'refusal.invalid-role': 'Choose a role: front desk or administrator.',
	'refusal.invalid-password': 'The password must have at least 10 characters.'
};

export const adminUsersEs: Dictionary<typeof adminUsersEn> = {
	navUsers: 'Cuentas del personal',
	title: 'Cuentas del personal',
	intro:
		'Quién puede iniciar sesión en este centro. Una cuenta desactivada se cierra en todas partes al instante y se conserva, para que el registro de auditoría la siga nombrando.',
	username: 'Usuario',
	usernameHint: 'De 3 a 40 letras, números, puntos o guiones. Sirve para iniciar sesión.',
	displayName: 'Nombre',
	role: 'Función',
	roleReception: 'Recepción',
	roleAdmin: 'Administrador',
	password: 'Primera contraseña',
	passwordHint: 'Al menos 10 caracteres. Entréguela en persona.',
	newPassword: 'Contraseña nueva',
	create: 'Agregar cuenta',
	createTitle: 'Agregar una cuenta del personal',
	created: '{name} ya puede iniciar sesión como {username}.',
	status: 'Estado',
	active: 'Activa',
	disabled: 'Desactivada',
	sessions: 'Sesiones',
	you: 'usted',
	changeRole: 'Cambiar función',
	disable: 'Desactivar',
	enable: 'Activar',
	resetPassword: 'Poner contraseña',
	roleChanged: '{name} ahora es: {role}.',
	disabledDone: '{name} está desactivada y sin sesión ({count} sesiones cerradas).',
	enabledDone: '{name} puede iniciar sesión otra vez.',
	passwordDone: 'Se cambió la contraseña de {name}; {count} sesiones cerradas.',
	'refusal.not-found': 'No existe esa cuenta en este centro. Vuelva a cargar la página.',
	'refusal.username-taken': 'Ese usuario ya existe. Elija otro.',
	'refusal.self':
		'No puede desactivar su propia cuenta ni quitarse la función de administrador. Pídalo a otro administrador.',
	'refusal.last-admin':
		'Es el último administrador que puede iniciar sesión. Primero haga administrador a otra persona.',
	'refusal.invalid-username': 'El usuario debe tener de 3 a 40 letras, números, puntos o guiones.',
	'refusal.invalid-displayName': 'Escriba un nombre (hasta 80 caracteres, sin caracteres ocultos).',
	'refusal.invalid-role': 'Elija una función: recepción o administrador.',
	'refusal.invalid-password': 'La contraseña debe tener al menos 10 caracteres.'
};
