/**
 * Operating the queue: the worker's ready line and graceful stop, the Bull Board's admin-only
 * access from a browser, the /metrics figures against the task records, and the sweep that
 * puts back a job Redis lost. (Retries, SIGKILL and Redis outages are in queue-faults.)
 *
 * Each test stands on its own (it makes the jobs it counts), and "mid-job" is exact: the
 * test holds the tournament's row, so the job waits inside its transaction until let go.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { BullMqQueue } from '../../src/jobs/bullmq-queue.ts';
import { sweepStrandedTasks } from '../../src/jobs/stranded-task-sweep.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { SqlStore } from '../../src/storage/store.ts';
import { useStack } from '../support/e2e-stack.ts';
import { holdLock, lockWaiters } from '../support/held-lock.ts';
import { waitFor } from '../support/wait-for.ts';

const PLAYERS = 1024;
const identity = (pid: number) => `${os.hostname()}:${pid}`;

/** One sample of a metric from Prometheus text, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = match[2] ? match[2].split(',') : [];
    if (wanted.every((w) => have.includes(w)) && have.length === wanted.length) return Number(match[3]);
  }
  return undefined;
}

describe('queue operations', () => {
  // Each job waits 1.5 s once marked running, so a stop can land in the middle of one.
  const stack = useStack({ name: 'queue-ops', workers: 1, workerEnv: { TOURNEY_FAULT_DELAY_MS: '1500' } });

  it('the worker logs one ready line; on SIGTERM mid-job it finishes the job and exits 0', async () => {
    const s = stack();
    const worker = s.workers[0];
    await waitFor(() => readFileSync(worker.logFile, 'utf8').includes('worker ready'), { timeout: 30_000, interval: 20, what: 'the ready line' });
    const ready = readFileSync(worker.logFile, 'utf8').split('\n').filter((l) => l.startsWith('worker ready'));
    expect(ready).toEqual([`worker ready: queue tournaments, prefix ${s.queuePrefix}, concurrency 1, ${identity(worker.pid)}`]);

    // Held by the queue until the test holds the tournament's row; then the job runs into it
    // and waits inside its write transaction: in flight for as long as the test says.
    await s.queue().pause();
    const launch = await s.api.runScenario({ player_count: PLAYERS, confirmed: true });
    const lock = await holdLock(s.database.url, 'select id from tournaments where id = $1 for update', [launch.tournament_id]);
    try {
      await s.queue().resume();
      await lockWaiters(s.db, s.database.name, 'tourney worker');
      expect(await s.api.generationStatus(launch.tournament_id, launch.task_id)).toMatchObject({ status: 'running', sessions_count: 0 });
      const exited = s.stopWorker(worker, 'SIGTERM');
      await waitFor(() => worker.tail(20).includes('worker stopping: no new jobs, finishing the active ones'), { timeout: 30_000, interval: 20, what: 'the worker to take the SIGTERM' });
      // It took the signal and stays until its job is done, which the test still holds up.
      expect(worker.alive).toBe(true);
      expect(await s.api.generationStatus(launch.tournament_id, launch.task_id)).toMatchObject({ status: 'running', sessions_count: 0 });
      await lock.release();
      expect(await exited).toEqual({ code: 0, signal: null });
    } finally {
      await lock.release();
      await s.queue().resume();
    }
    expect(await s.api.generationStatus(launch.tournament_id, launch.task_id)).toMatchObject({
      status: 'done', created_count: PLAYERS, sessions_count: PLAYERS, attempts: 1, worker: identity(worker.pid),
    });
    expect(await s.queue().getJobState(launch.task_id)).toBe('completed');
  });

  it('/admin/queues: 401 without a token, 403 for a viewer; an admin ticket in the query becomes an HttpOnly cookie the board then runs on', async () => {
    const s = stack();
    const board = (path: string, headers: Record<string, string> = {}) => fetch(`${s.baseUrl}${path}`, { headers, redirect: 'manual' });

    const anonymous = await board('/admin/queues');
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('unauthenticated');

    await s.api.ok('POST', '/api/v1/users', { email: 'viewer@e2e.test', password: 'viewer-password-1', role: 'viewer' });
    const viewerLogin = await fetch(`${s.baseUrl}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'viewer@e2e.test', password: 'viewer-password-1' }),
    });
    const viewerToken = (await viewerLogin.json()).access_token as string;
    const viewer = await board('/admin/queues', { authorization: `Bearer ${viewerToken}` });
    expect(viewer.status).toBe(403);
    expect(viewer.headers.get('set-cookie')).toBeNull();
    // The long-lived token is no ticket.
    expect((await board(`/admin/queues?ticket=${s.token}`)).status).toBe(401);

    const { ticket } = await s.api.ok<{ ticket: string }>('POST', '/api/v1/auth/ticket', { purpose: 'queue_board' });
    const entry = await board(`/admin/queues?ticket=${ticket}`);
    expect(entry.status).toBe(303);
    expect(entry.headers.get('location')).toBe('/admin/queues');
    const cookie = entry.headers.get('set-cookie')!;
    expect(cookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=3600', 'Path=/admin/queues', 'SameSite=Strict']);
    const jar = { cookie: cookie.split(';')[0] };

    const page = await board('/admin/queues', jar);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('<base href="/admin/queues/"');
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(html)![1];
    expect((await board(`/admin/queues/${script}`, jar)).status).toBe(200);

    const api = await board('/admin/queues/api/queues?activeQueue=tournaments&page=1&jobsPerPage=10', jar);
    expect(api.status).toBe(200);
    const queues = (await api.json()).queues as { name: string; counts: Record<string, number> }[];
    expect(queues.map((q) => q.name)).toEqual(['tournaments']);
    // The board reads the same queue: nothing runs now, so the counts agree.
    expect(queues[0].counts.completed).toBe(await s.queue().getCompletedCount());

    // A Bearer header works too (scripts); a bad cookie is refused and cleared.
    expect((await board('/admin/queues/api/queues', { authorization: `Bearer ${s.token}` })).status).toBe(200);
    const stale = await board('/admin/queues', { cookie: 'tourney_board=not-a-token' });
    expect(stale.status).toBe(401);
    expect(stale.headers.get('set-cookie')).toMatch(/^tourney_board=; Max-Age=0; Path=\/admin\/queues; /);
  });

  it('/metrics: HTTP durations, queue depth by state, tasks by final status, sessions generated and job durations, matching the task records', async () => {
    const s = stack();
    if ((await s.connectedWorkers()) === 0) await s.startWorker();
    const scrape = async () => {
      const response = await fetch(`${s.baseUrl}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return response.text();
    };
    const counters = (text: string) => ({
      done: sample(text, 'tourney_generation_tasks_total', { status: 'done' }) ?? 0,
      sessions: sample(text, 'tourney_sessions_generated_total') ?? 0,
      durations: sample(text, 'tourney_generation_job_duration_seconds_count', { status: 'done' }) ?? 0,
      underOneSecond: sample(text, 'tourney_generation_job_duration_seconds_bucket', { le: '1', status: 'done' }) ?? 0,
      seconds: sample(text, 'tourney_generation_job_duration_seconds_sum', { status: 'done' }) ?? 0,
      launches: sample(text, 'tourney_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/tournaments/ops/run-scenario', status_code: '202' }) ?? 0,
      requeues: sample(text, 'tourney_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/tournaments/:id/generate-sessions', status_code: '202' }) ?? 0,
    });
    const before = counters(await scrape());

    // A launch, then a duplicate (created_count 0), so the sum is not just a count.
    const launch = await s.api.runScenario({ player_count: PLAYERS, confirmed: true });
    expect(await s.api.waitForTask(launch.tournament_id, launch.task_id)).toMatchObject({ status: 'done', created_count: PLAYERS });
    const again = await s.api.generateSessions(launch.tournament_id);
    expect(await s.api.waitForTask(launch.tournament_id, again.task_id)).toMatchObject({ status: 'done', created_count: 0 });
    // A task is done in its own transaction; BullMQ files the job as completed a moment later.
    for (const taskId of [launch.task_id, again.task_id]) {
      await waitFor(async () => (await s.queue().getJobState(taskId)) === 'completed', { timeout: 30_000, interval: 20, what: `job ${taskId} to be completed` });
    }

    const text = await scrape();
    const after = counters(text);
    expect({
      done: after.done - before.done, sessions: after.sessions - before.sessions, durations: after.durations - before.durations,
      underOneSecond: after.underOneSecond - before.underOneSecond, launches: after.launches - before.launches, requeues: after.requeues - before.requeues,
    }).toEqual({ done: 2, sessions: PLAYERS, durations: 2, underOneSecond: 0, launches: 1, requeues: 1 });
    // Every job held its slot at least the 1.5 s delay.
    expect(after.seconds - before.seconds).toBeGreaterThanOrEqual(3);

    // The totals are the task records', at the same moment (nothing runs now).
    const { rows } = await s.db.query<{ done: number; error: number; created: number }>(`
      select count(*) filter (where status = 'done')::int as done, count(*) filter (where status = 'error')::int as error,
        coalesce(sum((metrics->>'created_count')::int) filter (where status = 'done'), 0)::int as created from tasks`);
    const tasks = rows[0];
    expect(sample(text, 'tourney_generation_tasks_total', { status: 'done' })).toBe(tasks.done);
    expect(sample(text, 'tourney_generation_tasks_total', { status: 'error' })).toBe(tasks.error);
    expect(sample(text, 'tourney_generation_tasks', { status: 'queued' })).toBe(0);
    expect(sample(text, 'tourney_sessions_generated_total')).toBe(tasks.created);
    expect(sample(text, 'tourney_generation_job_duration_seconds_count', { status: 'done' })).toBe(tasks.done);
    expect(sample(text, 'tourney_generation_job_duration_seconds_bucket', { le: '+Inf', status: 'done' })).toBe(tasks.done);

    expect(sample(text, 'tourney_queue_up', { queue: 'bullmq' })).toBe(1);
    const counts = await s.queue().getJobCounts();
    expect(sample(text, 'tourney_queue_jobs', { state: 'completed' })).toBe(counts.completed);
    expect(sample(text, 'tourney_queue_jobs', { state: 'waiting' })).toBe(0);
    expect(sample(text, 'tourney_database_up')).toBe(1);
  });
});

describe('a job Redis lost', () => {
  const stack = useStack({ name: 'queue-sweep', workers: 0 });

  it("is queued again by the API's stranded-task sweep, and a worker then completes its task", async () => {
    const s = stack();
    const launch = await s.api.runScenario({ player_count: PLAYERS, confirmed: true });
    // Redis forgets the job (a restart without persistence); the task record says queued.
    expect(await s.queue().remove(launch.task_id)).toBe(1);
    expect(await s.queue().getJob(launch.task_id)).toBeUndefined();

    // The API server sweeps every 5 s for tasks older than 5 s whose job is missing.
    await waitFor(async () => (await s.queue().getJobState(launch.task_id)) === 'waiting', {
      timeout: 60_000, interval: 100, what: "the API's sweep to queue the lost job again",
    });
    // The job is queued before the sweep logs it, and the line reaches us through a pipe: wait for it.
    const logged = await waitFor(() => s.server.tail(400).split('\n').find((line) => line.includes("the queue had lost this task's job")), {
      timeout: 10_000, interval: 50, what: "the sweep's log line about the lost job",
    });
    expect(JSON.parse(logged)).toMatchObject({ level: 40, task_id: launch.task_id, tournament_id: launch.tournament_id });

    // A sweep that finds the job there adds nothing.
    const database = await openDatabase({ databaseUrl: s.database.url, poolSize: 2 });
    const producer = new BullMqQueue({ redisUrl: s.redisUrl, prefix: s.queuePrefix });
    const lines: string[] = [];
    try {
      const sweep = { queue: producer, log: { warn: (_fields: object, message: string) => void lines.push(message) }, graceMs: 0 };
      expect(await sweepStrandedTasks({ store: new SqlStore(database.db) }, sweep)).toBe(0);
      expect(lines).toEqual([]);
    } finally {
      await producer.close();
      await database.close();
    }

    const worker = await s.startWorker();
    expect(await s.api.waitForTask(launch.tournament_id, launch.task_id)).toMatchObject({
      status: 'done', created_count: PLAYERS, sessions_count: PLAYERS, attempts: 1, worker: identity(worker.pid),
    });
  });
});
