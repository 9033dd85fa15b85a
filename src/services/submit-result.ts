import { ConflictError, NotFoundError } from '../domain/errors.ts';
import type { Outcome } from '../domain/formats/format.ts';
import { getFormat } from '../domain/formats/registry.ts';
import { applyResult, isDoubleForfeit } from '../domain/progression.ts';
import { settleWalkovers } from '../domain/walkovers.ts';
import { addDueSessions } from './add-due-sessions.ts';
import { resultSnapshot, SYSTEM_ACTOR } from './audit-shapes.ts';
import type { Actor, SessionRecord, Store } from './ports.ts';
import { lockTournament, requireStatus } from './load-tournament.ts';

export interface ResultInput {
  winnerId: number | null;
  /** null only for a walkover. */
  score: [number, number] | null;
  /** Default 'played'. */
  outcome?: Outcome;
}

/**
 * Records one result and, in the same transaction, moves the winner (and a semi-final loser)
 * on, gives walkovers where a withdrawn player or a vacant place is met, and when it was the
 * last result of a round adds the sessions that become due. The audit log keeps who and when.
 */
export async function submitResult(
  store: Store,
  tournamentId: number,
  sessionId: string,
  input: ResultInput,
  actor: { id: number | null; email: string | null } = SYSTEM_ACTOR,
): Promise<{ session: SessionRecord; addedCount: number }> {
  return store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    requireStatus(tournament, ['IN_PROGRESS'], 'submit a result');
    const local = await tx.sessions.loadDownstream(tournamentId, sessionId);
    if (!local) {
      throw new NotFoundError(`session ${sessionId} does not exist in tournament ${tournamentId}`, { session_id: sessionId });
    }
    const format = getFormat(tournament.format);
    if (format.attemptRules) {
      throw new ConflictError(`${tournament.format} is judged by attempts: enter each attempt instead of a result`, { format: tournament.format }, 'attempts_expected');
    }
    const outcome = input.outcome ?? 'played';
    const changed = new Set(applyResult(local.sessions, 0, input.winnerId, input.score, format.allowsDraws, outcome));
    const withdrawn = new Set(await tx.enrollments.withdrawn(tournamentId));
    const targets = [...changed].filter((k) => k !== 0);
    // A double forfeit sends nobody: whoever already waits at its targets wins by walkover.
    if (isDoubleForfeit(local.sessions[0])) for (const link of [local.sessions[0].next, local.sessions[0].loserNext]) if (link !== null) targets.push(link.key);
    for (const k of settleWalkovers(local.sessions, targets, (id) => withdrawn.has(id))) changed.add(k);
    await tx.sessions.updateProgress([...changed].sort((a, b) => a - b).map((key) => local.sessions[key]), local.ids);
    await tx.audit.record([auditOf(tournamentId, sessionId, actor, local.sessions[0], [...changed].filter((k) => k !== 0).map((k) => local.ids[k]))]);

    const [session] = (await tx.sessions.list(tournamentId, { id: sessionId })).items;
    return { session, addedCount: await addDueSessions(tx, tournament) };
  });
}

function auditOf(tournamentId: number, sessionId: string, actor: Actor, after: Parameters<typeof resultSnapshot>[0], moved: string[]) {
  return {
    tournamentId,
    actor,
    action: 'result' as const,
    sessionId,
    playerId: null,
    before: null,
    after: { ...resultSnapshot(after), changedSessionIds: moved },
  };
}
