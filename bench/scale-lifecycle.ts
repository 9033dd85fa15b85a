/**
 * npm run bench:scale — the whole lifecycle (launch → sessions → results → rankings → COMPLETED)
 * through HTTP against real processes, from 1,024 to 1,048,576 players, on both backends:
 * - PostgreSQL: the API server and one worker as separate processes, BullMQ on Redis;
 * - PGlite: the API server alone on its embedded database, generation on its in-process queue.
 * Each (backend, workload) gets a fresh stack and database. Prints every run, then per backend a
 * table of stage medians, rows per second and the peak RSS (VmHWM) of each process, then the
 * goals of issue 13 as met or not. Everything also goes to reports/bench-scale-*.json.
 *
 *   npm run bench:scale                    knockouts of 1,024, 16,384, 131,072 and 1,048,576 players and the
 *                                          1,024-player league (523,776 sessions), on PostgreSQL and PGlite
 *   npm run bench:scale -- --quick         knockouts of 1,024 and 16,384 only
 *   options: --backend postgres|pglite  --sizes 1024,131072  --runs N (every workload)  --no-league
 *            --no-start (skips timing `npm start` / `npm run worker` to ready, see start-time.ts)
 *            --source (runs the processes from src/ under tsx instead of dist/; production, `npm start`
 *            and `npm run worker`, runs dist/, which is what the bench times by default)
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openEnvironment } from '../tests/support/e2e-environment.ts';
import { mib, peakRssBytes, resetPeakRss } from '../tests/support/process-memory.ts';
import { startStack, type Stack } from '../tests/support/stack.ts';
import type { GenerationStatus } from '../tests/support/tourney-client.ts';
import { duration, machine, median, rate, table, writeReport } from './figures.ts';
import { BackendCpu, cpuSecondsOf, loadAverage } from './process-cpu.ts';
import { measureStarts, startTable, type StartFigures } from './start-time.ts';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    backend: { type: 'string' },
    sizes: { type: 'string' },
    source: { type: 'boolean', default: false },
    runs: { type: 'string' },
    'no-league': { type: 'boolean', default: false },
    'no-start': { type: 'boolean', default: false },
  },
});

type Backend = 'postgres' | 'pglite';
interface Workload {
  format: 'knockout' | 'league';
  players: number;
  sessions: number;
  runs: number;
  warmup: number;
}

const SIZES = args.sizes ? args.sizes.split(',').map(Number) : args.quick ? [1024, 16_384] : [1024, 16_384, 131_072, 1_048_576];
const BACKENDS: Backend[] = args.backend ? [args.backend as Backend] : ['postgres', 'pglite'];
const runsFor = (players: number) => (args.runs ? Number(args.runs) : players <= 16_384 ? 5 : 3);
const workloads: Workload[] = SIZES.map((players) => ({
  format: 'knockout' as const,
  players,
  sessions: players - 1 + (players >= 4 ? 1 : 0),
  runs: runsFor(players),
  warmup: players <= 16_384 ? 1 : 0,
}));
if (!args.quick && !args['no-league']) {
  workloads.push({ format: 'league', players: 1024, sessions: (1024 * 1023) / 2, runs: args.runs ? Number(args.runs) : 3, warmup: 0 });
}

const STAGES = ['launch', 'queue_wait', 'plan', 'write', 'generated', 'simulate', 'rank', 'complete', 'total'] as const;
type Stage = (typeof STAGES)[number];
const STAGE_MEANING: Record<Stage, string> = {
  launch: 'POST run-scenario: the tournament, its players and enrollments written → 202',
  queue_wait: 'task queue_wait_time_ms: enqueued → picked up',
  plan: 'task generation_duration_ms: the domain plans the sessions',
  write: 'task db_write_time_ms: the write transaction (lock, check, bulk insert, commit)',
  generated: 'launch sent → task done seen by polling',
  simulate: 'POST simulate-results: every result played and written',
  rank: 'POST calculate-rankings',
  complete: 'POST complete',
  total: 'launch sent → COMPLETED answered',
};

// What the processes spent, stage by stage: CPU seconds (which waiting for a core on a loaded
// machine does not inflate) and the WAL PostgreSQL wrote (cluster-wide: exact only when no one
// else writes to the cluster, as with TOURNEY_E2E_THROWAWAY=1).
const CPU_STAGES = ['launch', 'generation', 'simulate', 'rank', 'complete', 'total'] as const;
type CpuStage = (typeof CPU_STAGES)[number];
const CPU_MEANING: Record<CpuStage, string> = {
  launch: 'launch sent → 202 (the worker may have begun)',
  generation: '202 → task done seen',
  simulate: 'simulate-results',
  rank: 'calculate-rankings',
  complete: 'complete',
  total: 'launch sent → COMPLETED',
};
interface CpuFigures {
  /** The API process (with PGlite inside it on the embedded backend). */
  api: number;
  worker: number;
  /** PostgreSQL backends of the API's and the worker's connections. */
  pg_api: number;
  pg_worker: number;
  /** Every process above. */
  all: number;
  wal_mib: number | null;
}

