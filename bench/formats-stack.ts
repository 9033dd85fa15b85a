/**
 * npm run bench:formats-stack — issue 14's sizes through the whole stack (HTTP → API → queue →
 * worker → PostgreSQL, or the embedded PGlite): double elimination at 1,024 and 131,072 players
 * and an individual event of 1,048,576 participants, each launch → generated → simulated → ranked
 * → COMPLETED, and the schedule of 1,048,576 sessions (a knockout of 1,048,576 players with its
 * playoff on 256 stations): POST …/schedule planned, planned again, and the board read.
 * The pure domain at the same sizes: npm run bench:formats.
 *
 *   npm run bench:formats-stack                       PostgreSQL, API + 1 worker, every case once
 *   options: --backend postgres|pglite  --only de|individual|schedule  --runs N
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openEnvironment } from '../tests/support/e2e-environment.ts';
import { mib, peakRssBytes, resetPeakRss } from '../tests/support/process-memory.ts';
import { startStack, type Stack } from '../tests/support/stack.ts';
import { duration, machine, median, rate, table, writeReport } from './figures.ts';
import { BackendCpu, cpuSecondsOf } from './process-cpu.ts';

const { values: args } = parseArgs({
  options: { backend: { type: 'string', default: 'postgres' }, only: { type: 'string' }, runs: { type: 'string', default: '1' } },
});
const backend = args.backend === 'pglite' ? 'pglite' : 'postgres';
const runs = Math.max(1, Number(args.runs));
const LONG_MS = 30 * 60_000;
const SCHEDULE = { starts_at: '2030-06-01T08:00:00Z', stations: 256, session_minutes: 20, break_minutes: 5 };

interface Case {
  kind: 'de' | 'individual' | 'schedule';
  label: string;
  players: number;
  format: string;
  settings: Record<string, unknown>;
}
const CASES: Case[] = ([
  { kind: 'de', label: 'double_elimination', players: 1024, format: 'double_elimination', settings: {} },
  { kind: 'de', label: 'double_elimination', players: 131_072, format: 'double_elimination', settings: {} },
  { kind: 'individual', label: 'individual, 3 attempts', players: 1_048_576, format: 'individual', settings: { attempts: 3 } },
  { kind: 'schedule', label: 'schedule (knockout)', players: 1_048_576, format: 'knockout', settings: { schedule: SCHEDULE } },
] as Case[]).filter((c) => args.only === undefined || c.kind === args.only);

type Figures = Record<string, number>;

async function runOnce(stack: Stack, c: Case, seed: number): Promise<Figures> {
  const ok = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await stack.api.request<T>(method, path, body, LONG_MS);
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 400)}`);
    return res.body;
  };
  const worker = stack.workers[0];
  resetPeakRss(stack.server.pid);
  if (worker) resetPeakRss(worker.pid);
  const f: Figures = {};
  const t0 = performance.now();
  const launch = await ok<{ tournament_id: number; task_id: string; mode: string; sessions_count: number }>('POST', '/api/v1/tournaments/ops/run-scenario', {
    player_count: c.players, format: c.format, settings: c.settings, seed, confirmed: true, simulate: false,
  });
  const id = launch.tournament_id;
  if (launch.mode === 'async') {
    const task = await stack.api.waitForTask(id, launch.task_id, LONG_MS, c.players <= 16_384 ? 5 : 50);
    if (task.status !== 'done') throw new Error(`generation ended ${task.status}: ${task.error}`);
    f.sessions = task.sessions_count;
  } else {
    f.sessions = launch.sessions_count;
  }
  f.generated = performance.now() - t0;
  let t = performance.now();
  if (c.kind === 'schedule') {
    // CPU seconds of the API process and the database's backends (PostgreSQL): what a loaded
    // machine does not stretch as it stretches the wall time.
    const backends = backend === 'postgres' ? new BackendCpu(stack.database.name) : undefined;
    await backends?.start();
    const cpu = async () => (cpuSecondsOf(stack.server.pid) ?? Number.NaN) + ((await backends?.seconds())?.total ?? 0);
    let cpu0 = await cpu();
    const cpuSince = async () => {
      const now = await cpu();
      const used = now - cpu0;
      cpu0 = now;
      return used * 1000;
    };
    const first = await ok<{ planned_count: number; last_end: string }>('POST', `/api/v1/tournaments/${id}/schedule`);
    f.plan = performance.now() - t;
    f.plan_cpu = await cpuSince();
    f.planned = first.planned_count;
    f.hours = (Date.parse(first.last_end) - Date.parse(SCHEDULE.starts_at)) / 3_600_000;
    t = performance.now();
    await ok('POST', `/api/v1/tournaments/${id}/schedule`);
    f.replan = performance.now() - t;
    f.replan_cpu = await cpuSince();
    t = performance.now();
    const board = await ok<{ stations: { now: unknown; next: unknown }[] }>('GET', `/api/v1/tournaments/${id}/schedule/board`);
    f.board = performance.now() - t;
    f.board_cpu = await cpuSince();
    f.board_stations = board.stations.filter((s) => s.next !== null).length;
    backends?.stop();
  } else {
    const played = await ok<{ results_submitted: number; sessions_count: number }>('POST', `/api/v1/tournaments/${id}/simulate-results`, { seed });
    f.simulate = performance.now() - t;
    f.sessions = played.sessions_count;
    if (played.results_submitted !== played.sessions_count) throw new Error(`simulated ${played.results_submitted} of ${played.sessions_count}`);
    t = performance.now();
    const ranked = await ok<{ rankings_count: number }>('POST', `/api/v1/tournaments/${id}/calculate-rankings`);
    f.rank = performance.now() - t;
    if (ranked.rankings_count !== c.players) throw new Error(`ranked ${ranked.rankings_count} of ${c.players}`);
    t = performance.now();
    const done = await ok<{ status: string }>('POST', `/api/v1/tournaments/${id}/complete`);
    f.complete = performance.now() - t;
    if (done.status !== 'COMPLETED') throw new Error(`ended ${done.status}`);
  }
  f.total = performance.now() - t0;
  f.peak_api = mib(peakRssBytes(stack.server.pid));
  f.peak_worker = worker ? mib(peakRssBytes(worker.pid)) : 0;
  return f;
}

const { environment, close } = await openEnvironment('bench-formats');
let current: Stack | undefined;
process.once('SIGINT', () => void (async () => { await current?.stopAll().catch(() => undefined); await close().catch(() => undefined); process.exit(130); })());
const host = machine();
const results: { case: Case; runs: Figures[] }[] = [];
try {
  console.log(`bench:formats-stack on ${backend === 'postgres' ? 'PostgreSQL, API + 1 worker, BullMQ on Redis' : 'PGlite in the API process, in-process queue'}`);
  console.log(`  ${host.cpus} cpus (${host.cpu_model}), node ${host.node}, load average ${host.load_average.join(' ')} at the start`);
  for (const c of CASES) {
    current = await startStack(environment, backend === 'postgres'
      ? { name: `formats-pg-${c.kind}-${c.players}`, workers: 1 }
      : { name: `formats-pglite-${c.kind}-${c.players}`, workers: 0, serverEnv: { DATABASE_URL: '', REDIS_URL: '' } });
    const done: Figures[] = [];
    for (let run = 1; run <= runs; run++) {
      const f = await runOnce(current, c, run);
      console.log(`  ${c.label} ${c.players.toLocaleString('en')}, run ${run}: ` +
        Object.entries(f).map(([k, v]) => `${k} ${['sessions', 'planned', 'board_stations', 'peak_api', 'peak_worker', 'hours'].includes(k) ? Math.round(v).toLocaleString('en') : duration(v)}`).join(', ') +
        `; load ${machine().load_average.join(' ')}`);
      done.push(f);
    }
    results.push({ case: c, runs: done });
    await current.stopAll();
    current = undefined;
  }
  const m = (r: (typeof results)[number], key: string) => median(r.runs.map((f) => f[key] ?? Number.NaN));
  const play = results.filter((r) => r.case.kind !== 'schedule');
  if (play.length > 0) {
    console.log(`\nlaunch → COMPLETED, medians:\n${table(
      ['case', 'players', 'sessions', 'generated', 'simulate', 'rank', 'complete', 'total', 'results/s', 'peak api', 'peak worker'],
      play.map((r) => [r.case.label, r.case.players.toLocaleString('en'), Math.round(m(r, 'sessions')).toLocaleString('en'),
        duration(m(r, 'generated')), duration(m(r, 'simulate')), duration(m(r, 'rank')), duration(m(r, 'complete')), duration(m(r, 'total')),
        rate(m(r, 'sessions'), m(r, 'simulate')), `${m(r, 'peak_api')} MiB`, backend === 'postgres' ? `${m(r, 'peak_worker')} MiB` : '-']),
    )}`);
  }
  for (const r of results.filter((x) => x.case.kind === 'schedule')) {
    console.log(`\nthe schedule, medians:\n${table(
      ['sessions', 'stations', 'generated', 'POST …/schedule', 'again (re-plan)', 'board', 'sessions/s', 'the day lasts', 'peak api'],
      [[Math.round(m(r, 'planned')).toLocaleString('en'), String(SCHEDULE.stations), duration(m(r, 'generated')), duration(m(r, 'plan')), duration(m(r, 'replan')),
        duration(m(r, 'board')), rate(m(r, 'planned'), m(r, 'plan')), `${m(r, 'hours').toFixed(0)} h`, `${m(r, 'peak_api')} MiB`],
      [`CPU (api + pg)`, '', '', duration(m(r, 'plan_cpu')), duration(m(r, 'replan_cpu')), duration(m(r, 'board_cpu')), '', '', '']],
    )}`);
  }
  console.log(`\nreport: ${writeReport(`formats-${backend}`, { machine: host, backend, load_average_at_end: machine().load_average, results })}`);
} finally {
  await current?.stopAll().catch(() => undefined);
  await close();
}
