import type { ServiceContext } from './context.ts';
import type { JobQueue, Store } from './ports.ts';

/**
 * Queued generation as an outbox: the task record is written in the caller's transaction,
 * with the status change it belongs to, so neither exists without the other; the job is
 * handed to the queue after the commit (publishGeneration). When that hand-over fails (the
 * queue went away in between, the process died), the task stays `queued` and the
 * stranded-task sweep (BullMQ) or the start-up recovery (in-process queue) publishes it.
 */

/** Writes the task record (queued, stamped on the database clock) inside `tx`; returns its id. */
export async function recordGenerationTask(ctx: Pick<ServiceContext, 'ids'>, tx: Store, tournamentId: number): Promise<string> {
  const taskId = ctx.ids.uuid();
  await tx.tasks.create(taskId, tournamentId);
  return taskId;
}

/**
 * Refuses at once (503 queue_unavailable) when the queue cannot take jobs now, so a launch
 * writes nothing it would have to leave waiting. Call before the transaction.
 */
export async function ensureQueueAvailable(queue: JobQueue): Promise<void> {
  await queue.ensureAvailable?.();
}

/**
 * Hands a committed task to the queue. A failure is not the caller's: the task is durable
 * and the sweep or the recovery publishes it later, so this only says whether it went now.
 */
export async function publishGeneration(queue: JobQueue, tournamentId: number, taskId: string): Promise<boolean> {
  try {
    await queue.enqueueGeneration({ tournament_id: tournamentId, task_id: taskId });
    return true;
  } catch {
    return false;
  }
}
