import { afterAll, beforeAll } from 'vitest';
import { openReader, type Reader } from './db';
import { startServer, type Dialect, type TestServer } from './server';
import { appointments, staffLogin, type Appointment, type Client } from './clients';

/** What a suite shares: one server on a fresh database, a signed-in reception user, a DB reader. */
export class SuiteContext {
	private started: {
		server: TestServer;
		staff: Client;
		db: Reader;
		appointments: Appointment[];
	} | null = null;
	private next = 0;

	async start(dialect: Dialect, env?: Record<string, string>): Promise<void> {
		const server = await startServer({ db: dialect, env });
		try {
			const staff = await staffLogin(server);
			this.started = {
				server,
				staff,
				db: openReader(server),
				appointments: await appointments(staff)
			};
		} catch (error) {
			await server.stop();
			throw error;
		}
	}

	async stop(): Promise<void> {
		if (!this.started) return;
		const { server, db } = this.started;
		this.started = null;
		await db.destroy();
		await server.stop();
	}

	private get state() {
		if (!this.started) throw new Error('the suite server did not start (see beforeAll)');
		return this.started;
	}

	get server(): TestServer {
		return this.state.server;
	}

	get staff(): Client {
		return this.state.staff;
	}

	get db(): Reader {
		return this.state.db;
	}

	/** Today's seeded appointments, as reception saw them when the suite started. */
	get appointments(): Appointment[] {
		return this.state.appointments;
	}

	/** A booked appointment no other test in this suite has used yet. */
	freshAppointment(): Appointment {
		const appointment = this.state.appointments[this.next++];
		if (!appointment) throw new Error('the suite used up all seeded appointments');
		return appointment;
	}
}

/** Starts a server before the suite's tests and stops it (removing its database) after them. */
export function useServer(dialect: Dialect, env?: Record<string, string>): SuiteContext {
	const context = new SuiteContext();
	beforeAll(() => context.start(dialect, env));
	afterAll(() => context.stop());
	return context;
}
