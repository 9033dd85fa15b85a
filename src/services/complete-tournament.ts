import { ConflictError } from '../domain/errors.ts';
import { assertTransition } from '../domain/lifecycle.ts';
import type { RoundBreakdown, SessionCounts, Store } from './ports.ts';
import { sumBreakdown } from './view-tournaments.ts';
import { rankLocked } from './calculate-rankings.ts';
import { lockTournament } from './load-tournament.ts';

/**
 * IN_PROGRESS → COMPLETED, only when every session has a result; calculates the rankings
 * first when there are none. 409 with the counts otherwise. One pass over the sessions either
 * way: with rankings there, their breakdown by round (handed back, so the reply's tournament
 * view need not read it again; no result changes once the tournament is locked and then
 * COMPLETED); without, the ranking's own read of them. The rankings' count is on the
 * tournament's row.
 */
export async function completeTournament(store: Store, tournamentId: number): Promise<{ rankingsCount: number; breakdown?: RoundBreakdown[] }> {
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
    const rankingsCount = await tx.rankings.count(tournamentId);
    if (rankingsCount === 0) {
      const ranked = await rankLocked(tx, tournament, requireEveryResult);
      await tx.tournaments.setStatus(tournamentId, 'COMPLETED');
      return ranked;
    }
    const breakdown = await tx.sessions.breakdown(tournamentId);
    requireEveryResult(sumBreakdown(breakdown));
    await tx.tournaments.setStatus(tournamentId, 'COMPLETED');
    return { rankingsCount, breakdown };
  });
}
