import type { Session } from '../domain/formats/format.ts';

/** What the audit log keeps of a session's result. */
export interface ResultSnapshot {
  participants: [number | null, number | null];
  winnerId: number | null;
  score: [number, number] | null;
  outcome: Session['outcome'];
  resultSubmitted: boolean;
}

/** A copy of a session's result, safe from later changes to the session. */
export function resultSnapshot(s: Session): ResultSnapshot {
  return {
    participants: [s.participants[0], s.participants[1]],
    winnerId: s.winnerId,
    score: s.score === null ? null : [s.score[0], s.score[1]],
    outcome: s.outcome,
    resultSubmitted: s.resultSubmitted,
  };
}

/** The system as an actor: work that no signed-in user asked for by hand (scenarios, the CLI). */
export const SYSTEM_ACTOR = { id: null, email: null } as const;
