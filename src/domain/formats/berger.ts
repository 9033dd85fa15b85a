/**
 * Round-robin pairings exactly as the FIDE Berger tables (Handbook C.05, Annex 1).
 * Players are numbered 1..n in seed order; an odd field adds number n + 1 as the bye,
 * and a pairing with the bye is no session. The first-named player is home (white).
 *
 * In round r of a table for an even n (m = n - 1 rounds), player n meets p = (r + 1) / 2 for an
 * odd r and n / 2 + r / 2 for an even r, with n second in odd rounds and first in even ones; on
 * board k > 1 the players are p + (k - 1) and p - (k - 1), counted around 1..m.
 * For 6: 1-6 2-5 3-4 | 6-4 5-3 1-2 | 2-6 3-1 4-5 | 6-5 1-4 2-3 | 3-6 4-2 5-1.
 */

/** Rounds in one cycle for this many players (odd fields have a bye each round). */
export function bergerCycleRounds(playerCount: number): number {
  return playerCount % 2 === 0 ? playerCount - 1 : playerCount;
}

/** Rounds in all: one cycle, or two with the double round robin. */
export function bergerRoundCount(playerCount: number, doubleRoundRobin: boolean): number {
  return bergerCycleRounds(playerCount) * (doubleRoundRobin ? 2 : 1);
}

/**
 * The pairings of one round, in board order, as [home, away] 0-based indices into the seed
 * order; the bye (odd fields) is left out. With the double round robin the first cycle swaps
 * its last two rounds and the second cycle repeats the table with sides reversed, as FIDE
 * recommends, so nobody gets the same side three times running at the turn.
 */
export function bergerRound(playerCount: number, round: number, doubleRoundRobin: boolean): [number, number][] {
  const pairs: [number, number][] = [];
  forEachBergerPairing(playerCount, round, doubleRoundRobin, (home, away) => {
    pairs.push([home, away]);
  });
  return pairs;
}

/** Calls `visit` for each pairing of bergerRound(), in board order, without building arrays. */
export function forEachBergerPairing(
  playerCount: number,
  round: number,
  doubleRoundRobin: boolean,
  visit: (home: number, away: number) => void,
): void {
  const cycle = bergerCycleRounds(playerCount);
  const total = cycle * (doubleRoundRobin ? 2 : 1);
  if (!Number.isInteger(round) || round < 1 || round > total) {
    throw new RangeError(`round ${round} is outside 1..${total} for ${playerCount} players`);
  }
  let r = round;
  let reversed = false;
  if (doubleRoundRobin) {
    if (round > cycle) {
      r = round - cycle;
      reversed = true;
    } else if (cycle >= 2 && round >= cycle - 1) {
      r = round === cycle ? cycle - 1 : cycle;
    }
  }
  const n = playerCount + (playerCount % 2);
  const m = n - 1;
  const p = r % 2 === 1 ? (r + 1) / 2 : n / 2 + r / 2;
  // Numbers are 1-based here; player n is the bye when the field is odd.
  const emit = (home: number, away: number): void => {
    if (home > playerCount || away > playerCount) return;
    if (reversed) visit(away - 1, home - 1);
    else visit(home - 1, away - 1);
  };
  if (r % 2 === 1) emit(p, n);
  else emit(n, p);
  for (let k = 2; k <= n / 2; k++) {
    const up = p + k - 1;
    const down = p - k + 1;
    emit(up > m ? up - m : up, down < 1 ? down + m : down);
  }
}
