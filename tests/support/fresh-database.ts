/**
 * A database of its own for each stack: created empty on the run's PostgreSQL, dropped
 * (sessions and all) when the stack stops, so runs never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DATABASE_PREFIX = 'tourney_e2e_';

export interface FreshDatabase {
  name: string;
  /** postgres:// URL of the new database, same server and role as the maintenance URL. */
  url: string;
  /** Drops it, ending any session still connected. */
  drop(): Promise<void>;
}

async function onMaintenance<T>(maintenanceUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates `tourney_e2e_<run>_<random>` and returns its URL. */
export async function freshDatabase(maintenanceUrl: string, runId: string): Promise<FreshDatabase> {
  const name = `${DATABASE_PREFIX}${runId}_${randomBytes(4).toString('hex')}`.toLowerCase();
  if (!/^[a-z0-9_]{1,63}$/.test(name)) throw new Error(`unusable database name ${name}`);
  await onMaintenance(maintenanceUrl, (c) => c.query(`create database "${name}"`));
  const url = new URL(maintenanceUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      await onMaintenance(maintenanceUrl, (c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

/** Drops every database of a run that is still there (a test process that died before its cleanup). */
export async function dropRunDatabases(maintenanceUrl: string, runId: string): Promise<string[]> {
  return onMaintenance(maintenanceUrl, async (c) => {
    const pattern = `${DATABASE_PREFIX}${runId}_`.toLowerCase().replace(/_/g, '\\_') + '%';
    const { rows } = await c.query<{ datname: string }>('select datname from pg_database where datname like $1', [pattern]);
    for (const { datname } of rows) await c.query(`drop database if exists "${datname}" with (force)`);
    return rows.map((r) => r.datname);
  });
}

/**
 * Drops the databases of runs started more than `maxAgeMs` ago (a run id begins with its
 * start time in base 36): what interrupted runs left. Younger ones may belong to a run in progress.
 */
export async function dropStaleRunDatabases(maintenanceUrl: string, maxAgeMs: number, runStartedAt: (runId: string) => number | null): Promise<string[]> {
  return onMaintenance(maintenanceUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${DATABASE_PREFIX.replace(/_/g, '\\_')}%`]);
    const stale = rows.map((r) => r.datname).filter((name) => {
      const started = runStartedAt(name.slice(DATABASE_PREFIX.length).split('_')[0]);
      return started !== null && Date.now() - started > maxAgeMs;
    });
    for (const name of stale) await c.query(`drop database if exists "${name}" with (force)`);
    return stale;
  });
}
