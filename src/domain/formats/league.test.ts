import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import type { Entrant, Session } from './format.ts';
import { league, type LeagueSettings } from './league.ts';

// Player ids are ten times the seed, so a table reads in seed numbers.
const field = (n: number): Entrant[] => Array.from({ length: n }, (_, i) => ({ playerId: (i + 1) * 10, seed: i + 1 }));

function rounds(sessions: readonly Session[]): string[] {
  const out: string[][] = [];
  for (const s of sessions) {
    (out[s.round - 1] ??= []).push(`${s.participants[0]! / 10}-${s.participants[1]! / 10}`);
  }
  return out.map((r) => r.join(' '));
}

function result(key: number, round: number, a: number, b: number, sa: number, sb: number): Session {
  return {
    key,
    phase: 'LEAGUE',
    round,
    matchNumber: 1,
    group: null,
    participants: [a, b],
    winnerId: sa > sb ? a : sb > sa ? b : null,
    score: [sa, sb],
    resultSubmitted: true,
    outcome: 'played',
    next: null,
    loserNext: null,
  };
}

/** Ranking as "id:rank" in row order, from results written as [a, b, scoreA, scoreB]. */
function ranking(games: [number, number, number, number][], players: number, settings: Record<string, unknown> = {}): string[] {
  const entrants = field(players);
  const parsed = league.validate(players, settings);
  const sessions = games.map(([a, b, sa, sb], k) => result(k, 1, a, b, sa, sb));
  return league.rank(sessions, entrants, parsed).map((r) => `${r.playerId}:${r.rank}`);
}

const defaults: LeagueSettings = league.validate(2, {});

describe('league plan: FIDE Berger tables', () => {
  it('pairs 4 players round by round, first named at home', () => {
    expect(rounds(league.plan(field(4), defaults))).toEqual(['1-4 2-3', '4-3 1-2', '2-4 3-1']);
  });

  it('pairs 6 players round by round, first named at home', () => {
    expect(rounds(league.plan(field(6), defaults))).toEqual([
      '1-6 2-5 3-4',
      '6-4 5-3 1-2',
      '2-6 3-1 4-5',
      '6-5 1-4 2-3',
      '3-6 4-2 5-1',
    ]);
  });

  it('pairs 8 players round by round, first named at home', () => {
    expect(rounds(league.plan(field(8), defaults))).toEqual([
      '1-8 2-7 3-6 4-5',
      '8-5 6-4 7-3 1-2',
      '2-8 3-1 4-7 5-6',
      '8-6 7-5 1-4 2-3',
      '3-8 4-2 5-1 6-7',
      '8-7 1-6 2-5 3-4',
      '4-8 5-3 6-2 7-1',
    ]);
  });

  it('makes the highest number the bye in an odd field, and a bye is no session', () => {
    expect(rounds(league.plan(field(5), defaults))).toEqual(['2-5 3-4', '5-3 1-2', '3-1 4-5', '1-4 2-3', '4-2 5-1']);
  });

  it('swaps the last two rounds of the first cycle and reverses sides in the second', () => {
    const double = league.validate(4, { double_round_robin: true });
    expect(rounds(league.plan(field(4), double))).toEqual([
      '1-4 2-3',
      '2-4 3-1',
      '4-3 1-2',
      '4-1 3-2',
      '3-4 2-1',
      '4-2 1-3',
    ]);
  });

  it('has dense keys, phase LEAGUE, no group, boards numbered from 1 in each round, no results', () => {
    const sessions = league.plan(field(5), defaults);
    expect(sessions.map((s) => s.key)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sessions.map((s) => `${s.round}.${s.matchNumber}`)).toEqual([
      '1.1', '1.2', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2', '5.1', '5.2',
    ]);
    expect(new Set(sessions.map((s) => `${s.phase}|${s.group}|${s.resultSubmitted}|${s.next}|${s.loserNext}`))).toEqual(
      new Set(['LEAGUE|null|false|null|null']),
    );
  });

  it('plans 1024 players in 523,776 sessions over 1023 rounds', () => {
    const sessions = league.plan(field(1024), defaults);
    expect(sessions.length).toBe(523_776);
    expect(sessions[sessions.length - 1].round).toBe(1023);
    expect(sessions[sessions.length - 1].matchNumber).toBe(512);
  }, 30_000);

  it('has no further sessions to add', () => {
    expect(league.nextSessions(league.plan(field(4), defaults), field(4), defaults)).toEqual([]);
  });
});

