import type { ServiceContext } from './context.ts';
import { findStrandedTasks } from './find-stranded-tasks.ts';

/**
 * Queues again every unfinished generation task (queued or running), oldest first: for the
 * in-process queue at start, whose jobs ended with the last process while their task records
 * stayed. Generation is exactly-once, so a task that had in fact finished its writes costs
 * nothing twice. Returns how many it queued.
 */
export async function recoverUnfinishedTasks(ctx: Pick<ServiceContext, 'store' | 'queue'>, limit = 10_000): Promise<number> {
  const tasks = await findStrandedTasks(ctx.store, 0, limit);
  for (const task of tasks) await ctx.queue.enqueueGeneration({ tournament_id: task.tournamentId, task_id: task.taskId });
  return tasks.length;
}
