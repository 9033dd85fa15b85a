import { ValidationError } from '../errors.ts';
import { isDoubleForfeit } from '../progression.ts';
import { tally, type PointsScheme, type StandingLine } from '../standings.ts';
import type { Entrant, Session } from './format.ts';

/**
 * Ranking of a round robin (a league, or one group) by an ordered list of tie-breakers.
 * Each criterion splits the players still level on every earlier one. Head-to-head is the
 * points each tied player took from the others tied with them; when it separates some but
 * not all of them, it is applied again to the ones still level (among themselves only),
 * as UEFA does, before the next criterion.
 */
export const TIE_BREAKERS = ['points', 'head_to_head', 'score_difference', 'score_for', 'wins', 'seed'] as const;
export type TieBreaker = (typeof TIE_BREAKERS)[number];

export const DEFAULT_TIE_BREAKERS: readonly TieBreaker[] = TIE_BREAKERS;

/**
 * A tally with its place (players the tie-breakers cannot separate share the best place) and
 * each tie-breaker's value; head-to-head's is the points taken among the players level with
 * this one when it was applied, null when the player was never level with anyone at it.
 */
export type RankedTally = StandingLine;

/** A non-empty list of distinct tie-breaker names, in order, or the default when absent. */
export function readTieBreakers(value: unknown, field: string): TieBreaker[] {
  return readTieBreakerList(value, field, TIE_BREAKERS, DEFAULT_TIE_BREAKERS);
}

/**
 * A non-empty list of distinct names out of `allowed`, in order, or `fallback` when absent;
 * throws ValidationError naming the field (`settings.tie_breakers[2]`) and the reason.
 */
export function readTieBreakerList<T extends string>(value: unknown, field: string, allowed: readonly T[], fallback: readonly T[]): T[] {
  if (value === undefined || value === null) return [...fallback];
  if (!Array.isArray(value) || value.length === 0) {
    throw new ValidationError(field, `must be a non-empty array of: ${allowed.join(', ')}`);
  }
  const seen = new Set<string>();
  for (const [i, name] of value.entries()) {
    if (typeof name !== 'string' || !(allowed as readonly string[]).includes(name)) {
      throw new ValidationError(`${field}[${i}]`, `unknown tie-breaker; allowed: ${allowed.join(', ')}`);
    }
    if (seen.has(name)) throw new ValidationError(`${field}[${i}]`, `"${name}" is listed twice`);
    seen.add(name);
  }
  return value as T[];
}

/**
 * Orders the entrants of one round robin by the tie-breakers over these sessions (only those
 * with a result count; sessions with players outside `entrants` are ignored). The rows come
 * best first; rows that share a rank are in seed order.
 */
export function rankRoundRobin(
  sessions: readonly Session[],
  entrants: readonly Entrant[],
  points: PointsScheme,
  tieBreakers: readonly TieBreaker[],
): RankedTally[] {
  const table = tally(sessions, entrants, points);
  const bySeed = [...entrants].sort((x, y) => x.seed - y.seed);
  const tallies = bySeed.map((e) => table.get(e.playerId)!);
  const n = tallies.length;
  const index = new Map<number, number>();
  for (let i = 0; i < n; i++) index.set(tallies[i].playerId, i);

  let headToHead: HeadToHead | null = null;
  // The last head-to-head value each player got: among those level with them when it applied.
  const headToHeadOf = new Map<number, number>();
  const value = (criterion: TieBreaker, members: readonly number[]): Float64Array => {
    const out = new Float64Array(members.length);
    if (criterion === 'head_to_head') {
      headToHead ??= buildHeadToHead(sessions, index, points);
      headToHead.pointsAmong(members, out);
      members.forEach((m, k) => headToHeadOf.set(m, out[k]));
      return out;
    }
    for (let k = 0; k < members.length; k++) out[k] = plainValue(criterion, tallies[members[k]]);
    return out;
  };

  const levels: number[][] = [];
  const split = (members: number[], c: number): void => {
    if (members.length === 1 || c === tieBreakers.length) {
      levels.push(members);
      return;
    }
    const criterion = tieBreakers[c];
    const values = value(criterion, members);
    const order = members.map((_, k) => k).sort((x, y) => values[y] - values[x] || members[x] - members[y]);
    const runs: number[][] = [];
    for (let k = 0; k < order.length; k++) {
      if (k === 0 || values[order[k]] !== values[order[k - 1]]) runs.push([]);
      runs[runs.length - 1].push(members[order[k]]);
    }
    if (runs.length === 1) {
      split(members, c + 1);
      return;
    }
    // Head-to-head is relative to who is level, so a smaller level group gets it afresh.
    const again = criterion === 'head_to_head' ? c : c + 1;
    for (const run of runs) split(run, again);
  };
  split(
    tallies.map((_, i) => i),
    0,
  );

  const rows: RankedTally[] = [];
  for (const level of levels) {
    const rank = rows.length + 1;
    level.sort((x, y) => x - y);
    for (const i of level) {
      const t = tallies[i];
      const tieBreakValues = tieBreakers.map((c) =>
        c === 'head_to_head' ? (headToHeadOf.get(i) ?? null) : c === 'seed' ? t.seed : plainValue(c, t));
      rows.push({ ...t, rank, tieBreakValues });
    }
  }
  return rows;
}

