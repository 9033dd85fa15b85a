import type { ServiceContext } from './context.ts';
import { getTournamentRecord, requireStatus } from './load-tournament.ts';
import { queueGeneration } from './queue-generation.ts';

/**
 * Queues generation again for a tournament in progress (recovery after an error).
 * Harmless when sessions exist: the task ends done with created_count 0.
 */
export async function requestGeneration(ctx: ServiceContext, tournamentId: number): Promise<string> {
  const tournament = await getTournamentRecord(ctx.store, tournamentId);
  requireStatus(tournament, ['IN_PROGRESS'], 'generate sessions');
  return queueGeneration(ctx, tournamentId);
}
