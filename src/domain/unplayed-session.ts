import type { Session } from './formats/format.ts';

/** A session with no result yet: the one place every format builds its planned sessions. */
export function unplayedSession(
  fields: Pick<Session, 'key' | 'phase' | 'round' | 'matchNumber' | 'participants'> & Partial<Pick<Session, 'group' | 'next' | 'loserNext'>>,
): Session {
  // Spelled out, not spread: one object shape for every session keeps planning a million fast.
  return {
    key: fields.key,
    phase: fields.phase,
    round: fields.round,
    matchNumber: fields.matchNumber,
    group: fields.group ?? null,
    participants: fields.participants,
    winnerId: null,
    score: null,
    resultSubmitted: false,
    outcome: null,
    next: fields.next ?? null,
    loserNext: fields.loserNext ?? null,
  };
}

/** One participant's turn with no attempt made yet, in a format judged by attempts. */
export function unplayedTurn(key: number, phase: Session['phase'], round: number, matchNumber: number, playerId: number): Session {
  const turn = unplayedSession({ key, phase, round, matchNumber, participants: [playerId, null] });
  turn.attempts = [];
  return turn;
}
