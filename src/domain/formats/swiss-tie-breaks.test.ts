import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import type { Entrant, Session } from './format.ts';
import { swiss } from './swiss.ts';
import { DEFAULT_SWISS_TIE_BREAKERS, readSwissTieBreakers, SWISS_TIE_BREAKERS, swissTable, type SwissTableOptions } from './swiss-tie-breaks.ts';

const CHESS = { win: 1, draw: 0.5, loss: 0 };
const ALL = [...SWISS_TIE_BREAKERS];
// Player ids are ten times the seed.
const field = (n: number): Entrant[] => Array.from({ length: n }, (_, i) => ({ playerId: (i + 1) * 10, seed: i + 1 }));

function session(key: number, round: number, white: number, black: number, result: 'white' | 'black' | 'draw', outcome: Session['outcome'] = 'played'): Session {
  return {
    key, phase: 'SWISS', round, matchNumber: key + 1, group: null,
    participants: [white * 10, black * 10],
    winnerId: result === 'white' ? white * 10 : result === 'black' ? black * 10 : null,
    score: outcome === 'walkover' ? null : result === 'white' ? [1, 0] : result === 'black' ? [0, 1] : [1, 1],
    resultSubmitted: true,
    outcome,
    next: null, loserNext: null,
  };
}

/** Lines as "seed:rank" and the values by tie-breaker name, keyed by seed. */
function table(n: number, sessions: Session[], options: Partial<SwissTableOptions> = {}) {
  const tieBreakers = options.tieBreakers ?? ALL;
  const lines = swissTable(sessions, field(n), { points: CHESS, ...options, tieBreakers });
  const order = lines.map((l) => `${l.seed}:${l.rank}`);
  const values = new Map(lines.map((l) => [l.seed, Object.fromEntries(['points', ...tieBreakers].map((name, k) => [name, l.tieBreakValues[k]]))]));
  return { order, values, lines };
}

