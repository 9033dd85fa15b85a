import type { PointsScheme, StandingLine } from '../standings.ts';
import type { Entrant, Session } from './format.ts';
import {
  isPlayedResult,
  swissHistory,
  withdrawalsOf,
  absencesOf,
  type SwissAbsence,
  type SwissHistory,
  type SwissResultCode,
  type SwissRoundRecord,
  type SwissWithdrawal,
} from './swiss-history.ts';
import { readTieBreakerList } from './tie-breakers.ts';

/**
 * The Swiss table after the FIDE Tie-Break Regulations (Handbook C.07, the revision in force
 * from 1 March 2026; its Article 16 is the 2024 text plus the caps of 16.4.1 and 16.4.2).
 * Players are ordered by points, then by `settings.tie_breakers` in order; each criterion
 * splits only the players still level on every earlier one, and players level on all of them
 * share the best place (Art. 2, 4). Values are computed over the rounds that exist so far, from
 * the canonical record (swiss-history.ts); a round paired but without a result yet counts for
 * nothing (it is neither played nor unplayed).
 *
 * Unplayed rounds (Art. 15.1: a round in which the player did not play a game, paired or not)
 * follow Article 16 for Swiss:
 * - a voluntary unplayed round (VUR, 16.1.2) is a requested bye (half-point `H`, zero-point `Z`,
 *   and every round after a withdrawal, 16.1.1) or a forfeit loss (`-`);
 * - for the opponents' tie-breaks, a player's score is adjusted (16.3): every round counts with
 *   the points it gave, except a requested bye followed only by VURs, or in the last round,
 *   which counts as a draw (16.2.5, 16.3.2);
 * - for the player's own Buchholz and Sonneborn-Berger, each unplayed round (a bye or a forfeit,
 *   either way) counts as a game against a dummy whose score is the player's own score (16.4),
 *   but at most the scheduled opponent's adjusted score for a forfeit (16.4.1) and at most a
 *   draw's points times the number of rounds for a bye (16.4.2); the result against the dummy is
 *   the points the round gave. So a pairing-allocated bye adds the player's own score (capped)
 *   to Buchholz, and the same times a win's points to Sonneborn-Berger;
 * - when a cut removes the least significant value of a player with VURs, the lowest
 *   contribution of a VUR is cut instead, unless it is lower than the least significant value
 *   (16.5.1: for Buchholz that is always the VUR's; for Sonneborn-Berger the higher of the two).
 */

export const SWISS_TIE_BREAKERS = [
  'buchholz',
  'buchholz_cut1',
  'buchholz_median',
  'sonneborn_berger',
  'progressive',
  'direct_encounter',
  'wins',
  'wins_with_black',
  'seed',
] as const;
export type SwissTieBreaker = (typeof SWISS_TIE_BREAKERS)[number];

/** FIDE's usual order for an individual Swiss. */
export const DEFAULT_SWISS_TIE_BREAKERS: readonly SwissTieBreaker[] = [
  'buchholz_cut1',
  'buchholz',
  'sonneborn_berger',
  'progressive',
  'direct_encounter',
  'wins',
];

/** Each tie-breaker's C.07 acronym, full name and article (for the docs and the web's legend). */
export const SWISS_TIE_BREAK_NAMES: Readonly<Record<SwissTieBreaker, { acronym: string; name: string; article: string }>> = {
  buchholz: { acronym: 'BH', name: 'Buchholz', article: '8.1' },
  buchholz_cut1: { acronym: 'BH-C1', name: 'Buchholz Cut-1', article: '8.1, 14.1' },
  buchholz_median: { acronym: 'BH-M1', name: 'Buchholz Median-1', article: '8.1, 14.3' },
  sonneborn_berger: { acronym: 'SB', name: 'Sonneborn-Berger', article: '9.1' },
  progressive: { acronym: 'PS', name: 'Progressive score', article: '7.5' },
  direct_encounter: { acronym: 'DE', name: 'Direct encounter', article: '6' },
  wins: { acronym: 'WIN', name: 'Number of wins', article: '7.1' },
  wins_with_black: { acronym: 'BWG', name: 'Games won with black', article: '7.4' },
  seed: { acronym: 'TPN', name: 'Pairing number (seed)', article: '—' },
};

