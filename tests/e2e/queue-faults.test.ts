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
import type { GenerationStatus, ScenarioOutcome } from '../support/tourney-client.ts';
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
  // A killed worker's job is taken over within 1.5 s (lock 1 s + stalled check every 0.5 s).
  const stack = useStack(() => ({ name: 'faults', workers: 0, redisUrl: redis.url, workerEnv: { STALLED_INTERVAL_MS: '1500' } }));

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
    const job = await s.queue().getJob(launch.task_id);
    expect([await job!.getState(), job!.attemptsMade]).toEqual(['failed', 3]);

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
    // This worker marks the task running, then holds the job for a minute: long enough to kill it inside.
    const doomed = await s.startWorker({ TOURNEY_FAULT_DELAY_MS: '60000' });
    const launch = await s.api.runScenario({ player_count: PLAYERS, confirmed: true });
    await waitFor(async () => (await s.api.generationStatus(launch.tournament_id, launch.task_id)).status === 'running', {
      timeout: 30_000, interval: 10, what: 'the worker to pick the job up',
    });
    expect(await s.queue().getJobState(launch.task_id)).toBe('active');
    const exit = await s.killWorker(doomed);
    expect(exit.signal).toBe('SIGKILL');
    expect(await sessionCount(launch.tournament_id)).toBe(0);

    const rescuer = await s.startWorker();
    const task = await finished(launch.tournament_id, launch.task_id);
    expect(task).toMatchObject({ status: 'done', created_count: PLAYERS, sessions_count: PLAYERS, attempts: 2, error: null, worker: identity(rescuer.pid) });
    expect(await sessionCount(launch.tournament_id)).toBe(PLAYERS);
    const sessions = await s.api.sessions(launch.tournament_id);
    expect(new Set(sessions.map((x) => x.id)).size).toBe(PLAYERS);
    expect(roundCounts(sessions)).toEqual(expectedRoundCounts(PLAYERS));
    expect(linkFacts(sessions)).toMatchObject({ withoutNext: [], slotsFedTwice: [], slotsUnfed: [], badTargets: [] });
  });

  it('Redis stopped: run-scenario and generate-sessions answer 503 queue_unavailable within 2 s and create nothing; they work again once Redis is back', async () => {
    const s = stack();
    const { rows } = await s.db.query<{ id: number }>(`select id from tournaments where status = 'IN_PROGRESS' order by id limit 1`);
    const inProgress = rows[0].id;
    const before = await rowCounts();

    const exit = await redis.process.stop('SIGTERM', 5_000);
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    await redis.stop();

    const launch = await s.api.request<{ error: { code: string } }>('POST', '/api/v1/tournaments/ops/run-scenario', { player_count: PLAYERS, confirmed: true });
    expect(launch.status).toBe(503);
    expect(launch.body.error.code).toBe('queue_unavailable');
    expect(launch.ms).toBeLessThan(2_000);
    const requeue = await s.api.request<{ error: { code: string } }>('POST', `/api/v1/tournaments/${inProgress}/generate-sessions`);
    expect(requeue.status).toBe(503);
    expect(requeue.body.error.code).toBe('queue_unavailable');
    expect(requeue.ms).toBeLessThan(2_000);
    expect(await rowCounts()).toEqual(before);

    // The same port again: the server reconnects by itself and the running worker carries on.
    redis = await startThrowawayRedis({ runId: e2eEnvironment().runId, logDir: path.join(e2eEnvironment().runDir, 'faults-redis'), name: 'redis-restarted', port: redis.port });
    const back = await waitFor(async () => {
      const r = await s.api.request<ScenarioOutcome>('POST', '/api/v1/tournaments/ops/run-scenario', { player_count: PLAYERS, confirmed: true });
      return r.status === 202 ? r.body : null;
    }, { timeout: 15_000, interval: 100, what: 'run-scenario to answer 202 after Redis restarted' });
    expect(await rowCounts()).toMatchObject({ tournaments: before.tournaments + 1, players: before.players + PLAYERS });
    expect(await finished(back.tournament_id, back.task_id)).toMatchObject({ status: 'done', created_count: PLAYERS });
  });
});
