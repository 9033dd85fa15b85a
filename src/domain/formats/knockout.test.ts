import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ValidationError } from '../errors.ts';
import { applyResult } from '../progression.ts';
import { simulate } from '../simulation.ts';
import type { Entrant, Session } from './format.ts';
import { knockout, knockoutRanks, planBracket, PLAYOFF_MATCH_NUMBER } from './knockout.ts';

// Player ids differ from seeds so a mix-up between the two shows.
const idOf = (seed: number): number => 10_000 + seed;
const seedOf = (id: number | null): number | null => (id === null ? null : id - 10_000);

function entrantsOf(n: number): Entrant[] {
  return Array.from({ length: n }, (_, i) => ({ playerId: idOf(i + 1), seed: i + 1 }));
}

function planFor(n: number, settings: Record<string, unknown> = {}): Session[] {
  return knockout.plan(entrantsOf(n), knockout.validate(n, settings));
}

function seedsIn(s: Session): [number | null, number | null] {
  return [seedOf(s.participants[0]), seedOf(s.participants[1])];
}

// Match number 999 alone is not the playoff: round 1 of a 2048+ bracket has a match 999 too.
function isPlayoff(s: Session, sessions: readonly Session[]): boolean {
  return s.matchNumber === PLAYOFF_MATCH_NUMBER && s.next === null && s.round === sessions[sessions.length - 1].round;
}

function roundCounts(sessions: readonly Session[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const s of sessions) if (!isPlayoff(s, sessions)) counts[s.round] = (counts[s.round] ?? 0) + 1;
  return counts;
}

function rankCounts(ranks: Iterable<number>): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of ranks) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

function simulated(n: number, seed: number, settings: Record<string, unknown> = {}) {
  const entrants = entrantsOf(n);
  const parsed = knockout.validate(n, settings);
  const { sessions } = simulate(knockout, parsed, knockout.plan(entrants, parsed), entrants, seed);
  return { sessions, rows: knockout.rank(sessions, entrants, parsed) };
}

/** Plays a session with a chosen winner by seed, 2-0 or 0-2. */
function win(sessions: Session[], key: number, winnerSeed: number): void {
  const s = sessions[key];
  const [a] = s.participants;
  const winnerId = idOf(winnerSeed);
  applyResult(sessions, key, winnerId, winnerId === a ? [2, 0] : [0, 2], false);
}

/** The expected number of players at each rank, from the bracket shape alone. */
function expectedRankCounts(n: number, playoff: boolean): Record<number, number> {
  let size = 1;
  while (size < n) size *= 2;
  const rounds = Math.log2(size);
  const counts: Record<number, number> = { 1: 1, 2: 1 };
  if (n >= 3) {
    if (playoff && n >= 4) Object.assign(counts, { 3: 1, 4: 1 });
    else counts[3] = n === 3 ? 1 : 2;
  }
  for (let r = rounds - 2; r >= 1; r--) counts[size / 2 ** r + 1] = r === 1 ? n - size / 2 : size / 2 ** r;
  return counts;
}

