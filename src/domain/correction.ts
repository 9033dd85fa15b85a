import { ConflictError } from './errors.ts';
import type { Link, Session } from './formats/format.ts';
import { checkResult, recordResult, sessionAt, type ResultInput } from './progression.ts';
import { Feeders, settleWalkovers } from './walkovers.ts';

/** Whether a new result sends someone other than the old one on (winner or loser). */
export function changesWhoAdvances(session: Session, input: ResultInput): boolean {
  if (!session.resultSubmitted) return true;
  // A double forfeit and a draw both send nobody, but a double forfeit leaves places vacant.
  if (session.winnerId !== input.winnerId) return true;
  return session.winnerId === null && (session.outcome === 'walkover') !== (input.outcome === 'walkover');
}

/**
 * The sessions with a result that stand on this session's result: those its winner and loser went
 * to, and on from there through every later session that has a result. Keys in bracket order.
 */
export function laterResults(sessions: readonly Session[], key: number): number[] {
  const found = new Set<number>();
  const visit = (link: Link | null): void => {
    if (link === null) return;
    const t = sessions[link.key];
    if (t === undefined || !t.resultSubmitted || found.has(t.key)) return;
    found.add(t.key);
    visit(t.next);
    visit(t.loserNext);
  };
  const s = sessionAt(sessions, key);
  visit(s.next);
  visit(s.loserNext);
  return [...found].sort((x, y) => x - y);
}

export interface CorrectionOutcome {
  /** Every key whose result or participants changed, the corrected session included. */
  changed: number[];
  /** Later sessions whose results were cleared because they stood on the old result. */
  cleared: number[];
}

/**
 * Replaces the result of sessions[key]. When the winner changes, the player it had sent on is
 * replaced by the new one in the next session and the playoff; later results that stood on the old
 * one are cleared only with `cascade` (else ConflictError 'later_results_exist' naming their keys).
 * Walkovers due to withdrawn players or vacant places are settled again afterwards. Checks
 * everything before changing anything.
 */
export function correctResult(
  sessions: Session[],
  key: number,
  input: ResultInput,
  options: { allowsDraws: boolean; cascade: boolean; isWithdrawn?: (playerId: number) => boolean },
): CorrectionOutcome {
  const session = sessionAt(sessions, key);
  if (!session.resultSubmitted) {
    throw new ConflictError('this session has no result to correct; submit one instead', {}, 'result_not_submitted');
  }
  const score = checkResult(session, input, options.allowsDraws);
  if (!changesWhoAdvances(session, input)) {
    session.score = score;
    session.outcome = input.outcome;
    return { changed: [key], cleared: [] };
  }
  const later = laterResults(sessions, key);
  if (later.length > 0 && !options.cascade) {
    throw new ConflictError(
      `${later.length} later session${later.length === 1 ? '' : 's'} already ha${later.length === 1 ? 's a result' : 've results'} that depend on this one`,
      { session_keys: later },
      'later_results_exist',
    );
  }
  const changed = new Set<number>([key]);
  const cleared: number[] = [];
  const clear = (k: number): void => {
    const s = sessions[k];
    for (const link of [s.next, s.loserNext]) {
      if (link === null) continue;
      const t = sessions[link.key];
      if (t === undefined) continue;
      if (t.resultSubmitted) clear(t.key);
      if (t.participants[link.slot] !== null) {
        t.participants[link.slot] = null;
        changed.add(t.key);
      }
    }
    if (k !== key) {
      s.winnerId = null;
      s.score = null;
      s.resultSubmitted = false;
      s.outcome = null;
      cleared.push(k);
      changed.add(k);
    }
  };
  clear(key);
  session.resultSubmitted = false;
  for (const c of recordResult(sessions, key, input.winnerId, score, input.outcome)) changed.add(c);
  const isWithdrawn = options.isWithdrawn ?? (() => false);
  const targets = [session.next, session.loserNext, ...cleared.flatMap((k) => [sessions[k].next, sessions[k].loserNext])]
    .filter((l): l is Link => l !== null)
    .map((l) => l.key);
  for (const c of settleWalkovers(sessions, [...cleared, ...targets], isWithdrawn, new Feeders(sessions))) changed.add(c);
  return { changed: [...changed].sort((x, y) => x - y), cleared: cleared.sort((x, y) => x - y) };
}
