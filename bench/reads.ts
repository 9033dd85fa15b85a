/**
 * READS_DATABASE_URL=postgres://…/db (or READS_DATA_DIR=/path, PGlite) npx tsx bench/reads.ts
 * [runs] [players] — the reads of the largest tournament in a kept database (a played knockout of
 * `players`, 1,048,576 unless given, made here when it holds none, or by bench/rank-stage.ts with
 * RANK_STAGE_DATABASE_URL; ranked here when it has no rankings yet), each the former query and the
 * current one side by side in one run, alternating, and their answers compared:
 *   - the monitor's breakdown: the session_state view grouped, then SessionRepository.breakdown;
 *   - a standings page (100 rows) at the top, the middle and the end, and a name search: the
 *     former query joined every ranking to its enrollment for the seed order and counted them
 *     all (count(*) over ()); RankingRepository.list reads a range of positions;
 *   - loadDownstream of a first-round session (a single result's submit or correction): the
 *     former query found the sessions feeding its path by a pass over every link; the feeders
 *     kept on each session (migration 0019) are read through the (tournament, ordinal) key;
 *   - a generation's status (its sessions count) while another connection holds a million
 *     sessions written and not committed: SessionRepository.counts stepped through them,
 *     SessionRepository.count reads the tournament's row (PostgreSQL only: PGlite has one
 *     connection, so no read runs beside a generation's transaction).
 * Wall time (median), this process's CPU (PGlite runs in it) and the PostgreSQL backend's CPU
 * (mean a read).
 */
import { sql } from 'drizzle-orm';
import { knockout } from '../src/domain/formats/knockout.ts';
import { simulateTable } from '../src/domain/simulation.ts';
import { calculateRankings } from '../src/services/calculate-rankings.ts';
import { openDatabase } from '../src/storage/database.ts';
import { SqlStore } from '../src/storage/store.ts';
import { duration, machine, median, table } from './figures.ts';
import { measured } from './process-cpu.ts';

class RolledBack extends Error {}

