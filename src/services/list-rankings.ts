import type { Store } from './ports.ts';
import { getTournamentRecord } from './load-tournament.ts';

/** Rankings by rank, paged, optionally filtered by player name. */
export async function listRankings(store: Store, tournamentId: number, query: { limit: number; offset: number; search?: string }) {
  await getTournamentRecord(store, tournamentId);
  return store.rankings.list(tournamentId, query);
}
