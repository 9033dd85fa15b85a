/**
 * The API suite on real PostgreSQL needs a server: DATABASE_URL's, else the local default,
 * else a throwaway cluster from the installed binaries (installed as root where missing),
 * as the e2e harness does. A suite that cannot run fails, never skips.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { THROWAWAY_SWITCH } from './e2e-environment.ts';
import { ensurePostgres } from './ensure-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A role on the maintenance database that may create databases. */
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'tourney-api-'));
  const forceThrowaway = ['1', 'true'].includes((process.env[THROWAWAY_SWITCH] ?? '').toLowerCase());
  const postgres = await ensurePostgres({ runId, logDir, forceThrowaway });
  await dropStaleDatabases(postgres.url);
  project.provide('postgresAdminUrl', postgres.url);
  return async () => {
    await postgres.stop();
  };
}

/** Databases of API runs that died without cleaning up (the name carries its birth time). */
async function dropStaleDatabases(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const stale = await client.query<{ datname: string }>("select datname from pg_database where datname like 'tourney\\_api\\_%'");
    for (const { datname } of stale.rows) {
      const born = parseInt(datname.split('_')[2] ?? '', 36);
      if (Number.isFinite(born) && Date.now() - born > 60 * 60 * 1000) {
        await client.query(`drop database if exists ${datname} with (force)`).catch(() => undefined);
      }
    }
  } finally {
    await client.end();
  }
}
