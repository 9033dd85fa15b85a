import { getFormat } from '../domain/formats/registry.ts';
import type { Store } from '../storage/store.ts';
import type { TournamentRecord } from '../storage/tournament-repository.ts';

/**
 * Creates a tournament in DRAFT. Settings are checked against the format now (the player
 * count against its limits at start), so a bad setting is refused before anything exists.
 */
export async function createTournament(store: Store, input: { name: string; format: string; settings?: Record<string, unknown> }): Promise<TournamentRecord> {
  const format = getFormat(input.format);
  // The smallest field the format allows: settings that need more players fail at start.
  const settings = input.settings ?? {};
  format.validate(Math.max(format.minPlayers, 2), settings);
  return store.tournaments.create({ name: input.name, format: format.name, settings, status: 'DRAFT' });
}
