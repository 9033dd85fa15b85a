import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { Prng } from '../prng.ts';
import type { Entrant, Session } from './format.ts';
import { maxSwissRounds, swiss, swissStandings } from './swiss.ts';

// Player ids are ten times the seed, so pairings read in seed numbers.
const field = (n: number): Entrant[] => Array.from({ length: n }, (_, i) => ({ playerId: (i + 1) * 10, seed: i + 1 }));
const boards = (sessions: readonly Session[]): string =>
  sessions.map((s) => `${s.participants[0]! / 10}-${s.participants[1]! / 10}`).join(' ');

/** Enters a result: the first-named player's score first; the higher score wins, equal is a draw. */
function enter(s: Session, a: number, b: number): void {
  s.score = [a, b];
  s.winnerId = a > b ? s.participants[0] : b > a ? s.participants[1] : null;
  s.resultSubmitted = true;
  s.outcome = 'played';
}

function game(key: number, round: number, a: number, b: number, sa: number, sb: number): Session {
  const s: Session = {
    key,
    phase: 'SWISS',
    round,
    matchNumber: key + 1,
    group: null,
    participants: [a, b],
    winnerId: null,
    score: null,
    resultSubmitted: false,
    outcome: null,
    next: null,
    loserNext: null,
  };
  enter(s, sa, sb);
  return s;
}

/** Plays a whole Swiss with results drawn from `seed` (draws included), round by round. */
function playThrough(n: number, seed: number, settings: Record<string, unknown> = {}): { sessions: Session[]; rounds: number } {
  const entrants = field(n);
  const parsed = swiss.validate(n, settings);
  const prng = new Prng(seed);
  const sessions = swiss.plan(entrants, parsed);
  let rounds = 1;
  for (;;) {
    for (const s of sessions) {
      if (s.resultSubmitted) continue;
      const roll = prng.next();
      if (roll < 0.2) enter(s, 1, 1);
      else if (roll < 0.6) enter(s, 1, 0);
      else enter(s, 0, 1);
    }
    const more = swiss.nextSessions(sessions, entrants, parsed);
    if (more.length === 0) return { sessions, rounds };
    expect(more[0].key).toBe(sessions.length);
    sessions.push(...more);
    rounds++;
  }
}

