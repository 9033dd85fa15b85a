import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ValidationError } from '../errors.ts';
import { applyResult } from '../progression.ts';
import { bracketSize, seedOrder } from '../seeding.ts';
import { simulate } from '../simulation.ts';
import { settleWalkovers } from '../walkovers.ts';
import { doubleElimination, dropMask, firstPossibleLosersRematch, type GrandFinal } from './double-elimination.ts';
import type { Entrant, Session } from './format.ts';

// Player ids differ from seeds so a mix-up between the two shows.
const idOf = (seed: number): number => 10_000 + seed;
const seedOf = (id: number | null): number | null => (id === null ? null : id - 10_000);

function entrantsOf(n: number): Entrant[] {
  return Array.from({ length: n }, (_, i) => ({ playerId: idOf(i + 1), seed: i + 1 }));
}

function planFor(n: number, grandFinal: GrandFinal = 'double'): Session[] {
  return doubleElimination.plan(entrantsOf(n), { grand_final: grandFinal });
}

/** [key, phase, round, match, seeds, next, loserNext] for compact comparisons. */
function shape(s: Session): unknown[] {
  return [s.key, s.phase, s.round, s.matchNumber, s.participants.map(seedOf), s.next && [s.next.key, s.next.slot], s.loserNext && [s.loserNext.key, s.loserNext.slot]];
}

/** Plays a session with a chosen winner by seed, 2-0 or 0-2. */
function win(sessions: Session[], key: number, winnerSeed: number): void {
  const s = sessions[key];
  const winnerId = idOf(winnerSeed);
  applyResult(sessions, key, winnerId, winnerId === s.participants[0] ? [2, 0] : [0, 2], false);
}

function captureError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('double_elimination.validate', () => {
  it('defaults to a double grand final and reads the others', () => {
    expect(doubleElimination.validate(8, {})).toEqual({ grand_final: 'double' });
    for (const grandFinal of ['double', 'single', 'none'] as const) {
      const parsed = doubleElimination.validate(2, { grand_final: grandFinal });
      expect(parsed).toEqual({ grand_final: grandFinal });
      expect(doubleElimination.validate(2, { ...parsed })).toEqual(parsed);
    }
  });

  it.each([1, 0, 1_048_577, 2.5, Number.NaN])('rejects %s players', (count) => {
    const error = captureError(() => doubleElimination.validate(count, {}));
    expect(error.field).toBe('player_count');
    expect(error.message).toBe('player_count: must be an integer from 2 to 1048576 for double_elimination');
  });

  it.each(['triple', true, 2, ''])('rejects grand_final = %s', (value) => {
    const error = captureError(() => doubleElimination.validate(8, { grand_final: value }));
    expect(error.field).toBe('settings.grand_final');
    expect(error.message).toBe('settings.grand_final: must be one of double, single, none');
  });

  it('rejects an unknown setting by name', () => {
    const error = captureError(() => doubleElimination.validate(8, { third_place_playoff: true }));
    expect(error.field).toBe('settings.third_place_playoff');
    expect(error.message).toBe('settings.third_place_playoff: unknown setting for double_elimination; allowed: grand_final');
  });
});

