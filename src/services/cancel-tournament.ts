import { assertTransition } from '../domain/lifecycle.ts';
import type { Store } from './ports.ts';
import { lockTournament } from './load-tournament.ts';

/** Cancels a tournament from any status before COMPLETED; its sessions stay for the record. */
export async function cancelTournament(store: Store, tournamentId: number): Promise<void> {
  await store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    assertTransition(tournament.status, 'CANCELLED');
    await tx.tournaments.setStatus(tournamentId, 'CANCELLED');
  });
}