describe('knockout.validate', () => {
  it('applies the default and reads third_place_playoff', () => {
    expect(knockout.validate(8, {})).toEqual({ third_place_playoff: true, separate_clubs: false });
    expect(knockout.validate(8, { third_place_playoff: false })).toEqual({ third_place_playoff: false, separate_clubs: false });
    expect(knockout.validate(2, { third_place_playoff: true, separate_clubs: true })).toEqual({ third_place_playoff: true, separate_clubs: true });
    expect(knockout.validate(1_048_576, {})).toEqual({ third_place_playoff: true, separate_clubs: false });
  });

  it('accepts its own output again, so stored settings can be validated later', () => {
    for (const raw of [{}, { third_place_playoff: false }]) {
      const parsed = knockout.validate(16, raw);
      expect(knockout.validate(16, { ...parsed })).toEqual(parsed);
    }
  });

  it.each([1, 0, -4, 1_048_577, 2.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s players', (count) => {
    const error = captureError(() => knockout.validate(count, {}));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.field).toBe('player_count');
    expect(error.message).toBe('player_count: must be an integer from 2 to 1048576 for knockout');
  });

  it('rejects an unknown setting by name', () => {
    const error = captureError(() => knockout.validate(8, { group_size: 4 }));
    expect(error.field).toBe('settings.group_size');
    expect(error.message).toBe('settings.group_size: unknown setting for knockout; allowed: third_place_playoff, separate_clubs');
    expect(error.details).toEqual({ field: 'settings.group_size', reason: 'unknown setting for knockout; allowed: third_place_playoff, separate_clubs' });
  });

  it.each(['yes', 1, null, 0])('rejects third_place_playoff = %s', (value) => {
    const error = captureError(() => knockout.validate(8, { third_place_playoff: value }));
    expect(error.field).toBe('settings.third_place_playoff');
    expect(error.message).toBe('settings.third_place_playoff: must be a boolean');
  });

  it('describes its format and its settings', () => {
    expect([knockout.name, knockout.minPlayers, knockout.maxPlayers, knockout.allowsDraws]).toEqual(['knockout', 2, 1_048_576, false]);
    expect(knockout.settings.map((s) => [s.name, s.type, s.default])).toEqual([['third_place_playoff', 'boolean', true], ['separate_clubs', 'boolean', false]]);
  });

  it('refuses to plan fewer than two entrants', () => {
    expect(() => knockout.plan(entrantsOf(1), { third_place_playoff: true })).toThrow(ValidationError);
  });
});

