/**
 * The async path, proven with real workers: from the async threshold up, run-scenario only
 * queues generation; a worker process takes the job from BullMQ on Redis and writes the
 * sessions to PostgreSQL; results, rankings and completion are separate calls.
 *
 * Group U walks one 1024-player knockout through the whole lifecycle and measures it (the
 * report goes to reports/production-readiness.json and is printed at the end of the run).
 * Group V queues generation again for a generated tournament, through the API and straight
 * on the queue, and races ten jobs for a fresh tournament across two workers.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { pgStatStatementsAvailable, pgStatStatementsWrites, readWriteStatistics, rowsOf, statisticsBetween, type DatabaseWriteStatistics } from '../support/database-statistics.ts';
import { e2eEnvironment, useStack } from '../support/e2e-stack.ts';
import { holdLock, lockWaiters, type HeldLock } from '../support/held-lock.ts';
import { expectedRankCounts, expectedRoundCounts, linkFacts, podium, rankCounts, resultFacts, roundCounts } from '../support/knockout-bracket.ts';
import { mib, peakRssBytes, rssBytes } from '../support/process-memory.ts';
import { readinessTable, writeReadinessReport, type ReadinessReport } from '../support/readiness-report.ts';
import type { GenerationStatus, Ranking, ScenarioReply, Session } from '../support/tourney-client.ts';
import { waitFor } from '../support/wait-for.ts';
import { sumWrites, writesBetween, type WriteCounts } from '../support/wire-write-counter.ts';

const PLAYERS = 1024;
const ROUNDS = 10;
const GENERATION_DEADLINE_MS = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const ms = (iso: string | null) => (iso === null ? Number.NaN : Date.parse(iso));
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Sessions as rows, with the version PostgreSQL gives every row write (xmin): proof that nothing was rewritten. */
async function sessionRows(db: import('pg').Pool, tournamentId: number) {
  const { rows } = await db.query(`
    select id, xmin::text as version, phase, tournament_round, tournament_match_number, participant1_id, participant2_id,
      winner_id, score1, score2, result_submitted, ordinal, next_ordinal, next_slot, loser_next_ordinal, loser_next_slot
    from sessions where tournament_id = $1 order by id`, [tournamentId]);
  return rows;
}

/** What defines the bracket: place, players and links of every session, by id. */
function bracketOf(sessions: Session[]) {
  return sessions
    .map((s) => ({
      id: s.id, round: s.tournament_round, match: s.tournament_match_number,
      participants: s.participants.map((p) => [p.id, p.slot]),
      next: [s.next_session_id, s.next_slot], loser_next: [s.loser_next_session_id, s.loser_next_slot],
    }))
    .sort((a, b) => a.round - b.round || a.match - b.match);
}