/** A non-empty list of distinct Swiss tie-breaker names, in order, or the default when absent. */
export function readSwissTieBreakers(value: unknown, field: string): SwissTieBreaker[] {
  return readTieBreakerList(value, field, SWISS_TIE_BREAKERS, DEFAULT_SWISS_TIE_BREAKERS);
}

export interface SwissTableOptions {
  points: PointsScheme;
  tieBreakers: readonly SwissTieBreaker[];
  /** Default: those the entrants carry (withdrawnFromRound). */
  withdrawals?: readonly SwissWithdrawal[];
  /** Default: those the entrants carry (absences). */
  absences?: readonly SwissAbsence[];
}

/**
 * The Swiss table over the SWISS sessions so far, best first. Each line's tieBreakValues are
 * [points, ...one per tie-breaker]; direct encounter's is the points the player took from the
 * players level with them when it was applied, null when they were never level with anyone there.
 */
export function swissTable(sessions: readonly Session[], entrants: readonly Entrant[], options: SwissTableOptions): StandingLine[] {
  const history = swissHistory(entrants, sessions, {
    ...options,
    withdrawals: options.withdrawals ?? withdrawalsOf(entrants),
    absences: options.absences ?? absencesOf(entrants),
  });
  const values = swissTieBreakValues(history, options.points);
  const games = gameScores(sessions, history.ids);

  const directEncounter = new Map<number, number>();
  const key = (criterion: SwissTieBreaker, i: number): number =>
    criterion === 'seed' ? -history.players[i].seed : criterion === 'direct_encounter' ? 0 : values[criterion][i];

  const levels: number[][] = [];
  const split = (members: number[], c: number): void => {
    if (members.length === 1 || c === options.tieBreakers.length) {
      levels.push(members);
      return;
    }
    const criterion = options.tieBreakers[c];
    const runs = criterion === 'direct_encounter'
      ? directEncounterRuns(history, members, options.points, directEncounter)
      : runsBy(members, (i) => key(criterion, i));
    if (runs.length === 1) {
      split(members, c + 1);
      return;
    }
    // Direct encounter is relative to who is level, so a smaller level group gets it afresh (Art. 6).
    const again = criterion === 'direct_encounter' ? c : c + 1;
    for (const run of runs) split(run, again);
  };
  for (const run of runsBy(history.players.map((_, i) => i), (i) => history.players[i].score)) split(run, 0);

  const lines: StandingLine[] = [];
  for (const level of levels) {
    const rank = lines.length + 1;
    level.sort((x, y) => history.players[x].seed - history.players[y].seed);
    for (const i of level) {
      const p = history.players[i];
      let wins = 0;
      let draws = 0;
      let losses = 0;
      for (const r of p.rounds) {
        if (r.result === null) continue;
        if (isWin(r.result)) wins++;
        else if (r.result === '=' || r.result === 'H') draws++;
        else losses++;
      }
      lines.push({
        playerId: p.playerId,
        seed: p.seed,
        rank,
        played: wins + draws + losses,
        points: tidy(p.score),
        wins,
        draws,
        losses,
        scoreFor: games.scoreFor[i],
        scoreAgainst: games.scoreAgainst[i],
        tieBreakValues: [
          tidy(p.score),
          ...options.tieBreakers.map((c) =>
            c === 'seed' ? p.seed : c === 'direct_encounter' ? (directEncounter.get(i) ?? null) : tidy(values[c][i])),
        ],
      });
    }
  }
  return lines;
}

type ValueTieBreaker = Exclude<SwissTieBreaker, 'seed' | 'direct_encounter'>;

