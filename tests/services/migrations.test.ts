/**
 * Start with nothing to migrate: one query compares the newest applied migration (its
 * journal time and the sha256 of its file) with the newest here, and the migrator (its DDL,
 * its transaction, on PostgreSQL its advisory lock) is skipped when they agree.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { newestMigration, openDatabase, type Database } from '../../src/storage/database.ts';
import { holdLock } from '../support/held-lock.ts';
import { SqlStore } from '../../src/storage/store.ts';
import { createDatabase } from '../support/api-app.ts';
import { waitFor } from '../support/wait-for.ts';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';

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

/**
 * A fresh database migrated up to, not including, migration `tag` (as one made before it), then
 * filled by `fill`; the caller opens it, which runs the rest.
 */
async function databaseBefore(tag: string, fill: (client: pg.Client) => Promise<void>): Promise<{ url: string }> {
  const made = await createDatabase();
  dropped.push(made.drop);
  const folder = mkdtempSync(path.join(tmpdir(), 'tourney-migrations-'));
  try {
    cpSync('src/storage/migrations', folder, { recursive: true });
    const journal = JSON.parse(readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const before = journal.entries.findIndex((e) => e.tag === tag);
    expect(before).toBe(Number(tag.slice(0, 4)));
    writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, before) }));
    const client = new pg.Client({ connectionString: made.url });
    await client.connect();
    try {
      await migrate(drizzle({ client }), { migrationsFolder: folder });
      await fill(client);
    } finally {
      await client.end();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return made;
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

  if (backend === 'pglite') it('a fresh data directory given relative gets its cluster (made in a child process), opens migrated, and the next open finds what was written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tourney-fresh-dir-'));
    try {
      const relative = path.relative(process.cwd(), dir);
      const first = await openDatabase({ dataDir: relative });
      const { rows } = await first.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      const journal = JSON.parse(readFileSync('src/storage/migrations/meta/_journal.json', 'utf8')) as { entries: unknown[] };
      expect(rows[0]).toEqual({ n: journal.entries.length });
      expect(readFileSync(path.join(dir, 'pgdata/PG_VERSION'), 'utf8').trim()).toMatch(/^\d+$/);
      // A smaller buffer pool than PostgreSQL's 128 MB: it lives in PGlite's memory (database.ts, PGLITE_SETTINGS).
      const { rows: buffers } = await first.db.execute(sql`show shared_buffers`);
      expect(buffers).toEqual([{ shared_buffers: '32MB' }]);
      await first.db.execute(sql`insert into players (name) values ('kept')`);
      await first.close();
      const second = await openDatabase({ dataDir: dir });
      try {
        const { rows: players } = await second.db.execute(sql`select name from players`);
        expect(players).toEqual([{ name: 'kept' }]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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

  if (backend === 'postgres') it('0014 keeps the results of a database made before it: they move to session_results and read back the same', async () => {
    // The migrations up to 0013, as a database made before session_results holds them.
    const made = await databaseBefore('0014_session_results', async (client) => {
      // A final played 3-1 by player 11 and a semi-final awaiting it with one player moved on.
      await client.query(`insert into tournaments (id, name, format, status) values (5, 'old', 'knockout', 'IN_PROGRESS')`);
      await client.query(`insert into sessions (tournament_id, ordinal, phase, tournament_round, tournament_match_number,
          participant1_id, participant2_id, winner_id, score1, score2, result_submitted, outcome)
        values (5, 0, 'KNOCKOUT', 1, 1, 11, 12, 11, 3, 1, true, 'played'), (5, 1, 'KNOCKOUT', 2, 1, 11, null, null, null, null, false, null)`);
    });
    const database = await open(made.url);
    const { rows: results } = await database.db.execute(sql`select * from session_results order by ordinal`);
    expect(results).toEqual([{ tournament_id: 5, ordinal: 0, participant1_id: 11, participant2_id: 12, winner_id: 11, score1: 3, score2: 1,
      result_submitted: true, outcome: 'played' }]);
    const { rows: state } = await database.db.execute(sql`
      select ordinal, participant1_id::int, participant2_id::int, winner_id::int, result_submitted from session_state where tournament_id = 5 order by ordinal`);
    expect(state).toEqual([
      { ordinal: 0, participant1_id: 11, participant2_id: 12, winner_id: 11, result_submitted: true },
      { ordinal: 1, participant1_id: 11, participant2_id: null, winner_id: null, result_submitted: false },
    ]);
    const { rows: options } = await database.db.execute(sql`select reloptions from pg_class where relname = 'sessions'`);
    expect(options).toEqual([{ reloptions: ['fillfactor=100'] }]);
  }, 180_000);
  if (backend === 'postgres') it('0017 gives the rankings of a database made before it their list positions (a page reads back in the same order); 0018 counts its sessions on the tournament row; 0019 keeps each session\'s feeders', async () => {
    const made = await databaseBefore('0017_rankings_position', async (client) => {
      // Two tournaments; in 7, players 21 (seed 3) and 22 (seed 1) share rank 2, and 23 is no longer enrolled.
      await client.query(`insert into tournaments (id, name, format, status, rankings_count) values (7, 'old', 'knockout', 'COMPLETED', 4), (8, 'other', 'knockout', 'COMPLETED', 1)`);
      await client.query(`insert into players (id, name) values (20, 'Ann'), (21, 'Bo'), (22, 'Cy'), (23, 'Di')`);
      await client.query(`insert into enrollments (tournament_id, player_id, seed) values (7, 20, 2), (7, 21, 3), (7, 22, 1), (8, 21, 1)`);
      await client.query(`insert into rankings (tournament_id, player_id, rank, points, wins, draws, losses, score_for, score_against)
        values (7, 21, 2, 0, 0, 0, 1, 0, 1), (7, 23, 2, 0, 0, 0, 1, 0, 1), (7, 20, 1, 0, 1, 0, 0, 1, 0), (7, 22, 2, 0, 0, 0, 1, 0, 1), (8, 21, 1, 0, 0, 0, 0, 0, 0)`);
      await client.query(`insert into sessions (tournament_id, ordinal, phase, tournament_round, tournament_match_number, next_ordinal, next_slot)
        values (7, 0, 'KNOCKOUT', 1, 1, 2, 0), (7, 1, 'KNOCKOUT', 1, 2, 2, 1), (7, 2, 'KNOCKOUT', 2, 1, null, null), (8, 0, 'KNOCKOUT', 1, 1, null, null)`);
    });
    const database = await open(made.url);
    const { rows } = await database.db.execute(sql`select tournament_id::int, position, player_id::int, rank from rankings order by tournament_id, position`);
    expect(rows).toEqual([
      { tournament_id: 7, position: 1, player_id: 20, rank: 1 },
      { tournament_id: 7, position: 2, player_id: 22, rank: 2 },
      { tournament_id: 7, position: 3, player_id: 21, rank: 2 },
      { tournament_id: 7, position: 4, player_id: 23, rank: 2 },
      { tournament_id: 8, position: 1, player_id: 21, rank: 1 },
    ]);
    const store = new SqlStore(database.db);
    expect([await store.sessions.count(7), await store.sessions.count(8)]).toEqual([3, 1]);
    const { rows: feeders } = await database.db.execute(sql`select tournament_id::int, ordinal, feeder_a, feeder_b from sessions order by tournament_id, ordinal`);
    expect(feeders).toEqual([
      { tournament_id: 7, ordinal: 0, feeder_a: null, feeder_b: null },
      { tournament_id: 7, ordinal: 1, feeder_a: null, feeder_b: null },
      { tournament_id: 7, ordinal: 2, feeder_a: 0, feeder_b: 1 },
      { tournament_id: 8, ordinal: 0, feeder_a: null, feeder_b: null },
    ]);
    const { rows: [first] } = await database.db.execute(sql`select id from sessions where tournament_id = 7 and ordinal = 0`);
    const downstream = await store.sessions.loadDownstream(7, (first as { id: string }).id);
    expect(downstream?.sessions.map((s) => [s.round, s.matchNumber])).toEqual([[1, 1], [1, 2], [2, 1]]);
    const page = await store.rankings.list(7, { limit: 2, offset: 1 });
    expect(page.total).toBe(4);
    expect(page.items.map((r) => [r.playerId, r.playerName, r.seed, r.rank])).toEqual([[22, 'Cy', 1, 2], [21, 'Bo', 3, 2]]);
  }, 180_000);

  if (backend === 'postgres') it('0020 keeps the sessions of a database made before it found by their ids, beside new ones found by the keys their ids carry', async () => {
    const legacy = ['0190a6b2-0000-7000-8000-000000000001', '0190a6b2-0000-7000-8000-000000000002'];
    const made = await databaseBefore('0020_session_ids', async (client) => {
      // A final awaiting the winner of a semi-final between players 11 and 12, with v7 ids.
      await client.query(`insert into tournaments (id, name, format, status, sessions_count) values (5, 'old', 'knockout', 'IN_PROGRESS', 2)`);
      await client.query(`insert into sessions (id, tournament_id, ordinal, phase, tournament_round, tournament_match_number,
          participant1_id, participant2_id, result_submitted, next_ordinal, next_slot, feeder_a)
        values ('${legacy[0]}', 5, 0, 'KNOCKOUT', 1, 1, 11, 12, false, 1, 0, null), ('${legacy[1]}', 5, 1, 'KNOCKOUT', 2, 1, null, null, false, null, null, 0)`);
    });
    const database = await open(made.url);
    const { rows: indexes } = await database.db.execute(sql`
      select indexname from pg_indexes where tablename = 'sessions' order by indexname`);
    expect(indexes).toEqual([{ indexname: 'sessions_id_key' }, { indexname: 'sessions_pkey' }]);
    // 0021: the key the new ids carry is the primary key.
    const { rows: primary } = await database.db.execute(sql`
      select conname, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'sessions'::regclass and contype = 'p'`);
    expect(primary).toEqual([{ conname: 'sessions_pkey', def: 'PRIMARY KEY (tournament_id, ordinal)' }]);
    const store = new SqlStore(database.db);
    const { items } = await store.sessions.list(5, { id: legacy[0].toUpperCase() });
    expect(items.map((s) => [s.id, s.participants.map((p) => p.id), s.nextSessionId])).toEqual([[legacy[0], [11, 12], legacy[1]]]);
    const around = await store.sessions.loadDownstream(5, legacy[0]);
    expect(around?.ids).toEqual(legacy);
    // A result by id, then a session added after them: its id carries its key, and it is found by it.
    const state = around!;
    state.sessions[0] = { ...state.sessions[0], winnerId: 12, score: [0, 2], resultSubmitted: true, outcome: 'played' };
    state.sessions[1] = { ...state.sessions[1], participants: [12, null] };
    await store.transaction((tx) => tx.sessions.updateProgress(state.sessions, state.ids));
    const { rows: results } = await database.db.execute(sql`
      select ordinal, participant1_id::int as p1, winner_id::int as winner, result_submitted from session_results order by ordinal`);
    expect(results).toEqual([{ ordinal: 0, p1: 11, winner: 12, result_submitted: true }, { ordinal: 1, p1: 12, winner: null, result_submitted: false }]);
    const all = await store.sessions.loadState(5);
    const added = { ...all.sessions[1], key: 2, round: 3, participants: [null, null] as [null, null], next: null };
    await store.transaction((tx) => tx.sessions.insertFrom(5, [...all.sessions, added], all.ids, 2));
    expect(all.ids[2]).toMatch(/^ff000000-0005-8000-8000-0[89ab]/);
    expect((await store.sessions.list(5, { id: all.ids[2] })).items.map((s) => s.round)).toEqual([3]);
    await store.transaction((tx) => tx.sessions.deleteByIds([legacy[1], all.ids[2]]));
    expect((await store.sessions.loadState(5)).ids).toEqual([legacy[0]]);
  }, 180_000);
});
