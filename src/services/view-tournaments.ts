import type { TournamentStatus } from '../domain/lifecycle.ts';
import type { Store } from '../storage/store.ts';
import { getTournamentRecord } from './load-tournament.ts';

/** One tournament with its counts and its latest generation task. */
export async function getTournament(store: Store, tournamentId: number) {
  const tournament = await getTournamentRecord(store, tournamentId);
  const [counts, task] = await Promise.all([store.tournaments.counts(tournamentId), store.tasks.latestFor(tournamentId)]);
  return { tournament, counts, task };
}

/** Tournaments, newest first, optionally of one status. */
export async function listTournaments(store: Store, query: { status?: TournamentStatus; limit: number; beforeId?: number }) {
  return store.tournaments.list(query);
}

/** Sessions per phase and round with their results. */
export async function getSessionBreakdown(store: Store, tournamentId: number) {
  await getTournamentRecord(store, tournamentId);
  return store.sessions.breakdown(tournamentId);
}
