import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { getFormat } from '../domain/formats/registry.ts';
import { expungesGames, forfeitRemaining, type WithdrawalRule } from '../domain/withdrawal.ts';
import { addDueSessions } from './add-due-sessions.ts';
import { SYSTEM_ACTOR } from './audit-shapes.ts';
import type { Actor, Store } from './ports.ts';
import { lockTournament, requireStatus } from './load-tournament.ts';

export interface WithdrawalOutcome {
  /** Sessions that became walkovers (or double forfeits) now. */
  walkoverSessionIds: string[];
  /** Sessions removed (a league that expunges a withdrawn player's games). */
  expungedSessionIds: string[];
  /** Sessions the format added because a round was completed by the walkovers. */
  addedCount: number;
}

/**
 * Withdraws a participant of a running tournament: every session they still wait in becomes a
 * walkover for the opponent (one still to come gets it on arrival), a league follows its
 * `withdrawal` rule, and pairing formats leave the player out of later rounds. Audited.
 */
export async function withdrawParticipant(
  store: Store,
  tournamentId: number,
  playerId: number,
  actor: Actor = SYSTEM_ACTOR,
): Promise<WithdrawalOutcome> {
  return store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    requireStatus(tournament, ['IN_PROGRESS'], 'withdraw a participant (before the start, remove them instead)');
    if ((await tx.enrollments.alreadyEnrolled(tournamentId, [playerId])).length === 0) {
      throw new NotFoundError(`player ${playerId} is not a participant of tournament ${tournamentId}`, { player_id: playerId });
    }
    if (!(await tx.enrollments.withdraw(tournamentId, playerId))) {
      throw new ConflictError(`player ${playerId} has already withdrawn`, { player_id: playerId }, 'already_withdrawn');
    }
    const withdrawn = new Set(await tx.enrollments.withdrawn(tournamentId));
    const isWithdrawn = (id: number) => withdrawn.has(id);
    const mine = (await tx.sessions.list(tournamentId, { playerId })).items;

    const format = getFormat(tournament.format);
    let rule: WithdrawalRule = 'forfeit_remaining';
    if (format.name === 'league') {
      const settings = format.validate(await tx.enrollments.count(tournamentId), tournament.settings) as { withdrawal?: WithdrawalRule };
      rule = settings.withdrawal ?? 'forfeit_remaining';
    }
    const expunged: string[] = [];
    const walkovers = new Set<string>();
    if (rule !== 'forfeit_remaining') {
      const state = await tx.sessions.loadState(tournamentId);
      if (expungesGames(state.sessions, playerId, rule)) expunged.push(...mine.map((s) => s.id));
    }
    if (expunged.length > 0) {
      await tx.sessions.deleteByIds(expunged);
    } else {
      for (const pending of mine.filter((s) => !s.resultSubmitted)) {
        const local = await tx.sessions.loadDownstream(tournamentId, pending.id);
        if (!local) continue;
        const changed = forfeitRemaining(local.sessions, playerId, isWithdrawn);
        if (changed.length === 0) continue;
        await tx.sessions.updateProgress(changed.map((k) => local.sessions[k]), local.ids);
        for (const k of changed) if (local.sessions[k].resultSubmitted) walkovers.add(local.ids[k]);
      }
    }
    await tx.rankings.replace(tournamentId, [], []);
    const addedCount = await addDueSessions(tx, tournament);
    const outcome = { walkoverSessionIds: [...walkovers], expungedSessionIds: expunged, addedCount };
    await tx.audit.record([{
      tournamentId,
      actor,
      action: 'withdrawal',
      sessionId: null,
      playerId,
      before: { withdrawn: false },
      after: { withdrawn: true, rule, ...outcome },
    }]);
    return outcome;
  });
}
