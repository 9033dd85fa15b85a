/**
 * Start with nothing to migrate: one query compares the newest applied migration (its
 * journal time and the sha256 of its file) with the newest here, and the migrator (its DDL,
 * its transaction, on PostgreSQL its advisory lock) is skipped when they agree.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { newestMigration, openDatabase, type Database } from '../../src/storage/database.ts';
import { holdLock } from '../support/held-lock.ts';
import { createDatabase } from '../support/api-app.ts';
import { waitFor } from '../support/wait-for.ts';
import { readFileSync } from 'node:fs';

const backend = process.env.TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';
const MIGRATION_LOCK = 'select pg_advisory_lock(7263001)';

const opened: Database[] = [];
const dropped: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const database of opened) await database.close().catch(() => undefined);
  for (const drop of dropped) await drop();
});

async function open(url?: string): Promise<Database> {
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  opened.push(database);
  return database;
}

describe(`migrations at start (${backend})`, () => {
  it('a fresh database gets every migration, the newest recorded with the hash and time of the newest file', async () => {
    const made = backend === 'postgres' ? await createDatabase() : undefined;
    if (made) dropped.push(made.drop);
    const database = await open(made?.url);
    const { rows } = await database.db.execute(sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at`);
    const newest = newestMigration();
    expect(rows.length).toBeGreaterThanOrEqual(7);
    expect(rows[rows.length - 1]).toEqual({ hash: newest.hash, created_at: newest.createdAt });
    expect(newest.hash).toMatch(/^[0-9a-f]{64}$/);
    // A fresh PGlite starts its Postgres in WebAssembly and runs every migration: over 30 s on a
    // loaded 2-core machine, so this test's deadline is the one the suite gives its hooks' opens.
  }, 180_000);

  if (backend === 'postgres') it('a current database opens while another process holds the migration lock; one behind waits for it', async () => {
    const made = await createDatabase();
    dropped.push(made.drop);
    await (await open(made.url)).close();
    const lock = await holdLock(made.url, MIGRATION_LOCK);
    try {
      // Current: no lock needed, so this returns although the lock is held.
      const current = await open(made.url);
      const journal = JSON.parse(readFileSync('src/storage/migrations/meta/_journal.json', 'utf8')) as { entries: unknown[] };
      const { rows } = await current.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      expect(rows[0]).toEqual({ n: journal.entries.length });
      // Behind (the newest record is not this file's): the start queues behind the holder of the lock.
      await current.db.execute(sql`update drizzle.__drizzle_migrations set hash = 'older' where created_at = ${newestMigration().createdAt}`);
      let behindOpened = false;
      const behind = open(made.url).then((database) => {
        behindOpened = true;
        return database;
      });
      await waitFor(async () => {
        const { rows: waiting } = await current.db.execute(sql`
          select count(*)::int as n from pg_stat_activity where application_name = 'tourney migrate' and wait_event_type = 'Lock'`);
        return waiting[0]!.n === 1;
      }, { timeout: 20_000, what: 'the second start waiting on the migration lock' });
      expect(behindOpened).toBe(false);
      await lock.release();
      await behind;
      expect(behindOpened).toBe(true);
    } finally {
      await lock.release();
    }
  }, 180_000);
});
