import { OUTCOMES, PHASES, type AttemptRules, type Entrant, type Session, type TournamentFormat } from './formats/format.ts';
import { playerIndex } from './player-index.ts';
import { Prng } from './prng.ts';
import { applyAttempt, applyResult, canEndDrawn, isDoubleForfeit } from './progression.ts';
import { NONE, NO_PLAYER, type SessionTable } from './session-table.ts';
import { Feeders, settleWalkovers } from './walkovers.ts';

/** The sessions after a simulation, and which of them it changed or added. */
export interface PlayedSessions {
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
): PlayedSessions {
  const list = sessions;
  for (let i = 0; i < list.length; i++) {
    if (list[i].key !== i) throw new RangeError(`sessions must be indexed by key: index ${i} holds key ${list[i].key}`);
  }
  const inputCount = list.length;
  const seedOf = seedLookup(entrants);

  // Withdrawn players and double forfeits need walkovers; the common case skips that bookkeeping.
  const withdrawn = new Set<number>();
  for (const e of entrants) if (e.withdrawn) withdrawn.add(e.playerId);
  const isWithdrawn = (id: number) => withdrawn.has(id);
  const settling = withdrawn.size > 0 || list.some(isDoubleForfeit);
  let feeders = settling ? new Feeders(list) : null;

  const prng = new Prng(seed);
  const rules = format.attemptRules?.(settings);
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
      if (settling) {
        feeders = new Feeders(list);
        for (const c of settleWalkovers(list, range(from, list.length), isWithdrawn, feeders)) enqueueIfReady(c);
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
      if (s.resultSubmitted) {
        // Settled as a walkover since it was queued.
        continue;
      }
      if (s.attempts !== undefined) {
        playAttempts(list, k, seedOf(s.participants[0]!), entrants.length, prng, rules!);
        if (k < inputCount) changed.add(k);
        continue;
      }
      let touched: number[];
      if (settling && (isWithdrawn(s.participants[0]!) || isWithdrawn(s.participants[1]!))) {
        touched = settleWalkovers(list, [k], isWithdrawn, feeders);
      } else {
        const winnerId = playOne(s.participants[0]!, s.participants[1]!, seedOf, prng, canEndDrawn(s, format.allowsDraws), score);
        touched = applyResult(list, k, winnerId, score, format.allowsDraws);
        if (settling) touched = [...touched, ...settleWalkovers(list, touched.slice(1), isWithdrawn, feeders)];
      }
      for (const c of touched) {
        if (c < inputCount) changed.add(c);
        if (c !== k) enqueueIfReady(c);
      }
    }
  }
  return { sessions: list, changed, added: list.length - inputCount };
}

const PLAYED = OUTCOMES.indexOf('played') + 1;

/**
 * simulate() over columns, for a format with planTable (it adds no sessions): plays the ready
 * sessions in the same order with the same draws of the PRNG, so the results are the same, byte
 * for byte, without an object per session. Changes `table` in place; returns a flag per key,
 * 1 where the session's result or participants changed.
 */
