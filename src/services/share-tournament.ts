import { NotFoundError } from '../domain/errors.ts';
import type { IdSource, Store, TournamentRecord } from './ports.ts';
import { lockTournament } from './load-tournament.ts';

/**
 * Turns a tournament's public page on or off. The slug (128 random bits) is made the first time
 * and kept, so turning sharing on again brings the same link back.
 */
export async function setSharing(ctx: { store: Store; ids: IdSource }, tournamentId: number, sharing: boolean): Promise<TournamentRecord> {
  return ctx.store.transaction(async (tx) => {
    await lockTournament(tx, tournamentId);
    await tx.tournaments.setSharing(tournamentId, sharing, ctx.ids.slug());
    return (await tx.tournaments.get(tournamentId))!;
  });
}

/** A number that grows with every result, correction and withdrawal (the newest audit entry's id). */
export async function tournamentRevision(store: Store, tournamentId: number): Promise<number> {
  return (await store.audit.list(tournamentId, { limit: 1 }))[0]?.id ?? 0;
}

/** The tournament behind a public link; 404 for an unknown slug and for one whose sharing is off, alike. */
export async function findSharedTournament(store: Store, slug: string): Promise<TournamentRecord> {
  const tournament = await store.tournaments.findBySlug(slug);
  if (!tournament || !tournament.sharing) throw new NotFoundError('no shared tournament at this link');
  return tournament;
}