describe('swiss tie-breaks after FIDE C.07 (hand-worked)', () => {
  // Five players, three rounds: a pairing-allocated bye (U), a forfeit (+/-) and a half-point bye (H).
  // R1: 1-2 1-0, 3-4 draw, 5 U.  R2: 5-1 draw, 2-3 forfeit (3 did not come), 4 H.  R3: 1-3 0-1, 4-5 1-0, 2 U.
  // Scores: 1 1.5, 2 2, 3 1.5, 4 2, 5 1.5; no requested bye is last, so every adjusted score is the score (16.3.1).
  const sessions = [
    session(0, 1, 1, 2, 'white'), session(1, 1, 3, 4, 'draw'),
    session(2, 2, 5, 1, 'draw'), session(3, 2, 2, 3, 'white', 'walkover'),
    session(4, 3, 1, 3, 'black'), session(5, 3, 4, 5, 'white'),
  ];
  const absences = [{ playerId: 40, round: 2, code: 'H' as const }];

  it('Buchholz counts each unplayed round as a dummy of the player\'s own score, capped (16.4, 16.4.1, 16.4.2)', () => {
    const { values } = table(5, sessions, { absences });
    // 2: 1 (1.5) + forfeit win, dummy min(own 2, 3's adjusted 1.5) + bye, dummy min(own 2, draw x 3 rounds = 1.5).
    expect(values.get(2)).toMatchObject({ points: 2, buchholz: 4.5, buchholz_cut1: 3, buchholz_median: 1.5 });
    // 4: 3 (1.5) + half-point bye, dummy min(own 2, 1.5) + 5 (1.5).
    expect(values.get(4)).toMatchObject({ points: 2, buchholz: 4.5, buchholz_cut1: 3 });
    // 5: bye, dummy min(own 1.5, 1.5) + 1 (1.5) + 4 (2).
    expect(values.get(5)).toMatchObject({ points: 1.5, buchholz: 5, buchholz_cut1: 3.5, buchholz_median: 1.5 });
    // 3: 4 (2) + forfeit loss, dummy min(own 1.5, 2's adjusted 2) + 1 (1.5).
    expect(values.get(3)).toMatchObject({ points: 1.5, buchholz: 5, buchholz_cut1: 3.5, buchholz_median: 1.5 });
    expect(values.get(1)).toMatchObject({ points: 1.5, buchholz: 5, buchholz_cut1: 3.5, buchholz_median: 1.5 });
  });

  it('Sonneborn-Berger counts a pairing-allocated bye as a win against the dummy; progressive, wins (WIN) and wins with black', () => {
    const { values } = table(5, sessions, { absences });
    // 2: 0 x 1.5 + 1 x 1.5 (forfeit win) + 1 x 1.5 (bye).  5: 1 x 1.5 (bye) + 0.5 x 1.5 + 0 x 2.
    expect([1, 2, 3, 4, 5].map((s) => values.get(s)!.sonneborn_berger)).toEqual([2.75, 3, 2.5, 3, 2.25]);
    // Running scores summed: 1: 1+1.5+1.5, 2: 0+1+2, 3: 0.5+0.5+1.5, 4: 0.5+1+2, 5: 1+1.5+1.5.
    expect([1, 2, 3, 4, 5].map((s) => values.get(s)!.progressive)).toEqual([4, 3, 2.5, 3.5, 4]);
    // WIN counts rounds scored as a win with or without playing: 2's forfeit win and bye, 5's bye.
    expect([1, 2, 3, 4, 5].map((s) => values.get(s)!.wins)).toEqual([1, 2, 1, 1, 1]);
    expect([1, 2, 3, 4, 5].map((s) => values.get(s)!.wins_with_black)).toEqual([0, 0, 1, 0, 0]);
    expect([1, 2, 3, 4, 5].map((s) => values.get(s)!.seed)).toEqual([1, 2, 3, 4, 5]);
  });

  it('orders by points, then the tie-breakers in the order given', () => {
    // Default: BH-C1, BH, SB level for 2 and 4; progressive puts 4 first. 1, 3, 5 split on SB.
    expect(table(5, sessions, { absences, tieBreakers: [...DEFAULT_SWISS_TIE_BREAKERS] }).order).toEqual(['4:1', '2:2', '1:3', '3:4', '5:5']);
    // Seed first: 2 before 4, 1 before 3 before 5.
    expect(table(5, sessions, { absences, tieBreakers: ['seed'] }).order).toEqual(['2:1', '4:2', '1:3', '3:4', '5:5']);
    // Wins alone leaves 1, 3, 5 level: they share third place, listed by seed.
    expect(table(5, sessions, { absences, tieBreakers: ['wins'] }).order).toEqual(['2:1', '4:2', '1:3', '3:3', '5:3']);
  });

  it('Buchholz Cut-1 cuts the forfeit loss (a voluntary unplayed round) before a lower played value (16.5.1)', () => {
    // R1: 1-4 1-0, 2-3 1-0.  R2: 1-2 forfeit (1 did not come), 3-4 1-0.  R3: 1-3 1-0, 2-4 0-1. Scores 2, 2, 1, 1.
    const forfeit = [
      session(0, 1, 1, 4, 'white'), session(1, 1, 2, 3, 'white'),
      session(2, 2, 1, 2, 'black', 'walkover'), session(3, 2, 3, 4, 'white'),
      session(4, 3, 1, 3, 'white'), session(5, 3, 2, 4, 'black'),
    ];
    const { values, order } = table(4, forfeit, { tieBreakers: [...DEFAULT_SWISS_TIE_BREAKERS] });
    // 1: 4 (1) + dummy min(own 2, 2's 2) = 2 from the forfeit loss + 3 (1): plain Cut-1 would leave 3; C.07 cuts the 2.
    expect(values.get(1)).toMatchObject({ buchholz: 4, buchholz_cut1: 2, sonneborn_berger: 2 });
    // 2: the forfeit win is no VUR, so the lowest (1) goes.
    expect(values.get(2)).toMatchObject({ buchholz: 4, buchholz_cut1: 3, sonneborn_berger: 3 });
    expect(values.get(3)).toMatchObject({ buchholz: 5, buchholz_cut1: 4, sonneborn_berger: 1 });
    expect(values.get(4)).toMatchObject({ buchholz: 5, buchholz_cut1: 4, sonneborn_berger: 2 });
    expect(order).toEqual(['2:1', '1:2', '4:3', '3:4']);
    // A forfeit is no game won over the board, but WIN counts it; direct encounter ignores it (6).
    expect(values.get(2)!.wins).toBe(2);
    const de = table(4, forfeit, { tieBreakers: ['direct_encounter', 'seed'] });
    expect(de.order).toEqual(['1:1', '2:2', '3:3', '4:4']);
    expect([1, 2, 3, 4].map((s) => de.values.get(s)!.direct_encounter)).toEqual([0, 0, 1, 0]);
  });

  it("a withdrawn player's last-round absence counts as a draw in their opponents' Buchholz (16.2.5, 16.3.2)", () => {
    // R1: 1-2 1-0, 3-4 1-0.  R2: 4 withdrew (Z), 1-3 draw, 2 U.  Scores: 1 1.5, 2 1, 3 1.5, 4 0 (adjusted 0.5).
    const withdrawn = [session(0, 1, 1, 2, 'white'), session(1, 1, 3, 4, 'white'), session(2, 2, 1, 3, 'draw')];
    const { values, order } = table(4, withdrawn, { withdrawals: [{ playerId: 40, fromRound: 2 }], tieBreakers: [...DEFAULT_SWISS_TIE_BREAKERS] });
    expect(values.get(3)).toMatchObject({ points: 1.5, buchholz: 2, buchholz_cut1: 1.5 });
    expect(values.get(1)).toMatchObject({ points: 1.5, buchholz: 2.5, buchholz_cut1: 1.5 });
    // 2's bye: dummy min(own 1, draw x 2 rounds = 1); 4's zero-point bye: dummy min(own 0, 1) = 0.
    expect(values.get(2)).toMatchObject({ points: 1, buchholz: 2.5, sonneborn_berger: 1 });
    expect(values.get(4)).toMatchObject({ points: 0, buchholz: 1.5, sonneborn_berger: 0 });
    expect(order).toEqual(['1:1', '3:2', '2:3', '4:4']);
    // The same withdrawal as the entrants carry it (enrollments.withdrawn_round).
    const entrants = field(4).map((e) => (e.seed === 4 ? { ...e, withdrawn: true, withdrawnFromRound: 2 } : e));
    const fromEntrants = swissTable(withdrawn, entrants, { points: CHESS, tieBreakers: ['buchholz'] });
    expect(fromEntrants.map((l) => [l.seed, l.rank, ...l.tieBreakValues])).toEqual([[1, 1, 1.5, 2.5], [3, 2, 1.5, 2], [2, 3, 1, 2.5], [4, 4, 0, 1.5]]);
  });

  it('direct encounter: all met, the points among them; not all met, only a total nobody else could reach separates (6.1, 6.2)', () => {
    // R1: 1-2 1-0, 3-6 1-0, 4-5 1-0.  R2: 1-3 1-0, 2-5 1-0, 4-6 1-0.  R3: 4-1 1-0, 2-6 1-0, 3-5 1-0.
    // 1, 2, 3 on 2: 1 beat both; 2 and 3 never met, so 1 is above them and they stay level. 5 and 6 never met.
    const sessions6 = [
      session(0, 1, 1, 2, 'white'), session(1, 1, 3, 6, 'white'), session(2, 1, 4, 5, 'white'),
      session(3, 2, 1, 3, 'white'), session(4, 2, 2, 5, 'white'), session(5, 2, 4, 6, 'white'),
      session(6, 3, 4, 1, 'white'), session(7, 3, 2, 6, 'white'), session(8, 3, 3, 5, 'white'),
    ];
    const { order, values } = table(6, sessions6, { tieBreakers: ['direct_encounter'] });
    expect(order).toEqual(['4:1', '1:2', '2:3', '3:3', '5:5', '6:5']);
    expect([1, 2, 3, 4, 5, 6].map((s) => values.get(s)!.direct_encounter)).toEqual([2, 0, 0, null, 0, 0]);
  });

  it('leaves a round paired without a result out, while the bye of that round already counts', () => {
    // Round 1: 1-2 1-0, 3 has the bye. Round 2 paired (3-1), no result yet; 2 has the bye.
    const pending = [session(0, 1, 1, 2, 'white'), { ...session(1, 2, 3, 1, 'white'), winnerId: null, score: null, resultSubmitted: false, outcome: null }];
    const { values } = table(3, pending);
    expect(values.get(1)).toMatchObject({ points: 1, buchholz: 1, progressive: 1, sonneborn_berger: 1, wins: 1 });
    // 2: lost to 1 (1), then the bye: dummy min(own 1, draw x 2 rounds); running 0 then 1.
    expect(values.get(2)).toMatchObject({ points: 1, buchholz: 2, progressive: 1, sonneborn_berger: 1, wins: 1 });
    expect(values.get(3)).toMatchObject({ points: 1, buchholz: 1, progressive: 1, sonneborn_berger: 1, wins: 1 });
  });
});

