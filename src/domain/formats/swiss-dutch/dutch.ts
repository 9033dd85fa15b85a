import { WeightedMatching } from './weighted-matching.ts';
import {
  FLOAT_DOWN, FLOAT_UP, NONE, WHITE, floatOf, invert, prepare,
  type Colour, type DutchInput, type Player, type Prepared,
} from './players.ts';

/**
 * The FIDE Dutch system (C.04.3, 2025) with the general handling rules (C.04.1, C.04.2), as
 * one maximum-weight matching refined bracket by bracket.
 *
 * Every player taking part is a vertex. An edge's weight packs the criteria into bit fields,
 * most important first, so a heavier matching is a better pairing (dutch-weights below):
 * the absolute criteria and completion (C.1-C.4, C.5) decide whether an edge exists and the
 * top field; then the pairs and scores paired in the current bracket (C.6, C.7) and the next
 * (C.8), the bye assignee's unplayed games (C.9), the colour criteria (C.10-C.13), the repeated
 * floats (C.14-C.21), and low fields left free for the order of transpositions and exchanges.
 *
 * Brackets are then settled from the top: the moved-down players that can be paired (by
 * score, then rank), their opponents (the highest-ranked that keeps the optimum), the
 * exchanges between S1 and S2 (fewest, then smallest differences of BSNs), and the S1
 * players' opponents in order. Each decision is a small change of weights and a re-solve of
 * the matching (weighted-matching.ts resumes from the last optimum). Pairs decided are locked
 * out of the graph; whoever is left over moves down to the next bracket.
 */

export interface DutchPairing {
  /** [white, black] input indices, in board order. */
  boards: [number, number][];
  /** The input index of the player with the pairing-allocated bye, or null. */
  bye: number | null;
}

export class NoValidPairingError extends Error {}

const bits = (v: number): number => (v <= 0 ? 0 : 32 - Math.clz32(v));
const b = (x: boolean): bigint => (x ? 1n : 0n);

/** Whether two colour preferences can both be granted. */
const compatiblePreferences = (a: Colour, c: Colour): boolean => a !== c || a === NONE || c === NONE;

export interface DutchOptions {
  /**
   * Waive the absolute colour criterion (C.3): two players with the same absolute colour
   * preference may meet. FIDE has no such step; bbpPairings reports "no valid pairing". We use
   * it only when the rules leave no pairing at all, rather than stop the tournament.
   */
  waiveAbsoluteColours?: boolean;
}

/**
 * Pairs the next round. Throws NoValidPairingError when the absolute criteria leave no pairing;
 * pairSwissRound() below then tries again with the absolute colour criterion waived.
 */