/** Every player's value of each tie-breaker that is a number per player (all but DE and seed), by entrant index. */
export function swissTieBreakValues(history: SwissHistory, points: PointsScheme): Record<ValueTieBreaker, Float64Array> {
  const n = history.players.length;
  const rounds = history.rounds;
  const out: Record<ValueTieBreaker, Float64Array> = {
    buchholz: new Float64Array(n),
    buchholz_cut1: new Float64Array(n),
    buchholz_median: new Float64Array(n),
    sonneborn_berger: new Float64Array(n),
    progressive: new Float64Array(n),
    wins: new Float64Array(n),
    wins_with_black: new Float64Array(n),
  };
  const adjusted = history.players.map((p) => adjustedScore(p.rounds, points));
  for (let i = 0; i < n; i++) {
    const p = history.players[i];
    const contributions: Contribution[] = [];
    let running = 0;
    let progressive = 0;
    for (const r of p.rounds) {
      // A round paired without a result yet is not part of the standings.
      if (r.result === null) continue;
      running += r.points;
      progressive += running;
      if (isWin(r.result)) out.wins[i]++;
      if (r.result === '1' && r.colour === 'black') out.wins_with_black[i]++;
      let score: number;
      if (isPlayedResult(r.result)) score = adjusted[r.opponent!];
      else if (r.opponent !== null) score = Math.min(p.score, adjusted[r.opponent]); // 16.4, 16.4.1
      else score = Math.min(p.score, points.draw * rounds); // 16.4, 16.4.2
      contributions.push({ score, sb: score * r.points, vur: isVoluntaryUnplayed(r.result) });
    }
    out.progressive[i] = progressive;
    out.buchholz[i] = sum(contributions, 'score');
    out.sonneborn_berger[i] = sum(contributions, 'sb');
    out.buchholz_cut1[i] = sum(cutLowest(contributions, 'score'), 'score');
    out.buchholz_median[i] = sum(cutHighest(cutLowest(contributions, 'score'), 'score'), 'score');
  }
  return out;
}

interface Contribution {
  /** The opponent's adjusted score, or the dummy's. */
  score: number;
  /** The Sonneborn-Berger product: score times the points the round gave. */
  sb: number;
  /** From a voluntary unplayed round (16.1.2). */
  vur: boolean;
}

/**
 * Cuts the least significant value (14.1), with the exception of 16.5.1 for a player with VURs:
 * the lowest VUR contribution is cut unless it is lower than the least significant value. For
 * Buchholz the value is the score; the least significant one is the lowest score (for
 * Sonneborn-Berger, 14.1.1: the lowest product among the opponents with the lowest score).
 */
export function cutLowest(values: readonly Contribution[], field: 'score' | 'sb'): Contribution[] {
  if (values.length === 0) return [];
  let least = 0;
  for (let k = 1; k < values.length; k++) {
    const a = values[k];
    const b = values[least];
    if (a.score < b.score || (a.score === b.score && a[field] < b[field])) least = k;
  }
  let vur = -1;
  for (let k = 0; k < values.length; k++) {
    if (values[k].vur && (vur === -1 || values[k][field] < values[vur][field])) vur = k;
  }
  const cut = vur !== -1 && values[vur][field] >= values[least][field] ? vur : least;
  return values.filter((_, k) => k !== cut);
}

/** Cuts the most significant value (14.3, after the least): the highest score; no VUR exception. */
function cutHighest(values: readonly Contribution[], field: 'score' | 'sb'): Contribution[] {
  if (values.length === 0) return [];
  let most = 0;
  for (let k = 1; k < values.length; k++) {
    const a = values[k];
    const b = values[most];
    if (a.score > b.score || (a.score === b.score && a[field] > b[field])) most = k;
  }
  return values.filter((_, k) => k !== most);
}

/**
 * A player's score as their opponents' tie-breaks see it (16.3): every round with the points it
 * gave, but a requested bye (H, Z) followed only by voluntary unplayed rounds, or in the last
 * round, as a draw (16.2.5, 16.3.2). A round paired without a result yet is not voluntary.
 */
export function adjustedScore(rounds: readonly SwissRoundRecord[], points: PointsScheme): number {
  let lastAvailable = 0;
  for (const r of rounds) if (!isVoluntaryUnplayed(r.result)) lastAvailable = r.round;
  let score = 0;
  for (const r of rounds) {
    const requested = r.result === 'H' || r.result === 'Z';
    score += requested && r.round > lastAvailable ? points.draw : r.points;
  }
  return score;
}

