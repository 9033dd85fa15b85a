import { ConflictError } from '../domain/errors.ts';
import { assertTransition } from '../domain/lifecycle.ts';
import type { SessionCounts, Store } from './ports.ts';
import { rankLocked } from './calculate-rankings.ts';
import { lockTournament } from './load-tournament.ts';

/**
 * IN_PROGRESS → COMPLETED, only when every session has a result; calculates the rankings
 * first when there are none. 409 with the counts otherwise. One pass over the sessions either
 * way: their counts, or the ranking's own read of them (the rankings' count is on the
 * tournament's row).
 */
export async function completeTournament(store: Store, tournamentId: number): Promise<{ rankingsCount: number }> {
  return store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    assertTransition(tournament.status, 'COMPLETED');
    const requireEveryResult = (counts: SessionCounts) => {
      const missing = counts.sessions - counts.resultsSubmitted;
      if (counts.sessions === 0 || missing > 0) {
        throw new ConflictError(
          counts.sessions === 0
            ? `tournament ${tournamentId} has no sessions yet`
            : `${missing} of ${counts.sessions} sessions have no result yet`,
          { sessions_count: counts.sessions, sessions_without_result: missing },
          'results_missing',
        );
      }
    };
    let rankingsCount = await tx.rankings.count(tournamentId);
    if (rankingsCount === 0) rankingsCount = (await rankLocked(tx, tournament, requireEveryResult)).rankingsCount;
    else requireEveryResult(await tx.sessions.counts(tournamentId));
    await tx.tournaments.setStatus(tournamentId, 'COMPLETED');
    return { rankingsCount };
  });
}
