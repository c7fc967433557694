/** The SQL dialects Front Desk runs on: the same migrations and queries on both. */
export type Dialect = 'sqlite' | 'postgres';