describe('swiss plan and pairing', () => {
  it('pairs round 1 top half against bottom half, white to the higher player with an odd pairing number', () => {
    const sessions = swiss.plan(field(8), swiss.validate(8, {}));
    expect(boards(sessions)).toBe('1-5 6-2 3-7 8-4');
    expect(sessions.map((s) => `${s.key}|${s.phase}|${s.round}|${s.matchNumber}|${s.group}`)).toEqual([
      '0|SWISS|1|1|null', '1|SWISS|1|2|null', '2|SWISS|1|3|null', '3|SWISS|1|4|null',
    ]);
  });

  it('gives the bye of an odd field to the lowest-ranked player, and a bye is no session', () => {
    expect(boards(swiss.plan(field(9), swiss.validate(9, {})))).toBe('1-5 6-2 3-7 8-4');
  });

  it('leaves a player with a bye for the round (H, F, Z) unpaired in it, and scores the bye', () => {
    // Seed 5 takes a half-point bye in round 1 and seed 2 is absent (Z) from round 2: eight
    // present in round 1 pair as a field of eight would (no pairing-allocated bye), and H scores 0.5.
    const entrants = field(9).map((e) =>
      e.seed === 5 ? { ...e, absences: [{ round: 1, code: 'H' as const }] } : e.seed === 2 ? { ...e, absences: [{ round: 2, code: 'Z' as const }] } : e);
    const settings = swiss.validate(9, { rounds: 3 });
    const round1 = swiss.plan(entrants, settings);
    expect(boards(round1)).toBe('1-6 7-2 3-8 9-4');
    for (const s of round1) enter(s, 1, 0);
    const round2 = swiss.nextSessions(round1, entrants, settings);
    expect(round2.flatMap((s) => s.participants)).not.toContain(20);
    expect(round2).toHaveLength(4);
    const points = new Map(swiss.rank(round1, entrants, settings).map((r) => [r.playerId, r.points]));
    expect([points.get(50), points.get(10), points.get(60)]).toEqual([0.5, 1, 0]);
  });

  it('pairs round 2 within score groups, choosing the arrangement that grants every colour preference', () => {
    const entrants = field(8);
    const settings = swiss.validate(8, {});
    const sessions = swiss.plan(entrants, settings);
    // The higher seed wins every game: 1, 2, 3, 4 on one point.
    for (const s of sessions) {
      if (s.participants[0]! < s.participants[1]!) enter(s, 1, 0);
      else enter(s, 0, 1);
    }
    const next = swiss.nextSessions(sessions, entrants, settings);
    // 1-3 and 2-4 would give two players of each pair the same wish; 1-4 and 2-3 grant them all.
    expect(boards(next)).toBe('4-1 2-3 5-8 7-6');
    expect(next.map((s) => `${s.key}|${s.round}|${s.matchNumber}`)).toEqual(['4|2|1', '5|2|2', '6|2|3', '7|2|4']);
  });

  it('floats a player down when a score group is odd, and moves the bye to the next player without one', () => {
    const entrants = field(5);
    const settings = swiss.validate(5, {});
    const sessions = swiss.plan(entrants, settings);
    expect(boards(sessions)).toBe('1-3 4-2');
    expect(swiss.nextSessions(sessions, entrants, settings)).toEqual([]);
    enter(sessions[0], 1, 0);
    expect(swiss.nextSessions(sessions, entrants, settings)).toEqual([]);
    enter(sessions[1], 0, 1);
    // 1, 2 and 5 (the bye) have a point; 4 is the lowest without a bye; 2 floats down to 3
    // (bbpPairings pairs this round 5-1, 2-3, bye 4).
    const second = swiss.nextSessions(sessions, entrants, settings);
    expect(boards(second)).toBe('5-1 2-3');
    expect(swissStandings([...sessions, ...second], entrants).players.map((p) => p.hadBye)).toEqual([false, false, false, true, true]);
  });

  it('adds nothing while a round is unfinished, and nothing after the last round', () => {
    const entrants = field(6);
    const settings = swiss.validate(6, { rounds: 2 });
    const { sessions, rounds } = playThrough(6, 3, { rounds: 2 });
    expect(rounds).toBe(2);
    expect(sessions.length).toBe(6);
    expect(swiss.nextSessions(sessions, entrants, settings)).toEqual([]);
    const open = sessions.slice(0, 3).map((s) => ({ ...s, resultSubmitted: false }));
    expect(swiss.nextSessions(open, entrants, settings)).toEqual([]);
    expect(swiss.nextSessions([], entrants, settings)).toEqual([]);
  });

  it('plays ceil(log2 N) rounds by default', () => {
    expect(playThrough(5, 1).rounds).toBe(3);
    expect(playThrough(33, 1).rounds).toBe(6);
    expect(playThrough(64, 1).rounds).toBe(6);
  }, 60_000);

  it('pairs 256 players (the cap): 128 boards, seed 1 against seed 129', () => {
    const sessions = swiss.plan(field(256), swiss.validate(256, {}));
    expect(sessions.length).toBe(128);
    expect(boards(sessions.slice(0, 2))).toBe('1-129 130-2');
  });
});

describe('swiss properties', () => {
  const check = (n: number, sessions: readonly Session[], rounds: number): void => {
    const met = new Set<string>();
    const byes = new Map<number, number>();
    for (let round = 1; round <= rounds; round++) {
      const players = sessions.filter((s) => s.round === round).flatMap((s) => s.participants as number[]);
      const present = new Set(players);
      // Everyone is paired every round, but for one bye when the count is odd.
      expect(present.size).toBe(players.length);
      expect(players.length).toBe(n - (n % 2));
      for (let id = 10; id <= n * 10; id += 10) if (!present.has(id)) byes.set(id, (byes.get(id) ?? 0) + 1);
    }
    for (const s of sessions) {
      const [a, b] = s.participants as [number, number];
      const pair = a < b ? `${a}-${b}` : `${b}-${a}`;
      expect(met.has(pair)).toBe(false);
      met.add(pair);
    }
    expect(byes.size).toBe(n % 2 === 1 ? rounds : 0);
    for (const count of byes.values()) expect(count).toBe(1);
  };

  it('never pairs a rematch, gives nobody two byes, and pairs everyone each round (N 5..48, random results)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 48 }), fc.integer({ min: 0, max: 2 ** 31 }), (n, seed) => {
        const { sessions, rounds } = playThrough(n, seed);
        expect(rounds).toBe(Math.ceil(Math.log2(n)));
        check(n, sessions, rounds);
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('still pairs every round at the most rounds allowed, ceil(N/2), where rematches crowd the bottom', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 24 }), fc.integer({ min: 0, max: 2 ** 31 }), (n, seed) => {
        const { sessions, rounds } = playThrough(n, seed, { rounds: maxSwissRounds(n) });
        expect(rounds).toBe(Math.ceil(n / 2));
        check(n, sessions, rounds);
      }),
      { numRuns: 20 },
    );
  }, 120_000);

  it('is deterministic: the same results give the same pairings', () => {
    expect(boards(playThrough(41, 9).sessions)).toBe(boards(playThrough(41, 9).sessions));
  }, 60_000);
});

