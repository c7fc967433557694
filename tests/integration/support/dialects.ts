import type { Dialect } from './server';

/**
 * Every suite runs once per database dialect: SQLite always, PostgreSQL when TEST_DATABASE_URL
 * names a server the tests may create and drop databases on.
 */
export const dialects: Dialect[] = process.env.TEST_DATABASE_URL
	? ['sqlite', 'postgres']
	: ['sqlite'];

if (!process.env.TEST_DATABASE_URL) {
	console.warn(
		'integration: the PostgreSQL runs are skipped because TEST_DATABASE_URL is unset ' +
			'(e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)'
	);
}