const runs = Number(process.argv[2] ?? 5);
const players = Number(process.argv[3] ?? 1_048_576);
const url = process.env.READS_DATABASE_URL;
const dataDir = process.env.READS_DATA_DIR;
if (!url && !dataDir) throw new Error('READS_DATABASE_URL (PostgreSQL) or READS_DATA_DIR (PGlite, kept between runs)');
const database = await openDatabase(url ? { databaseUrl: url, poolSize: 1 } : { dataDir });
// PGlite has one connection: nobody reads beside a transaction, so the status read is PostgreSQL's.
const writer = url ? await openDatabase({ databaseUrl: url, poolSize: 1 }) : null;
const store = new SqlStore(database.db);
const one = async <T>(query: string): Promise<T> => (await database.db.execute(sql.raw(query))).rows[0] as T;
// A database without a played tournament gets one: `players` enrolled, planned, every result simulated.
if (!(await one<{ n: number }>('select count(*)::int as n from tournaments where sessions_count > 0')).n) {
  const made = (await store.tournaments.create({ name: `reads ${players}`, format: 'knockout', settings: {}, status: 'IN_PROGRESS', synthetic: true })).id;
  await store.transaction((tx) => tx.players.createAndEnrollSynthetic(made, players));
  const entrants = await store.enrollments.entrants(made);
  await store.transaction((tx) => tx.sessions.insertTable(made, knockout.planTable!(entrants, knockout.validate(players, {}))));
  const loaded = await store.sessions.loadTable(made);
  const changed = simulateTable(knockout, loaded, entrants, 1);
  await store.transaction((tx) => tx.sessions.writeProgress(made, loaded, changed));
  console.log(`set up a played ${players.toLocaleString('en')}-player knockout`);
}
const same = (what: string, a: unknown, b: unknown) => {
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${what}: the answers differ\n${JSON.stringify(a).slice(0, 400)}\n${JSON.stringify(b).slice(0, 400)}`);
};
try {
  const backendPid = url ? (await one<{ pid: number }>('select pg_backend_pid() as pid')).pid : null;
  const { id, n } = await one<{ id: number; n: number }>(
    'select id, sessions_count as n from tournaments order by sessions_count desc limit 1');
  if ((await store.rankings.count(id)) === 0) await calculateRankings(store, id);
  const ranked = await store.rankings.count(id);
  console.log(`reads — tournament ${id} (${n.toLocaleString('en')} sessions, ${ranked.toLocaleString('en')} rankings), ${runs} runs; load average ${machine().load_average.join(' ')}`);
  const figures = new Map<string, { ms: number[]; node: number[]; pg: number[] }>();
  const timed = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const { value, ms, nodeCpu, pgCpu } = await measured(backendPid, work);
    const f = figures.get(what) ?? { ms: [], node: [], pg: [] };
    f.ms.push(ms); f.node.push(nodeCpu); f.pg.push(pgCpu);
    figures.set(what, f);
    return value;
  };

  // The breakdown.
  const viewQuery = () => database.db.execute(sql`
    select s.phase, s.tournament_round as round, count(*)::int as sessions, count(*) filter (where s.result_submitted)::int as results
    from session_state s where s.tournament_id = ${id} group by s.phase, s.tournament_round order by min(s.ordinal)`);
  await store.sessions.breakdown(id);
  for (let run = 0; run < runs; run++) {
    const before = (await timed('breakdown  before: the view grouped', viewQuery)).rows;
    same('breakdown', before, await timed('breakdown  after: rounds kept', () => store.sessions.breakdown(id)));
  }

  // Standings pages.
  const formerPage = async (limit: number, offset: number, search?: string) => {
    const filter = search ? sql`and p.name ilike ${`%${search}%`}` : sql``;
    const result = await database.db.execute(sql`
      select r.player_id as "playerId", p.name as "playerName", e.seed, r.rank, r.points, r.wins, r.draws, r.losses,
        r.score_for as "scoreFor", r.score_against as "scoreAgainst", coalesce(r.tie_breaks, '[]'::jsonb) as "tieBreaks",
        count(*) over ()::int as total
      from rankings r join players p on p.id = r.player_id
      left join enrollments e on e.tournament_id = r.tournament_id and e.player_id = r.player_id
      where r.tournament_id = ${id} ${filter}
      order by r.rank, e.seed nulls last, r.player_id limit ${limit} offset ${offset}`);
    const rows = result.rows as { total: number; tieBreaks: [string, number][] }[];
    return { items: rows.map(({ total: _t, tieBreaks, ...rest }) => ({ ...rest, tieBreaks: Object.fromEntries(tieBreaks) })), total: rows[0]?.total };
  };
  const middle = await one<{ name: string }>(`select p.name from enrollments e join players p on p.id = e.player_id where e.tournament_id = ${id} and e.seed = ${Math.ceil(ranked / 2)}`);
  const search = middle.name.slice(-6);
  const pages: [string, number, string?][] = [['top', 0], ['middle', Math.floor(ranked / 2)], ['end', ranked - 100], [`search "${search}"`, 0, search]];
  for (let run = 0; run < runs; run++) {
    for (const [what, offset, term] of pages) {
      const before = await timed(`standings ${what}  before: joined, counted`, () => formerPage(100, offset, term));
      const after = await timed(`standings ${what}  after: positions`, () => store.rankings.list(id, { limit: 100, offset, search: term }));
      same(`standings ${what}`, before, after);
    }
  }

  // loadDownstream of a first-round session (the middle one: its path runs to the final).
  const target = await one<{ id: string; ordinal: number }>(`select id, ordinal from sessions where tournament_id = ${id} and tournament_round = 1 order by ordinal offset ${Math.floor(n / 4)} limit 1`);
  const formerDownstream = () => database.db.execute(sql`
    with recursive path(ordinal) as (
      select ordinal from sessions where id = ${target.id} and tournament_id = ${id}
      union
      select unnest(array[s.next_ordinal, s.loser_next_ordinal]) from sessions s join path
        on s.tournament_id = ${id} and s.ordinal = path.ordinal
    ), reach as (
      select ordinal from path where ordinal is not null
      union
      select s.ordinal from sessions s where s.tournament_id = ${id} and s.next_ordinal in (select ordinal from path)
      union
      select s.ordinal from sessions s where s.tournament_id = ${id} and s.loser_next_ordinal in (select ordinal from path)
    )
    select s.*, (s.id = ${target.id}) as is_target from session_state s
    where s.tournament_id = ${id} and s.ordinal in (select ordinal from reach)
    order by is_target desc, s.ordinal`);
  for (let run = 0; run < runs; run++) {
    const before = (await timed('loadDownstream  before: links scanned', formerDownstream)).rows.map((r) => (r as { id: string }).id);
    const after = await timed('loadDownstream  after: feeders kept', () => store.sessions.loadDownstream(id, target.id));
    same('loadDownstream', before, after?.ids);
  }

  // A generation's status while a million sessions are written and not committed.
  if (writer) {
    const generating = (await store.tournaments.create({ name: 'reads status', format: 'knockout', settings: {}, status: 'IN_PROGRESS', synthetic: true })).id;
    const entrants = await store.enrollments.entrants(id);
    const plan = knockout.planTable!(entrants, knockout.validate(entrants.length, {}));
    const writerStore = new SqlStore(writer.db);
    await writerStore.transaction(async (tx) => {
      await tx.sessions.insertTable(generating, plan);
      for (let run = 0; run < runs; run++) {
        const before = (await timed('status, a generation uncommitted  before: counts', () => store.sessions.counts(generating))).sessions;
        same('status', before, await timed('status, a generation uncommitted  after: the tournament row', () => store.sessions.count(generating)));
      }
      throw new RolledBack();
    }).catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
    await store.tournaments.delete(generating);
  }

  const ms = (v: number[]) => `${((v.reduce((a, b) => a + b, 0) / v.length) * 1000).toFixed(1)} ms`;
  console.log(table(['read', 'wall (median)', 'node cpu', 'pg cpu'], [...figures].map(([what, f]) => [what, duration(median(f.ms)), ms(f.node), url ? ms(f.pg) : '-'])));
  console.log(`load average ${machine().load_average.join(' ')}`);
} finally {
  await writer?.close();
  await database.close();
}
