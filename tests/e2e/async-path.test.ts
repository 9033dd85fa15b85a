/**
 * The async path end to end: the API server queues generation on BullMQ, worker processes
 * take it, and nothing depends on which process runs when. The job is queued before any
 * worker exists; later, duplicate jobs arrive after completion, alone and ten at once
 * across two workers, and change nothing.
 *
 * No test leans on another's work or on the machine's pace: the later tests make their
 * generated tournament themselves when run alone, and the ten duplicates are held at the
 * tournament's row lock (the test holds it) until all ten are inside their transactions.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { useStack } from '../support/e2e-stack.ts';
import { holdLock, lockWaiters } from '../support/held-lock.ts';
import { expectedRoundCounts, linkFacts, roundCounts } from '../support/knockout-bracket.ts';
import type { GenerationStatus, ScenarioReply } from '../support/tourney-client.ts';
import { waitFor } from '../support/wait-for.ts';

const PLAYERS = 1024;
const ms = (iso: string | null) => (iso === null ? Number.NaN : Date.parse(iso));
// Comparisons across clocks (the database's, the worker's, this process's) are causal, but
// each side rounds to whole milliseconds at its own moment.
const SLACK_MS = 5;

describe('async path with real workers', () => {
  // No worker at first. Workers take five jobs at once and hold each 500 ms once it is marked
  // running (the test-only delay switch), so the task's metrics can be checked against it.
  const stack = useStack({ name: 'async-path', workers: 0, workerEnv: { WORKER_CONCURRENCY: '5', TOURNEY_FAULT_DELAY_MS: '500' } });
  let launch: ScenarioReply | undefined;
  let idsAfterGeneration: string[];

  /** The generated tournament of the first test, or (when a test runs alone) one made now. */
  const generated = async (): Promise<ScenarioReply> => {
    if (launch && idsAfterGeneration) return launch;
    const s = stack();
    if ((await s.connectedWorkers()) === 0) await s.startWorkers(2);
    launch = await s.api.runScenario({ player_count: PLAYERS, confirmed: true });
    expect(await waitForTask(launch.task_id)).toMatchObject({ status: 'done', created_count: PLAYERS });
    idsAfterGeneration = (await s.api.sessions(launch.tournament_id)).map((x) => x.id).sort();
    return launch;
  };

  const sessionIds = async () =>
    (await stack().db.query<{ id: string; version: string }>('select id, xmin::text as version from sessions where tournament_id = $1 order by id', [launch!.tournament_id])).rows;

  const waitForTask = (taskId: string) =>
    waitFor(async () => {
      const r = await stack().api.request<GenerationStatus>('GET', `/api/v1/tournaments/${launch!.tournament_id}/generation-status/${taskId}`);
      return r.status === 200 && (r.body.status === 'done' || r.body.status === 'error') ? r.body : null;
    }, { timeout: 60_000, interval: 10, what: `task ${taskId} to finish` });

  it('1024-player launch: queued while no worker runs, done once one starts; 1024 sessions, 10 rounds, the playoff; metrics present and consistent', async () => {
    const s = stack();
    expect(await s.connectedWorkers()).toBe(0);
    const sent = performance.now();
    const response = await s.api.request<ScenarioReply>('POST', '/api/v1/tournaments/ops/run-scenario', { player_count: PLAYERS, confirmed: true });
    const answered = performance.now();
    expect(response.status).toBe(202);
    launch = response.body;
    expect(launch).toMatchObject({ mode: 'async', enrolled_count: PLAYERS, sessions_count: 0 });

    // Nothing takes it: the job waits in Redis and the task says queued.
    expect(await s.queue().getJobState(launch.task_id)).toBe('waiting');
    const queued = await s.api.generationStatus(launch.tournament_id, launch.task_id);
    expect(queued).toMatchObject({ status: 'queued', sessions_count: 0, attempts: 0, started_at: null, finished_at: null, worker: null });
    expect((await s.api.tournament(launch.tournament_id)).counts.sessions).toBe(0);

    // Two workers (the later tests race them); either may take the job.
    const workerStarting = performance.now();
    const workers = await s.startWorkers(2);
    const task = await waitForTask(launch.task_id);
    const seen = performance.now();

    expect(task).toMatchObject({ status: 'done', sessions_count: PLAYERS, created_count: PLAYERS, attempts: 1, error: null });
    expect(workers.map((w) => `${os.hostname()}:${w.pid}`)).toContain(task.worker);
    const sessions = await s.api.sessions(launch.tournament_id);
    expect(sessions).toHaveLength(PLAYERS);
    expect(roundCounts(sessions)).toEqual({ 1: 512, 2: 256, 3: 128, 4: 64, 5: 32, 6: 16, 7: 8, 8: 4, 9: 2, 10: 1 });
    expect(sessions.filter((x) => x.tournament_match_number === 999).map((x) => x.tournament_round)).toEqual([10]);
    expect(linkFacts(sessions)).toMatchObject({ withoutNext: [], endsWithNext: [], badTargets: [], slotsFedTwice: [], slotsUnfed: [], byeSlots: 0 });
    idsAfterGeneration = sessions.map((x) => x.id).sort();

    // The metrics: present, non-negative, and consistent with the stamps and with what the test saw.
    const queueWait = task.queue_wait_time_ms!;
    const generation = task.generation_duration_ms!;
    const write = task.db_write_time_ms!;
    for (const v of [queueWait, generation, write]) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
    }
    expect(write).toBeGreaterThan(0);
    // Both on the database's clock: equal but for the stamps' rounding to whole milliseconds.
    expect(Math.abs(queueWait - (ms(task.started_at) - ms(task.enqueued_at)))).toBeLessThanOrEqual(1.5);
    // The 500 ms delay sits between the start stamp and the generation.
    expect(generation + write + 500).toBeLessThanOrEqual(ms(task.finished_at) - ms(task.started_at) + SLACK_MS);
    // The job waited at least as long as the test took to start a worker after the launch answered …
    expect(queueWait).toBeGreaterThanOrEqual(workerStarting - answered - SLACK_MS);
    // … and no longer than from the launch being sent to the task being seen done.
    expect(ms(task.finished_at) - ms(task.enqueued_at)).toBeLessThanOrEqual(seen - sent + SLACK_MS);
  });

  it('a duplicate job after completion ends done with created_count 0 and leaves the sessions as they were', async () => {
    const s = stack();
    const launch = await generated();
    const before = await sessionIds();
    const again = await s.api.generateSessions(launch.tournament_id);
    const task = await waitForTask(again.task_id);
    expect(task).toMatchObject({ status: 'done', sessions_count: PLAYERS, created_count: 0, attempts: 1, error: null });
    const after = await sessionIds();
    expect(after.map((r) => r.id)).toEqual(idsAfterGeneration);
    expect(after).toEqual(before);
  });

  it('ten concurrent duplicates across two workers: exactly 1024 sessions, ids unchanged, each job done once', async () => {
    const s = stack();
    const launch = await generated();
    const before = await sessionIds();
    expect(await s.connectedWorkers()).toBe(2);
    // The test holds the tournament's row: every job gets as far as its write transaction and
    // waits there. Each worker takes five at once, so ten waiting means five on each.
    const lock = await holdLock(s.database.url, 'select id from tournaments where id = $1 for update', [launch.tournament_id]);
    const taskIds: string[] = [];
    try {
      for (let i = 0; i < 10; i++) {
        const taskId = randomUUID();
        await s.addGenerationJob({ tournament_id: launch.tournament_id, task_id: taskId });
        taskIds.push(taskId);
      }
      expect(await lockWaiters(s.db, s.database.name, 'tourney worker', 10)).toBe(10);
      expect(await s.queue().getActiveCount()).toBe(10);
    } finally {
      await lock.release();
    }
    const tasks = await Promise.all(taskIds.map(waitForTask));
    expect(tasks.map((t) => [t.status, t.created_count, t.sessions_count, t.attempts])).toEqual(Array(10).fill(['done', 0, PLAYERS, 1]));
    const byWorker = new Map<string | null, number>();
    for (const t of tasks) byWorker.set(t.worker, (byWorker.get(t.worker) ?? 0) + 1);
    expect([...byWorker.values()]).toEqual([5, 5]);
    expect(new Set(byWorker.keys())).toEqual(new Set(s.workers.map((w) => `${os.hostname()}:${w.pid}`)));
    const after = await sessionIds();
    expect(after).toHaveLength(PLAYERS);
    expect(after).toEqual(before);
    const { rows } = await s.db.query('select count(*)::int as n from sessions');
    expect(rows[0].n).toBe(PLAYERS);
    expect(expectedRoundCounts(PLAYERS)).toEqual(roundCounts(await s.api.sessions(launch.tournament_id)));
    expect(linkFacts(await s.api.sessions(launch.tournament_id))).toMatchObject({ withoutNext: [], slotsFedTwice: [], slotsUnfed: [] });
  });
});
