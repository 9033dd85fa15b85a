/**
 * npx tsx bench/rank-stage.ts [players] [runs] — the rank and complete stages of a knockout,
 * step by step, against PostgreSQL alone (no HTTP, one process, one connection): the sessions'
 * counts, the sessions read back, the entrants read, the domain ranking, the rankings deleted and
 * written (COPY), then the whole calculate-rankings and complete services. Each step `runs` times
 * on the same tournament (launched, planned and played once); prints wall time, this process's
 * CPU, the PostgreSQL backend's CPU and the WAL it wrote (cluster-wide), medians.
 */
import { sql } from 'drizzle-orm';
import { knockout } from '../src/domain/formats/knockout.ts';
import { simulateTable } from '../src/domain/simulation.ts';
import { calculateRankings } from '../src/services/calculate-rankings.ts';
import { completeTournament } from '../src/services/complete-tournament.ts';
import { getTournament } from '../src/services/view-tournaments.ts';
import { openDatabase } from '../src/storage/database.ts';
import { SqlStore } from '../src/storage/store.ts';
import { openEnvironment } from '../tests/support/e2e-environment.ts';
import { freshDatabase } from '../tests/support/fresh-database.ts';
import { duration, machine, median, table } from './figures.ts';
import { measured } from './process-cpu.ts';

const players = Number(process.argv[2] ?? 1_048_576);
const runs = Number(process.argv[3] ?? 3);

const { environment, close } = await openEnvironment('bench-rank');
// RANK_STAGE_DATABASE_URL: a database to keep between runs (set up once, its tournament reused).
const keptUrl = process.env.RANK_STAGE_DATABASE_URL;
const pgDatabase = keptUrl ? null : await freshDatabase(environment.postgresUrl, environment.runId);
const database = await openDatabase({ databaseUrl: keptUrl ?? pgDatabase!.url, poolSize: 1 });
const store = new SqlStore(database.db);
const one = async <T>(query: string): Promise<T> => (await database.db.execute(sql.raw(query))).rows[0] as T;
const walBytes = async () => Number((await one<{ b: string }>(`select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text as b`)).b);
const backendPid = (await one<{ pid: number }>('select pg_backend_pid() as pid')).pid;

const figures = new Map<string, { ms: number[]; node: number[]; pg: number[]; wal: number[] }>();
async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const wal0 = await walBytes();
  const { value, ms, nodeCpu, pgCpu } = await measured(backendPid, work);
  const wal = (await walBytes()) - wal0;
  const f = figures.get(what) ?? { ms: [], node: [], pg: [], wal: [] };
  f.ms.push(ms);
  f.node.push(nodeCpu);
  f.pg.push(pgCpu);
  f.wal.push(wal / 2 ** 20);
  figures.set(what, f);
  return value;
}

try {
  console.log(`rank-stage — a ${players.toLocaleString('en')}-player knockout on postgres, ${runs} runs; load average ${machine().load_average.join(' ')}`);
  const settings = knockout.validate(players, {});
  const kept = await one<{ id: number } | undefined>(`select id from tournaments where name = 'rank ${players}' and status = 'IN_PROGRESS'`);
  let id: number;
  if (kept) {
    id = Number(kept.id);
  } else {
    id = (await store.tournaments.create({ name: `rank ${players}`, format: 'knockout', settings: {}, status: 'IN_PROGRESS', synthetic: true })).id;
    await store.transaction((tx) => tx.players.createAndEnrollSynthetic(id, players));
    const entrants0 = await store.enrollments.entrants(id);
    const plan = knockout.planTable!(entrants0, settings);
    await store.transaction((tx) => tx.sessions.insertTable(id, plan));
    const loaded = await store.sessions.loadTable(id);
    const changed = simulateTable(knockout, loaded, entrants0, 1);
    await store.transaction((tx) => tx.sessions.writeProgress(id, loaded, changed));
    await one('checkpoint');
    console.log(`set up; load average ${machine().load_average.join(' ')}`);
  }

  // RANK_STAGE_ONLY: a regular expression; only the steps it matches run (those the services' steps need always do).
  const only = new RegExp(process.env.RANK_STAGE_ONLY ?? '.');
  const step = async (what: string, work: () => Promise<unknown>) => {
    if (only.test(what)) await timed(what, work);
  };
  const reset = async () => {
    await database.db.execute(sql`update tournaments set status = 'IN_PROGRESS' where id = ${id}`);
    await store.transaction((tx) => tx.rankings.replace(id, [], []));
    await one('vacuum rankings');
    await one('checkpoint');
  };
  await reset();
  for (let run = 0; run < runs; run++) {
    await step('sessions counts', () => store.sessions.counts(id));
    const table = await timed('sessions read (loadTable)', () => store.sessions.loadTable(id));
    const entrants = await timed('entrants read', () => store.enrollments.entrants(id));
    const rows = await timed('domain rankTable', async () => knockout.rankTable!(table, entrants, settings));
    await step('rankings written (replace, none before)', () => store.transaction((tx) => tx.rankings.replace(id, rows, entrants)));
    await step('rankings count', () => store.rankings.count(id));
    await step('rankings replaced (replace, all there)', () => store.transaction((tx) => tx.rankings.replace(id, rows, entrants)));
    await reset();
    await step('calculate-rankings (none before)', () => calculateRankings(store, id));
    await step('complete (rankings there)', () => completeTournament(store, id));
    await reset();
    await step('complete (no rankings)', () => completeTournament(store, id));
    await reset();
    if (only.test('complete + its reply')) {
      await calculateRankings(store, id);
      // What POST /complete answers: the tournament view, with the breakdown completing read.
      await timed('complete + its reply (rankings there)', async () => getTournament(store, id, await completeTournament(store, id)));
      await reset();
    }
  }
  const s = (v: number[]) => `${median(v).toFixed(2)} s`;
  console.log(table(['step', 'wall', 'node cpu', 'pg cpu', 'WAL'],
    [...figures].map(([what, f]) => [what, duration(median(f.ms)), s(f.node), s(f.pg), `${median(f.wal).toFixed(1)} MiB`])));
  console.log(`load average ${machine().load_average.join(' ')}; peak RSS of this process ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
} finally {
  await database.close();
  await pgDatabase?.drop();
  await close();
}
