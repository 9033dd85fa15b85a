import { NotFoundError } from '../domain/errors.ts';
import { getFormat } from '../domain/formats/registry.ts';
import { applyResult } from '../domain/progression.ts';
import type { SessionRecord, Store } from './ports.ts';
import { lockTournament, requireStatus } from './load-tournament.ts';

export interface ResultInput {
  winnerId: number | null;
  score: [number, number];
}

/**
 * Records one result and, in the same transaction, moves the winner (and a semi-final
 * loser) on; when it was the last result of a round, adds the sessions that become due.
 */
export async function submitResult(store: Store, tournamentId: number, sessionId: string, input: ResultInput): Promise<{ session: SessionRecord; addedCount: number }> {
  return store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    requireStatus(tournament, ['IN_PROGRESS'], 'submit a result');
    const local = await tx.sessions.loadNeighbourhood(tournamentId, sessionId);
    if (!local) {
      throw new NotFoundError(`session ${sessionId} does not exist in tournament ${tournamentId}`, { session_id: sessionId });
    }
    const format = getFormat(tournament.format);
    const changed = applyResult(local.sessions, 0, input.winnerId, input.score, format.allowsDraws);
    await tx.sessions.updateProgress(changed.map((key) => local.sessions[key]), local.ids);

    const [session] = (await tx.sessions.list(tournamentId, { id: sessionId })).items;
    if (await tx.sessions.anyWithoutResult(tournamentId)) return { session, addedCount: 0 };
    // Every result is in: a format with rounds paired from results may now owe the next one.
    const state = await tx.sessions.loadState(tournamentId);
    const entrants = await tx.enrollments.entrants(tournamentId);
    const settings = format.validate(entrants.length, tournament.settings);
    const due = format.nextSessions(state.sessions, entrants, settings);
    if (due.length === 0) return { session, addedCount: 0 };
    const all = [...state.sessions, ...due];
    await tx.sessions.insertFrom(tournamentId, all, state.ids, state.sessions.length);
    return { session, addedCount: due.length };
  });
}
