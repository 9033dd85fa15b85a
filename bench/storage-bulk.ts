/**
 * npx tsx bench/storage-bulk.ts [players] [postgres|pglite] — each bulk path of a knockout's
 * lifecycle against the database alone (no HTTP, no queue, one process, one connection):
 * players and enrollments, entrants read back, sessions written (COPY), read (COPY), results
 * written (COPY + one UPDATE), rankings written (COPY). Where bench:scale's stages spend their
 * time: wall time, this process's CPU, the PostgreSQL backend's CPU and the WAL it wrote
 * (cluster-wide; exact with TOURNEY_E2E_THROWAWAY=1, which runs a cluster of our own).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { knockout } from '../src/domain/formats/knockout.ts';
import { simulateTable } from '../src/domain/simulation.ts';
import { openDatabase } from '../src/storage/database.ts';
import { SqlStore } from '../src/storage/store.ts';
import { openEnvironment } from '../tests/support/e2e-environment.ts';
import { freshDatabase } from '../tests/support/fresh-database.ts';
import { duration, machine, rate, table } from './figures.ts';
import { measured } from './process-cpu.ts';

const players = Number(process.argv[2] ?? 1_048_576);
const backend = process.argv[3] === 'pglite' ? 'pglite' : 'postgres';

const { environment, close } = await openEnvironment('bench-storage');
const pgDatabase = backend === 'postgres' ? await freshDatabase(environment.postgresUrl, environment.runId) : undefined;
const dataDir = mkdtempSync(path.join(tmpdir(), 'tourney-storage-'));
const database = await openDatabase(pgDatabase ? { databaseUrl: pgDatabase.url, poolSize: 1 } : { dataDir });
const store = new SqlStore(database.db);
const rows: string[][] = [];
// One connection (poolSize 1): the backend whose CPU a path is charged is the one it ran on.
const one = async <T>(query: string): Promise<T> => (await database.db.execute(sql.raw(query))).rows[0] as T;
const walBytes = async () => backend === 'postgres'
  ? Number((await one<{ b: string }>(`select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text as b`)).b) : 0;
const timed = async <T>(what: string, count: number, work: () => Promise<T>): Promise<T> => {
  const wal0 = await walBytes();
  const backendPid = backend === 'postgres' ? (await one<{ pid: number }>('select pg_backend_pid() as pid')).pid : null;
  const { value, ms, nodeCpu, pgCpu } = await measured(backendPid, work);
  const wal = (await walBytes()) - wal0;
  rows.push([what, count.toLocaleString('en'), duration(ms), rate(count, ms), `${nodeCpu.toFixed(2)} s`,
    Number.isNaN(pgCpu) ? '-' : `${pgCpu.toFixed(2)} s`, backend === 'postgres' ? `${(wal / 2 ** 20).toFixed(1)} MiB` : '-']);
  return value;
};
try {
  console.log(`storage-bulk — a ${players.toLocaleString('en')}-player knockout's bulk paths on ${backend}; load average ${machine().load_average.join(' ')}`);
  const tournament = await store.tournaments.create({ name: 'bulk', format: 'knockout', settings: {}, status: 'IN_PROGRESS', synthetic: true });
  await timed('players + enrollments (COPY, ids drawn first)', players, () =>
    store.transaction((tx) => tx.players.createAndEnrollSynthetic(tournament.id, players)));
  const entrants = await timed('entrants read', players, () => store.enrollments.entrants(tournament.id));
  const settings = knockout.validate(players, {});
  const plan = knockout.planTable!(entrants, settings);
  await timed('sessions written (COPY)', plan.length, () => store.transaction((tx) => tx.sessions.insertTable(tournament.id, plan)));
  const loaded = await timed('sessions read (COPY)', plan.length, () => store.sessions.loadTable(tournament.id));
  const changed = simulateTable(knockout, loaded, entrants, 1);
  await timed('results written (COPY + one UPDATE)', plan.length, () =>
    store.transaction((tx) => tx.sessions.writeProgress(tournament.id, loaded, changed)));
  const ranking = knockout.rankTable!(loaded, entrants, settings);
  await timed('rankings written (COPY)', ranking.length, () => store.transaction((tx) => tx.rankings.replace(tournament.id, ranking, entrants)));
  console.log(table(['path', 'rows', 'wall', 'rows/s', 'node cpu', 'pg cpu', 'WAL'], rows));
  console.log(`peak RSS of this process ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
} finally {
  await database.close();
  await pgDatabase?.drop();
  rmSync(dataDir, { recursive: true, force: true });
  await close();
}