export function pairDutch(input: DutchInput, options: DutchOptions = {}): DutchPairing {
  const t = prepare(input);
  const sorted = t.players.filter((p) => p.available && p.rank >= 0);
  sorted.sort((x, y) => y.score - x.score || x.rank - y.rank);
  const n = sorted.length;
  if (n === 0) return { boards: [], bye: null };
  if (n === 1) {
    if (!sorted[0].eligibleForBye) throw new NoValidPairingError('The only player present cannot get the bye.');
    return { boards: [], bye: sorted[0].id };
  }
  const played = t.playedRounds;
  if (played === 0) return firstRound(sorted, t);
  const topScoreThreshold = Math.floor((played * Math.max(t.win, t.draw)) / 2);
  const lastRound = played >= t.totalRounds - 1;
  const waive = options.waiveAbsoluteColours === true;

  const compatible = (x: Player, y: Player): boolean =>
    !t.forbidden[x.id].has(y.id) &&
    (waive ||
      !x.absolutePreference ||
      !y.absolutePreference ||
      x.colourPreference !== y.colourPreference ||
      (lastRound && (x.score > topScoreThreshold || y.score > topScoreThreshold)));

  // Bit widths: score group sizes, and one field per score group for "scores paired".
  let scoreGroupsShift = 0;
  const scoreGroupShifts = new Map<number, number>();
  let maxScoreGroupSize = 0;
  {
    let repeated = 0;
    for (let i = n - 1; i >= 0; i--) {
      repeated++;
      if (i === 0 || sorted[i].score < sorted[i - 1].score) {
        scoreGroupShifts.set(sorted[i].score, scoreGroupsShift);
        maxScoreGroupSize = Math.max(maxScoreGroupSize, repeated);
        scoreGroupsShift += bits(repeated);
        repeated = 0;
      }
    }
  }
  const sgsb = BigInt(bits(maxScoreGroupSize));
  const sgShift = BigInt(scoreGroupsShift);
  const shiftOf = (score: number): bigint => BigInt(scoreGroupShifts.get(score)!);
  const float1 = sorted.map((p) => (played >= 1 ? floatOf(p, 1, t) : NONE));
  const float2 = sorted.map((p) => (played >= 2 ? floatOf(p, 2, t) : NONE));
  const vertexOf = new Map<number, number>();
  sorted.forEach((p, v) => vertexOf.set(p.id, v));
  const fl1 = (p: Player): number => float1[vertexOf.get(p.id)!];
  const fl2 = (p: Player): number => float2[vertexOf.get(p.id)!];

  let unplayedGameRanks = new Map<number, number>();

  const isByeCandidate = (p: Player, byeScore: number): boolean => p.eligibleForBye && p.score <= byeScore;

  const colourBits = (r: bigint, p: Player, o: Player, mask: boolean): bigint => {
    r <<= sgsb;
    r |= b(mask && (!p.absoluteImbalance || !o.absoluteImbalance || p.colourPreference !== o.colourPreference));
    r <<= sgsb;
    r |= b(
      mask &&
        (!p.absolutePreference ||
          !o.absolutePreference ||
          p.colourPreference !== o.colourPreference ||
          (p.colourImbalance === o.colourImbalance
            ? p.repeatedColour === NONE || p.repeatedColour !== o.repeatedColour
            : (p.colourImbalance > o.colourImbalance ? o : p).repeatedColour !== invert(p.colourPreference))),
    );
    r <<= sgsb;
    r |= b(mask && compatiblePreferences(p.colourPreference, o.colourPreference));
    r <<= sgsb;
    r |= b(
      mask &&
        ((!p.strongPreference && !p.absolutePreference) ||
          (!o.strongPreference && !o.absolutePreference) ||
          (p.absolutePreference && o.absolutePreference) ||
          p.colourPreference !== o.colourPreference),
    );
    return r;
  };

  /** The weight of higher (smaller vertex) against lower, for the current bracket. */
  const edgeWeight = (
    higher: Player,
    lower: Player,
    lowerInCurrent: boolean,
    lowerInNext: boolean,
    byeScore: number,
    singleDownfloaterIsByeAssignee: boolean,
  ): bigint => {
    if (!compatible(higher, lower)) return 0n;
    let r = 1n + b(!isByeCandidate(higher, byeScore)) + b(!isByeCandidate(lower, byeScore));
    r <<= sgsb;
    r |= b(lowerInCurrent);
    r <<= sgShift;
    if (lowerInCurrent) r |= 1n << shiftOf(higher.score);
    r <<= sgsb;
    r |= b(lowerInNext);
    r <<= sgShift;
    if (lowerInNext) r |= 1n << shiftOf(higher.score);
    r <<= sgsb;
    r <<= sgsb;
    if (singleDownfloaterIsByeAssignee) {
      if (higher.score === byeScore) r |= BigInt(unplayedGameRanks.get(higher.playedGames)!);
      if (lower.score === byeScore) r += BigInt(unplayedGameRanks.get(lower.playedGames)!);
    }
    r = colourBits(r, lower, higher, lowerInCurrent);
    const hs = higher.score;
    const ls = lower.score;
    if (played >= 1) {
      r <<= sgsb;
      if (lowerInCurrent) {
        r |= b(fl1(lower) === FLOAT_DOWN);
        r += b(hs <= ls && fl1(higher) === FLOAT_DOWN);
      }
      r <<= sgsb;
      if (lowerInCurrent) r |= b(!(hs > ls && fl1(lower) === FLOAT_UP));
    }
    if (played > 1) {
      r <<= sgsb;
      if (lowerInCurrent) {
        r |= b(fl2(lower) === FLOAT_DOWN);
        r += b(hs <= ls && fl2(higher) === FLOAT_DOWN);
      }
      r <<= sgsb;
      if (lowerInCurrent) r |= b(!(hs > ls && fl2(lower) === FLOAT_UP));
    }
    if (played >= 1) {
      r <<= sgShift;
      if (lowerInCurrent) {
        r += b(fl1(lower) === FLOAT_DOWN) << shiftOf(ls);
        r += b(fl1(higher) === FLOAT_DOWN) << shiftOf(hs);
      }
      r <<= sgShift;
      if (lowerInCurrent && !(fl1(lower) === FLOAT_UP && hs > ls)) r |= 1n << shiftOf(hs);
    }
    if (played > 1) {
      r <<= sgShift;
      if (lowerInCurrent) {
        r += b(fl2(lower) === FLOAT_DOWN) << shiftOf(ls);
        r += b(fl2(higher) === FLOAT_DOWN) << shiftOf(hs);
      }
      r <<= sgShift;
      if (lowerInCurrent && !(fl2(lower) === FLOAT_UP && hs > ls)) r |= 1n << shiftOf(hs);
    }
    // Room for the order of transpositions and exchanges.
    r <<= sgsb * 3n + 1n;
    return r;
  };

  const matching = new WeightedMatching(n);
  const odd = (n & 1) === 1;
  const topScore = sorted[0].score;
  // Completability first.
  for (let v = 1; v < n; v++) {
    const player = sorted[v];
    for (let u = 0; u < v; u++) {
      const opponent = sorted[u];
      let w = 0n;
      if (odd) {
        if (compatible(player, opponent)) {
          w = 1n + b(!player.eligibleForBye) + b(!opponent.eligibleForBye);
          w <<= sgShift;
          w |= shiftOf(player.score) + shiftOf(opponent.score);
          w <<= sgsb;
          w |= b(player.score >= topScore);
        }
      } else {
        w = edgeWeight(opponent, player, false, false, 0, false);
      }
      matching.setWeight(v, u, w);
    }
  }
  matching.solve();
  let mates = matching.mates();
  {
    let unmatched = 0;
    for (let v = 0; v < n; v++) {
      if (mates[v] === v) {
        unmatched++;
        if (!sorted[v].eligibleForBye) unmatched = 2;
      }
    }
    if (unmatched > 1) throw new NoValidPairingError('The players cannot all be paired within the absolute criteria.');
  }
  let byeScore = 0;
  let singleDownfloaterIsByeAssignee = false;
  if (odd) {
    for (let v = 0; v < n; v++) {
      if (mates[v] === v) {
        byeScore = sorted[v].score;
        break;
      }
    }
    if (byeScore >= topScore) {
      singleDownfloaterIsByeAssignee = true;
      for (let v = 0; v < n; v++) {
        if (sorted[v].score < topScore) break;
        if (sorted[mates[v]].score < topScore) {
          singleDownfloaterIsByeAssignee = false;
          break;
        }
      }
    }
    const counts: number[] = [];
    for (const p of sorted) if (p.score === byeScore) counts.push(p.playedGames);
    counts.sort((x, y) => y - x);
    unplayedGameRanks = new Map();
    counts.forEach((c, i) => unplayedGameRanks.set(c, i));
    for (let v = 1; v < n; v++) {
      for (let u = 0; u < v; u++) {
        matching.setWeight(v, u, edgeWeight(sorted[u], sorted[v], false, false, byeScore, singleDownfloaterIsByeAssignee));
      }
    }
  }

  const partner = new Int32Array(n).fill(-1);
  const lock = (a: number, c: number): void => {
    matching.lockPair(a, c);
    partner[a] = c;
    partner[c] = a;
  };

  // The bracket: players (by vertex) = moved-down players, then residents, then the next score group.
  let players: number[] = [];
  let next = 0;
  while (next < n && sorted[next].score >= topScore) players.push(next++);
  const matched = new Uint8Array(n);
  let scoreGroupBegin = 0;
  let scoreGroupBeginVertex = 0;

  while (players.length > 1 || next < n) {
    const nextScoreGroupBegin = players.length;
    const nextScoreGroupBeginVertex = scoreGroupBeginVertex + (nextScoreGroupBegin - scoreGroupBegin);
    const scoreGroupStart = next;
    while (next < n && sorted[next].score >= sorted[scoreGroupStart].score) players.push(next++);
    const P = players.map((v) => sorted[v]);
    const size = players.length;

    // base[larger][smaller], larger >= scoreGroupBegin.
    const base: bigint[][] = [];
    for (let larger = 0; larger < size; larger++) {
      const row: bigint[] = [];
      if (larger >= scoreGroupBegin) {
        for (let smaller = 0; smaller < larger; smaller++) {
          row.push(edgeWeight(P[smaller], P[larger], larger < nextScoreGroupBegin, larger >= nextScoreGroupBegin, byeScore, singleDownfloaterIsByeAssignee));
        }
      }
      base.push(row);
    }
    for (let larger = scoreGroupBegin; larger < size; larger++) {
      for (let smaller = 0; smaller < larger; smaller++) matching.setWeight(players[larger], players[smaller], base[larger][smaller]);
    }

    const inBracket = (m: number): boolean => m >= scoreGroupBeginVertex && m < nextScoreGroupBeginVertex;
    const exchangeWeight = (smaller: number, larger: number, smallerRemainderIndex: number, remainderPairs: number): bigint => {
      let r = base[larger][smaller];
      if (r !== 0n) {
        let addend = b(smallerRemainderIndex < remainderPairs);
        addend <<= sgsb;
        addend <<= sgsb;
        addend -= BigInt(smallerRemainderIndex);
        addend <<= 1n;
        r += addend;
      }
      return r;
    };

    matching.solve();
    mates = matching.mates();

    // Which moved-down players are paired in this bracket.
    let movedDownScore = 0;
    let remainingMovedDown = 0;
    let remainingMatchedMovedDown = 0;
    for (let i = 0; i < scoreGroupBegin; i++) {
      if (i === 0 || P[i].score < movedDownScore) {
        movedDownScore = P[i].score;
        remainingMatchedMovedDown = 0;
        remainingMovedDown = 0;
        for (let j = i; P[j].score >= movedDownScore; j++) {
          remainingMovedDown++;
          if (inBracket(mates[players[j]])) remainingMatchedMovedDown++;
        }
      }
      if (remainingMatchedMovedDown === 0) continue;
      const pv = players[i];
      if (remainingMovedDown <= remainingMatchedMovedDown) {
        matched[pv] = 1;
        continue;
      }
      remainingMovedDown--;
      if (!inBracket(mates[pv])) {
        for (let o = scoreGroupBegin; o < nextScoreGroupBegin; o++) {
          const w = base[o][i];
          if (w !== 0n) matching.setWeight(pv, players[o], w | 1n);
        }
        matching.solve();
        mates = matching.mates();
      }
      if (inBracket(mates[pv])) {
        matched[pv] = 1;
        remainingMatchedMovedDown--;
        for (let o = scoreGroupBegin; o < nextScoreGroupBegin; o++) {
          const w = base[o][i];
          if (w !== 0n) matching.setWeight(pv, players[o], (w | BigInt(nextScoreGroupBegin - scoreGroupBegin)) + 1n);
        }
      }
    }

    // Their opponents.
    for (let i = 0; i < scoreGroupBegin; i++) {
      const pv = players[i];
      if (!matched[pv]) continue;
      let addend = BigInt(size);
      for (let o = nextScoreGroupBegin - 1; o >= scoreGroupBegin; o--) {
        const ov = players[o];
        if (matched[ov]) continue;
        const w = base[o][i];
        if (w !== 0n) {
          matching.setWeight(pv, ov, w + addend);
          addend++;
        }
      }
      matching.solve();
      mates = matching.mates();
      const mv = mates[pv];
      matched[mv] = 1;
      lock(pv, mv);
    }

    // The remainder: residents not paired with a moved-down player.
    const remainder: number[] = [];
    let remainderPairs = 0;
    for (let i = scoreGroupBegin; i < nextScoreGroupBegin; i++) {
      const pv = players[i];
      if (mates[pv] < scoreGroupBeginVertex) continue;
      remainder.push(i);
      if (mates[pv] < pv) remainderPairs++;
    }
    const firstGroupEnd = remainderPairs;

    for (let oi = 0; oi < remainder.length; oi++) {
      const opponentIndex = remainder[oi];
      for (let pi = 0; pi < remainder.length; pi++) {
        const playerIndex = remainder[pi];
        if (opponentIndex <= playerIndex) break;
        matching.setWeight(players[playerIndex], players[opponentIndex], exchangeWeight(playerIndex, opponentIndex, pi, remainderPairs));
      }
    }
    matching.solve();
    mates = matching.mates();
    const downInBracket = (pv: number): boolean => mates[pv] > pv && mates[pv] < nextScoreGroupBeginVertex;

    let exchangeCount = 0;
    for (let ri = 0; ri < firstGroupEnd; ri++) {
      const pv = players[remainder[ri]];
      if (!downInBracket(pv)) exchangeCount++;
    }

    // Lower players of S1 to exchange, where possible.
    let exchangesRemaining = exchangeCount;
    for (let pi = firstGroupEnd - 1; pi >= 0 && exchangesRemaining > 0; pi--) {
      const playerIndex = remainder[pi];
      const pv = players[playerIndex];
      if (downInBracket(pv)) {
        for (let oi = pi + 1; oi < remainder.length; oi++) {
          let w = exchangeWeight(playerIndex, remainder[oi], pi, remainderPairs);
          if (w !== 0n) {
            w -= 1n;
            matching.setWeight(pv, players[remainder[oi]], w);
          }
        }
        matching.solve();
        mates = matching.mates();
      }
      const exchange = !downInBracket(pv);
      if (exchange) exchangesRemaining--;
      for (let oi = pi + 1; oi < remainder.length; oi++) {
        if (exchange) base[remainder[oi]][playerIndex] = 0n;
        matching.setWeight(pv, players[remainder[oi]], exchangeWeight(playerIndex, remainder[oi], pi, remainderPairs));
      }
    }

    // Higher players of S2 to exchange, where possible.
    exchangesRemaining = exchangeCount;
    for (let pi = firstGroupEnd; pi < remainder.length && exchangesRemaining > 1; pi++) {
      const playerIndex = remainder[pi];
      const pv = players[playerIndex];
      const alreadyExchanged = downInBracket(pv);
      if (!alreadyExchanged) {
        for (let oi = pi + 1; oi < remainder.length; oi++) {
          let w = exchangeWeight(playerIndex, remainder[oi], pi, remainderPairs);
          if (w !== 0n) {
            w += 1n;
            matching.setWeight(pv, players[remainder[oi]], w);
          }
        }
        matching.solve();
        mates = matching.mates();
      }
      const exchange = downInBracket(pv);
      if (exchange) {
        exchangesRemaining--;
        for (let oi = 0; oi < pi; oi++) {
          base[playerIndex][remainder[oi]] = 0n;
          matching.setWeight(pv, players[remainder[oi]], 0n);
        }
        for (let o = nextScoreGroupBegin; o < size; o++) {
          base[o][playerIndex] = 0n;
          matching.setWeight(pv, players[o], 0n);
        }
      }
      if (!alreadyExchanged) {
        for (let oi = pi + 1; oi < remainder.length; oi++) {
          matching.setWeight(pv, players[remainder[oi]], exchangeWeight(playerIndex, remainder[oi], pi, remainderPairs));
        }
      }
    }

    // Settle who is exchanged, and drop the bits used for it.
    for (let pi = 0; pi < remainder.length; pi++) {
      const pv = players[remainder[pi]];
      for (let oi = pi + 1; oi < remainder.length; oi++) {
        const ov = players[remainder[oi]];
        if (!downInBracket(pv) || downInBracket(ov)) base[remainder[oi]][remainder[pi]] = 0n;
        matching.setWeight(pv, ov, base[remainder[oi]][remainder[pi]]);
      }
    }

    // The opponents of the players pairing downwards, in order.
    for (let pi = 0; pi < remainder.length; pi++) {
      const playerIndex = remainder[pi];
      const pv = players[playerIndex];
      if (!downInBracket(pv)) continue;
      let addend = 0n;
      for (let oi = remainder.length - 1; oi >= 0; oi--) {
        const opponentIndex = remainder[oi];
        const ov = players[opponentIndex];
        if (opponentIndex <= playerIndex || matched[ov]) continue;
        const w = base[opponentIndex][playerIndex];
        if (w !== 0n) matching.setWeight(pv, ov, w + addend);
        addend++;
      }
      matching.solve();
      mates = matching.mates();
      const mv = mates[pv];
      matched[pv] = 1;
      matched[mv] = 1;
      lock(pv, mv);
    }

    // The next bracket.
    const nextPlayers: number[] = [];
    scoreGroupBegin = 0;
    singleDownfloaterIsByeAssignee = odd && scoreGroupStart < n && byeScore >= sorted[scoreGroupStart].score;
    for (let i = 0; i < size; i++) {
      const pv = players[i];
      if (i < nextScoreGroupBegin && matched[pv]) continue;
      nextPlayers.push(pv);
      if (i < nextScoreGroupBegin) scoreGroupBegin++;
      if (singleDownfloaterIsByeAssignee && sorted[mates[pv]].score < sorted[scoreGroupStart].score) singleDownfloaterIsByeAssignee = false;
    }
    players = nextPlayers;
    scoreGroupBeginVertex = nextScoreGroupBeginVertex;
  }

  const pairs: [Player, Player][] = [];
  let bye: Player | null = null;
  for (let v = 0; v < n; v++) {
    const m = partner[v];
    if (m === -1) bye = sorted[v];
    else if (v < m) pairs.push([sorted[v], sorted[m]]);
  }
  return boardOrder(pairs, bye, t);
}