interface RunFigures {
  stages: Record<Stage, number>;
  cpu_s: Record<CpuStage, CpuFigures>;
  load_average: { start: number; end: number };
  peak_rss_mib: { api: number; worker: number | null };
}
interface WorkloadResult extends Workload {
  backend: Backend;
  runs_done: RunFigures[];
}

const LONG_MS = 30 * 60_000;

async function runOnce(stack: Stack, backend: Backend, w: Workload, seed: number): Promise<RunFigures> {
  const worker = backend === 'postgres' ? stack.workers[0] : undefined;
  resetPeakRss(stack.server.pid);
  if (worker) resetPeakRss(worker.pid);
  const ok = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await stack.api.request<T>(method, path, body, LONG_MS);
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 400)}`);
    return res.body;
  };
  const backends = new BackendCpu(stack.database.name, async () => {
    const { rows } = await stack.db.query<{ pid: number; name: string }>(
      'select pid, application_name as name from pg_stat_activity where datname = current_database()');
    return new Map(rows.map((r) => [r.pid, r.name]));
  });
  await backends.start();
  const wal = async () => backend === 'postgres'
    ? Number((await stack.db.query<{ b: string }>(`select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text as b`)).rows[0].b)
    : null;
  const snapshot = async () => {
    const pgs = await backends.seconds();
    return {
      api: cpuSecondsOf(stack.server.pid) ?? Number.NaN,
      worker: worker ? cpuSecondsOf(worker.pid) ?? Number.NaN : 0,
      pg_api: pgs['tourney server'] ?? 0,
      pg_worker: pgs['tourney worker'] ?? 0,
      pg_all: pgs.total,
      wal: await wal(),
    };
  };
  type Snapshot = Awaited<ReturnType<typeof snapshot>>;
  const between = (a: Snapshot, b: Snapshot): CpuFigures => {
    const round = (x: number) => Math.round(x * 100) / 100;
    const api = b.api - a.api;
    const w = b.worker - a.worker;
    return {
      api: round(api), worker: round(w), pg_api: round(b.pg_api - a.pg_api), pg_worker: round(b.pg_worker - a.pg_worker),
      all: round(api + w + b.pg_all - a.pg_all),
      wal_mib: a.wal === null || b.wal === null ? null : round((b.wal - a.wal) / 2 ** 20),
    };
  };
  const loadAtStart = loadAverage();
  const s0 = await snapshot();
  const t0 = performance.now();
  const launch = await ok<{ tournament_id: number; task_id: string; mode: string }>('POST', '/api/v1/tournaments/ops/run-scenario', {
    player_count: w.players, format: w.format, seed, confirmed: true,
  });
  const tLaunched = performance.now();
  const sLaunched = await snapshot();
  let task: GenerationStatus;
  if (launch.mode === 'async') {
    // Each status read counts the sessions written so far, through rows not yet committed: 0.12 s
    // of the API's PostgreSQL CPU at a million, so polling every 50 ms kept a backend busy beside
    // the worker's COPY on this 2-core machine. A reading a quarter second late is within the
    // stage's noise at that size.
    task = await stack.api.waitForTask(launch.tournament_id, launch.task_id, LONG_MS, w.players <= 16_384 ? 5 : w.players <= 131_072 ? 50 : 250);
    if (task.status !== 'done' || task.sessions_count !== w.sessions) {
      throw new Error(`generation ended ${task.status} with ${task.sessions_count} sessions: ${task.error}`);
    }
  } else {
    throw new Error(`run-scenario of ${w.players} players ran synchronously: the bench measures the queued path`);
  }
  const tGenerated = performance.now();
  const sGenerated = await snapshot();
  const played = await ok<{ results_submitted: number }>('POST', `/api/v1/tournaments/${launch.tournament_id}/simulate-results`, { seed });
  const tSimulated = performance.now();
  const sSimulated = await snapshot();
  const ranked = await ok<{ rankings_count: number }>('POST', `/api/v1/tournaments/${launch.tournament_id}/calculate-rankings`);
  const tRanked = performance.now();
  const sRanked = await snapshot();
  const completed = await ok<{ status: string }>('POST', `/api/v1/tournaments/${launch.tournament_id}/complete`);
  const tCompleted = performance.now();
  const sCompleted = await snapshot();
  backends.stop();
  if (played.results_submitted !== w.sessions || ranked.rankings_count !== w.players || completed.status !== 'COMPLETED') {
    throw new Error(`the run did not complete: ${JSON.stringify({ played, ranked, status: completed.status })}`);
  }
  return {
    stages: {
      launch: tLaunched - t0,
      queue_wait: task.queue_wait_time_ms ?? Number.NaN,
      plan: task.generation_duration_ms ?? Number.NaN,
      write: task.db_write_time_ms ?? Number.NaN,
      generated: tGenerated - t0,
      simulate: tSimulated - tGenerated,
      rank: tRanked - tSimulated,
      complete: tCompleted - tRanked,
      total: tCompleted - t0,
    },
    cpu_s: {
      launch: between(s0, sLaunched),
      generation: between(sLaunched, sGenerated),
      simulate: between(sGenerated, sSimulated),
      rank: between(sSimulated, sRanked),
      complete: between(sRanked, sCompleted),
      total: between(s0, sCompleted),
    },
    load_average: { start: loadAtStart, end: loadAverage() },
    peak_rss_mib: { api: mib(peakRssBytes(stack.server.pid)), worker: worker ? mib(peakRssBytes(worker.pid)) : null },
  };
}

const label = (w: Workload) => `${w.format} ${w.players.toLocaleString('en')}`;
const stageMedian = (r: WorkloadResult, s: Stage) => median(r.runs_done.map((f) => f.stages[s]));
const peakMax = (r: WorkloadResult, p: 'api' | 'worker') => Math.max(...r.runs_done.map((f) => f.peak_rss_mib[p] ?? 0));

function printBackend(backend: Backend, results: WorkloadResult[]): void {
  const header = ['workload', 'runs', 'launch', 'plan', 'write', 'generated', 'simulate', 'rank', 'complete', 'total',
    'players/s', 'sessions/s', 'results/s', 'rankings/s', 'peak api', 'peak worker'];
  const rows = results.map((r) => [
    label(r), String(r.runs_done.length),
    ...(['launch', 'plan', 'write', 'generated', 'simulate', 'rank', 'complete', 'total'] as Stage[]).map((s) => duration(stageMedian(r, s))),
    rate(r.players, stageMedian(r, 'launch')),
    rate(r.sessions, stageMedian(r, 'write')),
    rate(r.sessions, stageMedian(r, 'simulate')),
    rate(r.players, stageMedian(r, 'rank')),
    `${peakMax(r, 'api')} MiB`,
    backend === 'postgres' ? `${peakMax(r, 'worker')} MiB` : '-',
  ]);
  const where = (backend === 'postgres' ? 'PostgreSQL, API + 1 worker as processes, BullMQ on Redis' : 'PGlite embedded in the API process, in-process queue') +
    (args.source ? ', from src/ under tsx' : ', compiled (dist/, as npm start runs)');
  console.log(`\n${where}: medians (peak RSS: the largest VmHWM of any run)\n${table(header, rows)}`);
}

const seconds = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)} s` : '-');
function cpuLine(c: CpuFigures): string {
  return `${seconds(c.all)} (api ${seconds(c.api)}, worker ${seconds(c.worker)}, pg ${seconds(c.pg_api)} + ${seconds(c.pg_worker)})` +
    (c.wal_mib === null ? '' : `, WAL ${c.wal_mib} MiB`);
}
const cpuMedian = (r: WorkloadResult, stage: CpuStage, what: keyof CpuFigures) =>
  median(r.runs_done.map((f) => f.cpu_s[stage][what] ?? Number.NaN));
