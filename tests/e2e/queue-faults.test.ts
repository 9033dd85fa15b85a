/**
 * The async path when things break: a generation that throws, a worker killed mid-job, and
 * Redis going away under a running server. The stack runs on a Redis of its own (a
 * throwaway redis-server), so the test can stop it without touching anyone else's.
 */
import path from 'node:path';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eEnvironment, useStack } from '../support/e2e-stack.ts';
import { startThrowawayRedis, type ThrowawayRedis } from '../support/ensure-redis.ts';
import { expectedRoundCounts, linkFacts, roundCounts } from '../support/knockout-bracket.ts';
import type { GenerationStatus, ScenarioReply } from '../support/tourney-client.ts';
import { waitFor } from '../support/wait-for.ts';

const PLAYERS = 1024;

describe('queue faults', () => {
  let redis: ThrowawayRedis;
  beforeAll(async () => {
    const environment = e2eEnvironment();
    redis = await startThrowawayRedis({ runId: environment.runId, logDir: path.join(environment.runDir, 'faults-redis') });
  });
  afterAll(async () => {
    await redis?.stop();
  });
  // Workers keep the default job lock (11 s), so a loaded machine never makes a live worker's
  // job look stalled; the SIGKILL test sets shorter ones for the two workers it starts.
  const stack = useStack(() => ({ name: 'faults', workers: 0, redisUrl: redis.url }));

  const identity = (pid: number) => `${os.hostname()}:${pid}`;
  const finished = (tournamentId: number, taskId: string, timeout = 30_000) =>
    waitFor(async () => {
      const r = await stack().api.request<GenerationStatus>('GET', `/api/v1/tournaments/${tournamentId}/generation-status/${taskId}`);
      return r.status === 200 && (r.body.status === 'done' || r.body.status === 'error') ? r.body : null;
    }, { timeout, interval: 10, what: `task ${taskId} to finish` });
  const sessionCount = async (tournamentId: number) =>
    (await stack().db.query<{ n: number }>('select count(*)::int as n from sessions where tournament_id = $1', [tournamentId])).rows[0].n;
  const rowCounts = async () =>
    (await stack().db.query(`select (select count(*) from tournaments)::int as tournaments, (select count(*) from players)::int as players,
      (select count(*) from enrollments)::int as enrollments, (select count(*) from tasks)::int as tasks, (select count(*) from sessions)::int as sessions`)).rows[0];

  it('a generation that throws is retried, ends in error with zero sessions, and queuing it again succeeds', async () => {
    const s = stack();
    const faulty = await s.startWorker({ TOURNEY_FAULT_GENERATION: '1' });
    const launch = await s.api.runScenario({ player_count: PLAYERS, confirmed: true });
    const failed = await finished(launch.tournament_id, launch.task_id);
    expect(failed).toMatchObject({ status: 'error', attempts: 3, sessions_count: 0, worker: identity(faulty.pid) });
    expect(failed.error).toContain('TOURNEY_FAULT_GENERATION');
    expect(await sessionCount(launch.tournament_id)).toBe(0);
    // The task's record is written before BullMQ files the job as failed: wait for the queue too.
    await waitFor(async () => (await s.queue().getJobState(launch.task_id)) === 'failed', { timeout: 30_000, interval: 20, what: 'BullMQ to file the job as failed' });
    expect((await s.queue().getJob(launch.task_id))!.attemptsMade).toBe(3);

    const [, healthy] = await Promise.all([s.stopWorker(faulty), s.startWorker({}, { waitReady: false })]);
    // Ready once BullMQ counts one worker again: the faulty one has gone, the healthy one connected.
    await waitFor(async () => !faulty.alive && (await s.connectedWorkers()) === 1, { timeout: 30_000, interval: 50, what: 'the healthy worker to connect' });
    const again = await s.api.generateSessions(launch.tournament_id);
    const done = await finished(launch.tournament_id, again.task_id);
    expect(done).toMatchObject({ status: 'done', created_count: PLAYERS, sessions_count: PLAYERS, attempts: 1, worker: identity(healthy.pid) });
    expect(await sessionCount(launch.tournament_id)).toBe(PLAYERS);
    // The failed task keeps its story.
    expect(await s.api.generationStatus(launch.tournament_id, launch.task_id)).toMatchObject({ status: 'error', attempts: 3 });
    await s.stopWorker(healthy);
  });

  it('SIGKILL of the worker mid-job, then a new worker: exactly the sessions, the task done, attempts 2', async () => {
    const s = stack();
    // This worker marks the task running, then holds the job for a minute: long enough to kill it
    // inside. Its lock (4.5 s, renewed every 1.1 s) outlives any pause of a live process; once it is
    // killed the lock runs out and the rescuer's stalled check (every 2 s) takes the job over.
    const doomed = await s.startWorker({ TOURNEY_FAULT_DELAY_MS: '60000', STALLED_INTERVAL_MS: '6000' });
    const launch = await s.api.runScenario({ player_count: PLAYERS, confirmed: true });
    await waitFor(async () => (await s.api.generationStatus(launch.tournament_id, launch.task_id)).status === 'running', {
      timeout: 30_000, interval: 10, what: 'the worker to pick the job up',
    });
    expect(await s.queue().getJobState(launch.task_id)).toBe('active');
    const exit = await s.killWorker(doomed);
    expect(exit.signal).toBe('SIGKILL');
    expect(await sessionCount(launch.tournament_id)).toBe(0);

    const rescuer = await s.startWorker({ STALLED_INTERVAL_MS: '8000' });
    const task = await finished(launch.tournament_id, launch.task_id);
    expect(task).toMatchObject({ status: 'done', created_count: PLAYERS, sessions_count: PLAYERS, attempts: 2, error: null, worker: identity(rescuer.pid) });
    expect(await sessionCount(launch.tournament_id)).toBe(PLAYERS);
    const sessions = await s.api.sessions(launch.tournament_id);
    expect(new Set(sessions.map((x) => x.id)).size).toBe(PLAYERS);
    expect(roundCounts(sessions)).toEqual(expectedRoundCounts(PLAYERS));
    expect(linkFacts(sessions)).toMatchObject({ withoutNext: [], slotsFedTwice: [], slotsUnfed: [], badTargets: [] });
  });

  it('Redis stopped: run-scenario and generate-sessions answer 503 queue_unavailable at once and create nothing; they work again once Redis is back', async () => {
    const s = stack();
    // A tournament in progress of this test's own (a small one: generated in the call, no queue).
    const inProgress = (await s.api.runScenario({ player_count: 16, simulate: false })).tournament_id;
    const before = await rowCounts();

    const exit = await redis.process.stop('SIGTERM', 5_000);
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    await redis.stop();

    const launch = await s.api.request<{ error: { code: string } }>('POST', '/api/v1/tournaments/ops/run-scenario', { player_count: PLAYERS, confirmed: true });
    expect(launch.status).toBe(503);
    expect(launch.body.error.code).toBe('queue_unavailable');
    // Redis stays down until the test restarts it: any answer at all shows nothing waited for it.
    // The bound only catches a wait for a reconnection; the pace of a loaded machine is not the point.
    expect(launch.ms).toBeLessThan(10_000);
    const requeue = await s.api.request<{ error: { code: string } }>('POST', `/api/v1/tournaments/${inProgress}/generate-sessions`);
    expect(requeue.status).toBe(503);
    expect(requeue.body.error.code).toBe('queue_unavailable');
    expect(requeue.ms).toBeLessThan(10_000);
    expect(await rowCounts()).toEqual(before);

    // The same port again: the server reconnects by itself and the running worker carries on.
    redis = await startThrowawayRedis({ runId: e2eEnvironment().runId, logDir: path.join(e2eEnvironment().runDir, 'faults-redis'), name: 'redis-restarted', port: redis.port });
    const back = await waitFor(async () => {
      const r = await s.api.request<ScenarioReply>('POST', '/api/v1/tournaments/ops/run-scenario', { player_count: PLAYERS, confirmed: true });
      return r.status === 202 ? r.body : null;
    }, { timeout: 15_000, interval: 100, what: 'run-scenario to answer 202 after Redis restarted' });
    expect(await rowCounts()).toMatchObject({ tournaments: before.tournaments + 1, players: before.players + PLAYERS });
    expect(await finished(back.tournament_id, back.task_id)).toMatchObject({ status: 'done', created_count: PLAYERS });
  });
});
