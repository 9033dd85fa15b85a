import { ValidationError } from '../domain/errors.ts';
import { getFormat } from '../domain/formats/registry.ts';
import type { Store, TournamentRecord } from './ports.ts';
import { lockTournament, requireStatus } from './load-tournament.ts';

/**
 * Renames a tournament (any time before it ends) and changes its settings (only before the
 * start, checked against the format as at creation). Returns the tournament as stored.
 */
export async function editTournament(
  store: Store,
  tournamentId: number,
  changes: { name?: string; settings?: Record<string, unknown> },
): Promise<TournamentRecord> {
  if (changes.name === undefined && changes.settings === undefined) throw new ValidationError('name', 'nothing to change: give a name or settings');
  return store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    if (changes.settings !== undefined) {
      requireStatus(tournament, ['DRAFT', 'ENROLLMENT_OPEN'], 'change settings');
      const format = getFormat(tournament.format);
      format.validate(format.maxPlayers, changes.settings);
    } else {
      requireStatus(tournament, ['DRAFT', 'ENROLLMENT_OPEN', 'IN_PROGRESS'], 'rename a tournament');
    }
    await tx.tournaments.update(tournamentId, changes);
    return (await tx.tournaments.get(tournamentId))!;
  });
}

/** Deletes a tournament that never started; player records stay (they may be someone's roster). */
export async function deleteDraft(store: Store, tournamentId: number): Promise<void> {
  await store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    requireStatus(tournament, ['DRAFT', 'ENROLLMENT_OPEN'], 'delete a tournament (only one that has not started; cancel it instead)');
    await tx.tournaments.delete(tournamentId);
  });
}
