import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import type { Session } from './formats/format.ts';

/**
 * Whether this session may end drawn. A bracket session must send someone on, so it never may,
 * even inside a format (group_knockout) whose group stage allows draws.
 */
export function canEndDrawn(session: Session, formatAllowsDraws: boolean): boolean {
  return formatAllowsDraws && session.phase !== 'KNOCKOUT' && session.next === null && session.loserNext === null;
}

/**
 * Records a result on sessions[key] (sessions indexed by key) and moves the winner and loser along
 * their links; returns the keys it changed (the session first). Checks everything before changing
 * anything, so a thrown error leaves the sessions as they were.
 */
export function applyResult(
  sessions: Session[],
  key: number,
  winnerId: number | null,
  score: readonly [number, number],
  allowsDraws: boolean,
): number[] {
  const session = sessions[key];
  if (session === undefined || session.key !== key) throw new NotFoundError('session not found');
  const [a, b] = session.participants;
  if (session.resultSubmitted) {
    throw new ConflictError(
      'a result has already been submitted for this session',
      { winner_id: session.winnerId, score: session.score },
      'result_already_submitted',
    );
  }
  if (a === null || b === null) {
    throw new ConflictError(
      'session is not ready: a participant is still unknown',
      { participants: [a, b] },
      'session_not_ready',
    );
  }
  if (winnerId !== null && winnerId !== a && winnerId !== b) {
    throw new ValidationError('winner_id', 'is not a participant of this session', { participants: [a, b] });
  }
  if (winnerId === null && !allowsDraws) throw new ValidationError('winner_id', 'a draw is not allowed in this format');
  if (winnerId === null && !canEndDrawn(session, allowsDraws)) {
    throw new ValidationError('winner_id', 'a draw is not allowed in a knockout session: someone must advance');
  }
  if (!Array.isArray(score) || score.length !== 2 || !isGoalCount(score[0]) || !isGoalCount(score[1])) {
    throw new ValidationError('score', 'must be two non-negative integers');
  }
  const sa = score[0];
  const sb = score[1];
  if (winnerId === null && sa !== sb) {
    throw new ValidationError('score', 'a draw (no winner) needs equal scores');
  }
  if (winnerId !== null) {
    const ws = winnerId === a ? sa : sb;
    const ls = winnerId === a ? sb : sa;
    if (ws <= ls) {
      throw new ValidationError('score', "the winner's score must be greater than the loser's; a level score is a draw");
    }
  }

  const loserId = winnerId === null ? null : winnerId === a ? b : a;
  const winnerTarget = winnerId === null || session.next === null ? null : target(sessions, session.next.key, session.next.slot);
  const loserTarget =
    loserId === null || session.loserNext === null ? null : target(sessions, session.loserNext.key, session.loserNext.slot);

  session.winnerId = winnerId;
  session.score = [sa, sb];
  session.resultSubmitted = true;
  const changed = [key];
  if (winnerTarget !== null && winnerId !== null) {
    winnerTarget.participants[session.next!.slot] = winnerId;
    changed.push(winnerTarget.key);
  }
  if (loserTarget !== null && loserId !== null) {
    loserTarget.participants[session.loserNext!.slot] = loserId;
    changed.push(loserTarget.key);
  }
  return changed;
}

function isGoalCount(x: unknown): x is number {
  return Number.isSafeInteger(x) && (x as number) >= 0;
}

// A linked slot that is already filled means the sessions were corrupted elsewhere; refuse rather
// than overwrite a player.
function target(sessions: Session[], key: number, slot: 0 | 1): Session {
  const s = sessions[key];
  if (s === undefined || s.key !== key) throw new NotFoundError('the session this result leads to was not found');
  if (s.participants[slot] !== null || s.resultSubmitted) {
    throw new ConflictError('the session this result leads to already has a player in that place', {}, 'bracket_inconsistent');
  }
  return s;
}