describe('double_elimination.plan', () => {
  it('builds 2 players into a winners final and a grand final between the same two', () => {
    expect(planFor(2).map(shape)).toEqual([
      [0, 'WINNERS', 1, 1, [1, 2], [1, 0], [1, 1]],
      [1, 'GRAND_FINAL', 1, 1, [null, null], null, null],
    ]);
    expect(planFor(2, 'none').map(shape)).toEqual([[0, 'WINNERS', 1, 1, [1, 2], null, null]]);
  });

  it('builds 4 players: the first-round losers meet, then the winners final loser drops in', () => {
    expect(planFor(4).map(shape)).toEqual([
      [0, 'WINNERS', 1, 1, [1, 4], [2, 0], [3, 0]],
      [1, 'WINNERS', 1, 2, [2, 3], [2, 1], [3, 1]],
      [2, 'WINNERS', 2, 1, [null, null], [5, 0], [4, 0]],
      [3, 'LOSERS', 1, 1, [null, null], [4, 1], null],
      [4, 'LOSERS', 2, 1, [null, null], [5, 1], null],
      [5, 'GRAND_FINAL', 1, 1, [null, null], null, null],
    ]);
  });

  it('builds 8 players with the round-2 losers crossing over, so nobody meets their first-round opponent again at once', () => {
    expect(planFor(8).map(shape)).toEqual([
      [0, 'WINNERS', 1, 1, [1, 8], [4, 0], [7, 0]],
      [1, 'WINNERS', 1, 2, [4, 5], [4, 1], [7, 1]],
      [2, 'WINNERS', 1, 3, [2, 7], [5, 0], [8, 0]],
      [3, 'WINNERS', 1, 4, [3, 6], [5, 1], [8, 1]],
      [4, 'WINNERS', 2, 1, [null, null], [6, 0], [10, 0]],
      [5, 'WINNERS', 2, 2, [null, null], [6, 1], [9, 0]],
      [6, 'WINNERS', 3, 1, [null, null], [13, 0], [12, 0]],
      [7, 'LOSERS', 1, 1, [null, null], [9, 1], null],
      [8, 'LOSERS', 1, 2, [null, null], [10, 1], null],
      [9, 'LOSERS', 2, 1, [null, null], [11, 0], null],
      [10, 'LOSERS', 2, 2, [null, null], [11, 1], null],
      [11, 'LOSERS', 3, 1, [null, null], [12, 1], null],
      [12, 'LOSERS', 4, 1, [null, null], [13, 1], null],
      [13, 'GRAND_FINAL', 1, 1, [null, null], null, null],
    ]);
  });

  it('makes no session of a bye in either bracket: 3 players', () => {
    // Seed 1 has a bye in the winners bracket, so losers round 1 has one player and no session.
    expect(planFor(3).map(shape)).toEqual([
      [0, 'WINNERS', 1, 1, [2, 3], [1, 1], [2, 1]],
      [1, 'WINNERS', 2, 1, [1, null], [3, 0], [2, 0]],
      [2, 'LOSERS', 2, 1, [null, null], [3, 1], null],
      [3, 'GRAND_FINAL', 1, 1, [null, null], null, null],
    ]);
  });

  it('sends a round-2 loser straight to losers round 3 when their drop-in partner had a bye: 5 players', () => {
    const sessions = planFor(5);
    expect(sessions.map(shape)).toEqual([
      [0, 'WINNERS', 1, 1, [4, 5], [1, 1], [4, 1]],
      [1, 'WINNERS', 2, 1, [1, null], [3, 0], [5, 1]],
      [2, 'WINNERS', 2, 2, [2, 3], [3, 1], [4, 0]],
      [3, 'WINNERS', 3, 1, [null, null], [7, 0], [6, 0]],
      [4, 'LOSERS', 2, 1, [null, null], [5, 0], null],
      [5, 'LOSERS', 3, 1, [null, null], [6, 1], null],
      [6, 'LOSERS', 4, 1, [null, null], [7, 1], null],
      [7, 'GRAND_FINAL', 1, 1, [null, null], null, null],
    ]);
    expect(sessions).toHaveLength(2 * 5 - 2);
  });

  it('numbers matches from 1 in every round of every phase', () => {
    const sessions = planFor(1000);
    const last = new Map<string, number>();
    for (const s of sessions) {
      const at = `${s.phase} ${s.round}`;
      expect(s.matchNumber).toBe((last.get(at) ?? 0) + 1);
      last.set(at, s.matchNumber);
    }
    expect(sessions).toHaveLength(1998);
    expect(sessions.filter((s) => s.phase === 'WINNERS')).toHaveLength(999);
    expect(sessions.filter((s) => s.phase === 'LOSERS')).toHaveLength(998);
  });
});

