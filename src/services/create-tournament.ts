import { getFormat } from '../domain/formats/registry.ts';
import type { Store, TournamentRecord } from './ports.ts';

/**
 * Creates a tournament in DRAFT. Settings are checked against the format now, so an unknown
 * or mistyped setting is refused before anything exists.
 */
export async function createTournament(store: Store, input: { name: string; format: string; settings?: Record<string, unknown> }): Promise<TournamentRecord> {
  const format = getFormat(input.format);
  // Checked against the largest field the format allows, so only settings wrong for every
  // field fail now; limits that depend on the field (Swiss rounds, group sizes) are checked at start.
  const settings = input.settings ?? {};
  format.validate(format.maxPlayers, settings);
  return store.tournaments.create({ name: input.name, format: format.name, settings, status: 'DRAFT' });
}
