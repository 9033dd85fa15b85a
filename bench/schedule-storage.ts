/**
 * npm run bench:schedule -- [players] [postgres|pglite] [--keep] — the schedule of a
 * knockout (players − 1 sessions plus the playoff) against the database alone (no HTTP, one
 * process, one connection): the sessions read, POST …/schedule's use-case planned, planned again
 * with nothing to move, planned with longer sessions (every time moves), and the station board.
 * Wall time, this process's CPU and the PostgreSQL backend's CPU (what a loaded machine does
 * not distort). --keep leaves the PostgreSQL database for a look (its URL is printed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { knockout } from '../src/domain/formats/knockout.ts';
import { scheduleTournament } from '../src/services/plan-schedule.ts';
import { stationBoard } from '../src/services/schedule-feed.ts';
import { openDatabase } from '../src/storage/database.ts';
import { SqlStore } from '../src/storage/store.ts';
import { openEnvironment } from '../tests/support/e2e-environment.ts';
import { FakeClock } from '../tests/support/fake-ports.ts';
import { freshDatabase } from '../tests/support/fresh-database.ts';
import { duration, machine, rate, table } from './figures.ts';
import { measured } from './process-cpu.ts';

const players = Number(process.argv[2] ?? 1_048_576);
const backend = process.argv[3] === 'pglite' ? 'pglite' : 'postgres';
const keep = process.argv.includes('--keep');
const SCHEDULE = { starts_at: '2030-06-01T08:00:00Z', stations: 256, session_minutes: 20, break_minutes: 5 };

const { environment, close } = await openEnvironment('bench-schedule');
const pgDatabase = backend === 'postgres' ? await freshDatabase(environment.postgresUrl, environment.runId) : undefined;
const dataDir = mkdtempSync(path.join(tmpdir(), 'tourney-schedule-'));
const database = await openDatabase(pgDatabase ? { databaseUrl: pgDatabase.url, poolSize: 1 } : { dataDir });
const store = new SqlStore(database.db);
const clock = new FakeClock({ startMs: Date.UTC(2030, 4, 1) });
const rows: string[][] = [];
const one = async <T>(query: string): Promise<T> => (await database.db.execute(sql.raw(query))).rows[0] as T;
const timed = async <T>(what: string, count: number, work: () => Promise<T>): Promise<T> => {
  const backendPid = backend === 'postgres' ? (await one<{ pid: number }>('select pg_backend_pid() as pid')).pid : null;
  const { value, ms, nodeCpu, pgCpu } = await measured(backendPid, work);
  rows.push([what, count.toLocaleString('en'), duration(ms), rate(count, ms), `${nodeCpu.toFixed(2)} s`,
    backendPid === null ? '-' : `${pgCpu.toFixed(2)} s`, `${(nodeCpu + (backendPid === null ? 0 : pgCpu)).toFixed(2)} s`]);
  console.log(`  ${rows.at(-1)!.join('  ')}`);
  return value;
};
try {
  console.log(`schedule-storage — a ${players.toLocaleString('en')}-player knockout's schedule on ${backend}; load average ${machine().load_average.join(' ')}`);
  const tournament = await store.tournaments.create({ name: 'schedule', format: 'knockout', settings: { schedule: SCHEDULE }, status: 'IN_PROGRESS', synthetic: true });
  await store.transaction((tx) => tx.players.createAndEnrollSynthetic(tournament.id, players));
  const entrants = await store.enrollments.entrants(tournament.id);
  const plan = knockout.planTable!(entrants, knockout.validate(players, {}));
  await timed('sessions written (COPY, setup)', plan.length, () => store.transaction((tx) => tx.sessions.insertTable(tournament.id, plan)));
  await timed('sessions read (loadTable, as the plan reads them)', plan.length, () => store.sessions.loadTable(tournament.id));
  const first = await timed('POST …/schedule (first plan)', plan.length, () => scheduleTournament(store, clock, tournament.id));
  await timed('POST …/schedule again (nothing moves)', plan.length, () => scheduleTournament(store, clock, tournament.id));
  await timed('POST …/schedule, 25-minute sessions (all move)', plan.length, () =>
    scheduleTournament(store, clock, tournament.id, { ...SCHEDULE, session_minutes: 25 }));
  const board = await timed('GET …/schedule/board', SCHEDULE.stations, () => stationBoard(store, clock, tournament.id));
  console.log(table(['path', 'rows', 'wall', 'rows/s', 'node cpu', 'pg cpu', 'cpu'], rows));
  console.log(`planned ${first.plannedCount.toLocaleString('en')}, last end ${first.lastEnd}; board: ${board.stations.filter((s) => s.next !== null).length} stations with a next, ${board.unscheduledCount} unscheduled; load average ${machine().load_average.join(' ')}`);
  console.log(`peak RSS of this process ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
} finally {
  await database.close();
  if (keep && pgDatabase) console.log(`kept ${pgDatabase.url}`);
  else await pgDatabase?.drop();
  rmSync(dataDir, { recursive: true, force: true });
  if (!keep) await close();
}