describe('the drop pattern', () => {
  it('crosses the drop of winners round r over by r - 1 written backwards', () => {
    // 16 lines (k = 4): round 2's losers drop half a bracket away, round 3's straight down.
    expect([2, 3, 4].map((r) => dropMask(r, 4))).toEqual([2, 0, 0]);
    // 1024 lines (k = 10): 1 -> 100000000, 2 -> 0100000, 3 -> 110000, 4 -> 00100, ...
    expect([2, 3, 4, 5, 6, 7, 8, 9, 10].map((r) => dropMask(r, 10))).toEqual([0b10000000, 0b0100000, 0b110000, 0b00100, 0b1010, 0b011, 0b11, 0, 0]);
  });

  it('knows the earliest losers round a rematch can be forced in, by bracket size', () => {
    // k = 2..12 winners rounds; the losers bracket has 2k - 2 rounds.
    expect([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(firstPossibleLosersRematch)).toEqual([2, 3, 4, 5, 7, 8, 9, 11, 13, 15, 16]);
  });
});

describe('double_elimination: results, the reset and ranks', () => {
  it('adds the reset only when the losers-bracket champion wins the first grand final', () => {
    const sessions = planFor(2);
    win(sessions, 0, 1);
    expect(doubleElimination.nextSessions(sessions, entrantsOf(2), { grand_final: 'double' })).toEqual([]);
    const [first] = applyAndCopy(sessions, 1, 2);
    const reset = doubleElimination.nextSessions(first, entrantsOf(2), { grand_final: 'double' });
    expect(reset.map(shape)).toEqual([[2, 'GRAND_FINAL', 2, 1, [1, 2], null, null]]);
    expect(doubleElimination.nextSessions(first, entrantsOf(2), { grand_final: 'single' })).toEqual([]);
    // Once the reset exists it is not added again.
    expect(doubleElimination.nextSessions([...first, ...reset], entrantsOf(2), { grand_final: 'double' })).toEqual([]);

    const [decided] = applyAndCopy(sessions, 1, 1);
    expect(doubleElimination.nextSessions(decided, entrantsOf(2), { grand_final: 'double' })).toEqual([]);
    expect(doubleElimination.rank(decided, entrantsOf(2), { grand_final: 'double' }).map((r) => [seedOf(r.playerId), r.rank])).toEqual([[1, 1], [2, 2]]);
  });

  it('ranks 8 players 1, 2, 3, 4, 5, 5, 7, 7 and the champion after a reset', () => {
    const entrants = entrantsOf(8);
    const sessions = planFor(8);
    // Winners: 1, 4, 2, 3 win round 1; 1 and 3 round 2; 1 the final.
    for (const [key, seed] of [[0, 1], [1, 4], [2, 2], [3, 3], [4, 1], [5, 3], [6, 1]] as const) win(sessions, key, seed);
    // Losers round 1: 8 v 5 -> 5, 7 v 6 -> 6; round 2: 2 (dropped from match 5... crossed) etc.
    expect([7, 8, 9, 10].map((k) => sessions[k].participants.map(seedOf))).toEqual([[8, 5], [7, 6], [2, null], [4, null]]);
    win(sessions, 7, 5);
    win(sessions, 8, 6);
    expect([9, 10].map((k) => sessions[k].participants.map(seedOf))).toEqual([[2, 5], [4, 6]]);
    win(sessions, 9, 2);
    win(sessions, 10, 6);
    win(sessions, 11, 6);
    expect(sessions[12].participants.map(seedOf)).toEqual([3, 6]);
    win(sessions, 12, 6);
    expect(sessions[13].participants.map(seedOf)).toEqual([1, 6]);
    win(sessions, 13, 6);
    const reset = doubleElimination.nextSessions(sessions, entrants, { grand_final: 'double' });
    expect(reset.map(shape)).toEqual([[14, 'GRAND_FINAL', 2, 1, [1, 6], null, null]]);
    // Mid-way the two finalists share 1.
    expect(doubleElimination.rank(sessions, entrants, { grand_final: 'double' }).slice(0, 2).map((r) => [seedOf(r.playerId), r.rank])).toEqual([[1, 1], [6, 1]]);
    sessions.push(...reset);
    win(sessions, 14, 6);
    const rows = doubleElimination.rank(sessions, entrants, { grand_final: 'double' });
    expect(rows.map((r) => [seedOf(r.playerId), r.rank])).toEqual([[6, 1], [1, 2], [3, 3], [2, 4], [4, 5], [5, 5], [7, 7], [8, 7]]);
    expect(rows.map((r) => [r.wins, r.losses])).toEqual([[6, 1], [3, 2], [2, 2], [2, 2], [1, 2], [1, 2], [0, 2], [0, 2]]);
  });

  it('with no grand final ranks the winners-bracket champion 1 and the losers-bracket champion 2', () => {
    const entrants = entrantsOf(4);
    const { sessions } = simulate(doubleElimination, { grand_final: 'none' }, planFor(4, 'none'), entrants, 3);
    expect(sessions).toHaveLength(5);
    const rows = doubleElimination.rank(sessions, entrants, { grand_final: 'none' });
    const winnersChampion = sessions.find((s) => s.phase === 'WINNERS' && s.round === 2)!.winnerId;
    const losersChampion = sessions.find((s) => s.phase === 'LOSERS' && s.round === 2)!.winnerId;
    expect(rows.slice(0, 2).map((r) => [r.playerId, r.rank])).toEqual([[winnersChampion, 1], [losersChampion, 2]]);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
  });

  it('ranks a simulated 1024-player bracket: one each of 1-4, then 2, 2, 4, 4, 8, 8, ... 256, 256 sharing 5, 7, 9, 13, ...', () => {
    const entrants = entrantsOf(1024);
    const { sessions } = simulate(doubleElimination, { grand_final: 'double' }, planFor(1024), entrants, 11);
    const rows = doubleElimination.rank(sessions, entrants, { grand_final: 'double' });
    const counts = new Map<number, number>();
    for (const r of rows) counts.set(r.rank, (counts.get(r.rank) ?? 0) + 1);
    expect([...counts]).toEqual([
      [1, 1], [2, 1], [3, 1], [4, 1], [5, 2], [7, 2], [9, 4], [13, 4], [17, 8], [25, 8], [33, 16], [49, 16], [65, 32], [97, 32],
      [129, 64], [193, 64], [257, 128], [385, 128], [513, 256], [769, 256],
    ]);
  });
});

/**
 * As the service records a result: the result, then walkovers where its targets now meet a
 * vacant place (a double forfeit sends nobody on).
 */
function record(sessions: Session[], key: number, winnerId: number | null, outcome: 'played' | 'walkover' = 'played'): void {
  const s = sessions[key];
  const score: [number, number] | null = outcome === 'walkover' ? null : winnerId === s.participants[0] ? [2, 0] : [0, 2];
  const changed = applyResult(sessions, key, winnerId, score, false, outcome).slice(1);
  if (winnerId === null) for (const link of [s.next, s.loserNext]) if (link !== null) changed.push(link.key);
  settleWalkovers(sessions, changed, () => false);
}

/** Plays every ready session, the better seed winning, until none is ready; adds the reset when due. */
function playOut(sessions: Session[], entrants: Entrant[], settings: { grand_final: GrandFinal }): void {
  for (;;) {
    const ready = sessions.find((s) => !s.resultSubmitted && s.participants[0] !== null && s.participants[1] !== null);
    if (ready === undefined) {
      const due = doubleElimination.nextSessions(sessions, entrants, settings);
      if (due.length === 0) return;
      sessions.push(...due);
      continue;
    }
    record(sessions, ready.key, Math.min(ready.participants[0]!, ready.participants[1]!));
  }
}

const places = (sessions: Session[], n: number, grandFinal: GrandFinal = 'double') =>
  doubleElimination.rank(sessions, entrantsOf(n), { grand_final: grandFinal }).map((r) => [seedOf(r.playerId), r.rank]);

describe('double_elimination: double forfeits', () => {
  it('in winners round 1: both are out at once, the waiting players win by walkover in both brackets, and they share last place', () => {
    const sessions = planFor(8);
    record(sessions, 0, null, 'walkover'); // 1 v 8: neither turns up
    playOut(sessions, entrantsOf(8), { grand_final: 'double' });
    // 4 reaches winners round 2 against the vacant place, 5 losers round 1: both by walkover.
    expect([sessions[4], sessions[7]].map((s) => [s.participants.map(seedOf), seedOf(s.winnerId), s.outcome])).toEqual([
      [[null, 4], 4, 'walkover'],
      [[null, 5], 5, 'walkover'],
    ]);
    expect(sessions.every((s) => s.resultSubmitted)).toBe(true);
    // Nobody is placed twice and nobody is left "still in": 1 and 8 share 7 with losers round 1's loser.
    expect(places(sessions, 8)).toEqual([[2, 1], [3, 2], [4, 3], [6, 4], [5, 5], [1, 7], [7, 7], [8, 7]]);
  });

  it('in the winners final: both out into the losers final\'s place, and the losers-bracket champion wins the grand final by walkover, with no reset', () => {
    const sessions = planFor(4);
    // 4 players: winners 1v4 (0), 2v3 (1), final (2); losers 3, 4; grand final 5.
    record(sessions, 0, idOf(1));
    record(sessions, 1, idOf(2));
    record(sessions, 2, null, 'walkover');
    playOut(sessions, entrantsOf(4), { grand_final: 'double' });
    expect(sessions.map((s) => [s.phase, s.participants.map(seedOf), seedOf(s.winnerId), s.outcome])).toEqual([
      ['WINNERS', [1, 4], 1, 'played'],
      ['WINNERS', [2, 3], 2, 'played'],
      ['WINNERS', [1, 2], null, 'walkover'],
      ['LOSERS', [4, 3], 3, 'played'],
      ['LOSERS', [null, 3], 3, 'walkover'],
      ['GRAND_FINAL', [null, 3], 3, 'walkover'],
    ]);
    expect(places(sessions, 4)).toEqual([[3, 1], [1, 3], [2, 3], [4, 4]]);
    // Without a final the losers-bracket champion is first: nobody won the winners bracket.
    const none = planFor(4, 'none');
    record(none, 0, idOf(1));
    record(none, 1, idOf(2));
    record(none, 2, null, 'walkover');
    playOut(none, entrantsOf(4), { grand_final: 'none' });
    expect(places(none, 4, 'none')).toEqual([[3, 1], [1, 3], [2, 3], [4, 4]]);
  });

  it('in the grand final or its reset: both finalists share 2 and nobody is first', () => {
    const first = planFor(4);
    playOut(first, entrantsOf(4), { grand_final: 'double' });
    // The better seed won everything, so the grand final (5) was 1 v 2 and 1 won it: replay it as a forfeit.
    const forfeited = planFor(4);
    for (const key of [0, 1, 2, 3, 4]) record(forfeited, key, first[key].winnerId);
    record(forfeited, 5, null, 'walkover');
    expect(doubleElimination.nextSessions(forfeited, entrantsOf(4), { grand_final: 'double' })).toEqual([]);
    expect(places(forfeited, 4)).toEqual([[1, 2], [2, 2], [3, 3], [4, 4]]);

    const reset = planFor(4);
    for (const key of [0, 1, 2, 3, 4]) record(reset, key, first[key].winnerId);
    record(reset, 5, idOf(2));
    reset.push(...doubleElimination.nextSessions(reset, entrantsOf(4), { grand_final: 'double' }));
    record(reset, 6, null, 'walkover');
    expect(places(reset, 4)).toEqual([[1, 2], [2, 2], [3, 3], [4, 4]]);
  });

  it('a walkover in the first grand final decides the event: no reset, the winner first', () => {
    const sessions = planFor(4);
    playOut(sessions, entrantsOf(4), { grand_final: 'single' });
    const walkover = planFor(4);
    for (const key of [0, 1, 2, 3, 4]) record(walkover, key, sessions[key].winnerId);
    record(walkover, 5, idOf(2), 'walkover');
    expect(doubleElimination.nextSessions(walkover, entrantsOf(4), { grand_final: 'double' })).toEqual([]);
    expect(places(walkover, 4)).toEqual([[2, 1], [1, 2], [3, 3], [4, 4]]);
  });
});

// Copies the sessions (deep enough for applyResult) and plays one more.
function applyAndCopy(sessions: readonly Session[], key: number, winnerSeed: number): [Session[]] {
  const copy = sessions.map((s) => ({ ...s, participants: [...s.participants] as [number | null, number | null] }));
  win(copy, key, winnerSeed);
  return [copy];
}

/** The bracket line of each seed, for the regions of the winners bracket. */
function linesOfSeeds(n: number): Map<number, number> {
  const order = seedOrder(bracketSize(n));
  const lines = new Map<number, number>();
  order.forEach((seed, line) => seed <= n && lines.set(idOf(seed), line));
  return lines;
}

/**
 * For every losers session, whether two players who can meet in it can have met in the winners
 * bracket: the players a winners session can hold come from a block of lines; a loser of one
 * winners session can have played a loser of another only if one block holds the other.
 */
function possibleRematchRounds(sessions: readonly Session[], n: number): number[] {
  const lineOf = linesOfSeeds(n);
  const lo = new Array<number>(sessions.length).fill(Infinity);
  const hi = new Array<number>(sessions.length).fill(-Infinity);
  const feeders: number[][][] = sessions.map(() => [[], []]);
  for (const s of sessions) {
    if (s.phase !== 'WINNERS') continue;
    for (const p of s.participants) {
      if (p === null) continue;
      lo[s.key] = Math.min(lo[s.key], lineOf.get(p)!);
      hi[s.key] = Math.max(hi[s.key], lineOf.get(p)!);
    }
    if (s.next !== null && sessions[s.next.key].phase === 'WINNERS') {
      lo[s.next.key] = Math.min(lo[s.next.key], lo[s.key]);
      hi[s.next.key] = Math.max(hi[s.next.key], hi[s.key]);
    }
  }
  const rounds: number[] = [];
  for (const s of sessions) {
    if (s.phase === 'WINNERS' && s.loserNext !== null) feeders[s.loserNext.key][s.loserNext.slot].push(s.key);
    if (s.phase !== 'LOSERS') continue;
    const [a, b] = feeders[s.key];
    const nested = (x: number, y: number) => lo[x] <= lo[y] && hi[y] <= hi[x];
    if (a.some((x) => b.some((y) => nested(x, y) || nested(y, x)))) rounds.push(s.round);
    if (s.next !== null) feeders[s.next.key][s.next.slot].push(...a, ...b);
  }
  return rounds;
}

describe('double elimination properties', () => {
  it('keeps players who met in the winners bracket apart in the losers bracket as long as any pattern can, for full brackets to 2048', () => {
    for (let k = 2; k <= 11; k++) {
      const n = 2 ** k;
      const rounds = possibleRematchRounds(planFor(n), n);
      // Never before the bound, and at the bound a meeting is possible: it is forced, not chosen.
      expect([k, Math.min(...rounds)]).toEqual([k, firstPossibleLosersRematch(k)]);
    }
  }, 60_000);

  it('for every N from 2 to 2000: one tree of links in each bracket, every slot fed once, 2N - 2 sessions (2N - 3 without a final)', () => {
    const grandFinals: GrandFinal[] = ['double', 'single', 'none'];
    const failures: string[] = [];
    for (let n = 2; n <= 2000; n++) {
      const grandFinal = grandFinals[n % 3];
      const plan = planFor(n, grandFinal);
      const expected = grandFinal === 'none' ? 2 * n - 3 : 2 * n - 2;
      if (plan.length !== expected) failures.push(`${n}: ${plan.length} sessions, expected ${expected}`);
      const problem = treeProblem(plan, grandFinal, n);
      if (problem !== null) failures.push(`${n} (${grandFinal}): ${problem}`);
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('plays to one champion: everyone else out after exactly two losses (their last session), the reset only when needed, no early losers rematch, places by losers round', () => {
    const playerCounts = fc.oneof(
      fc.constantFrom(2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 511, 512, 513, 1023, 1024, 1025, 2000),
      fc.integer({ min: 2, max: 2000 }),
    );
    fc.assert(
      fc.property(playerCounts, fc.constantFrom<GrandFinal>('double', 'single', 'none'), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n, grandFinal, seed) => {
        const entrants = entrantsOf(n);
        const plan = planFor(n, grandFinal);
        const planned = plan.length;
        const k = Math.log2(bracketSize(n));
        const { sessions } = simulate(doubleElimination, { grand_final: grandFinal }, plan, entrants, seed);
        expect(sessions.every((s) => s.resultSubmitted && s.winnerId !== null)).toBe(true);
        const final = sessions.find((s) => s.phase === 'GRAND_FINAL' && s.round === 1);
        const reset = sessions.find((s) => s.phase === 'GRAND_FINAL' && s.round === 2);
        expect(reset !== undefined).toBe(grandFinal === 'double' && final!.winnerId === final!.participants[1]);
        expect(sessions.length).toBe(planned + (reset ? 1 : 0));

        // Losses and each player's last session (keys grow along every path, so key order is play order).
        const losses = new Map<number, number>();
        const lastSession = new Map<number, Session>();
        const met = new Set<string>();
        const earlyRematches: string[] = [];
        for (const s of sessions) {
          const [a, b] = s.participants as [number, number];
          const loser = s.winnerId === a ? b : a;
          losses.set(loser, (losses.get(loser) ?? 0) + 1);
          lastSession.set(a, s);
          lastSession.set(b, s);
          const pair = a < b ? `${a} ${b}` : `${b} ${a}`;
          if (s.phase === 'LOSERS' && s.round < firstPossibleLosersRematch(k) && met.has(pair)) earlyRematches.push(`${pair} in round ${s.round}`);
          met.add(pair);
        }
        expect(earlyRematches).toEqual([]);

        const rows = doubleElimination.rank(sessions, entrants, { grand_final: grandFinal });
        expect(rows).toHaveLength(n);
        expect([rows[0].rank, rows[1].rank]).toEqual([1, 2]);
        const [champion, runnerUp] = [rows[0].playerId, rows[1].playerId];
        expect(losses.get(champion) ?? 0).toBeLessThanOrEqual(grandFinal === 'none' ? 0 : 1);
        expect(lastSession.get(champion)!.winnerId).toBe(champion);
        // With one final (or none) the runner-up may leave after one loss; everyone else after two.
        const outOfTurn = entrants.filter((e) => {
          if (e.playerId === champion || (e.playerId === runnerUp && grandFinal !== 'double')) return false;
          return losses.get(e.playerId) !== 2 || lastSession.get(e.playerId)!.winnerId === e.playerId;
        });
        expect(outOfTurn).toEqual([]);

        // Players out in the same losers round share a place; later rounds place better.
        const rankOf = new Map(rows.map((r) => [r.playerId, r.rank]));
        const placesByRound = new Map<number, Set<number>>();
        for (const s of sessions) {
          if (s.phase !== 'LOSERS') continue;
          const loser = s.winnerId === s.participants[0] ? s.participants[1]! : s.participants[0]!;
          if (!placesByRound.has(s.round)) placesByRound.set(s.round, new Set());
          placesByRound.get(s.round)!.add(rankOf.get(loser)!);
        }
        const places = [...placesByRound].sort((x, y) => x[0] - y[0]).map(([, set]) => [...set]);
        expect(places.every((set) => set.length === 1)).toBe(true);
        expect(places.every((set, i) => i === 0 || places[i - 1][0] > set[0])).toBe(true);
        if (n === 2 ** k) {
          // In a full bracket each place is 1 + the number of players placed better.
          expect(rows.every((r, i) => r.rank === (i > 0 && rows[i - 1].rank === r.rank ? rows[i - 1].rank : i + 1))).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('keeps players who met apart also with byes (sampled fields)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 2000 }), (n) => {
        const k = Math.log2(bracketSize(n));
        const rounds = possibleRematchRounds(planFor(n), n);
        expect(rounds.every((r) => r >= firstPossibleLosersRematch(k))).toBe(true);
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('simulates identically for the same seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n, seed) => {
        const run = () => simulate(doubleElimination, { grand_final: 'double' }, planFor(n), entrantsOf(n), seed).sessions;
        expect(JSON.stringify(run())).toBe(JSON.stringify(run()));
      }),
      { numRuns: 20 },
    );
  });
});

/**
 * Each bracket's next links form one tree: every session but the bracket's last has a next within
 * its bracket (the last goes to the grand final), links go forward, and every slot is fed once:
 * by a player placed at the start or by exactly one link. Returns the first problem, or null.
 */
function treeProblem(sessions: readonly Session[], grandFinal: GrandFinal, n: number): string | null {
  const feeds = new Uint8Array(sessions.length * 2);
  const roots = new Map<string, number>();
  for (let i = 0; i < sessions.length; i++) {
    const s = sessions[i];
    if (s.key !== i) return `key ${s.key} at index ${i}`;
    if (s.participants[0] !== null) feeds[i * 2]++;
    if (s.participants[1] !== null) feeds[i * 2 + 1]++;
    for (const link of [s.next, s.loserNext]) {
      if (link === null) continue;
      if (link.key <= s.key) return `session ${s.key} links back to ${link.key}`;
      feeds[link.key * 2 + link.slot]++;
    }
    if (s.next === null || sessions[s.next.key].phase !== s.phase) roots.set(s.phase, (roots.get(s.phase) ?? 0) + 1);
    if (s.phase === 'WINNERS') {
      // Every winners loser drops somewhere, but with 2 players and no final.
      const dropsTo = s.loserNext === null ? null : sessions[s.loserNext.key].phase;
      const expected = n === 2 ? (grandFinal === 'none' ? null : 'GRAND_FINAL') : 'LOSERS';
      if (dropsTo !== expected) return `winners session ${s.key} drops its loser to ${dropsTo}`;
    } else if (s.loserNext !== null) {
      return `${s.phase} session ${s.key} has a loser link`;
    }
  }
  const unfed = feeds.findIndex((f) => f !== 1);
  if (unfed >= 0) return `slot ${unfed % 2} of session ${Math.floor(unfed / 2)} is fed ${feeds[unfed]} times`;
  const expectedRoots = [['WINNERS', 1]];
  if (n > 2) expectedRoots.push(['LOSERS', 1]);
  if (grandFinal !== 'none') expectedRoots.push(['GRAND_FINAL', 1]);
  if (JSON.stringify([...roots]) !== JSON.stringify(expectedRoots)) return `bracket ends ${JSON.stringify([...roots])}`;
  return null;
}
