import { ConflictError } from '../errors.ts';
import { maximumMatching } from './maximum-matching.ts';
import { colourOfHigher, colourPreference, WHITE } from './swiss-colours.ts';

/**
 * One Swiss round, paired after the FIDE Dutch system (C.04.3) as far as is sound at scale
 * (docs/formats.md lists where it differs):
 * - players ordered by score, then pairing number (seed);
 * - with an odd count, the lowest-ranked player without a bye gets it;
 * - score groups from the top: players floated down from above meet the group's highest
 *   players first, then the top half meets the bottom half; among the arrangements of the
 *   bottom half the first (in order) with the fewest clashing colour preferences is taken;
 *   whoever cannot be paired in a group floats down to the next;
 * - never a rematch, never a second bye;
 * - if the last group cannot be completed, the bottom of the standings (at least 2 x rounds
 *   played + 2 players, so a pairing provably exists there) is paired again exactly: a
 *   depth-first search in rank order, then Edmonds' blossom matching, widening if needed.
 * Each step costs about O(N log N + N * rounds); the exact repair is bounded by its size.
 */

/** A player's state before the round. Indices refer to positions in the players array. */
export interface SwissPlayerState {
  /** Pairing number: seed 1 is the strongest; ties on score are broken by it. */
  seed: number;
  score: number;
  /** Indices of the players already met. */
  opponents: readonly number[];
  /** Per round played so far: 1 white, -1 black, 0 no game (bye). */
  colours: readonly number[];
  hadBye: boolean;
}

export interface SwissRoundPairing {
  /** [white, black] indices, in board order. */
  boards: [number, number][];
  /** Index of the player with the bye, or null. */
  bye: number | null;
}

const TYPE_WHITE = 0;
const TYPE_BLACK = 1;
const TYPE_NONE = 2;
const DFS_BUDGET = 4_000;
const MIN_REPAIR = 16;