export function simulateTable<S extends object>(
  format: TournamentFormat<S>,
  table: SessionTable,
  entrants: readonly Entrant[],
  seed: number,
): Uint8Array {
  if (!format.planTable) throw new RangeError(`format ${format.name} may add sessions: simulate it with simulate()`);
  if (entrants.some((e) => e.withdrawn) || table.hasDoubleForfeit()) {
    throw new RangeError('walkovers to settle (a withdrawn player, a double forfeit): simulate these sessions with simulate()');
  }
  const t = table;
  const n = t.length;
  const seedOf = seedLookup(entrants);
  const prng = new Prng(seed);
  const score: [number, number] = [0, 0];
  const changed = new Uint8Array(n);
  const queued = new Uint8Array(n);
  const drawable = (k: number) =>
    format.allowsDraws && PHASES[t.phase[k]] !== 'KNOCKOUT' && t.next[k] === NONE && t.loserNext[k] === NONE;
  let batch: number[] = [];
  const enqueueIfReady = (k: number): void => {
    if (queued[k] === 0 && t.submitted[k] === 0 && t.participant1[k] !== NO_PLAYER && t.participant2[k] !== NO_PLAYER) {
      queued[k] = 1;
      batch.push(k);
    }
  };
  const before = (x: number, y: number) => t.round[x] - t.round[y] || t.matchNumber[x] - t.matchNumber[y] || x - y;
  const moveTo = (target: number, slot: number, playerId: number) => {
    if (target === NONE) return;
    const row = target - t.firstKey;
    if (slot === 0) t.participant1[row] = playerId;
    else t.participant2[row] = playerId;
    changed[row] = 1;
    enqueueIfReady(row);
  };
  for (let k = 0; k < n; k++) enqueueIfReady(k);
  while (batch.length > 0) {
    let ordered = true;
    for (let i = 1; i < batch.length && ordered; i++) ordered = before(batch[i - 1], batch[i]) <= 0;
    if (!ordered) batch.sort(before);
    const current = batch;
    batch = [];
    for (const k of current) {
      const a = t.participant1[k];
      const b = t.participant2[k];
      const winnerId = playOne(a, b, seedOf, prng, drawable(k), score);
      t.winner[k] = winnerId ?? NO_PLAYER;
      t.score1[k] = score[0];
      t.score2[k] = score[1];
      t.submitted[k] = 1;
      t.outcome[k] = PLAYED;
      changed[k] = 1;
      if (winnerId !== null) {
        moveTo(t.next[k], t.nextSlot[k], winnerId);
        moveTo(t.loserNext[k], t.loserNextSlot[k], winnerId === a ? b : a);
      }
    }
  }
  return changed;
}

// A stranger to the entrant list plays as the weakest possible seed.
const UNSEEDED = Number.MAX_SAFE_INTEGER;

function seedLookup(entrants: readonly Entrant[]): (playerId: number) => number {
  const indexOf = playerIndex(entrants);
  return (playerId) => {
    const i = indexOf(playerId);
    return i >= 0 ? entrants[i].seed : UNSEEDED;
  };
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = from; k < to; k++) out.push(k);
  return out;
}

function isReady(s: Session): boolean {
  return !s.resultSubmitted && s.participants[0] !== null && (s.participants[1] !== null || s.attempts !== undefined);
}

// Chances of a failed attempt: fouls are common in jumps and throws, unfinished runs rare.
const FAILED_CHANCE = { score: 0, time_ms: 0.01, distance: 0.08 } as const;

// Makes the remaining attempts of one participant's session: the better the seed, the better the
// centre of their marks (a spread of ±10%), in the measure's own units.
function playAttempts(list: Session[], key: number, seed: number, fieldSize: number, prng: Prng, rules: AttemptRules): void {
  const strength = fieldSize <= 1 || seed === UNSEEDED ? 0 : 1 - (seed - 1) / (fieldSize - 1);
  // Times are naturally better small, scores and distances large; a rule the other way round
  // (the longest hold, the fewest strokes) turns the scale so strong players still do well.
  const natural = rules.measure === 'time_ms' ? 'lower_wins' : 'higher_wins';
  const quality = rules.direction === natural ? strength : 1 - strength;
  while (list[key].attempts!.length < rules.perSession) {
    const noise = prng.next() * 2 - 1;
    let value: number | null;
    if (prng.next() < FAILED_CHANCE[rules.measure]) value = null;
    else if (rules.measure === 'time_ms') value = Math.round(60_000 - 10_000 * quality + 3_000 * noise);
    else if (rules.measure === 'distance') value = Math.round((6 + 2 * quality + 0.6 * noise) * 100) / 100;
    else value = Math.round(50 + 40 * quality + 10 * noise);
    applyAttempt(list, key, value, rules);
  }
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
  a: number,
  b: number,
  seedOf: (playerId: number) => number,
  prng: Prng,
  drawAllowed: boolean,
  score: [number, number],
): number | null {
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