/** A criterion's value from the player's own totals: higher is better (seed counts down). */
function plainValue(criterion: Exclude<TieBreaker, 'head_to_head'>, t: { points: number; scoreFor: number; scoreAgainst: number; wins: number; seed: number }): number {
  return criterion === 'points' ? t.points
    : criterion === 'score_difference' ? t.scoreFor - t.scoreAgainst
    : criterion === 'score_for' ? t.scoreFor
    : criterion === 'wins' ? t.wins
    : -t.seed;
}

interface HeadToHead {
  /** Writes, for each member, the points taken in sessions against the other members. */
  pointsAmong(members: readonly number[], out: Float64Array): void;
}

// Sessions per player in compressed rows, so head-to-head costs the tied players' own games.
// One pass finds each session's two players (kept in typed arrays), a second fills the rows.
function buildHeadToHead(sessions: readonly Session[], index: ReadonlyMap<number, number>, points: PointsScheme): HeadToHead {
  const n = index.size;
  const count = sessions.length;
  const first = new Int32Array(count).fill(-1);
  const second = new Int32Array(count);
  const start = new Int32Array(n + 1);
  for (let k = 0; k < count; k++) {
    const s = sessions[k];
    if (!s.resultSubmitted || s.participants[0] === null || s.participants[1] === null) continue;
    const ia = index.get(s.participants[0]);
    const ib = index.get(s.participants[1]);
    if (ia === undefined || ib === undefined) continue;
    first[k] = ia;
    second[k] = ib;
    start[ia + 1]++;
    start[ib + 1]++;
  }
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const opponent = new Int32Array(start[n]);
  const earned = new Float64Array(start[n]);
  for (let k = 0; k < count; k++) {
    const ia = first[k];
    if (ia === -1) continue;
    const ib = second[k];
    const winner = sessions[k].winnerId;
    const forfeited = isDoubleForfeit(sessions[k]);
    const drawn = winner === null && !forfeited;
    const aWon = winner === sessions[k].participants[0];
    opponent[fill[ia]] = ib;
    earned[fill[ia]++] = forfeited ? points.loss : drawn ? points.draw : aWon ? points.win : points.loss;
    opponent[fill[ib]] = ia;
    earned[fill[ib]++] = forfeited ? points.loss : drawn ? points.draw : aWon ? points.loss : points.win;
  }
  const mark = new Int32Array(n);
  let stamp = 0;
  return {
    pointsAmong(members, out) {
      stamp++;
      for (const m of members) mark[m] = stamp;
      for (let k = 0; k < members.length; k++) {
        const m = members[k];
        let sum = 0;
        for (let e = start[m]; e < start[m + 1]; e++) if (mark[opponent[e]] === stamp) sum += earned[e];
        out[k] = sum;
      }
    },
  };
}
