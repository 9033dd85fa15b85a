import { ConflictError } from '../domain/errors.ts';
import { getFormat } from '../domain/formats/registry.ts';
import type { SessionCounts, Store, TournamentRecord } from './ports.ts';
import { lockTournament, requireStatus } from './load-tournament.ts';
import { loadPlayState } from './play-state.ts';

/**
 * Ranks every enrolled player once all sessions have results, replacing the previous
 * rankings atomically. 409 with the count of sessions still lacking a result.
 */
export async function calculateRankings(store: Store, tournamentId: number): Promise<{ rankingsCount: number }> {
  return store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    requireStatus(tournament, ['IN_PROGRESS'], 'calculate rankings');
    return rankLocked(tx, tournament, (counts) => requireAllResults(tournamentId, counts));
  });
}

/**
 * The ranking itself, for a caller that holds the tournament's lock (calculateRankings, and
 * completing a tournament that has no rankings yet): `check` gets the sessions' counts and
 * throws when they forbid ranking. A format that ranks columns reads its sessions once and
 * takes the counts from that read (a second pass over a million rows otherwise).
 */
export async function rankLocked(tx: Store, tournament: TournamentRecord, check: (counts: SessionCounts) => void): Promise<{ rankingsCount: number }> {
  const tournamentId = tournament.id;
  const format = getFormat(tournament.format);
  if (format.rankTable) {
    // A format that ranks columns adds no sessions: with every result in, it is over.
    const table = await tx.sessions.loadTable(tournamentId, { unchanged: true });
    check({ sessions: table.length, resultsSubmitted: table.resultsSubmitted() });
    const entrants = await tx.enrollments.entrants(tournamentId);
    const ranking = format.rankTable(table, entrants, format.validate(entrants.length, tournament.settings));
    await tx.rankings.replace(tournamentId, ranking, entrants);
    return { rankingsCount: ranking.length };
  }
  check(await tx.sessions.counts(tournamentId));
  const entrants = await tx.enrollments.entrants(tournamentId);
  const settings = format.validate(entrants.length, tournament.settings);
  const state = await loadPlayState(tx, tournamentId, format);
  const due = format.nextSessions(state.sessions, entrants, settings);
  if (due.length > 0) {
    throw new ConflictError(
      `the tournament is not over: ${due.length} sessions of a further round are due`,
      { sessions_due: due.length },
      'rounds_remaining',
    );
  }
  const rows = format.rank(state.sessions, entrants, settings);
  await tx.rankings.replace(tournamentId, rows, entrants);
  return { rankingsCount: rows.length };
}

function requireAllResults(tournamentId: number, counts: SessionCounts): void {
  if (counts.sessions === 0) {
    throw new ConflictError(`tournament ${tournamentId} has no sessions yet`, { sessions_count: 0 }, 'no_sessions');
  }
  const missing = counts.sessions - counts.resultsSubmitted;
  if (missing > 0) {
    throw new ConflictError(
      `${missing} of ${counts.sessions} sessions have no result yet`,
      { sessions_without_result: missing, sessions_count: counts.sessions },
      'results_missing',
    );
  }
}