const loadMedian = (r: WorkloadResult) => median(r.runs_done.map((f) => (f.load_average.start + f.load_average.end) / 2));

function printCpu(backend: Backend, results: WorkloadResult[]): void {
  const header = ['workload', ...CPU_STAGES.map((s) => `${s} cpu`), 'api', 'worker', 'pg (api)', 'pg (worker)',
    ...(backend === 'postgres' ? ['WAL'] : []), 'wall total', 'load'];
  const rows = results.map((r) => [
    label(r),
    ...CPU_STAGES.map((s) => seconds(cpuMedian(r, s, 'all'))),
    ...(['api', 'worker', 'pg_api', 'pg_worker'] as const).map((p) => seconds(cpuMedian(r, 'total', p))),
    ...(backend === 'postgres' ? [`${cpuMedian(r, 'total', 'wal_mib').toFixed(0)} MiB`] : []),
    duration(stageMedian(r, 'total')),
    loadMedian(r).toFixed(1),
  ]);
  console.log(`\nCPU seconds (utime + stime from /proc) of every process of the run, medians; the wall total beside the load average` +
    ` it ran under (${backend === 'postgres' ? 'WAL is cluster-wide' : 'PGlite runs inside the API process'}):\n${table(header, rows)}`);
}

interface Goal {
  measure: string;
  goal: string;
  figure: string;
  met: boolean | null;
}

