import type { Store } from './ports.ts';

export async function createPlayers(store: Store, names: readonly string[]) {
  return store.players.create(names);
}

export async function listPlayers(store: Store, query: { limit: number; afterId?: number; search?: string }) {
  return store.players.list(query);
}
