import type { Entrant, Phase, RankingRow, Session, TieBreakValues } from './formats/format.ts';

/** Points for a win, a draw and a loss. */
export interface PointsScheme {
  win: number;
  draw: number;
  loss: number;
}

export const DEFAULT_POINTS: PointsScheme = { win: 3, draw: 1, loss: 0 };

/** Running totals of one player over a set of sessions. */
export interface Tally {
  playerId: number;
  seed: number;
  played: number;
  points: number;
  wins: number;
  draws: number;
  losses: number;
  scoreFor: number;
  scoreAgainst: number;
}

/** Tallies every entrant's results over the sessions that have one (byes are not sessions; a walkover scores nothing but the result). */
export function tally(
  sessions: readonly Session[],
  entrants: readonly Entrant[],
  points: PointsScheme = DEFAULT_POINTS,
): Map<number, Tally> {
  const table = new Map<number, Tally>();
  for (const e of entrants) {
    table.set(e.playerId, {
      playerId: e.playerId,
      seed: e.seed,
      played: 0,
      points: 0,
      wins: 0,
      draws: 0,
      losses: 0,
      scoreFor: 0,
      scoreAgainst: 0,
    });
  }
  for (const s of sessions) {
    if (!s.resultSubmitted) continue;
    const [a, b] = s.participants;
    if (a === null || b === null) continue;
    const ta = table.get(a);
    const tb = table.get(b);
    if (!ta || !tb) continue;
    const [sa, sb] = s.score ?? [0, 0];
    ta.played++;
    tb.played++;
    ta.scoreFor += sa;
    ta.scoreAgainst += sb;
    tb.scoreFor += sb;
    tb.scoreAgainst += sa;
    if (s.winnerId === null && s.outcome === 'walkover') {
      // A double forfeit: both lose.
      ta.losses++;
      tb.losses++;
      ta.points += points.loss;
      tb.points += points.loss;
    } else if (s.winnerId === null) {
      ta.draws++;
      tb.draws++;
      ta.points += points.draw;
      tb.points += points.draw;
    } else {
      const [w, l] = s.winnerId === a ? [ta, tb] : [tb, ta];
      w.wins++;
      l.losses++;
      w.points += points.win;
      l.points += points.loss;
    }
  }
  return table;
}

/** One line of a table: a player's place, totals, and the values of the format's tie-breakers. */
export interface StandingLine extends Tally {
  rank: number;
  /** One per tie-breaker of the table, in its order; null where the format did not need it for this player. */
  tieBreakValues: (number | null)[];
}

/** A table of one phase (and group): the lines best first, by the tie-breakers named. */
export interface StandingsTable {
  phase: Phase;
  group: string | null;
  /** The criteria that ordered the lines, in the order applied. */
  tieBreakers: string[];
  lines: StandingLine[];
}

/** Each named criterion with its value, in order: the `tie_breaks` of a row. */
export function tieBreaksOf(tieBreakers: readonly string[], values: readonly (number | null)[]): TieBreakValues {
  const out: TieBreakValues = {};
  tieBreakers.forEach((name, k) => (out[name] = values[k] ?? null));
  return out;
}

/** A table's line as a ranking row, carrying the values of the table's criteria by name. */
export function tableRankingRow(line: StandingLine, tieBreakers: readonly string[]): RankingRow {
  return { ...rankingRow(line, line.rank), tieBreaks: tieBreaksOf(tieBreakers, line.tieBreakValues) };
}

/** A tally with its place as a ranking row: the one Tally → RankingRow mapping every format uses. */
export function rankingRow(t: Tally, rank: number): RankingRow {
  return {
    playerId: t.playerId,
    rank,
    points: t.points,
    wins: t.wins,
    draws: t.draws,
    losses: t.losses,
    scoreFor: t.scoreFor,
    scoreAgainst: t.scoreAgainst,
  };
}
