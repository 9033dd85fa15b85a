import { ValidationError } from '../domain/errors.ts';
import { seedingOrder, type SeedingMethod } from '../domain/participants.ts';
import type { IdSource, ParticipantRecord, SeedingRecord, Store } from './ports.ts';
import { lockTournament, requireStatus } from './load-tournament.ts';

/**
 * Gives the participants new seeds before the start: by order of entry, by rating (highest
 * first) or by a random draw whose seed is recorded (given, or drawn now). Returns the list.
 */
export async function seedParticipants(
  ctx: { store: Store; ids: IdSource },
  tournamentId: number,
  method: SeedingMethod,
  randomSeed?: number,
): Promise<{ seeding: SeedingRecord; participants: ParticipantRecord[] }> {
  return ctx.store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    requireStatus(tournament, ['DRAFT', 'ENROLLMENT_OPEN'], 'seed participants');
    const current = await tx.enrollments.participants(tournamentId);
    const seeding: SeedingRecord = method === 'random' ? { method, seed: randomSeed ?? ctx.ids.drawSeed() } : { method };
    const order = seedingOrder(current, method, seeding.seed);
    await tx.enrollments.reseed(tournamentId, order);
    await tx.tournaments.setSeeding(tournamentId, seeding);
    return { seeding, participants: await tx.enrollments.participants(tournamentId) };
  });
}

/** Puts the participants in the given order (seed 1 first) before the start: every one, once. */
export async function reorderParticipants(store: Store, tournamentId: number, playerIds: readonly number[]): Promise<ParticipantRecord[]> {
  return store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    requireStatus(tournament, ['DRAFT', 'ENROLLMENT_OPEN'], 'reorder participants');
    const current = await tx.enrollments.participants(tournamentId);
    const known = new Set(current.map((p) => p.playerId));
    const given = new Set(playerIds);
    if (given.size !== playerIds.length) throw new ValidationError('player_ids', 'lists a player more than once');
    const strangers = playerIds.filter((id) => !known.has(id));
    if (strangers.length > 0) {
      throw new ValidationError('player_ids', `players ${strangers.slice(0, 10).join(', ')} are not participants`, { unknown_player_ids: strangers });
    }
    const missing = current.filter((p) => !given.has(p.playerId)).map((p) => p.playerId);
    if (missing.length > 0) {
      throw new ValidationError('player_ids', `must list every participant; missing ${missing.slice(0, 10).join(', ')}`, { missing_player_ids: missing });
    }
    await tx.enrollments.reseed(tournamentId, playerIds);
    await tx.tournaments.setSeeding(tournamentId, { method: 'order' });
    return tx.enrollments.participants(tournamentId);
  });
}
