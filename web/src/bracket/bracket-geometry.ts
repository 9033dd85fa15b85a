import { PLAYOFF_MATCH_NUMBER, type Session } from '../api/wire-types.ts';

/**
 * Where each knockout session sits on screen. Rounds are columns; round r of a bracket
 * whose final is round F has 2^(F - r) slots, and slot i of column c is centred at
 * (i + 1/2) * SLOT * 2^c, so every match sits midway between the two that feed it.
 */
export const SLOT = 64;
export const MATCH_HEIGHT = 52;
export const COLUMN_WIDTH = 210;
export const COLUMN_GAP = 36;
export const HEADER_HEIGHT = 40;

export function slotsInRound(round: number, finalRound: number): number {
  return 2 ** Math.max(0, finalRound - round);
}

export function columnLeft(column: number): number {
  return column * (COLUMN_WIDTH + COLUMN_GAP);
}

/** The vertical centre of slot `index` in `column` (columns counted from the first shown). */
export function slotCentre(column: number, index: number): number {
  return (index + 0.5) * SLOT * 2 ** column;
}

export function bracketHeight(firstRound: number, finalRound: number): number {
  return slotsInRound(firstRound, finalRound) * SLOT;
}

export function bracketWidth(columns: number): number {
  return columns * COLUMN_WIDTH + Math.max(0, columns - 1) * COLUMN_GAP;
}

export function isPlayoff(session: Session): boolean {
  return session.tournament_match_number === PLAYOFF_MATCH_NUMBER;
}

/** A round's name as people say it, counted back from the final. */
export function roundName(round: number, finalRound: number): string {
  const fromFinal = finalRound - round;
  if (fromFinal === 0) return 'Final';
  if (fromFinal === 1) return 'Semi-finals';
  if (fromFinal === 2) return 'Quarter-finals';
  return `Round ${round}`;
}

/**
 * The slot of every session of one round. A full round is in match-number order. A first
 * round with byes numbers only its real matches, so each is placed by where its winner goes
 * (slot 2j + s feeds slot j of the next round, side s).
 */
export function slotIndexes(
  sessions: readonly Session[],
  round: number,
  finalRound: number,
  nextRoundSlot: ReadonlyMap<string, number>,
): Map<string, number> {
  const out = new Map<string, number>();
  const slots = slotsInRound(round, finalRound);
  const matches = sessions.filter((s) => !isPlayoff(s));
  const full = matches.length >= slots;
  for (const s of matches) {
    let index = s.tournament_match_number - 1;
    if (!full && s.next_session_id !== null && s.next_slot !== null) {
      const next = nextRoundSlot.get(String(s.next_session_id));
      if (next !== undefined) index = 2 * next + s.next_slot;
    }
    if (index >= 0 && index < slots) out.set(String(s.id), index);
  }
  return out;
}
