/**
 * Generation's use-cases against the real database with fake time and ids: a delay that would
 * take a minute passes when the test says so, timings are the clock's, task ids are known.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../src/services/errors.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { generateSessions } from '../../src/services/generate-sessions.ts';
import { launchScenario } from '../../src/services/launch-scenario.ts';
import { recoverUnfinishedTasks } from '../../src/services/recover-unfinished-tasks.ts';
import { runGenerationTask } from '../../src/services/run-generation-task.ts';
import { startApi, type ApiHarness } from '../support/api-app.ts';
import { CountingIds, FakeClock, RecordingQueue } from '../support/fake-ports.ts';

let api: ApiHarness;
// One source for the file: the ids are task keys in one database.
const ids = new CountingIds();
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

function context(clock: FakeClock, queue = new RecordingQueue()): ServiceContext & { queue: RecordingQueue } {
  return { store: api.ctx.store, queue, clock, ids, asyncThreshold: 8 };
}

describe('generation with fake time and ids', () => {
  it('queues a task under the id the id source gives, with the job on the queue', async () => {
    const ctx = context(new FakeClock());
    const launch = await launchScenario(ctx, { playerCount: 8, format: 'knockout', simulate: false, confirmed: true });
    expect(launch).toMatchObject({ mode: 'async', taskId: '00000000-0000-4000-8000-000000000001', enrolledCount: 8, sessionsCount: 0 });
    expect(ctx.queue.jobs).toEqual([{ tournament_id: launch.tournamentId, task_id: '00000000-0000-4000-8000-000000000001' }]);
    expect((await api.ctx.store.tasks.get(launch.taskId))?.status).toBe('queued');
  });

  it('writes nothing (and takes no id) when the queue says up front that it is down', async () => {
    const ctx = context(new FakeClock());
    ctx.queue.down = new Error('connection refused');
    const before = await api.tableCounts();
    const idBefore = ids.last();
    const refused = launchScenario(ctx, { playerCount: 8, format: 'knockout', simulate: false, confirmed: true });
    await expect(refused).rejects.toBeInstanceOf(UnavailableError);
    await expect(refused).rejects.toMatchObject({ code: 'queue_unavailable', details: { cause: 'connection refused' } });
    expect(ids.last()).toBe(idBefore);
    expect(await api.tableCounts()).toEqual(before);
  });

  it('keeps the committed task queued when the hand-over fails, and the recovery hands it over', async () => {
    const ctx = context(new FakeClock());
    ctx.queue.refuse = new Error('connection reset');
    const launch = await launchScenario(ctx, { playerCount: 8, format: 'knockout', simulate: false, confirmed: true });
    expect(launch).toMatchObject({ mode: 'async', taskId: ids.last(), enrolledCount: 8 });
    expect(ctx.queue.jobs).toEqual([]);
    expect(await api.ctx.store.tasks.get(launch.taskId)).toMatchObject({ status: 'queued', tournamentId: launch.tournamentId, attempts: 0 });
    expect((await api.ctx.store.tournaments.get(launch.tournamentId))?.status).toBe('IN_PROGRESS');

    ctx.queue.refuse = null;
    // Every task still unfinished goes back on the queue: this one among them.
    const recovered = await recoverUnfinishedTasks(ctx);
    expect(recovered).toBeGreaterThanOrEqual(1);
    expect(ctx.queue.jobs).toContainEqual({ tournament_id: launch.tournamentId, task_id: launch.taskId });
  });

  it('holds a task in running for its fault delay until the clock passes it, then generates', async () => {
    const clock = new FakeClock();
    const ctx = context(clock);
    const launch = await launchScenario(ctx, { playerCount: 8, format: 'knockout', simulate: false, confirmed: true });
    const run = runGenerationTask({ ...ctx, faults: { beforeGeneration: (c) => c.sleep(60_000) } }, { tournamentId: launch.tournamentId, taskId: launch.taskId, worker: 'test:1', finalAttempt: true });
    await clock.someoneSleeping();
    expect((await api.ctx.store.tasks.get(launch.taskId))?.status).toBe('running');
    clock.advance(59_999);
    expect(clock.sleeping).toBe(1);
    expect((await api.ctx.store.sessions.counts(launch.tournamentId)).sessions).toBe(0);
    clock.advance(1);
    expect(clock.sleeping).toBe(0);
    const metrics = await run;
    expect(metrics).toMatchObject({ attempts: 1, sessionsCount: 8, createdCount: 8 });
    const task = await api.ctx.store.tasks.get(launch.taskId);
    expect(task).toMatchObject({ status: 'done', attempts: 1, worker: 'test:1', error: null });
    expect(task?.metrics).toMatchObject({ sessionsCount: 8, createdCount: 8 });
  });

  it('measures planning and writing on the clock it is given', async () => {
    // Each reading moves the clock 7 ms on: start and end of each stage are one reading apart.
    const ctx = context(new FakeClock({ tickMs: 7 }));
    const launch = await launchScenario(ctx, { playerCount: 8, format: 'league', simulate: false, confirmed: true });
    const outcome = await generateSessions(ctx, launch.tournamentId);
    expect(outcome).toEqual({ sessionsCount: 28, createdCount: 28, generationMs: 7, writeMs: 7 });
    const again = await generateSessions(ctx, launch.tournamentId);
    expect(again).toEqual({ sessionsCount: 28, createdCount: 0, generationMs: 7, writeMs: 7 });
  });
});