/**
 * Round 1 without an absence: one score group, no colour preference, no float, no earlier
 * opponent, so every quality criterion is met by S1 against S2 in order (C.04.3 B), the bye
 * (odd count) to the last player. This is what the matching gives; it is only quicker.
 */
function firstRound(sorted: Player[], t: Prepared): DutchPairing {
  const n = sorted.length;
  const half = n >> 1;
  const pairs: [Player, Player][] = [];
  for (let i = 0; i < half; i++) pairs.push([sorted[i], sorted[i + half]]);
  return boardOrder(pairs, n & 1 ? sorted[n - 1] : null, t);
}

/** Colours (C.04.3 E) and the board order of the published pairing. */
function boardOrder(found: readonly [Player, Player][], bye: Player | null, t: Prepared): DutchPairing {
  const pairs: { white: Player; black: Player }[] = [];
  for (const [a, c] of found) {
    const [x, y] = a.id < c.id ? [a, c] : [c, a];
    const colour = chooseColour(x, y, t);
    pairs.push(colour === WHITE ? { white: x, black: y } : { white: y, black: x });
  }
  const higherOf = (pair: { white: Player; black: Player }): [Player, Player] =>
    ranksBelow(pair.white, pair.black) ? [pair.black, pair.white] : [pair.white, pair.black];
  pairs.sort((p0, p1) => {
    const [h0, l0] = higherOf(p0);
    const [h1, l1] = higherOf(p1);
    return h1.score - h0.score || l1.score - l0.score || h0.rank - h1.rank;
  });
  return { boards: pairs.map((p) => [p.white.id, p.black.id]), bye: bye === null ? null : bye.id };
}

