import { getFormat } from '../domain/formats/registry.ts';
import { assertTransition } from '../domain/lifecycle.ts';
import type { ServiceContext } from './context.ts';
import { generateSessions } from './generate-sessions.ts';
import { SYNC_TASK_ID } from './launch-scenario.ts';
import { lockTournament } from './load-tournament.ts';
import { ensureQueueAvailable, publishGeneration, recordGenerationTask } from './queue-generation.ts';

/**
 * ENROLLMENT_OPEN → IN_PROGRESS and generation: in this call under the async threshold,
 * on the queue from it up (returning the task id to poll). The status and the task record
 * commit together, so a started tournament always has its generation on the way.
 */
export async function startTournament(ctx: ServiceContext, tournamentId: number): Promise<{ taskId: string; mode: 'sync' | 'async'; sessionsCount: number }> {
  // Refused before anything changes when the queue is down and the start would need it.
  if ((await ctx.store.enrollments.count(tournamentId)) >= ctx.asyncThreshold) await ensureQueueAvailable(ctx.queue);
  const started = await ctx.store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    assertTransition(tournament.status, 'IN_PROGRESS');
    const count = await tx.enrollments.count(tournamentId);
    getFormat(tournament.format).validate(count, tournament.settings);
    await tx.tournaments.setStatus(tournamentId, 'IN_PROGRESS');
    if (count < ctx.asyncThreshold) {
      const generated = await generateSessions({ store: tx, clock: ctx.clock }, tournamentId);
      return { taskId: SYNC_TASK_ID, mode: 'sync' as const, sessionsCount: generated.sessionsCount };
    }
    return { taskId: await recordGenerationTask(ctx, tx, tournamentId), mode: 'async' as const, sessionsCount: 0 };
  });
  if (started.mode === 'async') await publishGeneration(ctx.queue, tournamentId, started.taskId);
  return started;
}
