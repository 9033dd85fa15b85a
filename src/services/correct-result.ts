import { correctResult as correctInBracket, changesWhoAdvances } from '../domain/correction.ts';
import { ConflictError, DomainError, NotFoundError } from '../domain/errors.ts';
import type { Session } from '../domain/formats/format.ts';
import type { Outcome, TournamentFormat } from '../domain/formats/format.ts';
import { getFormat } from '../domain/formats/registry.ts';
import { settleWalkovers } from '../domain/walkovers.ts';
import { resultSnapshot, SYSTEM_ACTOR } from './audit-shapes.ts';
import { reconcileReset } from './grand-final-reset.ts';
import type { Actor, SessionRecord, SessionState, Store, TournamentRecord } from './ports.ts';
import { lockTournament, requireStatus } from './load-tournament.ts';
import type { ResultInput } from './submit-result.ts';

export interface CorrectionOutcome {
  session: SessionRecord;
  /** Ids of later sessions whose results were cleared (only with cascade). */
  clearedSessionIds: string[];
  /** Ids of every other session whose players or result changed. */
  changedSessionIds: string[];
}

/**
 * Replaces a result. When the winner changes, the wrong player is replaced in the next session
 * and the playoff in the same transaction; later results that stood on the old one are a 409
 * naming them, unless `cascade` clears them too. A Swiss round already paired on the old result
 * cannot change; a group result that changes the knockout's draw redraws it (a 409 when
 * knockout results exist, unless `cascade`). Rankings are cleared, as they may be stale.
 */
export async function correctResult(
  store: Store,
  tournamentId: number,
  sessionId: string,
  input: ResultInput,
  options: { cascade?: boolean; actor?: Actor } = {},
): Promise<CorrectionOutcome> {
  const cascade = options.cascade ?? false;
  return store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    requireStatus(tournament, ['IN_PROGRESS'], 'correct a result');
    const format = getFormat(tournament.format);
    const [record] = (await tx.sessions.list(tournamentId, { id: sessionId })).items;
    if (!record) throw new NotFoundError(`session ${sessionId} does not exist in tournament ${tournamentId}`, { session_id: sessionId });
    const result = { winnerId: input.winnerId, score: input.score, outcome: input.outcome ?? 'played' };
    const withdrawn = new Set(await tx.enrollments.withdrawn(tournamentId));
    const isWithdrawn = (id: number) => withdrawn.has(id);

    let state: SessionState;
    let key: number;
    let deleted: string[] = [];
    let insertedFrom: number | null = null;
    let outcome: Correction;
    const before = record;
    if (record.phase === 'GROUP') {
      state = await tx.sessions.loadState(tournamentId);
      key = state.ids.indexOf(sessionId);
      const redraw = await redrawKnockout(tx, tournament, format, state, key, result, cascade, isWithdrawn);
      ({ deleted, insertedFrom, outcome } = redraw);
    } else {
      const local = await tx.sessions.loadDownstream(tournamentId, sessionId);
      if (!local) throw new NotFoundError(`session ${sessionId} does not exist in tournament ${tournamentId}`, { session_id: sessionId });
      state = local;
      key = 0;
      if (record.phase === 'SWISS') await refusePairedRound(tx, tournamentId, record, local.sessions[0], result);
      outcome = applyCorrection(state, key, result, format.allowsDraws, cascade, isWithdrawn);
    }
    const changed = outcome.changed.filter((k) => insertedFrom === null || k < insertedFrom);
    await tx.sessions.updateProgress(changed.map((k) => state.sessions[k]), state.ids);
    if (insertedFrom !== null) await tx.sessions.insertFrom(tournamentId, state.sessions, state.ids, insertedFrom);
    // A double elimination's reset stands on the first grand final: it goes when that changed, and
    // comes when it is now due.
    const removed = await reconcileReset(tx, tournament, cascade);
    await tx.rankings.replace(tournamentId, [], []);
    const clearedIds = [...outcome.cleared.map((k) => state.ids[k]), ...removed];
    const changedIds = outcome.changed.filter((k) => k !== key).map((k) => state.ids[k]);
    await tx.audit.record([{
      tournamentId,
      actor: options.actor ?? SYSTEM_ACTOR,
      action: 'correction',
      sessionId,
      playerId: null,
      before: { participants: slots(before), winnerId: before.winnerId, score: before.score, outcome: before.outcome, resultSubmitted: before.resultSubmitted },
      after: { ...resultSnapshot(state.sessions[key]), cascade, clearedSessionIds: clearedIds, changedSessionIds: changedIds, redrawnSessionIds: deleted },
    }]);
    const [session] = (await tx.sessions.list(tournamentId, { id: sessionId })).items;
    return { session, clearedSessionIds: clearedIds, changedSessionIds: changedIds };
  });
}

