import type { Session } from '../api/wire-types.ts';

/**
 * Where each bracket session sits on screen. Rounds are columns. A bracket's shape gives each
 * round a level: a round at level l of a bracket whose final is at level L has 2^(L - l) slots,
 * and slot i of a column is centred at (i + 1/2) * SLOT * 2^(l - l0) (l0: the first round shown),
 * so every match sits midway between the two that feed it, or level with the one that does.
 */
export const SLOT = 64;
export const MATCH_HEIGHT = 52;
export const COLUMN_WIDTH = 210;
export const COLUMN_GAP = 36;
export const HEADER_HEIGHT = 40;

/** How a bracket's rounds sit and what they are called. */
export interface BracketShape {
  /** A round's level: each level halves the slots. */
  level(round: number): number;
  /** Whether slot i of a round is fed by slots 2i and 2i + 1 of the round before, or by slot i. */
  feed(round: number): 'pair' | 'same';
  /** A round's name as people say it, counted back from the final. */
  roundName(round: number, finalRound: number): string;
}

/** A single-elimination bracket: every round halves. */
export const knockoutShape: BracketShape = {
  level: (round) => round,
  feed: () => 'pair',
  roundName(round, finalRound) {
    const fromFinal = finalRound - round;
    if (fromFinal === 0) return 'Final';
    if (fromFinal === 1) return 'Semi-finals';
    if (fromFinal === 2) return 'Quarter-finals';
    return `Round ${round}`;
  },
};

/** The winners bracket of a double elimination: a knockout whose final is the winners final. */
export const winnersShape: BracketShape = {
  ...knockoutShape,
  roundName: (round, finalRound) => `Winners ${knockoutShape.roundName(round, finalRound).toLowerCase()}`,
};

/**
 * The losers bracket of a double elimination: round 1 pairs the first-round losers; each even
 * round is a drop-in (slot i meets a loser from the winners bracket, so it keeps the slots of the
 * round before) and each odd round from 3 pairs the survivors (halving).
 */
export const losersShape: BracketShape = {
  level: (round) => Math.floor((round - 1) / 2),
  feed: (round) => (round % 2 === 0 ? 'same' : 'pair'),
  roundName(round, finalRound) {
    if (round === finalRound) return 'Losers final';
    if (round === finalRound - 1) return 'Losers semi-final';
    return `Losers round ${round}`;
  },
};

export function slotsInRound(shape: BracketShape, round: number, finalRound: number): number {
  return 2 ** Math.max(0, shape.level(finalRound) - shape.level(round));
}

export function columnLeft(column: number): number {
  return column * (COLUMN_WIDTH + COLUMN_GAP);
}

/** The vertical centre of slot `index` of `round` when the columns start at `startRound`. */
export function slotCentre(shape: BracketShape, startRound: number, round: number, index: number): number {
  return (index + 0.5) * SLOT * 2 ** (shape.level(round) - shape.level(startRound));
}

export function bracketHeight(shape: BracketShape, firstRound: number, finalRound: number): number {
  return slotsInRound(shape, firstRound, finalRound) * SLOT;
}

export function bracketWidth(columns: number): number {
  return columns * COLUMN_WIDTH + Math.max(0, columns - 1) * COLUMN_GAP;
}

/**
 * The third-place playoff, known by its links: the session the semi-finals send their losers to
 * (no number is reserved for it; round 1 of a bracket of 2,048 has a match 999 like any other).
 * Pass the sessions loaded so far; the playoff is found once the semi-finals are among them.
 */
export function playoffIds(sessions: Iterable<Session>): Set<string> {
  const ids = new Set<string>();
  for (const s of sessions) if (s.loser_next_session_id !== null) ids.add(s.loser_next_session_id);
  return ids;
}

/** A knockout round's name; see knockoutShape. */
export function roundName(round: number, finalRound: number): string {
  return knockoutShape.roundName(round, finalRound);
}

/**
 * The slot of every session of one round. A full round is in match-number order. A round with
 * byes numbers only its real matches, so each is placed by where its winner goes: slot 2j + s
 * feeds slot j of a halving round (side s), slot j feeds slot j of a drop-in round.
 */
export function slotIndexes(
  shape: BracketShape,
  sessions: readonly Session[],
  round: number,
  finalRound: number,
  nextRoundSlot: ReadonlyMap<string, number>,
  playoffs: ReadonlySet<string>,
): Map<string, number> {
  const out = new Map<string, number>();
  const slots = slotsInRound(shape, round, finalRound);
  const matches = sessions.filter((s) => !playoffs.has(s.id));
  const full = matches.length >= slots;
  for (const s of matches) {
    let index = s.tournament_match_number - 1;
    if (!full && s.next_session_id !== null && s.next_slot !== null) {
      const next = nextRoundSlot.get(String(s.next_session_id));
      if (next !== undefined) index = shape.feed(round + 1) === 'same' ? next : 2 * next + s.next_slot;
    }
    if (index >= 0 && index < slots) out.set(String(s.id), index);
  }
  return out;
}

/** Sessions at their slots: one column per round drawn, a playoff apart. */
export interface PlacedBracket {
  slotById: Map<string, { column: number; index: number }>;
  perRound: Map<number, Session[]>;
  columns: (Session | undefined)[][];
  playoffs: Set<string>;
}

/**
 * Places the sessions of the rounds drawn (`rounds[i]`'s from `sessionsOf(i)`), from the final
 * backwards, so a first round with byes is placed by its links.
 */
export function placeSessions(shape: BracketShape, rounds: readonly number[], finalRound: number, sessionsOf: (i: number) => readonly Session[]): PlacedBracket {
  const slotById = new Map<string, { column: number; index: number }>();
  const perRound = new Map<number, Session[]>();
  const columns: (Session | undefined)[][] = [];
  const playoffs = playoffIds(rounds.flatMap((_, i) => sessionsOf(i)));
  let nextSlots = new Map<string, number>();
  for (let i = rounds.length - 1; i >= 0; i--) {
    const round = rounds[i];
    const sessions = [...sessionsOf(i)];
    perRound.set(round, sessions);
    const indexes = slotIndexes(shape, sessions, round, finalRound, nextSlots, playoffs);
    const column: (Session | undefined)[] = [];
    for (const session of sessions) {
      const index = indexes.get(String(session.id));
      if (index === undefined) continue;
      column[index] = session;
      slotById.set(String(session.id), { column: i, index });
    }
    columns[i] = column;
    nextSlots = indexes;
  }
  return { slotById, perRound, columns, playoffs };
}
