import { NotFoundError } from '../domain/errors.ts';
import type { ParticipantRecord, Store } from './ports.ts';
import { getTournamentRecord, lockTournament, requireStatus } from './load-tournament.ts';

/** The participants of a tournament by seed, with ratings, clubs and withdrawals. */
export async function listParticipants(store: Store, tournamentId: number, page?: { limit: number; afterSeed?: number }): Promise<ParticipantRecord[]> {
  await getTournamentRecord(store, tournamentId);
  return store.enrollments.participants(tournamentId, page);
}

/**
 * Takes a participant off a tournament that has not started, closing the gap in the seeds. The
 * player record stays: it may be someone's roster entry.
 */
export async function removeParticipant(store: Store, tournamentId: number, playerId: number): Promise<ParticipantRecord[]> {
  return store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    requireStatus(tournament, ['DRAFT', 'ENROLLMENT_OPEN'], 'remove a participant (once started, withdraw them instead)');
    if (!(await tx.enrollments.remove(tournamentId, playerId))) {
      throw new NotFoundError(`player ${playerId} is not a participant of tournament ${tournamentId}`, { player_id: playerId });
    }
    return tx.enrollments.participants(tournamentId);
  });
}