describe('Group U: the full 1024-player lifecycle with a real worker', () => {
  // The harness migrates and creates the admin itself, so every row the stack writes is the lifecycle's;
  // the stack's database connections run through write counters (see wire-write-counter.ts).
  const stack = useStack({ name: 'lifecycle', workers: 1, countWrites: true, prepareDatabase: true });

  const run = {
    launch: undefined as unknown as ScenarioReply,
    launchMs: 0,
    task: undefined as unknown as GenerationStatus,
    /** Launch request sent → done seen, by the test's clock. */
    generationWallMs: 0,
    sessions: [] as Session[],
    simulated: [] as Session[],
    rankings: [] as Ranking[],
    simulateMs: 0,
    rankMs: 0,
    completeMs: 0,
    totalMs: 0,
    statsBefore: undefined as unknown as DatabaseWriteStatistics,
    /** pg_stat_statements' write executions before the launch, where the server loads it (throwaway servers do). */
    pgssBefore: null as { statements: number; rows: number } | null,
    writes: [] as { server: WriteCounts; workers: WriteCounts }[],
    rssAtReady: { api: 0, worker: 0 },
  };

  // The lifecycle's steps, each run once, in order, by whichever test needs it first: a test
  // run alone (or after a failure) still has what it checks, and none re-does another's step.
  const once = <T>(work: () => Promise<T>) => {
    let done: Promise<T> | undefined;
    return () => (done ??= work());
  };

  const generated = once(async () => {
    const s = stack();
    run.rssAtReady = { api: rssBytes(s.server.pid), worker: rssBytes(s.workers[0].pid) };
    run.statsBefore = await readWriteStatistics(s.db);
    if (await pgStatStatementsAvailable(s.db)) run.pgssBefore = await pgStatStatementsWrites(s.db);
    run.writes.push(s.writes());
    const t0 = performance.now();
    const response = await s.api.request<ScenarioReply>('POST', '/api/v1/tournaments/ops/run-scenario', { player_count: PLAYERS, confirmed: true, seed: 2024 });
    run.launchMs = performance.now() - t0;
    run.writes.push(s.writes());
    expect(response.status).toBe(202);
    run.launch = response.body;
    run.task = await s.api.waitForTask(run.launch.tournament_id, run.launch.task_id, GENERATION_DEADLINE_MS, 5);
    run.generationWallMs = performance.now() - t0;
    run.writes.push(s.writes());
    console.log(`1024 players: launch answered in ${round1(run.launchMs)} ms, sessions generated ${round1(run.generationWallMs)} ms after the launch was sent`);
  });

  const listed = once(async () => {
    await generated();
    run.sessions = await stack().api.sessions(run.launch.tournament_id);
  });

  const simulated = once(async () => {
    await listed();
    const s = stack();
    const t0 = performance.now();
    const outcome = await s.api.simulateResults(run.launch.tournament_id, 7);
    run.simulateMs = performance.now() - t0;
    run.writes.push(s.writes());
    run.simulated = await s.api.sessions(run.launch.tournament_id);
    return outcome;
  });

  const ranked = once(async () => {
    await simulated();
    const s = stack();
    const t0 = performance.now();
    const outcome = await s.api.calculateRankings(run.launch.tournament_id);
    run.rankMs = performance.now() - t0;
    run.writes.push(s.writes());
    const page = await s.api.rankings(run.launch.tournament_id);
    run.rankings = page.items;
    return { outcome, total: page.total };
  });

  const completed = once(async () => {
    await ranked();
    const s = stack();
    const t0 = performance.now();
    const detail = await s.api.complete(run.launch.tournament_id);
    run.completeMs = performance.now() - t0;
    run.writes.push(s.writes());
    run.totalMs = run.generationWallMs + run.simulateMs + run.rankMs + run.completeMs;
    return detail;
  });

  it('the worker generates the sessions within the deadline (60 s; expected well under 1 s)', async () => {
    await generated();
    expect(run.launch).toMatchObject({ mode: 'async', enrolled_count: PLAYERS, sessions_count: 0, rankings_count: 0 });
    expect(run.launch.task_id).toMatch(UUID);
    expect(run.task).toMatchObject({ status: 'done', sessions_count: PLAYERS, created_count: PLAYERS, attempts: 1, error: null });
    // Done by the worker process, not by the server: the task names it host:pid.
    expect(run.task.worker).toBe(`${os.hostname()}:${stack().workers[0].pid}`);
    expect(run.generationWallMs).toBeLessThan(GENERATION_DEADLINE_MS);
  });

  it('has exactly 1024 sessions', async () => {
    await listed();
    expect(run.sessions).toHaveLength(PLAYERS);
    const { rows } = await stack().db.query('select count(*)::int as n from sessions where tournament_id = $1', [run.launch.tournament_id]);
    expect(rows[0].n).toBe(PLAYERS);
  });

  it('has no duplicate session id', async () => {
    await listed();
    expect(new Set(run.sessions.map((x) => x.id)).size).toBe(PLAYERS);
  });

  it('has no orphan match: one next session for all but the final and the playoff, every later slot fed once, the playoff fed by the semi-finals', async () => {
    await listed();
    const links = linkFacts(run.sessions);
    expect(links).toMatchObject({ withoutNext: [], endsWithNext: [], badTargets: [], slotsFedTwice: [], slotsUnfed: [], byeSlots: 0, loserLinksToPlayoff: true });
    // Semi-final 1's loser takes slot 0 of the playoff, semi-final 2's slot 1; nobody else has a loser link.
    expect(links.loserLinks).toEqual([[ROUNDS - 1, 1, 0], [ROUNDS - 1, 2, 1]]);
  });

  it('has the complete bracket: 10 rounds of 512, 256, …, 1 sessions and exactly one playoff (match 999)', async () => {
    await listed();
    expect(roundCounts(run.sessions)).toEqual({ 1: 512, 2: 256, 3: 128, 4: 64, 5: 32, 6: 16, 7: 8, 8: 4, 9: 2, 10: 1 });
    expect(expectedRoundCounts(PLAYERS)).toEqual(roundCounts(run.sessions));
    const playoffs = run.sessions.filter((x) => x.tournament_match_number === 999);
    expect(playoffs.map((p) => [p.tournament_round, p.participants.length])).toEqual([[ROUNDS, 0]]);
    // Round 1 holds every player once; later rounds wait for winners.
    const roundOne = run.sessions.filter((x) => x.tournament_round === 1).flatMap((x) => x.participants.map((p) => p.id));
    expect(new Set(roundOne).size).toBe(PLAYERS);
    expect(run.sessions.filter((x) => x.tournament_round > 1).every((x) => x.participants.length === 0)).toBe(true);
  });

  it('after simulate-results every session has result_submitted and two participants', async () => {
    const outcome = await simulated();
    expect(outcome).toEqual({ simulated_count: PLAYERS, added_count: 0, sessions_count: PLAYERS, results_submitted: PLAYERS });
    expect(run.simulated).toHaveLength(PLAYERS);
    expect(resultFacts(run.simulated)).toEqual({ withoutResult: 0, withoutTwoParticipants: 0, strangeWinners: 0, notMovedOn: [] });
  });

  it('calculate-rankings ranks the 1024 players once each: ranks 1, 2, 3, 4 once, four 5s, eight 9s, …, 512 of rank 513', async () => {
    const { outcome, total } = await ranked();
    expect(outcome).toEqual({ rankings_count: PLAYERS });
    expect(total).toBe(PLAYERS);
    expect(new Set(run.rankings.map((r) => r.player_id)).size).toBe(PLAYERS);
    expect(rankCounts(run.rankings)).toEqual({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 4, 9: 8, 17: 16, 33: 32, 65: 64, 129: 128, 257: 256, 513: 512 });
    expect(expectedRankCounts(PLAYERS)).toEqual(rankCounts(run.rankings));
    const top = podium(run.simulated);
    const rankOf = new Map(run.rankings.map((r) => [r.player_id, r.rank]));
    expect([top.first, top.second, top.third, top.fourth].map((id) => rankOf.get(id))).toEqual([1, 2, 3, 4]);
  });

  it('complete moves the tournament to COMPLETED', async () => {
    const detail = await completed();
    expect(detail.status).toBe('COMPLETED');
    expect(detail.counts).toEqual({ enrolled: PLAYERS, sessions: PLAYERS, results_submitted: PLAYERS, rankings: PLAYERS });
    expect((await stack().api.tournament(run.launch.tournament_id)).status).toBe('COMPLETED');
  });

  it('the task reports queue_wait_time_ms, generation_duration_ms and db_write_time_ms, non-negative and consistent with its stamps and the measured wall time', async () => {
    await generated();
    const t = run.task;
    for (const value of [t.queue_wait_time_ms, t.generation_duration_ms, t.db_write_time_ms]) {
      expect(typeof value).toBe('number');
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(0);
    }
    const queueWait = t.queue_wait_time_ms!;
    const generation = t.generation_duration_ms!;
    const write = t.db_write_time_ms!;
    // Planning 1024 sessions and writing them both take time.
    expect(generation).toBeGreaterThan(0);
    expect(write).toBeGreaterThan(0);
    // The stamps are whole milliseconds of the database clock; the metrics are finer.
    const stampWait = ms(t.started_at) - ms(t.enqueued_at);
    const stampWork = ms(t.finished_at) - ms(t.started_at);
    expect(Math.abs(queueWait - stampWait)).toBeLessThanOrEqual(1.5);
    // Across clocks (the worker's, the database's, this process's) the order is causal; each side
    // rounds at its own moment, hence a few milliseconds of slack.
    expect(generation + write).toBeLessThanOrEqual(stampWork + 5);
    // Everything the task reports happened between sending the launch and seeing it done.
    expect(queueWait + generation + write).toBeLessThanOrEqual(run.generationWallMs + 5);
    expect(ms(t.finished_at) - ms(t.enqueued_at)).toBeLessThanOrEqual(run.generationWallMs + 5);
  });

  it('measures the lifecycle and writes the report (reports/production-readiness.json)', async () => {
    await completed();
    const s = stack();
    const environment = e2eEnvironment();
    const peak = { api: peakRssBytes(s.server.pid), worker: peakRssBytes(s.workers[0].pid) };
    const [w0, wLaunched, wGenerated, wSimulated, wRanked, wCompleted] = run.writes;
    // PostgreSQL flushes a backend's statistics when it exits: stop the processes, then read.
    await Promise.all([s.stopWorker(s.workers[0]), s.server.stop('SIGTERM', 10_000)]);
    const statsAfter = await readWriteStatistics(s.db);
    const pgStat = statisticsBetween(run.statsBefore, statsAfter);
    const userTableRows = Object.values(pgStat.tables).reduce((n, w) => n + rowsOf(w), 0);
    const wire = sumWrites(writesBetween(w0.server, wCompleted.server), writesBetween(w0.workers, wCompleted.workers));
    const stageWrites = {
      launch: writesBetween(w0.server, wLaunched.server),
      generation: writesBetween(w0.workers, wGenerated.workers),
      simulate: writesBetween(wGenerated.server, wSimulated.server),
      rank: writesBetween(wSimulated.server, wRanked.server),
      complete: writesBetween(wRanked.server, wCompleted.server),
    };
    const pgss = run.pgssBefore ? await pgStatStatementsWrites(s.db) : null;
    const t = run.task;
    const generationSeconds = (t.generation_duration_ms! + t.db_write_time_ms!) / 1000;

    const report: ReadinessReport = {
      generated_at: new Date().toISOString(),
      players: PLAYERS,
      environment: {
        node: process.version, cpus: os.cpus().length, memory_gb: round1(os.totalmem() / 2 ** 30),
        redis: `${environment.redisUrl} (${environment.redisSource})`, postgres: `${environment.postgresUrl} (${environment.postgresSource})`,
        database: s.database.name, queue_prefix: s.queuePrefix, workers: 1,
      },
      figures: {
        queue_wait_time_ms: { value: t.queue_wait_time_ms!, unit: 'ms', source: 'task: enqueued_at → picked up by the worker (database clock)' },
        generation_duration_ms: { value: t.generation_duration_ms!, unit: 'ms', source: 'task: planning the bracket in the worker' },
        db_write_time_ms: { value: t.db_write_time_ms!, unit: 'ms', source: 'task: the write transaction (lock, check, bulk insert, commit)' },
        simulate_ms: { value: round1(run.simulateMs), unit: 'ms', source: 'HTTP wall time of POST simulate-results' },
        rank_ms: { value: round1(run.rankMs), unit: 'ms', source: 'HTTP wall time of POST calculate-rankings' },
        complete_ms: { value: round1(run.completeMs), unit: 'ms', source: 'HTTP wall time of POST complete' },
        total_lifecycle_seconds: { value: Math.round(run.totalMs) / 1000, unit: 's', source: 'launch sent → generation done seen (polled every 5 ms), plus the simulate, rank and complete calls; the test\'s own checking reads between them not counted' },
        peak_memory_mb_worker: { value: mib(peak.worker), unit: 'MiB', source: `VmHWM of the worker process (/proc/${s.workers[0].pid}/status), its whole life` },
        peak_memory_mb_api: { value: mib(peak.api), unit: 'MiB', source: `VmHWM of the API server process (/proc/${s.server.pid}/status), its whole life` },
        db_rows_written: { value: userTableRows, unit: 'rows', source: 'pg_stat_user_tables n_tup_ins+upd+del of the test database, launch → COMPLETED, read after the stack exited' },
        db_write_statements: pgss && run.pgssBefore
          ? { value: pgss.statements - run.pgssBefore.statements, unit: 'statements', source: 'pg_stat_statements: executions of writing statements in the test database, launch → COMPLETED (the wire count agrees)' }
          : { value: wire.writeStatements, unit: 'statements', source: 'writing statements (INSERT/UPDATE/DELETE/COPY, and SELECTs with a writing CTE), counted from PostgreSQL\'s replies on the stack\'s connections (pg_stat_statements is not loaded here)' },
        sessions_per_second: { value: Math.round(PLAYERS / generationSeconds), unit: 'sessions/s', source: 'sessions / (generation_duration_ms + db_write_time_ms)' },
      },
      details: {
        launch_ms: round1(run.launchMs),
        generation_wall_ms: round1(run.generationWallMs),
        task: run.task,
        rss_at_ready_mb: { api: mib(run.rssAtReady.api), worker: mib(run.rssAtReady.worker) },
        pg_stat_user_tables: pgStat.tables,
        pg_stat_database: pgStat.database,
        wire_counts: { total: wire, by_stage: stageWrites },
        pg_stat_statements_writes: pgss && run.pgssBefore
          ? { statements: pgss.statements - run.pgssBefore.statements, rows: pgss.rows - run.pgssBefore.rows }
          : 'not loaded by this server (shared_preload_libraries)',
      },
    };
    writeReadinessReport(report);
    console.log(readinessTable(report));

    // Every figure is a measured, finite, non-negative number.
    for (const [name, figure] of Object.entries(report.figures)) {
      expect(Number.isFinite(figure.value), name).toBe(true);
      expect(figure.value, name).toBeGreaterThanOrEqual(0);
    }
    // Each scale-sized table is written once: sessions inserted and never updated, the
    // simulation's results inserted into session_results, players, enrollments and rankings
    // inserted; the task and the tournament rows a handful of times.
    expect(pgStat.tables['public.sessions']).toEqual({ inserted: PLAYERS, updated: 0, deleted: 0 });
    expect(pgStat.tables['public.session_results']).toEqual({ inserted: PLAYERS, updated: 0, deleted: 0 });
    expect(pgStat.tables['public.rankings']).toEqual({ inserted: PLAYERS, updated: 0, deleted: 0 });
    expect(pgStat.tables['public.players']).toEqual({ inserted: PLAYERS, updated: 0, deleted: 0 });
    expect(pgStat.tables['public.enrollments']).toEqual({ inserted: PLAYERS, updated: 0, deleted: 0 });
    expect(pgStat.tables['public.tournaments']).toMatchObject({ inserted: 1, deleted: 0 });
    expect(pgStat.tables['public.tasks']).toMatchObject({ inserted: 1, deleted: 0 });
    expect(userTableRows).toBeGreaterThanOrEqual(5 * PLAYERS + 2);
    expect(userTableRows).toBeLessThanOrEqual(5 * PLAYERS + 10);
    // The replies' row counts cover the top-level statements only (rows a CTE inserts are not in
    // the tag), so they can fall short of the statistics but never exceed them.
    expect(wire.rowsWritten).toBeLessThanOrEqual(userTableRows);
    // Set-based storage: a handful of statements per stage, however many players.
    expect(stageWrites.generation.writeStatements).toBeLessThanOrEqual(10);
    expect(wire.writeStatements).toBeLessThanOrEqual(40);
    expect(wire.unreadableConnections).toBe(0);
    // Where PostgreSQL tracks statements itself, it counts the same writes.
    if (pgss && run.pgssBefore) expect(pgss.statements - run.pgssBefore.statements).toBe(wire.writeStatements);
    expect(peak.worker).toBeGreaterThan(0);
    expect(peak.api).toBeGreaterThan(0);
  });
});

