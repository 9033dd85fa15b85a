import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import type { AttemptRules, Measure, Session } from './formats/format.ts';

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
  if (session.attempts !== undefined) {
    throw new ConflictError('this session is one participant\'s attempts, not a match: enter its attempts instead', {}, 'attempts_expected');
  }
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

/**
 * Records one attempt (null: a failed one) on sessions[key] of a format judged by attempts, and
 * completes the session once it holds rules.perSession; returns [key]. Checks everything first,
 * so a thrown error leaves the session as it was.
 */
export function applyAttempt(sessions: Session[], key: number, value: number | null, rules: AttemptRules): number[] {
  const session = sessions[key];
  if (session === undefined || session.key !== key) throw new NotFoundError('session not found');
  const attempts = session.attempts;
  if (attempts === undefined) {
    throw new ConflictError('this session is a match, not attempts: submit its result instead', {}, 'result_expected');
  }
  if (session.participants[0] === null) {
    throw new ConflictError('session is not ready: its participant is still unknown', {}, 'session_not_ready');
  }
  if (session.resultSubmitted || attempts.length >= rules.perSession) {
    throw new ConflictError(
      `all ${rules.perSession} attempts of this session have been entered`,
      { attempts: [...attempts] },
      'attempts_complete',
    );
  }
  if (value !== null) {
    const problem = attemptProblem(value, rules.measure);
    if (problem !== null) throw new ValidationError('value', problem);
  }
  attempts.push(value);
  if (attempts.length >= rules.perSession) session.resultSubmitted = true;
  return [key];
}

/** Why a value cannot be an attempt of this measure, or null: finite; whole ms for times; distances not negative. */
export function attemptProblem(value: unknown, measure: Measure): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number, or null for a failed attempt';
  if (measure === 'time_ms' && !(Number.isSafeInteger(value) && value >= 0)) return 'a time must be a whole number of milliseconds, 0 or more';
  if (measure === 'distance' && value < 0) return 'a distance must be 0 or more';
  return null;
}
