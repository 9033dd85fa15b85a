/**
 * The API suite on real PostgreSQL needs a server: DATABASE_URL's, else the local default.
 * A missing server is a failure with the command that fixes it, never a skip.
 */
import pg from 'pg';

export const ADMIN_URL_DEFAULT = 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function setup(): Promise<void> {
  const url = process.env.TEST_POSTGRES_ADMIN_URL ?? process.env.DATABASE_URL ?? ADMIN_URL_DEFAULT;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(
      `The API suite runs on real PostgreSQL and none answers at ${url} (${(error as Error).message}). ` +
        'Start one (as root: apt-get install -y postgresql && pg_ctlcluster 15 main start) or set DATABASE_URL.',
    );
  }
  // Databases of runs that died without cleaning up (the name carries its birth time).
  const stale = await client.query<{ datname: string }>("select datname from pg_database where datname like 'tourney\\_api\\_%'");
  for (const { datname } of stale.rows) {
    const born = parseInt(datname.split('_')[2] ?? '', 36);
    if (Number.isFinite(born) && Date.now() - born > 60 * 60 * 1000) {
      await client.query(`drop database if exists ${datname} with (force)`).catch(() => undefined);
    }
  }
  await client.end();
}