describe('knockout.plan', () => {
  it('pairs 16 players 1-16, 8-9, 4-13, 5-12, 2-15, 7-10, 3-14, 6-11 with the better seed in slot 0', () => {
    const sessions = planFor(16);
    const first = sessions.filter((s) => s.round === 1);
    expect(first.map(seedsIn)).toEqual([[1, 16], [8, 9], [4, 13], [5, 12], [2, 15], [7, 10], [3, 14], [6, 11]]);
    expect(first.map((s) => s.matchNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(roundCounts(sessions)).toEqual({ 1: 8, 2: 4, 3: 2, 4: 1 });
    expect(sessions).toHaveLength(16);
  });

  it('builds 2 players into a single final without a playoff', () => {
    for (const settings of [{}, { third_place_playoff: true }, { third_place_playoff: false }]) {
      expect(planFor(2, settings)).toEqual([
        {
          key: 0,
          phase: 'KNOCKOUT',
          round: 1,
          matchNumber: 1,
          group: null,
          participants: [idOf(1), idOf(2)],
          winnerId: null,
          score: null,
          resultSubmitted: false,
          outcome: null,
          next: null,
          loserNext: null,
        },
      ]);
    }
  });

  it('gives seed 1 a bye with 3 players and never a playoff', () => {
    const sessions = planFor(3);
    expect(sessions.map((s) => [s.key, s.round, s.matchNumber, seedsIn(s), s.next, s.loserNext])).toEqual([
      [0, 1, 1, [2, 3], { key: 1, slot: 1 }, null],
      [1, 2, 1, [1, null], null, null],
    ]);
  });

  it('adds the playoff from 4 players, fed by semi 1 into slot 0 and semi 2 into slot 1', () => {
    const sessions = planFor(4);
    expect(sessions.map((s) => [s.key, s.round, s.matchNumber, seedsIn(s), s.next, s.loserNext])).toEqual([
      [0, 1, 1, [1, 4], { key: 2, slot: 0 }, { key: 3, slot: 0 }],
      [1, 1, 2, [2, 3], { key: 2, slot: 1 }, { key: 3, slot: 1 }],
      [2, 2, 1, [null, null], null, null],
      [3, 2, 999, [null, null], null, null],
    ]);
    expect(planFor(4, { third_place_playoff: false }).map((s) => [s.key, s.matchNumber, s.loserNext])).toEqual([
      [0, 1, null],
      [1, 2, null],
      [2, 1, null],
    ]);
  });

  it('places 5 players with byes for seeds 1, 2 and 3 straight into round 2', () => {
    const sessions = planFor(5);
    expect(sessions.map((s) => [s.key, s.round, s.matchNumber, seedsIn(s), s.next, s.loserNext])).toEqual([
      [0, 1, 1, [4, 5], { key: 1, slot: 1 }, null],
      [1, 2, 1, [1, null], { key: 3, slot: 0 }, { key: 4, slot: 0 }],
      [2, 2, 2, [2, 3], { key: 3, slot: 1 }, { key: 4, slot: 1 }],
      [3, 3, 1, [null, null], null, null],
      [4, 3, 999, [null, null], null, null],
    ]);
  });

  it('gives only seed 1 a bye with 7 players', () => {
    const sessions = planFor(7);
    expect(sessions.filter((s) => s.round === 1).map((s) => [s.matchNumber, seedsIn(s), s.next])).toEqual([
      [1, [4, 5], { key: 3, slot: 1 }],
      [2, [2, 7], { key: 4, slot: 0 }],
      [3, [3, 6], { key: 4, slot: 1 }],
    ]);
    expect(sessions.filter((s) => s.round === 2).map(seedsIn)).toEqual([[1, null], [null, null]]);
    expect(sessions).toHaveLength(7);
  });

  it('plays all 8 players in round 1 and keys rounds in order', () => {
    const sessions = planFor(8);
    expect(sessions.map((s) => [s.key, s.round, s.matchNumber])).toEqual([
      [0, 1, 1], [1, 1, 2], [2, 1, 3], [3, 1, 4], [4, 2, 1], [5, 2, 2], [6, 3, 1], [7, 3, 999],
    ]);
    expect(sessions.filter((s) => s.round === 1).map(seedsIn)).toEqual([[1, 8], [4, 5], [2, 7], [3, 6]]);
    expect(sessions.map((s) => s.next)).toEqual([
      { key: 4, slot: 0 }, { key: 4, slot: 1 }, { key: 5, slot: 0 }, { key: 5, slot: 1 },
      { key: 6, slot: 0 }, { key: 6, slot: 1 }, null, null,
    ]);
  });

  it('gives seeds 1-4 byes with 12 players', () => {
    const sessions = planFor(12);
    expect(sessions.filter((s) => s.round === 1).map((s) => [s.key, seedsIn(s), s.next])).toEqual([
      [0, [8, 9], { key: 4, slot: 1 }],
      [1, [5, 12], { key: 5, slot: 1 }],
      [2, [7, 10], { key: 6, slot: 1 }],
      [3, [6, 11], { key: 7, slot: 1 }],
    ]);
    expect(sessions.filter((s) => s.round === 2).map(seedsIn)).toEqual([[1, null], [4, null], [2, null], [3, null]]);
    expect(roundCounts(sessions)).toEqual({ 1: 4, 2: 4, 3: 2, 4: 1 });
    expect(sessions).toHaveLength(12);
  });

  it('plans 100 players as 36 round-1 sessions with byes for seeds 1-28', () => {
    const sessions = planFor(100);
    expect(roundCounts(sessions)).toEqual({ 1: 36, 2: 32, 3: 16, 4: 8, 5: 4, 6: 2, 7: 1 });
    expect(firstRoundOf(sessions, 28)).toBe(2);
    expect(firstRoundOf(sessions, 29)).toBe(1);
    expect(sessions).toHaveLength(100);
  });

  it('plans 1000 players with 488 round-1 sessions; seeds 1-24 start in round 2', () => {
    const sessions = planFor(1000);
    expect(roundCounts(sessions)).toEqual({ 1: 488, 2: 256, 3: 128, 4: 64, 5: 32, 6: 16, 7: 8, 8: 4, 9: 2, 10: 1 });
    const firstRounds = firstRounds1ToN(sessions, 1000);
    expect(firstRounds.slice(0, 24).every((r) => r === 2)).toBe(true);
    expect(firstRounds.slice(24).every((r) => r === 1)).toBe(true);
    expect(sessions.filter((s) => s.round === 1).map((s) => s.matchNumber)).toEqual(Array.from({ length: 488 }, (_, i) => i + 1));
    expect(sessions).toHaveLength(1000);
  });

  it('plans 1024 players as 10 rounds of 512..1 plus playoff 999: 1024 sessions keyed 0..1023', () => {
    const sessions = planFor(1024);
    expect(roundCounts(sessions)).toEqual({ 1: 512, 2: 256, 3: 128, 4: 64, 5: 32, 6: 16, 7: 8, 8: 4, 9: 2, 10: 1 });
    expect(sessions.map((s) => s.key)).toEqual(Array.from({ length: 1024 }, (_, i) => i));
    const playoff = sessions.filter((s) => s.matchNumber === 999);
    expect(playoff.map((s) => [s.key, s.round])).toEqual([[1023, 10]]);
    expect(sessions.filter((s) => s.loserNext !== null).map((s) => [s.round, s.matchNumber, s.loserNext])).toEqual([
      [9, 1, { key: 1023, slot: 0 }],
      [9, 2, { key: 1023, slot: 1 }],
    ]);
  });

  it('keeps seeds 1 and 2 apart until the final', () => {
    for (const n of [4, 5, 16, 100, 1000]) {
      const sessions = planFor(n);
      const path1 = pathOf(sessions, idOf(1));
      const path2 = pathOf(sessions, idOf(2));
      const shared = path1.filter((k) => path2.includes(k));
      expect(shared).toEqual([sessions.find((s) => s.next === null && s.matchNumber === 1)!.key]);
    }
  });

  it('returns no further sessions, ever', () => {
    const { sessions } = simulated(8, 1);
    expect(knockout.nextSessions(planFor(8), entrantsOf(8), { third_place_playoff: true })).toEqual([]);
    expect(knockout.nextSessions(sessions, entrantsOf(8), { third_place_playoff: true })).toEqual([]);
  });
});

describe('planBracket', () => {
  it('starts keys at firstKey and rounds after roundOffset, in the given phase', () => {
    const sessions = planBracket([1, 2, 3, 4], { thirdPlacePlayoff: true, firstKey: 10, roundOffset: 3 });
    expect(sessions.map((s) => [s.key, s.phase, s.round, s.matchNumber, s.participants, s.next, s.loserNext])).toEqual([
      [10, 'KNOCKOUT', 4, 1, [1, 2], { key: 12, slot: 0 }, { key: 13, slot: 0 }],
      [11, 'KNOCKOUT', 4, 2, [3, 4], { key: 12, slot: 1 }, { key: 13, slot: 1 }],
      [12, 'KNOCKOUT', 5, 1, [null, null], null, null],
      [13, 'KNOCKOUT', 5, 999, [null, null], null, null],
    ]);
  });

  it('puts a bye player in the round-2 slot of its pair, whichever line it is on', () => {
    const sessions = planBracket([null, 7, 8, 9, 5, null, null, 6], { thirdPlacePlayoff: false, phase: 'GROUP' });
    expect(sessions.map((s) => [s.key, s.phase, s.round, s.matchNumber, s.participants, s.next])).toEqual([
      [0, 'GROUP', 1, 1, [8, 9], { key: 1, slot: 1 }],
      [1, 'GROUP', 2, 1, [7, null], { key: 3, slot: 0 }],
      [2, 'GROUP', 2, 2, [5, 6], { key: 3, slot: 1 }],
      [3, 'GROUP', 3, 1, [null, null], null],
    ]);
  });

  it('makes no playoff when a semi-final is a bye', () => {
    expect(planBracket([1, null, 2, 3], { thirdPlacePlayoff: true }).map((s) => s.matchNumber)).toEqual([1, 1]);
  });

  it.each([
    [[], 'a bracket needs a power-of-two number of lines >= 2, got 0'],
    [[1], 'a bracket needs a power-of-two number of lines >= 2, got 1'],
    [[1, 2, 3], 'a bracket needs a power-of-two number of lines >= 2, got 3'],
    [[1, 2, null, null], 'bracket lines 2 and 3 are both empty'],
    [[1, null], 'a 2-line bracket needs two players'],
  ])('rejects lines %j', (lines, message) => {
    expect(() => planBracket(lines, { thirdPlacePlayoff: true })).toThrow(new RangeError(message));
  });
});

describe('knockout.rank', () => {
  it('ranks 4 players from chosen results with points, wins and scores', () => {
    const entrants = entrantsOf(4);
    const sessions = planFor(4);
    win(sessions, 0, 1);
    win(sessions, 1, 3);
    win(sessions, 2, 3);
    win(sessions, 3, 4);
    expect(knockout.rank(sessions, entrants, { third_place_playoff: true })).toEqual([
      { playerId: idOf(3), rank: 1, points: 6, wins: 2, draws: 0, losses: 0, scoreFor: 4, scoreAgainst: 0 },
      { playerId: idOf(1), rank: 2, points: 3, wins: 1, draws: 0, losses: 1, scoreFor: 2, scoreAgainst: 2 },
      { playerId: idOf(4), rank: 3, points: 3, wins: 1, draws: 0, losses: 1, scoreFor: 2, scoreAgainst: 2 },
      { playerId: idOf(2), rank: 4, points: 0, wins: 0, draws: 0, losses: 2, scoreFor: 0, scoreAgainst: 4 },
    ]);
  });

  it('ranks 3 players 1, 2, 3 with no playoff', () => {
    const { sessions, rows } = simulated(3, 7);
    expect(sessions).toHaveLength(2);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3]);
  });

  it('lets both semi-final losers share 3 when third_place_playoff is false, sorted by seed', () => {
    const entrants = entrantsOf(8);
    const sessions = planFor(8, { third_place_playoff: false });
    for (const [key, winner] of [[0, 1], [1, 5], [2, 7], [3, 3], [4, 5], [5, 3], [6, 3]]) win(sessions, key, winner);
    const rows = knockout.rank(sessions, entrants, { third_place_playoff: false });
    expect(rows.map((r) => [seedOf(r.playerId), r.rank])).toEqual([
      [3, 1], [5, 2], [1, 3], [7, 3], [2, 5], [4, 5], [6, 5], [8, 5],
    ]);
  });

  it('ranks a simulated 1024 bracket: one each of 1-4, four 5s, eight 9s ... 512 of 513', () => {
    const { rows } = simulated(1024, 2024);
    expect(rows).toHaveLength(1024);
    expect(rankCounts(rows.map((r) => r.rank))).toEqual({
      1: 1, 2: 1, 3: 1, 4: 1, 5: 4, 9: 8, 17: 16, 33: 32, 65: 64, 129: 128, 257: 256, 513: 512,
    });
    const champion = rows[0];
    expect([champion.rank, champion.wins, champion.losses, champion.points]).toEqual([1, 10, 0, 30]);
    expect(rows.filter((r) => r.rank === 513).every((r) => r.wins === 0 && r.losses === 1 && r.points === 0)).toBe(true);
  });

  it('ranks a player out in round 2 after a bye with the round-2 losers', () => {
    const entrants = entrantsOf(12);
    const sessions = planFor(12);
    // Seed 9 beats seed 8 in round 1, then beats seed 1 (who had a bye) in round 2.
    win(sessions, 0, 9);
    win(sessions, 4, 9);
    const ranks = knockoutRanks(sessions);
    expect(ranks.get(idOf(1))).toBe(5);
    expect(ranks.get(idOf(8))).toBe(9);
    expect(ranks.get(idOf(9))).toBe(1);
  });

  it('ranks 1000 simulated players with byes: 488 share 513, 256 share 257', () => {
    const { rows } = simulated(1000, 5);
    expect(rankCounts(rows.map((r) => r.rank))).toEqual({
      1: 1, 2: 1, 3: 1, 4: 1, 5: 4, 9: 8, 17: 16, 33: 32, 65: 64, 129: 128, 257: 256, 513: 488,
    });
  });

  it('sorts entrants given out of seed order by rank then seed', () => {
    const entrants = entrantsOf(4).reverse();
    const sessions = planFor(4, { third_place_playoff: false });
    win(sessions, 0, 1);
    win(sessions, 1, 2);
    win(sessions, 2, 1);
    expect(knockout.rank(sessions, entrants, { third_place_playoff: false }).map((r) => [seedOf(r.playerId), r.rank])).toEqual([
      [1, 1], [2, 2], [3, 3], [4, 3],
    ]);
  });

  it('ranks the same whether player ids are one dense block or scattered', () => {
    const dense = simulated(100, 31);
    const scatter = (id: number | null) => (id === null ? null : (id - 10_000) * 1_000_003);
    const sessions = dense.sessions.map((s) => ({
      ...s,
      participants: [scatter(s.participants[0]), scatter(s.participants[1])] as [number | null, number | null],
      winnerId: scatter(s.winnerId),
    }));
    const entrants = entrantsOf(100).map((e) => ({ ...e, playerId: scatter(e.playerId)! }));
    const rows = knockout.rank(sessions, entrants, { third_place_playoff: true });
    expect(rows).toEqual(dense.rows.map((r) => ({ ...r, playerId: scatter(r.playerId) })));
    expect(rows[0].playerId).toBe(scatter(dense.rows[0].playerId));
  });

  it('puts an entrant the bracket never saw last', () => {
    const sessions = planFor(2);
    win(sessions, 0, 2);
    const entrants = [...entrantsOf(2), { playerId: 99, seed: 3 }];
    expect(knockout.rank(sessions, entrants, { third_place_playoff: true }).map((r) => [r.playerId, r.rank])).toEqual([
      [idOf(2), 1], [idOf(1), 2], [99, 3],
    ]);
  });
});

