/**
 * READS_DATABASE_URL=postgres://…/db npx tsx bench/reads.ts [runs] — the monitor's breakdown of
 * the largest tournament in a kept database (one made by bench/rank-stage.ts with
 * RANK_STAGE_DATABASE_URL): the former query (the session_state view grouped) and
 * SessionRepository.breakdown (first call, then cached plan rounds), side by side in one run;
 * wall time, this process's CPU and the PostgreSQL backend's CPU, medians.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/storage/database.ts';
import { SqlStore } from '../src/storage/store.ts';
import { duration, machine, median, table } from './figures.ts';
import { measured } from './process-cpu.ts';

const runs = Number(process.argv[2] ?? 5);
const url = process.env.READS_DATABASE_URL;
if (!url) throw new Error('READS_DATABASE_URL: a database holding a big played tournament');
const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
const store = new SqlStore(database.db);
const one = async <T>(query: string): Promise<T> => (await database.db.execute(sql.raw(query))).rows[0] as T;
try {
  const backendPid = (await one<{ pid: number }>('select pg_backend_pid() as pid')).pid;
  const { id, n } = await one<{ id: number; n: number }>(
    'select tournament_id as id, count(*)::int as n from sessions group by tournament_id order by 2 desc limit 1');
  console.log(`reads — breakdown of tournament ${id} (${n.toLocaleString('en')} sessions), ${runs} runs; load average ${machine().load_average.join(' ')}`);
  const figures = new Map<string, { ms: number[]; node: number[]; pg: number[] }>();
  const timed = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const { value, ms, nodeCpu, pgCpu } = await measured(backendPid, work);
    const f = figures.get(what) ?? { ms: [], node: [], pg: [] };
    f.ms.push(ms); f.node.push(nodeCpu); f.pg.push(pgCpu);
    figures.set(what, f);
    return value;
  };
  const viewQuery = () => database.db.execute(sql`
    select s.phase, s.tournament_round as round, count(*)::int as sessions, count(*) filter (where s.result_submitted)::int as results
    from session_state s where s.tournament_id = ${id} group by s.phase, s.tournament_round order by min(s.ordinal)`);
  const first = await timed('breakdown, first call (rounds found)', () => store.sessions.breakdown(id));
  for (let run = 0; run < runs; run++) {
    const before = (await timed('before: the view grouped', viewQuery)).rows;
    const after = await timed('after: breakdown (rounds kept)', () => store.sessions.breakdown(id));
    if (JSON.stringify(before) !== JSON.stringify(after) || JSON.stringify(after) !== JSON.stringify(first)) throw new Error('breakdowns differ');
  }
  const s = (v: number[]) => `${median(v).toFixed(3)} s`;
  console.log(table(['query', 'wall', 'node cpu', 'pg cpu'], [...figures].map(([what, f]) => [what, duration(median(f.ms)), s(f.node), s(f.pg)])));
  console.log(`load average ${machine().load_average.join(' ')}`);
} finally {
  await database.close();
}