/** Pairs the next round for these players (at least 2). */
export function pairSwissRound(players: readonly SwissPlayerState[]): SwissRoundPairing {
  const n = players.length;
  const order = players.map((_, i) => i).sort((a, b) => players[b].score - players[a].score || players[a].seed - players[b].seed);
  const rankOf = new Int32Array(n);
  for (let k = 0; k < n; k++) rankOf[order[k]] = k;
  const type = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = colourPreference(players[i].colours).colour;
    type[i] = c === WHITE ? TYPE_WHITE : c === 0 ? TYPE_NONE : TYPE_BLACK;
  }
  const met = (a: number, b: number): boolean => players[a].opponents.includes(b);
  const partner = new Int32Array(n).fill(-1);
  const pair = (a: number, b: number): void => {
    partner[a] = b;
    partner[b] = a;
  };

  let bye = -1;
  if (n % 2 === 1) {
    for (let k = n - 1; k >= 0; k--) {
      if (!players[order[k]].hadBye) {
        bye = order[k];
        break;
      }
    }
    if (bye === -1) throw new ConflictError('every player has had a bye: no further Swiss round can be paired', {}, 'swiss_unpairable');
  }
  const pool = bye === -1 ? order : order.filter((i) => i !== bye);

  // S1[k] takes the first S2 player (in order) that is not a rematch and keeps the number of
  // clashing colour preferences at its least, judged by counts of preference types.
  const pairHalves = (s1: readonly number[], s2: readonly number[]): { restS1: number[]; restS2: number[] } => {
    const q = s2.length;
    const next = new Int32Array(q).fill(-1);
    const prev = new Int32Array(q).fill(-1);
    const heads = [-1, -1, -1];
    const tails = [-1, -1, -1];
    const c1 = [0, 0, 0];
    const c2 = [0, 0, 0];
    for (let pos = 0; pos < q; pos++) {
      const t = type[s2[pos]];
      c2[t]++;
      if (tails[t] === -1) heads[t] = pos;
      else {
        next[tails[t]] = pos;
        prev[pos] = tails[t];
      }
      tails[t] = pos;
    }
    for (const a of s1) c1[type[a]]++;
    const used = new Uint8Array(q);
    const restS1: number[] = [];
    for (const a of s1) {
      const ta = type[a];
      c1[ta]--;
      let bestPos = -1;
      let bestCost = Infinity;
      for (let t = 0; t < 3; t++) {
        let pos = heads[t];
        while (pos !== -1 && met(a, s2[pos])) pos = next[pos];
        if (pos === -1) continue;
        c2[t]--;
        const cost = (ta === t && t !== TYPE_NONE ? 1 : 0) + colourClashBound(c1, c2);
        c2[t]++;
        if (cost < bestCost || (cost === bestCost && pos < bestPos)) {
          bestCost = cost;
          bestPos = pos;
        }
      }
      if (bestPos === -1) {
        restS1.push(a);
        continue;
      }
      const t = type[s2[bestPos]];
      used[bestPos] = 1;
      c2[t]--;
      if (prev[bestPos] === -1) heads[t] = next[bestPos];
      else next[prev[bestPos]] = next[bestPos];
      if (next[bestPos] !== -1) prev[next[bestPos]] = prev[bestPos];
      pair(a, s2[bestPos]);
    }
    const restS2: number[] = [];
    for (let pos = 0; pos < q; pos++) if (!used[pos]) restS2.push(s2[pos]);
    return { restS1, restS2 };
  };

  // Leftovers of a group meet each other where they can (first legal partner in rank order).
  const pairAmong = (list: readonly number[]): number[] => {
    const m = list.length;
    const next = new Int32Array(m + 1);
    const prev = new Int32Array(m + 1);
    // A circular list with a sentinel at m, so taking a player out is O(1).
    for (let k = 0; k <= m; k++) {
      next[k] = k === m ? 0 : k + 1;
      prev[k] = k === 0 ? m : k - 1;
    }
    const unlink = (k: number): void => {
      next[prev[k]] = next[k];
      prev[next[k]] = prev[k];
    };
    const rest: number[] = [];
    while (next[m] !== m) {
      const k = next[m];
      unlink(k);
      let j = next[m];
      while (j !== m && met(list[k], list[j])) j = next[j];
      if (j === m) {
        rest.push(list[k]);
        continue;
      }
      unlink(j);
      pair(list[k], list[j]);
    }
    return rest;
  };

  const byRank = (a: number, b: number): number => rankOf[a] - rankOf[b];
  let carry: number[] = [];
  for (let from = 0; from < pool.length; ) {
    let to = from + 1;
    while (to < pool.length && players[pool[to]].score === players[pool[from]].score) to++;
    let residents = pool.slice(from, to);
    let leftovers: number[] = [];
    if (carry.length > 0) {
      const moved = pairHalves(carry, residents);
      leftovers = moved.restS1;
      residents = moved.restS2;
    }
    const half = residents.length >> 1;
    const halves = pairHalves(residents.slice(0, half), residents.slice(half));
    leftovers = leftovers.concat(halves.restS1, halves.restS2).sort(byRank);
    carry = pairAmong(leftovers).sort(byRank);
    from = to;
  }
  if (carry.length > 0) bye = repairBottom(players, order, rankOf, partner, carry, bye, met);

  const boards: [number, number][] = [];
  for (const a of order) {
    const b = partner[a];
    if (b === -1 || rankOf[b] < rankOf[a]) continue;
    const white = colourOfHigher(
      { history: players[a].colours, seed: players[a].seed },
      { history: players[b].colours, seed: players[b].seed },
    );
    boards.push(white === WHITE ? [a, b] : [b, a]);
  }
  // Board order: the better score of the pair, then the pair's total, then the better rank.
  const best = (p: [number, number]): number => Math.max(players[p[0]].score, players[p[1]].score);
  const total = (p: [number, number]): number => players[p[0]].score + players[p[1]].score;
  const top = (p: [number, number]): number => Math.min(rankOf[p[0]], rankOf[p[1]]);
  boards.sort((x, y) => best(y) - best(x) || total(y) - total(x) || top(x) - top(y));
  return { boards, bye: bye === -1 ? null : bye };
}

/**
 * The least number of pairs whose two players want the same colour, over all ways to pair
 * the remaining S1 (counts c1 of white, black, no preference) with the remaining S2 (c2),
 * by Hall's theorem: only same-preference pairs clash.
 */
function colourClashBound(c1: readonly number[], c2: readonly number[]): number {
  const p = c1[0] + c1[1] + c1[2];
  const q = c2[0] + c2[1] + c2[2];
  const deficiency = Math.max(0, c1[0] - c2[1] - c2[2], c1[1] - c2[0] - c2[2], p - q);
  return Math.min(p, q) - (p - deficiency);
}

