/**
 * npx tsx bench/launch-storage.ts [players] [postgres|pglite] [rounds] — a scenario launch's
 * players and enrollments, side by side in one process on one connection, rounds alternating:
 * the one statement it was (INSERT … SELECT generate_series RETURNING id, then the
 * enrollments numbered by row_number()) and PlayerRepository.createAndEnrollSynthetic as it is
 * (ids drawn from the sequence first, both tables by COPY). Each in its own transaction and
 * tournament; wall time, this process's CPU, the PostgreSQL backend's CPU and the WAL written
 * (cluster-wide).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type Db } from '../src/storage/database.ts';
import { SqlStore } from '../src/storage/store.ts';
import { openEnvironment } from '../tests/support/e2e-environment.ts';
import { freshDatabase } from '../tests/support/fresh-database.ts';
import { duration, machine, median, table } from './figures.ts';
import { measured } from './process-cpu.ts';

const players = Number(process.argv[2] ?? 262_144);
const backend = process.argv[3] === 'pglite' ? 'pglite' : 'postgres';
const rounds = Number(process.argv[4] ?? 2);

const { environment, close } = await openEnvironment('bench-launch');
const pgDatabase = backend === 'postgres' ? await freshDatabase(environment.postgresUrl, environment.runId) : undefined;
const dataDir = mkdtempSync(path.join(tmpdir(), 'tourney-launch-'));
const database = await openDatabase(pgDatabase ? { databaseUrl: pgDatabase.url, poolSize: 1 } : { dataDir });
const store = new SqlStore(database.db);
const one = async <T>(query: string): Promise<T> => (await database.db.execute(sql.raw(query))).rows[0] as T;
const walBytes = async () => backend === 'postgres'
  ? Number((await one<{ b: string }>(`select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text as b`)).b) : 0;

const width = Math.max(4, String(players).length);
const ways: Record<string, (tx: Db, store: SqlStore, tournamentId: number) => Promise<unknown>> = {
  'INSERT … RETURNING (before)': (tx, _store, id) => tx.execute(sql`
      with created as (
        insert into players (name)
        select 'Player ' || lpad(g::text, ${width}, '0') from generate_series(1, ${players}) as g order by g
        returning id)
      insert into enrollments (tournament_id, player_id, seed)
      select ${id}, id, row_number() over (order by id) from created`),
  'COPY, ids drawn first (now)': (_tx, txStore, id) => txStore.players.createAndEnrollSynthetic(id, players),
};
const runs = new Map<string, { ms: number; node: number; pg: number; wal: number }[]>();
try {
  console.log(`launch-storage — ${players.toLocaleString('en')} players and enrollments on ${backend}, ${rounds} round(s); load average ${machine().load_average.join(' ')}`);
  for (let round = 0; round < rounds; round++) {
    for (const [way, write] of Object.entries(ways)) {
      const tournament = await store.tournaments.create({ name: way, format: 'knockout', settings: {}, status: 'IN_PROGRESS', synthetic: true });
      const wal0 = await walBytes();
      // Asked each time: a pooled connection left idle may have been replaced.
      const backendPid = backend === 'postgres' ? (await one<{ pid: number }>('select pg_backend_pid() as pid')).pid : null;
      const { ms, nodeCpu, pgCpu } = await measured(backendPid, () =>
        database.db.transaction((tx) => write(tx as unknown as Db, new SqlStore(tx as unknown as Db), tournament.id)));
      const wal = (await walBytes()) - wal0;
      const check = await one<{ n: number; names: number }>(`select count(*)::int as n, count(distinct p.name)::int as names
        from enrollments e join players p on p.id = e.player_id where e.tournament_id = ${tournament.id}`);
      if (check.n !== players || check.names !== players) throw new Error(`${way}: ${JSON.stringify(check)}`);
      runs.set(way, [...(runs.get(way) ?? []), { ms, node: nodeCpu, pg: pgCpu, wal }]);
    }
  }
  console.log(table(['way (medians)', 'runs', 'wall', 'node cpu', 'pg cpu', 'WAL'], [...runs].map(([way, r]) => [
    way, String(r.length), duration(median(r.map((x) => x.ms))), `${median(r.map((x) => x.node)).toFixed(2)} s`,
    backend === 'postgres' ? `${median(r.map((x) => x.pg)).toFixed(2)} s` : '-',
    backend === 'postgres' ? `${(median(r.map((x) => x.wal)) / 2 ** 20).toFixed(1)} MiB` : '-'])));
  console.log(`load average at the end ${machine().load_average.join(' ')}`);
} finally {
  await database.close();
  await pgDatabase?.drop();
  rmSync(dataDir, { recursive: true, force: true });
  await close();
}
