/**
 * Makes "while the work is in the middle of its transaction" an exact moment instead of a
 * guess: the test takes a lock the work needs, and waits until PostgreSQL shows the work's
 * connections waiting on it (pg_stat_activity). Until the test lets go, the work is held
 * there, however fast or slow the machine is.
 */
import pg from 'pg';
import { waitFor } from './wait-for.ts';

export interface HeldLock {
  /** Ends the test's transaction, letting the waiting work go on. */
  release(): Promise<void>;
}

/** Opens a transaction on `databaseUrl` and runs `statement` in it (a SELECT … FOR UPDATE, a LOCK TABLE). */
export async function holdLock(databaseUrl: string, statement: string, params: unknown[] = []): Promise<HeldLock> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'tourney test lock' });
  // A restart of PostgreSQL may end this connection: expected, never a crash.
  client.on('error', () => undefined);
  await client.connect();
  await client.query('begin');
  await client.query(statement, params);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await client.query('rollback').catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

/**
 * Resolves once at least `count` connections of `who` (their application_name: 'tourney
 * server', 'tourney worker') on `database` wait on a lock.
 */
export function lockWaiters(db: pg.Pool, database: string, who: string, count = 1, timeoutMs = 60_000): Promise<number> {
  return waitFor(async () => {
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = $1 and application_name = $2 and wait_event_type = 'Lock'`,
      [database, who],
    );
    return rows[0].n >= count ? rows[0].n : null;
  }, { timeout: timeoutMs, interval: 50, what: `${count} connection(s) of the ${who} waiting on the test's lock` });
}