/**
 * Re-pairs the bottom of the standings together with the players left unpaired. In a set of
 * s players (plus the bye as a dummy when the count is odd) where each has met at most
 * `played` others, every vertex of the "not yet met" graph has degree >= s - played, so with
 * s >= 2 * played Dirac's theorem gives a Hamiltonian cycle and thus a perfect pairing.
 * Returns the bye (which may move to another player without one).
 */
function repairBottom(
  players: readonly SwissPlayerState[],
  order: readonly number[],
  rankOf: Int32Array,
  partner: Int32Array,
  unpaired: readonly number[],
  bye: number,
  met: (a: number, b: number) => boolean,
): number {
  const n = players.length;
  const played = players.length === 0 ? 0 : players[0].colours.length;
  let target = Math.max(MIN_REPAIR, 2 * played + 2);
  for (;;) {
    const inSet = new Uint8Array(n);
    const set: number[] = [];
    const add = (x: number): void => {
      if (!inSet[x]) {
        inSet[x] = 1;
        set.push(x);
      }
    };
    for (const x of unpaired) add(x);
    if (bye !== -1) add(bye);
    for (let k = order.length - 1; k >= 0 && set.length < target; k--) {
      const x = order[k];
      if (inSet[x] || partner[x] === -1) continue;
      add(x);
      add(partner[x]);
    }
    set.sort((a, b) => rankOf[a] - rankOf[b]);
    const solved = pairExactly(players, set, bye !== -1, met);
    if (solved !== null) {
      for (const x of set) partner[x] = -1;
      for (const [a, b] of solved.pairs) {
        partner[a] = b;
        partner[b] = a;
      }
      return solved.bye;
    }
    if (set.length >= n) {
      throw new ConflictError('no Swiss pairing exists without a rematch or a second bye', {}, 'swiss_unpairable');
    }
    target *= 2;
  }
}

/** A perfect pairing of `set` (in rank order) with one bye when `needsBye`, or null if none exists. */
function pairExactly(
  players: readonly SwissPlayerState[],
  set: readonly number[],
  needsBye: boolean,
  met: (a: number, b: number) => boolean,
): { pairs: [number, number][]; bye: number } | null {
  const m = set.length;
  const legal = new Uint8Array(m * m);
  for (let u = 0; u < m; u++) {
    for (let v = u + 1; v < m; v++) {
      if (!met(set[u], set[v])) legal[u * m + v] = legal[v * m + u] = 1;
    }
  }
  // First the pairing a player would expect: depth-first in rank order, bye from the bottom.
  let budget = DFS_BUDGET;
  const taken = new Uint8Array(m);
  const pairs: [number, number][] = [];
  const search = (): boolean => {
    if (--budget < 0) return false;
    let k = 0;
    while (k < m && taken[k]) k++;
    if (k === m) return true;
    taken[k] = 1;
    for (let j = k + 1; j < m; j++) {
      if (taken[j] || !legal[k * m + j]) continue;
      taken[j] = 1;
      pairs.push([set[k], set[j]]);
      if (search()) return true;
      pairs.pop();
      taken[j] = 0;
      if (budget < 0) break;
    }
    taken[k] = 0;
    return false;
  };
  if (!needsBye) {
    if (search()) return { pairs, bye: -1 };
  } else {
    for (let c = m - 1; c >= 0 && budget >= 0; c--) {
      if (players[set[c]].hadBye) continue;
      taken[c] = 1;
      if (search()) return { pairs, bye: set[c] };
      taken[c] = 0;
    }
  }

  // Then any perfect pairing at all: the bye is a dummy vertex joined to everyone without one.
  const dummy = needsBye ? m : -1;
  const size = needsBye ? m + 1 : m;
  const mate = maximumMatching(size, (u, v) => {
    if (u === dummy) return !players[set[v]].hadBye;
    if (v === dummy) return !players[set[u]].hadBye;
    return legal[u * m + v] === 1;
  });
  const result: [number, number][] = [];
  let bye = -1;
  for (let u = 0; u < size; u++) {
    const v = mate[u];
    if (v === -1) return null;
    if (u === dummy) bye = set[v];
    else if (v !== dummy && u < v) result.push([set[u], set[v]]);
  }
  return { pairs: result, bye };
}
