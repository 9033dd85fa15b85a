import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import type { AttemptRules, Measure, Outcome, Session } from './formats/format.ts';

/** A result as an operator enters it. */
export interface ResultInput {
  /** null: a draw when played, a double forfeit when a walkover. */
  winnerId: number | null;
  /** In participant order; null only for a walkover. */
  score: readonly [number, number] | null;
  outcome: Outcome;
}

/**
 * Whether this session may end drawn. A bracket session must send someone on, so it never may,
 * even inside a format (group_knockout) whose group stage allows draws.
 */
export function canEndDrawn(session: Session, formatAllowsDraws: boolean): boolean {
  return formatAllowsDraws && session.phase !== 'KNOCKOUT' && session.next === null && session.loserNext === null;
}

/** Whether a session ended level: a result without a winner that was not a double forfeit. */
export function isDraw(session: Session): boolean {
  return session.resultSubmitted && session.winnerId === null && session.outcome !== 'walkover';
}

/** Whether a session ended with both players forfeiting: a walkover without a winner. */
export function isDoubleForfeit(session: Session): boolean {
  return session.resultSubmitted && session.winnerId === null && session.outcome === 'walkover';
}

/**
 * Checks a result against its session (participants, outcome, score) without changing anything;
 * returns the score to store. Throws ValidationError naming the field, or ConflictError when the
 * session is not ready.
 */
export function checkResult(session: Session, input: ResultInput, allowsDraws: boolean): [number, number] | null {
  const [a, b] = session.participants;
  if (a === null || b === null) {
    throw new ConflictError('session is not ready: a participant is still unknown', { participants: [a, b] }, 'session_not_ready');
  }
  const { winnerId, outcome } = input;
  if (winnerId !== null && winnerId !== a && winnerId !== b) {
    throw new ValidationError('winner_id', 'is not a participant of this session', { participants: [a, b] });
  }
  const score = input.score;
  if (score !== null && (!Array.isArray(score) || score.length !== 2 || !isGoalCount(score[0]) || !isGoalCount(score[1]))) {
    throw new ValidationError('score', 'must be two non-negative integers');
  }
  if (outcome === 'walkover') {
    // A walkover without a winner is a double forfeit: both lose, in every phase.
    if (winnerId === null) {
      if (score !== null) throw new ValidationError('score', 'a double forfeit (walkover without a winner) has no score');
      return null;
    }
    if (score !== null) checkWinnerAhead(winnerId, a, score);
    return score === null ? null : [score[0], score[1]];
  }
  if (score === null) throw new ValidationError('score', `is required for a ${outcome} result; only a walkover has none`);
  if (outcome === 'retired') {
    if (winnerId === null) throw new ValidationError('winner_id', 'a retirement needs a winner: the player who did not retire');
    return [score[0], score[1]];
  }
  if (winnerId === null && !allowsDraws) throw new ValidationError('winner_id', 'a draw is not allowed in this format');
  if (winnerId === null && !canEndDrawn(session, allowsDraws)) {
    throw new ValidationError('winner_id', 'a draw is not allowed in a knockout session: someone must advance');
  }
  if (winnerId === null && score[0] !== score[1]) {
    throw new ValidationError('score', 'a draw (no winner) needs equal scores');
  }
  if (winnerId !== null) checkWinnerAhead(winnerId, a, score);
  return [score[0], score[1]];
}

function checkWinnerAhead(winnerId: number, first: number, score: readonly [number, number]): void {
  const ws = winnerId === first ? score[0] : score[1];
  const ls = winnerId === first ? score[1] : score[0];
  if (ws <= ls) {
    throw new ValidationError('score', "the winner's score must be greater than the loser's; a level score is a draw");
  }
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
  score: readonly [number, number] | null,
  allowsDraws: boolean,
  outcome: Outcome = 'played',
): number[] {
  const session = sessionAt(sessions, key);
  if (session.attempts !== undefined) {
    throw new ConflictError('this session is one participant\'s attempts, not a match: enter its attempts instead', {}, 'attempts_expected');
  }
  if (session.resultSubmitted) {
    throw new ConflictError(
      'a result has already been submitted for this session',
      { winner_id: session.winnerId, score: session.score, outcome: session.outcome },
      'result_already_submitted',
    );
  }
  const stored = checkResult(session, { winnerId, score, outcome }, allowsDraws);
  return recordResult(sessions, key, winnerId, stored, outcome);
}

/**
 * Writes a result that is known to be valid and sends the winner and loser on. Both linked places
 * must be empty; a player already there means the sessions were corrupted elsewhere, so it refuses
 * before changing anything.
 */
export function recordResult(
  sessions: Session[],
  key: number,
  winnerId: number | null,
  score: [number, number] | null,
  outcome: Outcome,
): number[] {
  const session = sessionAt(sessions, key);
  const [a, b] = session.participants;
  const loserId = winnerId === null ? null : winnerId === a ? b : a;
  const winnerTarget = winnerId === null || session.next === null ? null : target(sessions, session.next.key, session.next.slot);
  const loserTarget = loserId === null || session.loserNext === null ? null : target(sessions, session.loserNext.key, session.loserNext.slot);

  session.winnerId = winnerId;
  session.score = score;
  session.resultSubmitted = true;
  session.outcome = outcome;
  const changed = [key];
  if (winnerTarget !== null) {
    winnerTarget.participants[session.next!.slot] = winnerId;
    changed.push(winnerTarget.key);
  }
  if (loserTarget !== null) {
    loserTarget.participants[session.loserNext!.slot] = loserId;
    changed.push(loserTarget.key);
  }
  return changed;
}

/** The session at `key`, which must hold that key. */
export function sessionAt(sessions: readonly Session[], key: number): Session {
  const session = sessions[key];
  if (session === undefined || session.key !== key) throw new NotFoundError('session not found');
  return session;
}

function isGoalCount(x: unknown): x is number {
  return Number.isSafeInteger(x) && (x as number) >= 0;
}

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
  if (attempts.length >= rules.perSession) {
    session.resultSubmitted = true;
    session.outcome = 'played';
  }
  return [key];
}

/** Why a value cannot be an attempt of this measure, or null: finite; whole ms for times; distances not negative. */
export function attemptProblem(value: unknown, measure: Measure): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number, or null for a failed attempt';
  if (measure === 'time_ms' && !(Number.isSafeInteger(value) && value >= 0)) return 'a time must be a whole number of milliseconds, 0 or more';
  if (measure === 'distance' && value < 0) return 'a distance must be 0 or more';
  return null;
}