/** A voluntary unplayed round (16.1.2): a half-point or zero-point bye, or a forfeit loss. */
export function isVoluntaryUnplayed(code: SwissResultCode | null): boolean {
  return code === 'H' || code === 'Z' || code === '-';
}

/** A round scored as a win, with or without playing (WIN, 7.1): a won game, a forfeit win, a full-point or pairing-allocated bye. */
function isWin(code: SwissResultCode): boolean {
  return code === '1' || code === '+' || code === 'U' || code === 'F';
}

/**
 * Direct encounter (Art. 6) among `members`, who are level on everything before it: the points
 * each took in games played over the board against the others. When every one of them has met
 * every other, that total orders them (6.1). Otherwise (6.2, a Swiss where not all have met),
 * from the top, a player is ranked above the rest only if their total exceeds the most any of
 * the rest could have reached by winning every encounter not played; the others stay level.
 * Writes each member's total into `values`.
 */
function directEncounterRuns(history: SwissHistory, members: readonly number[], points: PointsScheme, values: Map<number, number>): number[][] {
  const inGroup = new Set(members);
  const total = new Map<number, number>();
  const met = new Map<number, number>();
  for (const m of members) {
    let sum = 0;
    const opponents = new Set<number>();
    for (const r of history.players[m].rounds) {
      if (r.opponent === null || !inGroup.has(r.opponent) || !isPlayedResult(r.result)) continue;
      sum += r.points;
      opponents.add(r.opponent);
    }
    total.set(m, tidy(sum));
    met.set(m, opponents.size);
    values.set(m, tidy(sum));
  }
  const others = members.length - 1;
  if (members.every((m) => met.get(m) === others)) return runsBy([...members], (m) => total.get(m)!);

  const most = (m: number): number => total.get(m)! + (others - met.get(m)!) * points.win;
  const order = [...members].sort((x, y) => total.get(y)! - total.get(x)! || most(y) - most(x) || history.players[x].seed - history.players[y].seed);
  // The most any player from position k on could reach.
  const bestFrom = new Array<number>(order.length + 1).fill(-Infinity);
  for (let k = order.length - 1; k >= 0; k--) bestFrom[k] = Math.max(bestFrom[k + 1], most(order[k]));
  const runs: number[][] = [];
  let k = 0;
  while (k < order.length - 1 && total.get(order[k])! > bestFrom[k + 1]) runs.push([order[k++]]);
  runs.push(order.slice(k));
  return runs;
}

/** Members grouped by equal value, highest value first; within a run, in the order given. */
function runsBy(members: readonly number[], value: (i: number) => number): number[][] {
  const sorted = members.map((m) => ({ m, v: tidy(value(m)) })).sort((x, y) => y.v - x.v);
  const runs: number[][] = [];
  for (let k = 0; k < sorted.length; k++) {
    if (k === 0 || sorted[k].v !== sorted[k - 1].v) runs.push([]);
    runs[runs.length - 1].push(sorted[k].m);
  }
  return runs;
}

/** Each player's game scores for and against over the SWISS sessions with a result. */
function gameScores(sessions: readonly Session[], ids: readonly number[]): { scoreFor: number[]; scoreAgainst: number[] } {
  const index = new Map<number, number>();
  ids.forEach((id, i) => index.set(id, i));
  const scoreFor = new Array<number>(ids.length).fill(0);
  const scoreAgainst = new Array<number>(ids.length).fill(0);
  for (const s of sessions) {
    if (s.phase !== 'SWISS' || !s.resultSubmitted || s.score === null) continue;
    const ia = s.participants[0] === null ? undefined : index.get(s.participants[0]);
    const ib = s.participants[1] === null ? undefined : index.get(s.participants[1]);
    if (ia === undefined || ib === undefined) continue;
    scoreFor[ia] += s.score[0];
    scoreAgainst[ia] += s.score[1];
    scoreFor[ib] += s.score[1];
    scoreAgainst[ib] += s.score[0];
  }
  return { scoreFor, scoreAgainst };
}

function sum(values: readonly Contribution[], field: 'score' | 'sb'): number {
  let total = 0;
  for (const v of values) total += v[field];
  return total;
}

/** Rounds away binary noise from custom points (0.1 + 0.2), so equal values compare equal. */
function tidy(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