describe('knockoutRanks', () => {
  it('gives players still in a share of 1 mid-tournament', () => {
    const sessions = planFor(8);
    for (const [key, winner] of [[0, 1], [1, 5], [2, 2], [3, 6]]) win(sessions, key, winner);
    expect([...knockoutRanks(sessions)].sort((x, y) => x[0] - y[0]).map(([id, r]) => [seedOf(id), r])).toEqual([
      [1, 1], [2, 1], [3, 5], [4, 5], [5, 1], [6, 1], [7, 5], [8, 5],
    ]);
  });

  it('leaves the semi-final losers at 3 until the playoff is played, then 3 and 4', () => {
    const sessions = planFor(4);
    win(sessions, 0, 1);
    win(sessions, 1, 2);
    win(sessions, 2, 2);
    expect(ranksBySeed(sessions)).toEqual([[1, 2], [2, 1], [3, 3], [4, 3]]);
    win(sessions, 3, 3);
    expect(ranksBySeed(sessions)).toEqual([[1, 2], [2, 1], [3, 3], [4, 4]]);
  });

  it('works on a bracket with offset keys and rounds', () => {
    const sessions = planBracket([1, 2, 3, 4], { thirdPlacePlayoff: true, firstKey: 5, roundOffset: 2 });
    const byKey: Session[] = [];
    for (const s of sessions) byKey[s.key] = s;
    applyResult(byKey, 5, 2, [0, 1], false);
    applyResult(byKey, 6, 3, [1, 0], false);
    applyResult(byKey, 7, 3, [0, 1], false);
    expect(byKey[8].participants).toEqual([1, 4]);
    applyResult(byKey, 8, 4, [0, 1], false);
    expect([...knockoutRanks(sessions)].sort((x, y) => x[0] - y[0])).toEqual([[1, 4], [2, 2], [3, 1], [4, 3]]);
  });
});

