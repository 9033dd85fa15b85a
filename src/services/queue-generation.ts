import { UnavailableError } from '../domain/errors.ts';
import type { ServiceContext } from './context.ts';

/**
 * Records a queued task (stamped on the database clock) and puts the job on the queue.
 * When the queue cannot take it, the task record is removed and `undo` runs, so nothing
 * is left half-made, and the caller gets 503 queue_unavailable.
 */
export async function queueGeneration(
  ctx: Pick<ServiceContext, 'store' | 'queue' | 'ids'>,
  tournamentId: number,
  undo: () => Promise<void> = async () => undefined,
): Promise<string> {
  const { store, queue } = ctx;
  const taskId = ctx.ids.uuid();
  await store.tasks.create(taskId, tournamentId);
  try {
    await queue.enqueueGeneration({ tournament_id: tournamentId, task_id: taskId });
  } catch (error) {
    await store.tasks.remove(taskId);
    await undo();
    if (error instanceof UnavailableError) throw error;
    throw new UnavailableError('the job queue cannot be reached; nothing was created, try again shortly', 'queue_unavailable', {
      cause: error instanceof Error ? error.message : String(error),
    });
  }
  return taskId;
}
