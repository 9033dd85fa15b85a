/**
 * npm run bench:async — the 1024-player knockout lifecycle through HTTP against real
 * processes: the API server and one worker (`node --import tsx src/…`), BullMQ on Redis,
 * PostgreSQL on a fresh database (the e2e harness finds or starts both). Each run launches
 * via run-scenario, polls generation-status until done, then simulates, ranks and completes.
 * Prints a line per run, then the median and p90 of every stage and the peak RSS (VmHWM)
 * of the worker and the server. BENCH_RUNS runs (default 7) after BENCH_WARMUP (default 1).
 *
 * Target: launch to COMPLETED under 1 s (the old system took 7.9 s).
 * Then one run each of a 1024-player league (523,776 sessions) and a 12-round Swiss of 4,096
 * players: generation, simulation and ranking times and peak RSS.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { openEnvironment } from '../tests/support/e2e-environment.ts';
import { mib, peakRssBytes, resetPeakRss, rssBytes } from '../tests/support/process-memory.ts';
import { startStack } from '../tests/support/stack.ts';
import { median, quantile } from './figures.ts';

const PLAYERS = 1024;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
const POLL_MS = 5;
const TARGET_MS = 1_000;
const OLD_SYSTEM_MS = 7_900;

const STAGES = [
  ['launch', 'POST run-scenario, sent → 202'],
  ['queue_wait', 'task queue_wait_time_ms: enqueued → picked up'],
  ['generation', 'task generation_duration_ms: planning'],
  ['db_write', 'task db_write_time_ms: the write transaction'],
  ['generated', `launch sent → done seen (polled every ${POLL_MS} ms)`],
  ['simulate', 'POST simulate-results'],
  ['rank', 'POST calculate-rankings'],
  ['complete', 'POST complete'],
  ['total', 'launch sent → COMPLETED answered'],
] as const;
type Stage = (typeof STAGES)[number][0];

const f1 = (n: number) => n.toFixed(1);

const { environment, close } = await openEnvironment('bench');
let stopStack: (() => Promise<void>) | undefined;
const interrupted = async () => {
  await stopStack?.().catch(() => undefined);
  await close().catch(() => undefined);
  process.exit(130);
};
process.once('SIGINT', () => void interrupted());
process.once('SIGTERM', () => void interrupted());

try {
  console.log(`bench:async — ${PLAYERS}-player knockout lifecycle over HTTP, API server + 1 worker as processes`);
  console.log(`  Redis ${environment.redisUrl} (${environment.redisSource}), PostgreSQL ${environment.postgresUrl} (${environment.postgresSource}); ${os.cpus().length} cpus, node ${process.version}`);
  const started = performance.now();
  const stack = await startStack(environment, { name: 'bench', workers: 1 });
  stopStack = stack.stopAll;
  const worker = stack.workers[0];
  console.log(`  stack up in ${f1(performance.now() - started)} ms (logs in ${environment.runDir}); ${WARMUP} warm-up run(s), then ${RUNS}\n`);
  const rssIdle = { api: rssBytes(stack.server.pid), worker: rssBytes(worker.pid) };

  const samples: Record<Stage, number[]> = Object.fromEntries(STAGES.map(([s]) => [s, []])) as unknown as Record<Stage, number[]>;
  const peaks = { api: [] as number[], worker: [] as number[] };
  for (let run = 1; run <= WARMUP + RUNS; run++) {
    resetPeakRss(stack.server.pid);
    resetPeakRss(worker.pid);
    const t0 = performance.now();
    const launch = await stack.api.runScenario({ player_count: PLAYERS, confirmed: true, seed: run });
    const launched = performance.now();
    const task = await stack.api.waitForTask(launch.tournament_id, launch.task_id, 60_000, POLL_MS);
    const generated = performance.now();
    if (task.status !== 'done' || task.sessions_count !== PLAYERS) throw new Error(`generation ended ${task.status} with ${task.sessions_count} sessions: ${task.error}`);
    const simulated = await stack.api.simulateResults(launch.tournament_id, run);
    const tSimulated = performance.now();
    const ranked = await stack.api.calculateRankings(launch.tournament_id);
    const tRanked = performance.now();
    const detail = await stack.api.complete(launch.tournament_id);
    const tCompleted = performance.now();
    if (simulated.results_submitted !== PLAYERS || ranked.rankings_count !== PLAYERS || detail.status !== 'COMPLETED') {
      throw new Error(`run ${run} did not complete: ${JSON.stringify({ simulated, ranked, status: detail.status })}`);
    }
    const figures: Record<Stage, number> = {
      launch: launched - t0,
      queue_wait: task.queue_wait_time_ms!,
      generation: task.generation_duration_ms!,
      db_write: task.db_write_time_ms!,
      generated: generated - t0,
      simulate: tSimulated - generated,
      rank: tRanked - tSimulated,
      complete: tCompleted - tRanked,
      total: tCompleted - t0,
    };
    const peak = { api: peakRssBytes(stack.server.pid), worker: peakRssBytes(worker.pid) };
    const warm = run <= WARMUP;
    console.log(`  run ${String(run).padStart(2)}/${WARMUP + RUNS}${warm ? ' (warm-up)' : '          '}  ` +
      STAGES.map(([s]) => `${s} ${f1(figures[s])}`).join('  ') + ` ms  peak RSS worker ${mib(peak.worker)} MiB, api ${mib(peak.api)} MiB`);
    if (warm) continue;
    for (const [s] of STAGES) samples[s].push(figures[s]);
    peaks.api.push(peak.api);
    peaks.worker.push(peak.worker);
  }

  const width = Math.max(...STAGES.map(([s]) => s.length));
  console.log(`\n  stage${' '.repeat(width - 5)}  median ms     p90 ms  what`);
  for (const [s, what] of STAGES) {
    console.log(`  ${s.padEnd(width)}  ${f1(median(samples[s])).padStart(9)}  ${f1(quantile(samples[s], 0.9)).padStart(9)}  ${what}`);
  }
  console.log(`\n  peak RSS (VmHWM) during a run, median (max): worker ${mib(median(peaks.worker))} (${mib(Math.max(...peaks.worker))}) MiB, ` +
    `api ${mib(median(peaks.api))} (${mib(Math.max(...peaks.api))}) MiB; idle before the runs: worker ${mib(rssIdle.worker)} MiB, api ${mib(rssIdle.api)} MiB`);
  const total = median(samples.total);
  console.log(`\n  launch → COMPLETED: median ${f1(total)} ms over ${RUNS} runs; target < ${TARGET_MS} ms: ${total < TARGET_MS ? 'met' : 'NOT met'}; ` +
    `the old system took ${OLD_SYSTEM_MS} ms (${f1(OLD_SYSTEM_MS / total)}x)`);

  // The large formats through the same stack, one run each: what a 523,776-session league
  // and a 12-round Swiss of 4,096 players cost to generate, play and rank.
  console.log('\n  large formats, one run each (times in ms; peak RSS over the run):');
  const LONG_MS = 900_000;
  for (const { label, body, sessions } of [
    { label: 'league, 1024 players', body: { player_count: 1024, format: 'league' }, sessions: 523_776 },
    { label: 'swiss, 256 players (its cap), 8 rounds', body: { player_count: 256, format: 'swiss', settings: { rounds: 8 } }, sessions: 8 * 128 },
  ]) {
    resetPeakRss(stack.server.pid);
    resetPeakRss(worker.pid);
    const ok = async <T>(method: string, path: string, payload?: unknown): Promise<T & { ms: number }> => {
      const res = await stack.api.request<T>(method, path, payload, LONG_MS);
      if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
      return { ...(res.body as T), ms: res.ms };
    };
    const t0 = performance.now();
    const launch = await ok<{ tournament_id: number; task_id: string }>('POST', '/api/v1/tournaments/ops/run-scenario', { ...body, confirmed: true });
    const task = await stack.api.waitForTask(launch.tournament_id, launch.task_id, LONG_MS, 50);
    const generated = performance.now() - t0;
    const played = await ok<{ sessions_count: number; results_submitted: number }>('POST', `/api/v1/tournaments/${launch.tournament_id}/simulate-results`, { seed: 1 });
    const ranked = await ok<{ rankings_count: number }>('POST', `/api/v1/tournaments/${launch.tournament_id}/calculate-rankings`);
    const completed = await ok<{ status: string }>('POST', `/api/v1/tournaments/${launch.tournament_id}/complete`);
    if (played.results_submitted !== sessions || ranked.rankings_count !== body.player_count || completed.status !== 'COMPLETED') {
      throw new Error(`${label} did not complete: ${JSON.stringify({ played, ranked, status: completed.status })}`);
    }
    console.log(`  ${label.padEnd(31)} sessions ${played.sessions_count}  launch ${f1(launch.ms)}  generation ${f1(task.generation_duration_ms!)}` +
      `  db_write ${f1(task.db_write_time_ms!)}  generated ${f1(generated)}  simulate ${f1(played.ms)}  rank ${f1(ranked.ms)}` +
      `  complete ${f1(completed.ms)}  total ${f1(performance.now() - t0)}  peak RSS worker ${mib(peakRssBytes(worker.pid))} MiB, api ${mib(peakRssBytes(stack.server.pid))} MiB`);
  }
  await stack.stopAll();
  stopStack = undefined;
} finally {
  await stopStack?.().catch(() => undefined);
  await close();
}
