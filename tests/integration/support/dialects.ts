import type { Dialect } from './server';

/**
 * Every suite runs once per database dialect: SQLite always, PostgreSQL when TEST_DATABASE_URL
 * names a server the tests may create and drop databases on.
 *
 * On a developer's machine without TEST_DATABASE_URL the PostgreSQL half is skipped with a
 * warning. Under CI (CI=true) a PostgreSQL is expected (.ci/run sets TEST_DATABASE_URL when one
 * answers on 127.0.0.1:5432), so the PostgreSQL half stays in and each of its suites fails
 * loudly in startServer instead of silently vanishing from the run.
 */
export const postgresRequired = /^(1|true)$/i.test(process.env.CI ?? '');

export const dialects: Dialect[] =
	process.env.TEST_DATABASE_URL || postgresRequired ? ['sqlite', 'postgres'] : ['sqlite'];

if (!process.env.TEST_DATABASE_URL && !postgresRequired) {
	console.warn(
		'integration: the PostgreSQL runs are skipped because TEST_DATABASE_URL is unset ' +
			'(e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)'
	);
}