describe('Group V: idempotency of generation', () => {
  // Two workers, five jobs each at once; every job waits 500 ms once marked running (the
  // test-only delay switch).
  const stack = useStack({ name: 'idempotency', workers: 2, workerEnv: { WORKER_CONCURRENCY: '5', TOURNEY_FAULT_DELAY_MS: '500' } });

  const state = {
    tournamentId: 0,
    first: undefined as unknown as GenerationStatus,
    viaApi: undefined as unknown as GenerationStatus,
    viaQueue: undefined as unknown as GenerationStatus,
    sessionsBefore: [] as Session[],
    sessionsAfter: [] as Session[],
    rowsBefore: [] as unknown[],
    rowsAfter: [] as unknown[],
  };

  const duplicates = async () => {
    if (state.viaQueue) return;
    const s = stack();
    const launch = await s.api.runScenario({ player_count: PLAYERS, confirmed: true });
    state.tournamentId = launch.tournament_id;
    state.first = await s.api.waitForTask(launch.tournament_id, launch.task_id);
    expect(state.first).toMatchObject({ status: 'done', created_count: PLAYERS });
    state.sessionsBefore = await s.api.sessions(launch.tournament_id);
    state.rowsBefore = await sessionRows(s.db, launch.tournament_id);
    // Again through the API …
    const again = await s.api.generateSessions(launch.tournament_id);
    expect(again.status).toBe('queued');
    state.viaApi = await s.api.waitForTask(launch.tournament_id, again.task_id);
    // … and straight on the queue, as another producer would (the worker records the unknown task).
    const taskId = randomUUID();
    await s.addGenerationJob({ tournament_id: launch.tournament_id, task_id: taskId });
    state.viaQueue = await waitFor(async () => {
      const response = await s.api.request<GenerationStatus>('GET', `/api/v1/tournaments/${launch.tournament_id}/generation-status/${taskId}`);
      return response.status === 200 && (response.body.status === 'done' || response.body.status === 'error') ? response.body : null;
    }, { timeout: 30_000, interval: 10, what: `the task ${taskId} queued by hand to finish` });
    state.sessionsAfter = await s.api.sessions(launch.tournament_id);
    state.rowsAfter = await sessionRows(s.db, launch.tournament_id);
  };

  it('a second generation does not create duplicates: 1024 sessions, not 2048', async () => {
    await duplicates();
    expect(state.sessionsAfter).toHaveLength(PLAYERS);
    expect(new Set(state.sessionsAfter.map((x) => x.id)).size).toBe(PLAYERS);
    const { rows } = await stack().db.query('select count(*)::int as n from sessions');
    expect(rows[0].n).toBe(PLAYERS);
  });

  it('a second generation preserves the bracket: round, match, participants and links of every session identical', async () => {
    await duplicates();
    expect(bracketOf(state.sessionsAfter)).toEqual(bracketOf(state.sessionsBefore));
  });

  it('a second generation is idempotent: the tasks end done with created_count 0 and no session id or row changed', async () => {
    await duplicates();
    for (const task of [state.viaApi, state.viaQueue]) {
      expect(task).toMatchObject({ status: 'done', sessions_count: PLAYERS, created_count: 0, attempts: 1, error: null });
    }
    expect(state.viaApi.task_id).not.toBe(state.first.task_id);
    // Same ids, same values, and the same row versions (xmin): nothing was even rewritten in place.
    expect(state.rowsAfter).toHaveLength(PLAYERS);
    expect(state.rowsAfter).toEqual(state.rowsBefore);
  });

  it('the race: ten generation jobs for one fresh tournament, released at once on two workers, make exactly one set of 1024 sessions', async () => {
    const s = stack();
    const queue = s.queue();
    // Paused while the jobs are made, so none starts before the test holds the tournament.
    await queue.pause();
    let lock: HeldLock | undefined;
    try {
      const launch = await s.api.runScenario({ player_count: PLAYERS, confirmed: true, name: 'race' });
      const taskIds = [launch.task_id];
      for (let i = 0; i < 4; i++) taskIds.push((await s.api.generateSessions(launch.tournament_id)).task_id);
      for (let i = 0; i < 5; i++) {
        const taskId = randomUUID();
        await s.addGenerationJob({ tournament_id: launch.tournament_id, task_id: taskId });
        taskIds.push(taskId);
      }
      expect(new Set(taskIds).size).toBe(10);
      expect(await queue.getWaitingCount()).toBe(10);
      expect((await s.api.tournament(launch.tournament_id)).counts.sessions).toBe(0);

      // Every job gets as far as its write transaction and waits at the tournament's row, which
      // the test holds; five per worker (each takes five at once). Then all ten are let go together.
      lock = await holdLock(s.database.url, 'select id from tournaments where id = $1 for update', [launch.tournament_id]);
      await queue.resume();
      expect(await lockWaiters(s.db, s.database.name, 'tourney worker', 10)).toBe(10);
      await lock.release();
      const tasks: GenerationStatus[] = [];
      for (const taskId of taskIds) {
        tasks.push(await waitFor(async () => {
          const r = await s.api.request<GenerationStatus>('GET', `/api/v1/tournaments/${launch.tournament_id}/generation-status/${taskId}`);
          return r.status === 200 && (r.body.status === 'done' || r.body.status === 'error') ? r.body : null;
        }, { timeout: 60_000, interval: 10, what: `task ${taskId} to finish` }));
      }
      expect(tasks.map((t) => t.status)).toEqual(Array(10).fill('done'));
      expect(tasks.map((t) => t.created_count).sort((a, b) => b! - a!)).toEqual([PLAYERS, ...Array(9).fill(0)]);
      expect(tasks.every((t) => t.sessions_count === PLAYERS && t.attempts === 1)).toBe(true);
      // Five jobs on each worker.
      const byWorker = new Map<string | null, number>();
      for (const t of tasks) byWorker.set(t.worker, (byWorker.get(t.worker) ?? 0) + 1);
      expect(new Set(byWorker.keys())).toEqual(new Set(s.workers.map((w) => `${os.hostname()}:${w.pid}`)));
      expect([...byWorker.values()]).toEqual([5, 5]);

      const { rows } = await s.db.query(`
        select count(*)::int as n, count(distinct id)::int as ids,
          count(distinct (tournament_round, tournament_match_number))::int as places
        from sessions where tournament_id = $1`, [launch.tournament_id]);
      expect(rows[0]).toEqual({ n: PLAYERS, ids: PLAYERS, places: PLAYERS });
      const sessions = await s.api.sessions(launch.tournament_id);
      expect(roundCounts(sessions)).toEqual(expectedRoundCounts(PLAYERS));
      expect(linkFacts(sessions)).toMatchObject({ withoutNext: [], slotsFedTwice: [], slotsUnfed: [], badTargets: [] });
    } finally {
      await lock?.release();
      await queue.resume();
    }
  });
});
