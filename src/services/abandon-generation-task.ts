import type { Store } from './ports.ts';

/**
 * Records that the queue gave up on a generation task without running it (the job stalled
 * more often than allowed): the task ends `error` with the reason, unless it already ended.
 * The tournament keeps whatever sessions it has, and can be queued again.
 */
export async function abandonGenerationTask(store: Store, taskId: string, reason: string): Promise<boolean> {
  return store.tasks.abandon(taskId, reason);
}