// Generous: these take about a second alone, but share two cores with everything else in CI.
const PROPERTY_TIMEOUT_MS = 60_000;

describe('knockout properties for 2..5000 players', () => {
  const playerCounts = fc.oneof(
    fc.constantFrom(2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 4095, 4096, 4097, 5000),
    fc.integer({ min: 2, max: 5000 }),
  );

  it('plans a tree: one next per session but the final and playoff, every later slot fed exactly once', () => {
    fc.assert(
      fc.property(playerCounts, fc.boolean(), (n, playoffWanted) => {
        const sessions = planFor(n, { third_place_playoff: playoffWanted });
        const hasPlayoff = playoffWanted && n >= 4;
        expect(sessions).toHaveLength(n - 1 + (hasPlayoff ? 1 : 0));
        expect(sessions.every((s, i) => s.key === i)).toBe(true);

        const final = sessions.filter((s) => s.matchNumber === 1 && s.next === null);
        const playoff = sessions.filter((s) => isPlayoff(s, sessions));
        expect(final).toHaveLength(1);
        expect(playoff).toHaveLength(hasPlayoff ? 1 : 0);
        expect(sessions.filter((s) => s.next === null)).toHaveLength(hasPlayoff ? 2 : 1);

        // Feeds per slot (key * 2 + slot): a link from an earlier session or a player placed by a bye.
        const feeds = new Array<number>(sessions.length * 2).fill(0);
        const badLinks: number[] = [];
        for (const s of sessions) {
          if (s.next !== null) {
            if (sessions[s.next.key].round !== s.round + 1) badLinks.push(s.key);
            feeds[s.next.key * 2 + s.next.slot]++;
          }
          if (s.loserNext !== null) {
            if (!isPlayoff(sessions[s.loserNext.key], sessions)) badLinks.push(s.key);
            feeds[s.loserNext.key * 2 + s.loserNext.slot]++;
          }
          if (s.round >= 2) s.participants.forEach((p, slot) => p !== null && feeds[s.key * 2 + slot]++);
        }
        expect(badLinks).toEqual([]);
        const badFeeds = sessions.filter((s) => {
          const want = s.round === 1 ? 0 : 1;
          return feeds[s.key * 2] !== want || feeds[s.key * 2 + 1] !== want;
        });
        expect(badFeeds).toEqual([]);
        expect(final[0].round).toBe(Math.max(...sessions.map((s) => s.round)));

        // Following next from any session ends at the final within log2 steps: no cycles, one root.
        const strays = sessions.filter((s) => {
          let at: Session = s;
          for (let steps = 0; at.next !== null && steps <= 32; steps++) at = sessions[at.next.key];
          return at.key !== (s === playoff[0] ? s.key : final[0].key);
        });
        expect(strays).toEqual([]);

        // Match numbers run 1..count in every round, in key order.
        const lastNumber = new Map<number, number>();
        const gaps = sessions.filter((s) => {
          if (isPlayoff(s, sessions)) return false;
          const expected = (lastNumber.get(s.round) ?? 0) + 1;
          lastNumber.set(s.round, s.matchNumber);
          return s.matchNumber !== expected;
        });
        expect(gaps).toEqual([]);
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('places every player exactly once, in their first session', () => {
    fc.assert(
      fc.property(playerCounts, (n) => {
        const sessions = planFor(n);
        const seen = sessions.flatMap((s) => s.participants.filter((p): p is number => p !== null));
        expect(seen).toHaveLength(n);
        expect(new Set(seen).size).toBe(n);
        expect(Math.min(...seen)).toBe(idOf(1));
        expect(Math.max(...seen)).toBe(idOf(n));
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('simulates to one champion and N rows ranked by the round each player went out', () => {
    fc.assert(
      fc.property(playerCounts, fc.boolean(), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n, playoff, seed) => {
        const { sessions, rows } = simulated(n, seed, { third_place_playoff: playoff });
        expect(sessions.every((s) => s.resultSubmitted && s.winnerId !== null)).toBe(true);
        expect(rows).toHaveLength(n);
        expect(rows.filter((r) => r.rank === 1)).toHaveLength(1);
        expect(rankCounts(rows.map((r) => r.rank))).toEqual(expectedRankCounts(n, playoff));
        expect(rows.reduce((sum, r) => sum + r.wins, 0)).toBe(sessions.length);
        expect(rows.every((r, i) => i === 0 || rows[i - 1].rank <= r.rank)).toBe(true);
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('simulates identically for the same seed', () => {
    fc.assert(
      fc.property(playerCounts, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n, seed) => {
        expect(JSON.stringify(simulated(n, seed))).toBe(JSON.stringify(simulated(n, seed)));
      }),
      { numRuns: 50 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

function captureError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

function firstRoundOf(sessions: readonly Session[], seed: number): number {
  return sessions.find((s) => s.participants.includes(idOf(seed)))!.round;
}

function firstRounds1ToN(sessions: readonly Session[], n: number): number[] {
  const rounds: number[] = new Array(n).fill(0);
  for (const s of sessions) for (const p of s.participants) if (p !== null && rounds[p - idOf(1)] === 0) rounds[p - idOf(1)] = s.round;
  return rounds;
}

/** Keys from a player's first session to the final, following next links. */
function pathOf(sessions: readonly Session[], playerId: number): number[] {
  let at: Session | undefined = sessions.find((s) => s.participants.includes(playerId));
  const path: number[] = [];
  while (at !== undefined) {
    path.push(at.key);
    at = at.next === null ? undefined : sessions[at.next.key];
  }
  return path;
}

function ranksBySeed(sessions: readonly Session[]): [number | null, number][] {
  return [...knockoutRanks(sessions)].sort((x, y) => x[0] - y[0]).map(([id, r]) => [seedOf(id), r]);
}