describe('swiss rank', () => {
  // The order these tests were written for; swiss-tie-breaks.test.ts covers the C.07 default.
  const OLD_ORDER = { tie_breakers: ['buchholz', 'sonneborn_berger', 'wins', 'seed'] };
  const rank = (sessions: Session[], n: number, settings: Record<string, unknown> = OLD_ORDER): string[] =>
    swiss.rank(sessions, field(n), swiss.validate(n, settings)).map((r) => `${r.playerId}:${r.rank}`);

  it('orders by points, then Buchholz', () => {
    // 10 and 20 both have a point; 10 met 20 and 30 (1.5), 20 met 10 and 40 (0.5).
    const sessions = [game(0, 1, 10, 20, 1, 0), game(1, 1, 30, 40, 0, 0), game(2, 2, 30, 10, 1, 0), game(3, 2, 20, 40, 1, 0)];
    expect(rank(sessions, 4)).toEqual(['30:1', '10:2', '20:3', '40:4']);
  });

  it('uses Sonneborn-Berger when points and Buchholz are level', () => {
    // 10 and 20 have 1.5 and the same opponents; 20 beat 30 (2 points), 10 beat only 40 (1 point).
    const sessions = [
      game(0, 1, 20, 30, 1, 0), game(1, 1, 10, 40, 1, 0),
      game(2, 2, 40, 20, 1, 0), game(3, 2, 30, 10, 1, 0),
      game(4, 3, 10, 20, 0, 0), game(5, 3, 30, 40, 1, 0),
    ];
    expect(rank(sessions, 4)).toEqual(['30:1', '20:2', '10:3', '40:4']);
  });

  it('uses wins, then seed, when points, Buchholz and Sonneborn-Berger are level', () => {
    // All four finish on 1.5 with Buchholz 4.5 and Sonneborn-Berger 2.25; 10 won no game.
    const sessions = [
      game(0, 1, 20, 30, 1, 0), game(1, 1, 10, 40, 0, 0),
      game(2, 2, 40, 20, 1, 0), game(3, 2, 10, 30, 0, 0),
      game(4, 3, 20, 10, 0, 0), game(5, 3, 30, 40, 1, 0),
    ];
    expect(rank(sessions, 4)).toEqual(['20:1', '30:2', '40:3', '10:4']);
    // The default (BH-C1, BH, SB, progressive, ...): progressive 3.5, 3.5, 3, 2; 40 beat 20 directly.
    expect(rank(sessions, 4, {})).toEqual(['40:1', '20:2', '10:3', '30:4']);
  });

  it('counts a bye as a win, found from absence; players level on every tie-breaker share the place', () => {
    // Round 1: 30 has the bye; round 2: 20 has it. 10 and 30: Buchholz 2.5 each (30's bye: a dummy
    // of min(own 1.5, draw x 2 rounds) = 1), SB 1.75, progressive 2.5, drew each other, one win each.
    const sessions = [game(0, 1, 10, 20, 1, 0), game(1, 2, 30, 10, 2, 2)];
    expect(swiss.rank(sessions, field(3), swiss.validate(3, {}))).toEqual([
      {
        playerId: 10, rank: 1, points: 1.5, wins: 1, draws: 1, losses: 0, scoreFor: 3, scoreAgainst: 2,
        tieBreaks: { points: 1.5, buchholz_cut1: 1.5, buchholz: 2.5, sonneborn_berger: 1.75, progressive: 2.5, direct_encounter: 0.5, wins: 1 },
      },
      {
        playerId: 30, rank: 1, points: 1.5, wins: 1, draws: 1, losses: 0, scoreFor: 2, scoreAgainst: 2,
        tieBreaks: { points: 1.5, buchholz_cut1: 1.5, buchholz: 2.5, sonneborn_berger: 1.75, progressive: 2.5, direct_encounter: 0.5, wins: 1 },
      },
      {
        playerId: 20, rank: 3, points: 1, wins: 1, draws: 0, losses: 1, scoreFor: 0, scoreAgainst: 1,
        tieBreaks: { points: 1, buchholz_cut1: 1.5, buchholz: 2.5, sonneborn_berger: 1, progressive: 1, direct_encounter: null, wins: 1 },
      },
    ]);
  });

  it('uses the configured points, a bye scoring as a win', () => {
    const sessions = [game(0, 1, 10, 20, 1, 0), game(1, 2, 30, 10, 2, 2)];
    const rows = swiss.rank(sessions, field(3), swiss.validate(3, { points: { win: 3, draw: 1 } }));
    // Buchholz: 10 met 20 (3) and 30 (4); 30's bye is a dummy of min(own 4, draw 1 x 2 rounds) = 2.
    expect(rows.map((r) => `${r.playerId}:${r.points}:${r.rank}`)).toEqual(['10:4:1', '30:4:2', '20:3:3']);
  });

  it('gives one row per player, ranks 1..N, after a whole tournament', () => {
    const { sessions } = playThrough(45, 5);
    const rows = swiss.rank(sessions, field(45), swiss.validate(45, OLD_ORDER));
    expect(rows.map((r) => r.rank)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.playerId)).size).toBe(45);
    // 6 rounds: every row accounts for six results, the bye included.
    for (const r of rows) expect(r.wins + r.draws + r.losses).toBe(6);
  }, 60_000);
});