type Correction = { changed: number[]; cleared: number[] };
type Result = { winnerId: number | null; score: [number, number] | null; outcome: Outcome };

// The domain speaks in keys; a refusal names sessions by id, round and match for the operator.
function applyCorrection(
  state: SessionState,
  key: number,
  result: Result,
  allowsDraws: boolean,
  cascade: boolean,
  isWithdrawn: (id: number) => boolean,
): Correction {
  try {
    return correctInBracket(state.sessions, key, result, { allowsDraws, cascade, isWithdrawn });
  } catch (error) {
    if (error instanceof ConflictError && error.code === 'later_results_exist') {
      throw laterResultsError((error.details.session_keys as number[]).map((k) => ({ id: state.ids[k], session: state.sessions[k] })));
    }
    throw error;
  }
}

function laterResultsError(later: { id: string; session: Session }[]): DomainError {
  return new ConflictError(
    `${later.length} later session${later.length === 1 ? '' : 's'} already ha${later.length === 1 ? 's a result' : 've results'} that stand on this one: ` +
      `${later.map(({ session: s }) => `${s.phase} round ${s.round} match ${s.matchNumber}`).join(', ')}; correct with cascade=true (admin) to clear them`,
    {
      sessions: later.map(({ id, session: s }) => ({ session_id: id, phase: s.phase, round: s.round, match_number: s.matchNumber })),
      session_ids: later.map((l) => l.id),
    },
    'later_results_exist',
  );
}

async function refusePairedRound(
  tx: Store,
  tournamentId: number,
  record: SessionRecord,
  session: Session,
  result: Result,
): Promise<void> {
  // A new score with the same winner changes no points, so no pairing stood on it.
  if (!changesWhoAdvances(session, result)) return;
  const next = await tx.sessions.list(tournamentId, { phase: 'SWISS', round: record.round + 1, limit: 1 });
  if (next.items.length > 0) {
    throw new ConflictError(
      `round ${record.round + 1} is already paired on this result, so its winner cannot change now; only its score can`,
      { paired_round: record.round + 1, round: record.round },
      'round_already_paired',
    );
  }
}

/**
 * A group result after the knockout was drawn: the draw is made again from the corrected groups;
 * when it comes out the same nothing else changes, else the old knockout is replaced, which
 * needs `cascade` when any of its sessions has a result.
 */
async function redrawKnockout(
  tx: Store,
  tournament: TournamentRecord,
  format: TournamentFormat,
  state: SessionState,
  key: number,
  result: Result,
  cascade: boolean,
  isWithdrawn: (id: number) => boolean,
): Promise<{ deleted: string[]; insertedFrom: number | null; outcome: Correction }> {
  // Group sessions have no links: the correction itself touches only this one.
  const outcome = applyCorrection(state, key, result, format.allowsDraws, true, isWithdrawn);
  const groupCount = state.sessions.findIndex((s) => s.phase !== 'GROUP');
  if (groupCount === -1) return { deleted: [], insertedFrom: null, outcome };
  const entrants = await tx.enrollments.entrants(tournament.id);
  const settings = format.validate(entrants.length, tournament.settings);
  const groups = state.sessions.slice(0, groupCount);
  const fresh = format.nextSessions(groups, entrants, settings);
  const old = state.sessions.slice(groupCount);
  if (sameDraw(fresh, old)) return { deleted: [], insertedFrom: null, outcome };
  const played = old.filter((s) => s.resultSubmitted);
  if (played.length > 0 && !cascade) {
    throw laterResultsError(played.map((s) => ({ id: state.ids[s.key], session: s })));
  }
  const deleted = state.ids.slice(groupCount);
  await tx.sessions.deleteByIds(deleted);
  state.sessions.length = groupCount;
  state.ids.length = groupCount;
  state.sessions.push(...fresh);
  settleWalkovers(state.sessions, fresh.map((s) => s.key), isWithdrawn);
  return { deleted, insertedFrom: groupCount, outcome };
}

// The same draw: every place the plan fills (round 1 and the byes' places in round 2) holds the same player.
function sameDraw(fresh: readonly Session[], old: readonly Session[]): boolean {
  if (fresh.length !== old.length) return false;
  for (let i = 0; i < fresh.length; i++) {
    const f = fresh[i];
    const o = old[i];
    if (f.round !== o.round || f.matchNumber !== o.matchNumber) return false;
    for (const slot of [0, 1] as const) {
      if (f.participants[slot] !== null && f.participants[slot] !== o.participants[slot]) return false;
    }
  }
  return true;
}

function slots(record: SessionRecord): [number | null, number | null] {
  const out: [number | null, number | null] = [null, null];
  for (const p of record.participants) out[p.slot as 0 | 1] = p.id;
  return out;
}
