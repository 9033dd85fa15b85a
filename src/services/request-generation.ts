import type { ServiceContext } from './context.ts';
import { lockTournament, requireStatus } from './load-tournament.ts';
import { ensureQueueAvailable, publishGeneration, recordGenerationTask } from './queue-generation.ts';

/**
 * Queues generation again for a tournament in progress (recovery after an error).
 * Harmless when sessions exist: the task ends done with created_count 0.
 */
export async function requestGeneration(ctx: ServiceContext, tournamentId: number): Promise<string> {
  await ensureQueueAvailable(ctx.queue);
  const taskId = await ctx.store.transaction(async (tx) => {
    requireStatus(await lockTournament(tx, tournamentId), ['IN_PROGRESS'], 'generate sessions');
    return recordGenerationTask(ctx, tx, tournamentId);
  });
  await publishGeneration(ctx.queue, tournamentId, taskId);
  return taskId;
}