describe('league plan: properties', () => {
  it('pairs every two players exactly once (twice with sides swapped in the double) and each at most once a round', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), fc.boolean(), (n, double) => {
        const sessions = league.plan(field(n), league.validate(n, { double_round_robin: double }));
        const meetings = new Map<string, number>();
        const sides = new Map<string, number>();
        const perRound = new Map<number, number[]>();
        for (const s of sessions) {
          const [a, b] = s.participants as [number, number];
          const pair = a < b ? `${a}-${b}` : `${b}-${a}`;
          meetings.set(pair, (meetings.get(pair) ?? 0) + 1);
          sides.set(pair, (sides.get(pair) ?? 0) + (a < b ? 1 : -1));
          const list = perRound.get(s.round) ?? [];
          list.push(a, b);
          perRound.set(s.round, list);
        }
        expect(meetings.size).toBe((n * (n - 1)) / 2);
        for (const count of meetings.values()) expect(count).toBe(double ? 2 : 1);
        if (double) for (const balance of sides.values()) expect(balance).toBe(0);
        const roundCount = (n % 2 === 0 ? n - 1 : n) * (double ? 2 : 1);
        expect(perRound.size).toBe(roundCount);
        for (const players of perRound.values()) {
          expect(new Set(players).size).toBe(players.length);
          // Everyone plays every round, but for the one bye of an odd field.
          expect(players.length).toBe(n - (n % 2));
        }
      }),
      { numRuns: 120 },
    );
  }, 60_000);
});

describe('league validate', () => {
  it('accepts 2 to 1024 players and names the limit otherwise', () => {
    for (const n of [1, 1025, 2.5, Number.NaN]) {
      expect(() => league.validate(n, {})).toThrow(new ValidationError('player_count', 'must be an integer from 2 to 1024 for league'));
    }
    expect(league.validate(1024, {}).double_round_robin).toBe(false);
  });

  it('fills the defaults, in the wire names it is stored under, and accepts its own output again', () => {
    const parsed = league.validate(10, {});
    expect(parsed).toEqual({
      double_round_robin: false,
      points: { win: 3, draw: 1, loss: 0 },
      tie_breakers: ['points', 'head_to_head', 'score_difference', 'score_for', 'wins', 'seed'],
      withdrawal: 'forfeit_remaining',
    });
    expect(league.validate(10, { ...parsed })).toEqual(parsed);
  });

  it('takes a partial points scheme and a reordered tie-breaker list', () => {
    expect(league.validate(4, { points: { win: 2 }, tie_breakers: ['points', 'wins'] })).toEqual({
      double_round_robin: false,
      points: { win: 2, draw: 1, loss: 0 },
      tie_breakers: ['points', 'wins'],
      withdrawal: 'forfeit_remaining',
    });
  });

  it('rejects unknown or malformed settings, naming the field', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ rounds: 3 }, 'settings.rounds', 'unknown setting for league; allowed: double_round_robin, points, tie_breakers, withdrawal'],
      [{ withdrawal: 'leave' }, 'settings.withdrawal', 'must be one of: forfeit_remaining, expunge, expunge_under_half'],
      [{ double_round_robin: 'yes' }, 'settings.double_round_robin', 'must be a boolean'],
      [{ points: 3 }, 'settings.points', 'must be an object with win, draw and loss'],
      [{ points: { win: 'x' } }, 'settings.points.win', 'must be a number from -1000 to 1000'],
      [{ points: { bonus: 1 } }, 'settings.points.bonus', 'unknown key; allowed: win, draw, loss'],
      [{ points: { win: 1, draw: 2 } }, 'settings.points', 'must satisfy win > loss and win >= draw >= loss'],
      [{ tie_breakers: [] }, 'settings.tie_breakers', 'must be a non-empty array of: points, head_to_head, score_difference, score_for, wins, seed'],
      [{ tie_breakers: ['points', 'goals'] }, 'settings.tie_breakers[1]', 'unknown tie-breaker; allowed: points, head_to_head, score_difference, score_for, wins, seed'],
      [{ tie_breakers: ['wins', 'wins'] }, 'settings.tie_breakers[1]', '"wins" is listed twice'],
    ];
    for (const [settings, field, reason] of cases) {
      expect(() => league.validate(4, settings)).toThrow(new ValidationError(field, reason));
    }
    expect(() => league.validate(4, [] as unknown as Record<string, unknown>)).toThrow(new ValidationError('settings', 'must be an object'));
  });
});

