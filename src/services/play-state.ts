import type { TournamentFormat } from '../domain/formats/format.ts';
import type { SessionState, Store } from './ports.ts';

/**
 * Every session of a tournament in domain shape, with their attempts when the format is judged by
 * attempts (they are kept beside the session rows, so head-to-head formats never read them).
 */
export async function loadPlayState(tx: Store, tournamentId: number, format: TournamentFormat): Promise<SessionState> {
  const state = await tx.sessions.loadState(tournamentId);
  if (format.attemptRules) await tx.attempts.fill(tournamentId, state);
  return state;
}
