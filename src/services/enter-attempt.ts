import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { getFormat } from '../domain/formats/registry.ts';
import { applyAttempt } from '../domain/progression.ts';
import { addDueSessions } from './add-due-sessions.ts';
import { SYSTEM_ACTOR } from './audit-shapes.ts';
import { lockTournament, requireStatus } from './load-tournament.ts';
import type { Actor, SessionRecord, Store } from './ports.ts';

export interface AttemptOutcome {
  session: SessionRecord;
  /** The session's attempts after this one, in order; null a failed one. */
  attempts: (number | null)[];
  /** Sessions added because this completed a round (the next round after a cut). */
  addedCount: number;
}

/**
 * Records one attempt (null: a failed one) on a session of a format judged by attempts; the
 * session is complete with its last attempt, and when that completes a round with a cut the next
 * round is added. Checks the value against the measure first, changing nothing when it is refused.
 */
export async function enterAttempt(
  store: Store,
  tournamentId: number,
  sessionId: string,
  value: number | null,
  actor: Actor = SYSTEM_ACTOR,
): Promise<AttemptOutcome> {
  return store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    requireStatus(tournament, ['IN_PROGRESS'], 'enter an attempt');
    const format = getFormat(tournament.format);
    if (!format.attemptRules) {
      throw new ConflictError(`${tournament.format} is played as matches: submit each session's result instead`, { format: tournament.format }, 'result_expected');
    }
    const local = await tx.sessions.loadDownstream(tournamentId, sessionId);
    if (!local) throw new NotFoundError(`session ${sessionId} does not exist in tournament ${tournamentId}`, { session_id: sessionId });
    const one = { sessions: [local.sessions[0]], ids: [local.ids[0]] };
    await tx.attempts.fill(tournamentId, one);
    const entrants = await tx.enrollments.entrants(tournamentId);
    const rules = format.attemptRules(format.validate(entrants.length, tournament.settings));
    const before = [...(one.sessions[0].attempts ?? [])];
    applyAttempt(one.sessions, 0, value, rules);
    await tx.sessions.updateProgress(one.sessions, one.ids);
    await tx.attempts.write(one.sessions, one.ids);
    await tx.audit.record([{
      tournamentId,
      actor,
      action: 'attempt',
      sessionId,
      playerId: one.sessions[0].participants[0],
      before: { attempts: before },
      after: { attempts: one.sessions[0].attempts, resultSubmitted: one.sessions[0].resultSubmitted },
    }]);
    const [session] = (await tx.sessions.list(tournamentId, { id: sessionId })).items;
    return { session, attempts: one.sessions[0].attempts ?? [], addedCount: await addDueSessions(tx, tournament) };
  });
}
