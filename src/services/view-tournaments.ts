import type { TournamentStatus } from '../domain/lifecycle.ts';
import type { Store } from '../storage/store.ts';
import { describeTask } from './get-generation-status.ts';
import { getTournamentRecord } from './load-tournament.ts';

/** One tournament with its counts, its latest generation task and sessions by phase and round. */
export async function getTournament(store: Store, tournamentId: number) {
  const tournament = await getTournamentRecord(store, tournamentId);
  const counts = await store.tournaments.counts(tournamentId);
  const task = await store.tasks.latestFor(tournamentId);
  const breakdown = await store.sessions.breakdown(tournamentId);
  return { tournament, counts, latestTask: task ? describeTask(task, counts.sessions) : null, breakdown };
}

/** Tournaments, newest first, optionally of one status. */
export async function listTournaments(store: Store, query: { status?: TournamentStatus; limit: number; beforeId?: number }) {
  return store.tournaments.list(query);
}
