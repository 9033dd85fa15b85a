import type { Entrant, Session, TournamentFormat } from './formats/format.ts';
import { Prng } from './prng.ts';
import { applyResult, canEndDrawn } from './progression.ts';

export interface SimulationOutcome {
  /** The given array, its sessions played, with the ones the format added appended. */
  sessions: Session[];
  /** Keys of input sessions whose result or participants changed. */
  changed: Set<number>;
  /** How many sessions were appended after the input ones. */
  added: number;
}

const DRAW_CHANCE = 0.2;
const UPSET_FLOOR = 0.5;
const FAVOURITE_EDGE = 0.35;

/**
 * Plays every remaining session to the end, in place, with seeded randomness: the same sessions,
 * entrants and seed give the same results, byte for byte. `sessions` must be indexed by key; its
 * sessions are updated and new ones appended to it (copying a million sessions would double the cost).
 */
export function simulate<S extends object>(
  format: TournamentFormat<S>,
  settings: S,
  sessions: Session[],
  entrants: readonly Entrant[],
  seed: number,
): SimulationOutcome {
  const list = sessions;
  for (let i = 0; i < list.length; i++) {
    if (list[i].key !== i) throw new RangeError(`sessions must be indexed by key: index ${i} holds key ${list[i].key}`);
  }
  const inputCount = list.length;
  const seedOf = seedLookup(entrants);

  const prng = new Prng(seed);
  // Scratch for one score: applyResult stores its own copy, so one array serves every session.
  const score: [number, number] = [0, 0];
  const changed = new Set<number>();
  let queued = new Uint8Array(Math.max(inputCount, 1));
  let batch: number[] = [];
  const enqueueIfReady = (k: number): void => {
    if (queued[k] === 0 && isReady(list[k])) {
      queued[k] = 1;
      batch.push(k);
    }
  };
  for (let k = 0; k < inputCount; k++) enqueueIfReady(k);

  for (;;) {
    if (batch.length === 0) {
      const more = format.nextSessions(list, entrants, settings);
      if (more.length === 0) break;
      const from = list.length;
      for (const s of more) {
        if (s.key !== list.length) throw new RangeError(`format ${format.name} added key ${s.key}, expected ${list.length}`);
        list.push(s);
      }
      if (queued.length < list.length) {
        const grown = new Uint8Array(Math.max(list.length, queued.length * 2));
        grown.set(queued);
        queued = grown;
      }
      for (let k = from; k < list.length; k++) enqueueIfReady(k);
      // Guards against a format that keeps adding sessions nobody can play: that would never end.
      if (batch.length === 0) throw new RangeError(`format ${format.name} added sessions none of which can be played`);
    }
    // A batch is usually born in order (sessions are planned and freed in bracket order), so check first.
    if (!isInPlayOrder(list, batch)) batch.sort((x, y) => comparePlayOrder(list[x], list[y]));
    const current = batch;
    batch = [];
    for (const k of current) {
      const s = list[k];
      const winnerId = playOne(s, seedOf, prng, canEndDrawn(s, format.allowsDraws), score);
      for (const c of applyResult(list, k, winnerId, score, format.allowsDraws)) {
        if (c < inputCount) changed.add(c);
        if (c !== k) enqueueIfReady(c);
      }
    }
  }
  return { sessions: list, changed, added: list.length - inputCount };
}

// A stranger to the entrant list plays as the weakest possible seed.
const UNSEEDED = Number.MAX_SAFE_INTEGER;

// Player ids are usually one dense block (players enrolled together), so a flat array indexed by
// id - min answers far faster than a Map at a million players; scattered ids fall back to a Map.
function seedLookup(entrants: readonly Entrant[]): (playerId: number) => number {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let integers = true;
  for (const e of entrants) {
    if (!Number.isSafeInteger(e.playerId)) integers = false;
    if (e.playerId < min) min = e.playerId;
    if (e.playerId > max) max = e.playerId;
  }
  const span = max - min + 1;
  if (integers && entrants.length > 0 && span <= 4 * entrants.length + 1024) {
    const table = new Float64Array(span).fill(UNSEEDED);
    for (const e of entrants) table[e.playerId - min] = e.seed;
    return (playerId) => {
      const i = playerId - min;
      return i >= 0 && i < span ? table[i] : UNSEEDED;
    };
  }
  const seeds = new Map<number, number>();
  for (const e of entrants) seeds.set(e.playerId, e.seed);
  return (playerId) => seeds.get(playerId) ?? UNSEEDED;
}

function isReady(s: Session): boolean {
  return !s.resultSubmitted && s.participants[0] !== null && s.participants[1] !== null;
}

function comparePlayOrder(x: Session, y: Session): number {
  return x.round - y.round || x.matchNumber - y.matchNumber || x.key - y.key;
}

function isInPlayOrder(list: readonly Session[], keys: readonly number[]): boolean {
  for (let i = 1; i < keys.length; i++) if (comparePlayOrder(list[keys[i - 1]], list[keys[i]]) > 0) return false;
  return true;
}

// Writes the score into `score` and returns the winner (null for a draw). The favourite's chance
// grows with the seed ratio from 50% (equal) towards 85% (far apart); plain arithmetic rather than
// exp/log keeps results identical on every platform.
function playOne(
  s: Session,
  seedOf: (playerId: number) => number,
  prng: Prng,
  drawAllowed: boolean,
  score: [number, number],
): number | null {
  const a = s.participants[0]!;
  const b = s.participants[1]!;
  if (drawAllowed && prng.next() < DRAW_CHANCE) {
    const goals = prng.int(0, 3);
    score[0] = goals;
    score[1] = goals;
    return null;
  }
  const seedA = seedOf(a);
  const seedB = seedOf(b);
  const favouriteIsA = seedA <= seedB;
  const strong = Math.min(seedA, seedB);
  const weak = Math.max(seedA, seedB);
  const favouriteWins = prng.next() < UPSET_FLOOR + FAVOURITE_EDGE * (1 - strong / weak);
  const aWins = favouriteIsA === favouriteWins;
  const winnerGoals = prng.int(1, 4);
  const loserGoals = prng.int(0, winnerGoals - 1);
  score[0] = aWins ? winnerGoals : loserGoals;
  score[1] = aWins ? loserGoals : winnerGoals;
  return aWins ? a : b;
}