function goals(all: WorkloadResult[], starts: StartFigures[]): Goal[] {
  const find = (backend: Backend, format: string, players: number) =>
    all.find((r) => r.backend === backend && r.format === format && r.players === players);
  const out: Goal[] = [];
  const within = (measure: string, goal: string, r: WorkloadResult | undefined, limitMs: number) => {
    const ms = r ? stageMedian(r, 'total') : Number.NaN;
    const figure = r ? `${duration(ms)} at load ${loadMedian(r).toFixed(1)}; CPU ${seconds(cpuMedian(r, 'total', 'all'))}` : 'not run';
    out.push({ measure, goal, figure, met: r ? ms <= limitMs : null });
  };
  const millionPg = find('postgres', 'knockout', 1_048_576);
  within('1,048,576-player knockout, launch → COMPLETED, PostgreSQL, API + 1 worker', '≤ 20 s', millionPg, 20_000);
  within('the same on the embedded PGlite', '≤ 60 s', find('pglite', 'knockout', 1_048_576), 60_000);
  const peak = millionPg ? Math.max(peakMax(millionPg, 'api'), peakMax(millionPg, 'worker')) : Number.NaN;
  out.push({ measure: 'peak RSS of any process in that run', goal: '≤ 600 MB', figure: millionPg ? `${(peak * 1.048576).toFixed(0)} MB` : 'not run', met: millionPg ? peak * 1.048576 <= 600 : null });
  within('1,024-player league (523,776 sessions) lifecycle, PostgreSQL', '≤ 8 s', find('postgres', 'league', 1024), 8_000);
  const slowest = starts.length > 0 ? starts.reduce((a, b) => (b.median > a.median ? b : a)) : undefined;
  out.push({
    measure: '`npm start` and `npm run worker` to ready, after the first build (slowest median)',
    goal: '≤ 1 s',
    figure: slowest
      ? `${duration(slowest.median)} (${slowest.what}) at load ${((slowest.load_average.start + slowest.load_average.end) / 2).toFixed(1)}; CPU to ready ${duration(slowest.cpu_median)}, main thread ${duration(slowest.main_cpu_median)}`
      : 'not run',
    met: slowest ? slowest.median <= 1_000 : null,
  });
  return out;
}

