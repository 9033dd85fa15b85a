import { readParticipant } from '../domain/participants.ts';
import type { Store } from './ports.ts';

/** Creates players (name, optional rating and club), checked field by field, in the order given. */
export async function createPlayers(store: Store, players: readonly { name: unknown; rating?: unknown; club?: unknown }[]) {
  const checked = players.map((p, i) => readParticipant(p, players.length === 1 ? '' : `players[${i}]`));
  return store.players.create(checked);
}

export async function listPlayers(store: Store, query: { limit: number; afterId?: number; search?: string }) {
  return store.players.list(query);
}
