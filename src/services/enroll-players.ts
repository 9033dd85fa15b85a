import { ValidationError } from '../domain/errors.ts';
import { assertTransition } from '../domain/lifecycle.ts';
import type { Store } from './ports.ts';
import { lockTournament, requireStatus } from './load-tournament.ts';

/**
 * Enrolls existing players, seeded in the order given after those already enrolled.
 * The first enrollment opens a DRAFT tournament's enrollment.
 */
export async function enrollPlayers(store: Store, tournamentId: number, playerIds: readonly number[]) {
  if (new Set(playerIds).size !== playerIds.length) {
    throw new ValidationError('player_ids', 'lists a player more than once');
  }
  return store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    requireStatus(tournament, ['DRAFT', 'ENROLLMENT_OPEN'], 'enroll players');
    const missing = await tx.players.missing(playerIds);
    if (missing.length > 0) {
      throw new ValidationError('player_ids', `players ${missing.slice(0, 10).join(', ')} do not exist`, { missing_player_ids: missing });
    }
    const already = await tx.enrollments.alreadyEnrolled(tournamentId, playerIds);
    if (already.length > 0) {
      throw new ValidationError('player_ids', `players ${already.slice(0, 10).join(', ')} are already enrolled`, { enrolled_player_ids: already });
    }
    if (tournament.status === 'DRAFT') {
      assertTransition('DRAFT', 'ENROLLMENT_OPEN');
      await tx.tournaments.setStatus(tournamentId, 'ENROLLMENT_OPEN');
    }
    const enrolled = await tx.enrollments.enroll(tournamentId, playerIds);
    return { enrolled, enrolledCount: await tx.enrollments.count(tournamentId) };
  });
}