const { environment, close } = await openEnvironment('bench-scale');
let current: Stack | undefined;
const interrupted = async () => {
  await current?.stopAll().catch(() => undefined);
  await close().catch(() => undefined);
  process.exit(130);
};
process.once('SIGINT', () => void interrupted());
process.once('SIGTERM', () => void interrupted());

const results: WorkloadResult[] = [];
let starts: StartFigures[] = [];
const startedAt = new Date().toISOString();
const host = machine();
try {
  console.log(`bench:scale — ${workloads.map(label).join(', ')} on ${BACKENDS.join(' and ')}`);
  console.log(`  ${host.cpus} cpus (${host.cpu_model}), node ${host.node}, load average ${host.load_average.join(' ')} at the start`);
  console.log(`  Redis ${environment.redisUrl} (${environment.redisSource}), PostgreSQL ${environment.postgresUrl} (${environment.postgresSource}); logs in ${environment.runDir}`);
  if (!args['no-start']) {
    starts = await measureStarts(environment, 5);
    console.log(`\nstart to ready, compiled (dist/), median of 5 after a first start:\n${startTable(starts)}`);
  }
  for (const backend of BACKENDS) {
    for (const w of workloads) {
      const t = performance.now();
      current = await startStack(environment, backend === 'postgres'
        ? { name: `scale-pg-${w.format}-${w.players}`, workers: 1, compiled: !args.source }
        // No DATABASE_URL and no REDIS_URL: the embedded database and the in-process queue.
        : { name: `scale-pglite-${w.format}-${w.players}`, workers: 0, compiled: !args.source, serverEnv: { DATABASE_URL: '', REDIS_URL: '' } });
      console.log(`\n  ${backend}, ${label(w)}: stack up in ${duration(performance.now() - t)}; ${w.warmup} warm-up run(s), then ${w.runs}`);
      const result: WorkloadResult = { ...w, backend, runs_done: [] };
      for (let run = 1; run <= w.warmup + w.runs; run++) {
        const figures = await runOnce(current, backend, w, run);
        const warm = run <= w.warmup;
        console.log(`    run ${run}/${w.warmup + w.runs}${warm ? ' (warm-up)' : ''}: ` +
          STAGES.map((s) => `${s} ${duration(figures.stages[s])}`).join(', ') +
          `; peak RSS api ${figures.peak_rss_mib.api} MiB${figures.peak_rss_mib.worker === null ? '' : `, worker ${figures.peak_rss_mib.worker} MiB`}` +
          `; CPU ${cpuLine(figures.cpu_s.total)}; load ${figures.load_average.start}→${figures.load_average.end}`);
        if (!warm) result.runs_done.push(figures);
      }
      results.push(result);
      await current.stopAll();
      current = undefined;
    }
    printBackend(backend, results.filter((r) => r.backend === backend));
    printCpu(backend, results.filter((r) => r.backend === backend));
  }
  console.log('\nstages: ' + STAGES.map((s) => `${s} = ${STAGE_MEANING[s]}`).join('\n        '));
  console.log('cpu stages: ' + CPU_STAGES.map((s) => `${s} = ${CPU_MEANING[s]}`).join('\n            '));
  const goalRows = goals(results, starts);
  console.log(`\ngoals (issue 13), medians of this run:\n${table(['measure', 'goal', 'this run', 'met'],
    goalRows.map((g) => [g.measure, g.goal, g.figure, g.met === null ? '-' : g.met ? 'yes' : 'NO']))}`);
  const file = writeReport('scale', {
    started_at: startedAt, finished_at: new Date().toISOString(), machine: host, load_average_at_end: machine().load_average,
    stages: STAGE_MEANING, cpu_stages: CPU_MEANING, starts, results, goals: goalRows,
  });
  console.log(`\nreport: ${file}`);
} finally {
  await current?.stopAll().catch(() => undefined);
  await close();
}
