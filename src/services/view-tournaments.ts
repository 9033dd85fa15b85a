import type { TournamentStatus } from '../domain/lifecycle.ts';
import type { GenerationStatus } from './get-generation-status.ts';
import type { RoundBreakdown, Store, TournamentCounts, TournamentRecord } from './ports.ts';
import { describeTask } from './get-generation-status.ts';
import { getTournamentRecord } from './load-tournament.ts';
import { tournamentRevision } from './share-tournament.ts';

export interface TournamentOverview {
  tournament: TournamentRecord;
  counts: TournamentCounts;
  latestTask: GenerationStatus | null;
  breakdown: RoundBreakdown[];
  /** Grows with every result, correction and withdrawal: a correction changes no count, but this. */
  revision: number;
}

/** The totals of a breakdown by round: every session, and those with a result. */
export function sumBreakdown(breakdown: readonly RoundBreakdown[]): { sessions: number; resultsSubmitted: number } {
  return { sessions: breakdown.reduce((n, b) => n + b.sessions, 0), resultsSubmitted: breakdown.reduce((n, b) => n + b.results, 0) };
}

/**
 * One tournament with its counts, its latest generation task and sessions by phase and round.
 * `known.breakdown`: the sessions' breakdown a caller has just read and knows to be current
 * (completing reads it under the lock), so it is not read again.
 */
export async function getTournament(store: Store, tournamentId: number, known: { breakdown?: RoundBreakdown[] } = {}): Promise<TournamentOverview> {
  const tournament = await getTournamentRecord(store, tournamentId);
  const { enrolled, rankings } = await store.tournaments.participantCounts(tournamentId);
  const breakdown = known.breakdown ?? await store.sessions.breakdown(tournamentId);
  // One scan of the sessions serves both the breakdown and the totals.
  const counts: TournamentCounts = { enrolled, ...sumBreakdown(breakdown), rankings };
  const task = await store.tasks.latestFor(tournamentId);
  const revision = await tournamentRevision(store, tournamentId);
  return { tournament, counts, latestTask: task ? describeTask(task, counts.sessions) : null, breakdown, revision };
}

/** Tournaments, newest first, optionally of one status. */
export async function listTournaments(store: Store, query: { status?: TournamentStatus; limit: number; beforeId?: number }) {
  return store.tournaments.list(query);
}
