import { getFormat } from '../domain/formats/registry.ts';
import { assertTransition } from '../domain/lifecycle.ts';
import type { ServiceContext } from './context.ts';
import { generateSessions } from './generate-sessions.ts';
import { SYNC_TASK_ID } from './launch-scenario.ts';
import { lockTournament } from './load-tournament.ts';
import { queueGeneration } from './queue-generation.ts';

/**
 * ENROLLMENT_OPEN → IN_PROGRESS and generation: in this call under the async threshold,
 * on the queue from it up (returning the task id to poll).
 */
export async function startTournament(ctx: ServiceContext, tournamentId: number): Promise<{ taskId: string; mode: 'sync' | 'async'; sessionsCount: number }> {
  const enrolled = await ctx.store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    assertTransition(tournament.status, 'IN_PROGRESS');
    const count = await tx.enrollments.count(tournamentId);
    getFormat(tournament.format).validate(count, tournament.settings);
    await tx.tournaments.setStatus(tournamentId, 'IN_PROGRESS');
    if (count < ctx.asyncThreshold) await generateSessions({ store: tx, clock: ctx.clock }, tournamentId);
    return count;
  });
  if (enrolled < ctx.asyncThreshold) {
    const sessionsCount = (await ctx.store.sessions.counts(tournamentId)).sessions;
    return { taskId: SYNC_TASK_ID, mode: 'sync', sessionsCount };
  }
  const taskId = await queueGeneration(ctx, tournamentId, () =>
    ctx.store.tournaments.setStatus(tournamentId, 'ENROLLMENT_OPEN'));
  return { taskId, mode: 'async', sessionsCount: 0 };
}
