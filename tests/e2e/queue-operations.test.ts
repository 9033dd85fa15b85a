/**
 * Operating the queue: the worker's ready line and graceful stop, the Bull Board's admin-only
 * access from a browser, the /metrics figures against the task records, and the sweep that
 * puts back a job Redis lost. (Retries, SIGKILL and Redis outages are in queue-faults.)
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { BullMqQueue } from '../../src/jobs/bullmq-queue.ts';
import { sweepStrandedTasks } from '../../src/jobs/stranded-task-sweep.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { SqlStore } from '../../src/storage/store.ts';
import { useStack } from '../support/e2e-stack.ts';
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

    const launch = await s.api.runScenario({ player_count: PLAYERS, confirmed: true });
    await waitFor(async () => (await s.api.generationStatus(launch.tournament_id, launch.task_id)).status === 'running', {
      timeout: 30_000, interval: 10, what: 'the job to be running',
    });
    const exit = await s.stopWorker(worker, 'SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(await s.api.generationStatus(launch.tournament_id, launch.task_id)).toMatchObject({
      status: 'done', created_count: PLAYERS, sessions_count: PLAYERS, attempts: 1, worker: identity(worker.pid),
    });
    expect(await s.queue().getJobState(launch.task_id)).toBe('completed');
  });

  it('/admin/queues: 401 without a token, 403 for a viewer; an admin token in the query becomes an HttpOnly cookie the board then runs on', async () => {
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
    const viewer = await board(`/admin/queues?access_token=${viewerToken}`);
    expect(viewer.status).toBe(403);
    expect(viewer.headers.get('set-cookie')).toBeNull();

    const entry = await board(`/admin/queues?access_token=${s.token}`);
    expect(entry.status).toBe(303);
    expect(entry.headers.get('location')).toBe('/admin/queues');
    const cookie = entry.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tourney_board=[^;]+; Path=\/admin\/queues; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
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
    expect(queues[0].counts.completed).toBeGreaterThanOrEqual(1);

    // A Bearer header works too (scripts); a bad cookie is refused and cleared.
    expect((await board('/admin/queues/api/queues', { authorization: `Bearer ${s.token}` })).status).toBe(200);
    const stale = await board('/admin/queues', { cookie: 'tourney_board=not-a-token' });
    expect(stale.status).toBe(401);
    expect(stale.headers.get('set-cookie')).toMatch(/^tourney_board=; .*Max-Age=0/);
  });

  it('/metrics: HTTP durations, queue depth by state, tasks by final status, sessions generated and job durations, matching the task records', async () => {
    const s = stack();
    // One more task, a duplicate (created_count 0), so the sum is not just a count.
    await s.startWorker();
    const tournamentId = (await s.db.query<{ id: number }>('select min(id)::int as id from tournaments')).rows[0].id;
    const again = await s.api.generateSessions(tournamentId);
    expect(await s.api.waitForTask(tournamentId, again.task_id)).toMatchObject({ status: 'done', created_count: 0 });

    const response = await fetch(`${s.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const { rows } = await s.db.query<{ done: number; error: number; created: number }>(`
      select count(*) filter (where status = 'done')::int as done, count(*) filter (where status = 'error')::int as error,
        coalesce(sum((metrics->>'created_count')::int) filter (where status = 'done'), 0)::int as created from tasks`);
    const tasks = rows[0];
    expect(tasks).toEqual({ done: 2, error: 0, created: PLAYERS });

    expect(sample(text, 'tourney_generation_tasks_total', { status: 'done' })).toBe(tasks.done);
    expect(sample(text, 'tourney_generation_tasks_total', { status: 'error' })).toBe(0);
    expect(sample(text, 'tourney_generation_tasks', { status: 'queued' })).toBe(0);
    expect(sample(text, 'tourney_sessions_generated_total')).toBe(PLAYERS);
    expect(sample(text, 'tourney_generation_job_duration_seconds_count', { status: 'done' })).toBe(tasks.done);
    expect(sample(text, 'tourney_generation_job_duration_seconds_bucket', { le: '+Inf', status: 'done' })).toBe(tasks.done);
    // Every job held its slot at least the 1.5 s delay.
    expect(sample(text, 'tourney_generation_job_duration_seconds_bucket', { le: '1', status: 'done' })).toBe(0);
    expect(sample(text, 'tourney_generation_job_duration_seconds_sum', { status: 'done' })).toBeGreaterThanOrEqual(3);

    expect(sample(text, 'tourney_queue_up', { queue: 'bullmq' })).toBe(1);
    const counts = await s.queue().getJobCounts();
    expect(sample(text, 'tourney_queue_jobs', { state: 'completed' })).toBe(counts.completed);
    expect(sample(text, 'tourney_queue_jobs', { state: 'waiting' })).toBe(0);
    expect(sample(text, 'tourney_database_up')).toBe(1);
    expect(sample(text, 'tourney_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/tournaments/ops/run-scenario', status_code: '202' })).toBe(1);
    expect(sample(text, 'tourney_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/tournaments/:id/generate-sessions', status_code: '202' })).toBe(1);
  });
});

describe('a job Redis lost', () => {
  const stack = useStack({ name: 'queue-sweep', workers: 0 });

  it('is queued again by the stranded-task sweep, and a worker then completes its task', async () => {
    const s = stack();
    const launch = await s.api.runScenario({ player_count: PLAYERS, confirmed: true });
    // Redis forgets the job (a restart without persistence); the task record says queued.
    expect(await s.queue().remove(launch.task_id)).toBe(1);
    expect(await s.queue().getJob(launch.task_id)).toBeUndefined();

    const database = await openDatabase({ databaseUrl: s.database.url, poolSize: 2 });
    const producer = new BullMqQueue({ redisUrl: s.redisUrl, prefix: s.queuePrefix });
    const lines: string[] = [];
    const sweep = { queue: producer, log: { warn: (_fields: object, message: string) => void lines.push(message) }, graceMs: 0 };
    try {
      const store = new SqlStore(database.db);
      expect(await sweepStrandedTasks({ store }, sweep)).toBe(1);
      expect(lines).toEqual([expect.stringContaining('queued it again')]);
      expect(await s.queue().getJobState(launch.task_id)).toBe('waiting');
      // A second sweep finds the job there and adds nothing.
      expect(await sweepStrandedTasks({ store }, sweep)).toBe(0);
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
