import { InvalidStatusError, NotFoundError } from '../domain/errors.ts';
import type { TournamentStatus } from '../domain/lifecycle.ts';
import type { Store, TournamentRecord } from './ports.ts';

/** Locks the tournament row for the transaction, or throws NotFoundError. */
export async function lockTournament(tx: Store, tournamentId: number): Promise<TournamentRecord> {
  const tournament = await tx.tournaments.lock(tournamentId);
  if (!tournament) throw new NotFoundError(`tournament ${tournamentId} does not exist`, { tournament_id: tournamentId });
  return tournament;
}

/** Reads the tournament, or throws NotFoundError. */
export async function getTournamentRecord(store: Store, tournamentId: number): Promise<TournamentRecord> {
  const tournament = await store.tournaments.get(tournamentId);
  if (!tournament) throw new NotFoundError(`tournament ${tournamentId} does not exist`, { tournament_id: tournamentId });
  return tournament;
}

/** Throws a 409 naming the status unless the tournament is in one of the given ones. */
export function requireStatus(tournament: TournamentRecord, allowed: readonly TournamentStatus[], action: string): void {
  if (!allowed.includes(tournament.status)) {
    throw new InvalidStatusError(`cannot ${action}: tournament ${tournament.id} is ${tournament.status}, not ${allowed.join(' or ')}`, {
      current_status: tournament.status,
      allowed_statuses: allowed,
    });
  }
}