/** x ranks below y: a lower score, or the same score and a higher pairing number. */
const ranksBelow = (x: Player, y: Player): boolean => x.score < y.score || (x.score === y.score && x.rank > y.rank);

/** The colour of `player` against `opponent` (C.04.3 E; the initial colour rule for no preference). */
function chooseColour(player: Player, opponent: Player, t: Prepared): Colour {
  const neutral = neutralColour(player, opponent);
  if (neutral !== NONE) return neutral;
  if (player.colourPreference === NONE) {
    return ranksBelow(player, opponent)
      ? opponent.rank & 1
        ? t.initialColour
        : invert(t.initialColour)
      : player.rank & 1
        ? invert(t.initialColour)
        : t.initialColour;
  }
  return ranksBelow(player, opponent) ? invert(opponent.colourPreference) : player.colourPreference;
}

function neutralColour(player: Player, opponent: Player): Colour {
  if (compatiblePreferences(player.colourPreference, opponent.colourPreference)) {
    if (player.colourPreference !== NONE) return player.colourPreference;
    if (opponent.colourPreference !== NONE) return invert(opponent.colourPreference);
    return NONE;
  }
  if (player.absolutePreference && (player.colourImbalance > opponent.colourImbalance || !opponent.absolutePreference)) return player.colourPreference;
  if (opponent.absolutePreference && (opponent.colourImbalance > player.colourImbalance || !player.absolutePreference)) return invert(opponent.colourPreference);
  if (player.strongPreference && !opponent.strongPreference) return player.colourPreference;
  if (opponent.strongPreference && !player.strongPreference) return invert(opponent.colourPreference);
  // The latest round in which they had different colours.
  let i = player.matches.length - 1;
  let j = opponent.matches.length - 1;
  for (;;) {
    while (i >= 0 && !player.matches[i].played) i--;
    while (j >= 0 && !opponent.matches[j].played) j--;
    if (i < 0 || j < 0) return NONE;
    if (player.matches[i].colour !== opponent.matches[j].colour) return opponent.matches[j].colour;
    i--;
    j--;
  }
}

/** The Dutch pairing, or, when its absolute criteria leave none, the same with the absolute colour criterion waived. */
export function pairSwissRound(input: DutchInput): DutchPairing {
  try {
    return pairDutch(input);
  } catch (error) {
    if (!(error instanceof NoValidPairingError)) throw error;
    return pairDutch(input, { waiveAbsoluteColours: true });
  }
}
