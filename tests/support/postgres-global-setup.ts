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
    throw new Error(
      `The API suite runs on real PostgreSQL and none answers at ${url} (${(error as Error).message}). ` +
        'Start one (as root: apt-get install -y postgresql && pg_ctlcluster 15 main start) or set DATABASE_URL.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
