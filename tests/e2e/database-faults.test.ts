/**
 * PostgreSQL restarting under a running stack: the API server and the worker stay up, a
 * request that was using the lost connection answers 503 database_unavailable, /readyz says
 * 503 naming the database until it is back, and a generation caught by the restart ends
 * `done` with exactly the sessions it should have. The stack runs on a PostgreSQL of its own
 * (a throwaway cluster this file starts and restarts), so nobody else's is touched.
 *
 * "During" is made exact, not hoped for: the test holds a lock the work needs (the
 * tournament's row for the worker, the players table for the launch), waits until
 * pg_stat_activity shows the process's connection waiting on it inside its transaction, and
 * only then restarts PostgreSQL. That is the moment that used to crash the process: an error
 * on a checked-out connection, mid-transaction.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/ensure-postgres.ts';
import { e2eEnvironment, useStack } from '../support/e2e-stack.ts';
import { holdLock, lockWaiters } from '../support/held-lock.ts';
import { expectedRoundCounts } from '../support/knockout-bracket.ts';
import type { GenerationStatus } from '../support/tourney-client.ts';
import { StopWaiting, waitFor } from '../support/wait-for.ts';

const PLAYERS = 16_384;

interface Readiness {
  status?: string;
  error?: { code: string; message: string; details: { database: string; queue: string; down: string[] } };
}

describe('PostgreSQL restarts', () => {
  let postgres: ThrowawayPostgres;
  beforeAll(async () => {
    const environment = e2eEnvironment();
    postgres = await startThrowawayPostgres({ runId: environment.runId, logDir: path.join(environment.runDir, 'faults-postgres'), name: 'postgres-restarted' });
  });
  afterAll(async () => {
    await postgres?.stop();
  });
  const stack = useStack(() => ({ name: 'database-faults', workers: 0, postgresUrl: postgres.url }));

  const waitingOnLock = (who: string) => lockWaiters(stack().db, stack().database.name, who);

  const readiness = () => stack().api.request<Readiness>('GET', '/readyz', undefined, 10_000);

  /** Restarts PostgreSQL, checking while it is down that the API says so and stays up. */
  async function restart(): Promise<void> {
    const s = stack();
    await postgres.halt();
    const down = await readiness();
    expect(down.status).toBe(503);
    expect(down.body.error).toMatchObject({ code: 'not_ready', details: { database: 'unreachable', queue: 'ok', down: ['database'] } });
    expect(down.body.error?.message).toBe('not ready: the database is unreachable');
    const read = await s.api.request<{ error: { code: string; message: string } }>('GET', '/api/v1/tournaments', undefined, 15_000);
    expect(read.status).toBe(503);
    expect(read.body.error).toEqual({ code: 'database_unavailable', message: 'the database cannot be reached right now; try again shortly', details: {} });
    await postgres.resume();
    await waitFor(async () => (await readiness()).status === 200, { timeout: 30_000, interval: 100, what: '/readyz to answer 200 after the restart' });
    expect((await readiness()).body).toEqual({ status: 'ok', database: 'ok', queue: 'ok' });
  }

  /** The task once done or in error; gives up at once when a process of the stack died. */
  const finished = (tournamentId: number, taskId: string) =>
    waitFor(async () => {
      const dead = [stack().server, ...stack().workers].find((p) => !p.alive);
      if (dead) throw new StopWaiting(`${dead.name} died (${JSON.stringify(dead.exit)}):\n${dead.tail(30)}`);
      const status = await stack().api.generationStatus(tournamentId, taskId);
      return status.status === 'done' || status.status === 'error' ? status : null;
    }, { timeout: 90_000, interval: 50, what: `task ${taskId} to finish` });

  /** Sessions per round, the third-place playoff (match 999 of the final round) apart. */
  const sessionsByRound = async (tournamentId: number) => {
    const { rows } = await stack().db.query<{ round: number; n: number; playoff: number }>(
      `with s as (select tournament_round, tournament_match_number, max(tournament_round) over () as final from sessions where tournament_id = $1)
       select tournament_round as round,
         count(*) filter (where not (tournament_round = final and tournament_match_number = 999))::int as n,
         count(*) filter (where tournament_round = final and tournament_match_number = 999)::int as playoff
       from s group by 1 order by 1`, [tournamentId]);
    return {
      rounds: Object.fromEntries(rows.map((r) => [r.round, r.n])),
      playoffs: rows.filter((r) => r.playoff > 0).map((r) => [r.round, r.playoff]),
    };
  };

  it(`during the generation of ${PLAYERS.toLocaleString('en')} players: the worker and the API stay up, the task ends done with exactly the sessions`, async () => {
    const s = stack();
    const launch = await s.api.runScenario({ player_count: PLAYERS, confirmed: true });
    expect(launch).toMatchObject({ mode: 'async', enrolled_count: PLAYERS });
    // The worker's write transaction will wait on the tournament's row, which the test holds.
    const lock = await holdLock(s.database.url, 'select id from tournaments where id = $1 for update', [launch.tournament_id]);
    const worker = await s.startWorker();
    await waitingOnLock('tourney worker');
    expect(await s.api.generationStatus(launch.tournament_id, launch.task_id)).toMatchObject({ status: 'running', attempts: 1, sessions_count: 0 });

    await restart();
    await lock.release();

    const task: GenerationStatus = await finished(launch.tournament_id, launch.task_id);
    // The attempt the restart broke was not counted against the job: the second start did it.
    expect(task).toMatchObject({ status: 'done', sessions_count: PLAYERS, created_count: PLAYERS, attempts: 2, error: null });
    expect(worker.alive).toBe(true);
    expect(s.server.alive).toBe(true);
    expect(await sessionsByRound(launch.tournament_id)).toEqual({ rounds: expectedRoundCounts(PLAYERS), playoffs: [[14, 1]] });
    const { rows } = await s.db.query<{ n: number; distinct_ids: number }>(
      'select count(*)::int as n, count(distinct id)::int as distinct_ids from sessions where tournament_id = $1', [launch.tournament_id]);
    expect(rows[0]).toEqual({ n: PLAYERS, distinct_ids: PLAYERS });
    expect(worker.tail(200)).toContain('the database is unreachable: generation jobs wait for it (no attempt is spent)');
  });

  it('during a launch: that request answers 503 database_unavailable and leaves nothing; the API stays up and the next launch runs to done', async () => {
    const s = stack();
    const count = async () => (await s.db.query<{ t: number; p: number; k: number }>(
      'select (select count(*) from tournaments)::int as t, (select count(*) from players)::int as p, (select count(*) from tasks)::int as k')).rows[0];
    const before = await count();
    // The launch's transaction will wait to insert its players, which the test's lock blocks.
    const lock = await holdLock(s.database.url, 'lock table players in share mode');
    const launching = s.api.request<{ error: { code: string; message: string } }>('POST', '/api/v1/tournaments/ops/run-scenario', { player_count: 1024, confirmed: true });
    await waitingOnLock('tourney server');

    await restart();
    await lock.release();

    const refused = await launching;
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('database_unavailable');
    expect(await count()).toEqual(before);
    expect(s.server.alive).toBe(true);

    const again = await s.api.runScenario({ player_count: 1024, confirmed: true });
    expect(await finished(again.tournament_id, again.task_id)).toMatchObject({ status: 'done', sessions_count: 1024, created_count: 1024, attempts: 1 });
    expect(await count()).toEqual({ t: before.t + 1, p: before.p + 1024, k: before.k + 1 });
    expect(s.workers.every((w) => w.alive)).toBe(true);
  });
});