describe('league rank: tie-breakers', () => {
  it('orders by points: 3 a win, 1 a draw, 0 a loss', () => {
    // 10 beats 20 and draws 30; 30 beats 20.
    expect(ranking([[10, 20, 2, 0], [10, 30, 1, 1], [30, 20, 1, 0]], 3)).toEqual(['10:1', '30:2', '20:3']);
  });

  it('uses the configured points scheme', () => {
    // 10: a draw, a win and a loss; 20: three draws, scoring more goals in them.
    const games: [number, number, number, number][] = [
      [10, 20, 0, 0], [10, 30, 1, 0], [40, 10, 1, 0], [20, 30, 1, 1], [20, 40, 1, 1], [30, 40, 0, 0],
    ];
    expect(ranking(games, 4)).toEqual(['40:1', '10:2', '20:3', '30:4']);
    // With 2 for a win 10 and 20 are level on 3; head-to-head and score difference too; 20 scored more.
    expect(ranking(games, 4, { points: { win: 2 } })).toEqual(['40:1', '20:2', '10:3', '30:4']);
  });

  // 20 and 30 both finish on 6; 30 beat 20, but 20 has the better score difference.
  const headToHead: [number, number, number, number][] = [
    [10, 20, 1, 0], [10, 30, 1, 0], [10, 40, 1, 0], [10, 50, 1, 0],
    [30, 20, 1, 0], [20, 40, 5, 0], [20, 50, 5, 0],
    [30, 40, 1, 0], [50, 30, 1, 0], [40, 50, 0, 0],
  ];

  it('puts head-to-head before score difference by default', () => {
    expect(ranking(headToHead, 5)).toEqual(['10:1', '30:2', '20:3', '50:4', '40:5']);
  });

  it('follows a configured order: score difference before head-to-head', () => {
    expect(ranking(headToHead, 5, { tie_breakers: ['points', 'score_difference', 'head_to_head', 'seed'] })).toEqual([
      '10:1', '20:2', '30:3', '50:4', '40:5',
    ]);
  });

  it('applies head-to-head again to the players it leaves level, among themselves only', () => {
    // 10, 20, 30, 40 all finish on 6. Among them 10 takes 6, 20 and 30 take 4, 40 takes 2;
    // between 20 and 30 alone, 20 won, though 30 has the better score difference.
    const games: [number, number, number, number][] = [
      [10, 20, 1, 0], [30, 10, 5, 0], [10, 40, 1, 0], [20, 30, 1, 0], [20, 40, 0, 0], [30, 40, 0, 0],
      [50, 10, 1, 0], [60, 10, 1, 0], [20, 50, 0, 0], [20, 60, 0, 0], [30, 50, 0, 0], [30, 60, 0, 0],
      [40, 50, 1, 0], [40, 60, 0, 0], [60, 50, 1, 0],
    ];
    expect(ranking(games, 6)).toEqual(['60:1', '10:2', '20:3', '30:4', '40:5', '50:6']);
    // Without the second pass score difference (30: +4, 20: 0) would have decided.
    expect(ranking(games, 6, { tie_breakers: ['points', 'score_difference', 'seed'] })).toEqual([
      '60:1', '30:2', '20:3', '40:4', '10:5', '50:6',
    ]);
  });

  it('uses score for when points, head-to-head and score difference are level', () => {
    // 10 and 20 draw each other; each beats 30 by one goal, 20 scoring more in doing so.
    expect(ranking([[10, 20, 1, 1], [10, 30, 1, 0], [20, 30, 3, 2]], 3)).toEqual(['20:1', '10:2', '30:3']);
  });

  it('uses wins when everything before is level', () => {
    // With 2 for a win, 20 (a draw, a win, a loss) and 10 (three draws) both have 3 points, drew
    // each other, and have the same score difference (0) and score for (1); 20 has the win.
    const games: [number, number, number, number][] = [
      [10, 20, 0, 0], [20, 30, 1, 0], [40, 20, 1, 0], [10, 30, 0, 0], [10, 40, 1, 1], [30, 40, 0, 0],
    ];
    const points = { win: 2, draw: 1, loss: 0 };
    expect(ranking(games, 4, { points })).toEqual(['40:1', '20:2', '10:3', '30:4']);
    expect(ranking(games, 4, { points, tie_breakers: ['points', 'seed'] })).toEqual(['40:1', '10:2', '20:3', '30:4']);
  });

  it('settles the rest by seed, or shares the place when seed is not a tie-breaker', () => {
    expect(ranking([[20, 10, 1, 1]], 2)).toEqual(['10:1', '20:2']);
    expect(ranking([[20, 10, 1, 1]], 2, { tie_breakers: ['points', 'score_difference'] })).toEqual(['10:1', '20:1']);
    expect(ranking([[10, 20, 1, 1], [10, 30, 0, 1], [20, 30, 0, 1]], 3, { tie_breakers: ['points'] })).toEqual(['30:1', '10:2', '20:2']);
  });

  it('gives one row per player with totals over the league sessions only, ignoring sessions without a result', () => {
    const entrants = field(3);
    const sessions = [
      result(0, 1, 10, 20, 2, 1),
      { ...result(1, 1, 30, 10, 0, 0), resultSubmitted: false, winnerId: null, score: null },
      { ...result(2, 1, 20, 30, 4, 0), phase: 'KNOCKOUT' as const },
    ];
    expect(league.rank(sessions, entrants, defaults)).toEqual([
      {
        playerId: 10, rank: 1, points: 3, wins: 1, draws: 0, losses: 0, scoreFor: 2, scoreAgainst: 1,
        tieBreaks: { points: 3, head_to_head: null, score_difference: 1, score_for: 2, wins: 1, seed: 1 },
      },
      {
        playerId: 30, rank: 2, points: 0, wins: 0, draws: 0, losses: 0, scoreFor: 0, scoreAgainst: 0,
        tieBreaks: { points: 0, head_to_head: 0, score_difference: 0, score_for: 0, wins: 0, seed: 3 },
      },
      {
        playerId: 20, rank: 3, points: 0, wins: 0, draws: 0, losses: 1, scoreFor: 1, scoreAgainst: 2,
        tieBreaks: { points: 0, head_to_head: 0, score_difference: -1, score_for: 1, wins: 0, seed: 2 },
      },
    ]);
  });
});
