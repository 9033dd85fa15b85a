/**
 * Puts back on the queue the generation tasks whose job Redis lost. The task records in
 * PostgreSQL are the truth; a Redis restarted without persistence, or a failover, can drop
 * the jobs of tasks still queued. Every sweep, unfinished tasks older than a grace period are
 * checked against the queue and re-added when missing. Re-adding is safe: the job id is the
 * task id, so BullMQ keeps one job per task, and generation is exactly-once in the database.
 */
import type { ServiceContext } from '../services/context.ts';
import type { Logger } from '../services/ports.ts';
import { findStrandedTasks } from '../services/find-stranded-tasks.ts';
import type { BullMqQueue } from './bullmq-queue.ts';

export interface StrandedTaskSweepOptions {
  queue: BullMqQueue;
  log: Pick<Logger, 'warn'>;
  /** How often to look (default 30 s). */
  everyMs?: number;
  /** How old an unfinished task must be before its job is looked for (default 30 s). */
  graceMs?: number;
}

/** One sweep: re-adds the missing jobs and says how many it re-added. */
export async function sweepStrandedTasks(
  ctx: Pick<ServiceContext, 'store'>,
  options: StrandedTaskSweepOptions,
  stopped: () => boolean = () => false,
): Promise<number> {
  let requeued = 0;
  for (const task of await findStrandedTasks(ctx.store, options.graceMs ?? 30_000)) {
    if (stopped()) break;
    if (await options.queue.requeueIfMissing({ tournament_id: task.tournamentId, task_id: task.taskId })) {
      requeued++;
      options.log.warn({ task_id: task.taskId, tournament_id: task.tournamentId }, "the queue had lost this task's job (Redis restarted or failed over?): queued it again");
    }
  }
  return requeued;
}

/** Sweeps now and then every `everyMs`; returns a function that stops it (a sweep under way ends early). */
export function startStrandedTaskSweep(ctx: Pick<ServiceContext, 'store'>, options: StrandedTaskSweepOptions): () => Promise<void> {
  let stopped = false;
  let failing = false;
  const sweep = async () => {
    try {
      await sweepStrandedTasks(ctx, options, () => stopped);
      failing = false;
    } catch (error) {
      // Redis or the database is away: the next sweep tries again. Said once per outage.
      if (!failing) options.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'stranded-task sweep skipped until Redis and the database answer again');
      failing = true;
    }
  };
  let running = sweep();
  const timer = setInterval(() => {
    running = running.then(sweep);
  }, options.everyMs ?? 30_000);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