describe('settings.tie_breakers for swiss', () => {
  it('defaults to FIDE\'s usual order and keeps a given one', () => {
    expect(swiss.validate(8, {}).tie_breakers).toEqual(['buchholz_cut1', 'buchholz', 'sonneborn_berger', 'progressive', 'direct_encounter', 'wins']);
    expect(swiss.validate(8, { tie_breakers: ['seed', 'wins_with_black'] }).tie_breakers).toEqual(['seed', 'wins_with_black']);
  });

  it('names the field and the reason for a bad list', () => {
    expect(() => readSwissTieBreakers([], 'settings.tie_breakers')).toThrow(
      new ValidationError('settings.tie_breakers', `must be a non-empty array of: ${ALL.join(', ')}`),
    );
    expect(() => swiss.validate(8, { tie_breakers: ['buchholz', 'head_to_head'] })).toThrow(
      new ValidationError('settings.tie_breakers[1]', `unknown tie-breaker; allowed: ${ALL.join(', ')}`),
    );
    expect(() => swiss.validate(8, { tie_breakers: ['wins', 'wins'] })).toThrow(new ValidationError('settings.tie_breakers[1]', '"wins" is listed twice'));
    expect(() => swiss.validate(8, { tie_breakers: 'buchholz' })).toThrow(ValidationError);
  });

  it('the standings name the criteria, points first, and each line carries their values', () => {
    const sessions = [session(0, 1, 1, 2, 'white'), session(1, 1, 3, 4, 'draw')];
    const [t] = swiss.standings(sessions, field(4), swiss.validate(4, { tie_breakers: ['sonneborn_berger', 'seed'] }));
    expect(t.tieBreakers).toEqual(['points', 'sonneborn_berger', 'seed']);
    expect(t.lines.map((l) => [l.seed, l.rank, ...l.tieBreakValues])).toEqual([[1, 1, 1, 0, 1], [3, 2, 0.5, 0.25, 3], [4, 3, 0.5, 0.25, 4], [2, 4, 0, 0, 2]]);
  });
});