describe('swiss validate', () => {
  it('accepts 2 to 256 players and names the limit otherwise', () => {
    for (const n of [1, 257, 3.5]) {
      expect(() => swiss.validate(n, {})).toThrow(new ValidationError('player_count', 'must be an integer from 2 to 256 for swiss'));
    }
  });

  it('leaves rounds to the player count unless given, and accepts its own output again', () => {
    const parsed = swiss.validate(100, {});
    const tie_breakers = ['buchholz_cut1', 'buchholz', 'sonneborn_berger', 'progressive', 'direct_encounter', 'wins'];
    expect(parsed).toEqual({ rounds: null, points: { win: 1, draw: 0.5, loss: 0 }, tie_breakers, initial_colour: 'white1' });
    expect(swiss.validate(100, { ...parsed })).toEqual(parsed);
    expect(swiss.validate(100, { rounds: 7, initial_colour: 'black1' })).toEqual({ rounds: 7, points: { win: 1, draw: 0.5, loss: 0 }, tie_breakers, initial_colour: 'black1' });
  });

  it('takes the initial colour white1 or black1, naming the field otherwise', () => {
    expect(() => swiss.validate(8, { initial_colour: 'white' })).toThrow(
      new ValidationError('settings.initial_colour', 'must be one of white1, black1'),
    );
    expect(() => swiss.validate(8, { initial_colour: 1 })).toThrow(ValidationError);
    // black1: pairing number 1 (the top board's higher-ranked player) has black in round 1, and the colours alternate down the boards.
    expect(boards(swiss.plan(field(8), swiss.validate(8, { initial_colour: 'black1' })))).toBe('5-1 2-6 7-3 4-8');
    expect(boards(swiss.plan(field(8), swiss.validate(8, {})))).toBe('1-5 6-2 3-7 8-4');
  });

  it('limits rounds to ceil(N/2) and 64, naming the limit', () => {
    expect(swiss.validate(9, { rounds: 5 }).rounds).toBe(5);
    expect(() => swiss.validate(9, { rounds: 6 })).toThrow(
      new ValidationError(
        'settings.rounds',
        'must be an integer from 1 to 5 for 9 players (at most ceil(N/2) so that every round can be paired without a rematch, and at most 64)',
      ),
    );
    expect(maxSwissRounds(256)).toBe(64);
    expect(() => swiss.validate(1000, { rounds: 65 })).toThrow(ValidationError);
    expect(() => swiss.validate(1000, { rounds: 2.5 })).toThrow(ValidationError);
  });

  it('rejects unknown settings, listing the allowed ones', () => {
    expect(() => swiss.validate(8, { double_round_robin: true })).toThrow(
      new ValidationError('settings.double_round_robin', 'unknown setting for swiss; allowed: rounds, points, tie_breakers, initial_colour'),
    );
  });
});
