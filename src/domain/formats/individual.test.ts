import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ConflictError, DomainError, ValidationError } from '../errors.ts';
import { applyAttempt, applyResult } from '../progression.ts';
import { simulate } from '../simulation.ts';
import type { Entrant, Session } from './format.ts';
import { cutAfter, individual, standings, type IndividualSettings } from './individual.ts';

const idOf = (seed: number): number => 700 + seed;
const seedOf = (id: number): number => id - 700;
const entrantsOf = (n: number): Entrant[] => Array.from({ length: n }, (_, i) => ({ playerId: idOf(i + 1), seed: i + 1 }));

function settingsOf(raw: Record<string, unknown>, n = 8): IndividualSettings {
  return individual.validate(n, raw);
}

/** Plans the field and enters the given attempts, by seed, into round 1. */
function played(attemptsBySeed: (number | null)[][], raw: Record<string, unknown> = {}): { sessions: Session[]; entrants: Entrant[]; settings: IndividualSettings } {
  const entrants = entrantsOf(attemptsBySeed.length);
  const settings = settingsOf({ attempts: Math.max(1, ...attemptsBySeed.map((a) => a.length)), ...raw }, entrants.length);
  const sessions = individual.plan(entrants, settings);
  const rules = individual.attemptRules!(settings);
  attemptsBySeed.forEach((values, i) => values.forEach((v) => applyAttempt(sessions, i, v, rules)));
  return { sessions, entrants, settings };
}

function ranksBySeed(result: ReturnType<typeof played>): [number, number, number | null][] {
  return standings(result.sessions, result.entrants, result.settings).map((p) => [p.seed, p.rank, p.mark]);
}

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('individual.validate', () => {
  it('fills the defaults, with lower_wins the default for times', () => {
    expect(settingsOf({})).toEqual({ attempts: 3, rounds: 1, measure: 'score', direction: 'higher_wins', aggregate: 'best', advance: null, tie_break: 'none' });
    expect(settingsOf({ measure: 'time_ms' }).direction).toBe('lower_wins');
    expect(settingsOf({ measure: 'time_ms', direction: 'higher_wins' }).direction).toBe('higher_wins');
    const parsed = settingsOf({ rounds: 3, advance: [8, 3], aggregate: 'sum', tie_break: 'next_best', measure: 'distance' });
    expect(settingsOf({ ...parsed })).toEqual(parsed);
  });

  it.each([
    [{ attempts: 0 }, 'settings.attempts', 'must be an integer from 1 to 10'],
    [{ rounds: 11 }, 'settings.rounds', 'must be an integer from 1 to 10'],
    [{ measure: 'height' }, 'settings.measure', 'must be one of score, time_ms, distance'],
    [{ direction: 'up' }, 'settings.direction', 'must be one of higher_wins, lower_wins'],
    [{ aggregate: 'mean' }, 'settings.aggregate', 'must be one of best, sum'],
    [{ tie_break: 'coin' }, 'settings.tie_break', 'must be one of none, next_best'],
    [{ advance: 4 }, 'settings.advance', 'needs at least 2 rounds: the cut is made between rounds'],
    [{ rounds: 3, advance: [4] }, 'settings.advance', 'must be a number or a list of 2 numbers, one for each cut'],
    [{ rounds: 3, advance: [4, 0] }, 'settings.advance[1]', 'must be an integer from 1 to 1048576'],
    [{ rounds: 2, advance: 2.5 }, 'settings.advance', 'must be an integer from 1 to 1048576'],
    [{ heats: 2 }, 'settings.heats', 'unknown setting for individual; allowed: attempts, rounds, measure, direction, aggregate, advance, tie_break'],
  ])('rejects %j naming %s', (raw, field, reason) => {
    const error = errorOf(() => settingsOf(raw)) as ValidationError;
    expect([error.field, error.message]).toEqual([field, `${field}: ${reason}`]);
  });
});

describe('individual.plan and attempts', () => {
  it('gives every participant one session per round in seed order, with no cut all rounds at once', () => {
    const sessions = individual.plan(entrantsOf(3), settingsOf({ rounds: 2 }, 3));
    expect(sessions.map((s) => [s.key, s.phase, s.round, s.matchNumber, seedOf(s.participants[0]!), s.participants[1], s.attempts])).toEqual([
      [0, 'INDIVIDUAL', 1, 1, 1, null, []],
      [1, 'INDIVIDUAL', 1, 2, 2, null, []],
      [2, 'INDIVIDUAL', 1, 3, 3, null, []],
      [3, 'INDIVIDUAL', 2, 1, 1, null, []],
      [4, 'INDIVIDUAL', 2, 2, 2, null, []],
      [5, 'INDIVIDUAL', 2, 3, 3, null, []],
    ]);
    // With a cut only round 1 exists at the start.
    expect(individual.plan(entrantsOf(3), settingsOf({ rounds: 2, advance: 2 }, 3))).toHaveLength(3);
  });

  it('completes a session with its last attempt and refuses one more, a bad value, or a match result', () => {
    const sessions = individual.plan(entrantsOf(2), settingsOf({ attempts: 2, measure: 'time_ms' }, 2));
    const rules = individual.attemptRules!(settingsOf({ attempts: 2, measure: 'time_ms' }, 2));
    expect(applyAttempt(sessions, 0, 10_230, rules)).toEqual([0]);
    expect(sessions[0].resultSubmitted).toBe(false);
    const bad = errorOf(() => applyAttempt(sessions, 0, 10.5, rules)) as ValidationError;
    expect([bad.field, bad.message]).toEqual(['value', 'value: a time must be a whole number of milliseconds, 0 or more']);
    expect((errorOf(() => applyAttempt(sessions, 0, Number.NaN, rules)) as ValidationError).field).toBe('value');
    applyAttempt(sessions, 0, null, rules);
    expect([sessions[0].attempts, sessions[0].resultSubmitted]).toEqual([[10_230, null], true]);
    const full = errorOf(() => applyAttempt(sessions, 0, 9_000, rules));
    expect([full.code, full.details]).toEqual(['attempts_complete', { attempts: [10_230, null] }]);
    const match = errorOf(() => applyResult(sessions, 1, idOf(2), [1, 0], false));
    expect(match).toBeInstanceOf(ConflictError);
    expect(match.code).toBe('attempts_expected');
  });
});

describe('individual standings', () => {
  it('ranks by the best attempt; equal bests share a place; no valid attempt is last', () => {
    const result = played([[7.1, 7.5, null], [7.5, 6.0, 7.0], [null, null, null], [6.9, 7.2, 7.4], [7.4, null, 7.3]], { measure: 'distance' });
    expect(ranksBySeed(result)).toEqual([[1, 1, 7.5], [2, 1, 7.5], [4, 3, 7.4], [5, 3, 7.4], [3, 5, null]]);
  });

  it('breaks equal marks by the next-best attempt when asked, and shares only what stays equal', () => {
    const result = played([[7.1, 7.5, null], [7.5, 6.0, 7.0], [null, null, null], [6.9, 7.2, 7.4], [7.4, null, 7.3], [7.3, 7.4, null]], { measure: 'distance', tie_break: 'next_best' });
    // 1: 7.5, 7.1 beats 2: 7.5, 7.0; 4: 7.4, 7.2, 6.9 trails 5: 7.4, 7.3 and 6: 7.4, 7.3 (equal: shared).
    expect(ranksBySeed(result)).toEqual([[1, 1, 7.5], [2, 2, 7.5], [5, 3, 7.4], [6, 3, 7.4], [4, 5, 7.4], [3, 6, null]]);
  });

  it('ranks times lower first, and a sum of times puts unfinished runs after finished ones', () => {
    const best = played([[10_500, 10_200], [10_100, 11_000], [10_200, null]], { measure: 'time_ms' });
    expect(ranksBySeed(best)).toEqual([[2, 1, 10_100], [1, 2, 10_200], [3, 2, 10_200]]);
    const sum = played([[10_500, 10_200], [10_100, 11_000], [9_000, null]], { measure: 'time_ms', aggregate: 'sum' });
    expect(ranksBySeed(sum)).toEqual([[1, 1, 20_700], [2, 2, 21_100], [3, 3, 9_000]]);
  });

  it('gives the live leaderboard as a table: place, mark, round reached and valid attempts, with attempts still to come', () => {
    // Seed 1 has made one attempt of three, seed 2 all three, seed 3 none yet.
    const result = played([[7.1], [6.0, null, 6.4], []], { measure: 'distance', attempts: 3 });
    const [table] = individual.standings(result.sessions, result.entrants, result.settings);
    expect([table.phase, table.group, table.tieBreakers]).toEqual(['INDIVIDUAL', null, ['round_reached', 'mark', 'valid_attempts']]);
    expect(table.lines.map((l) => [seedOf(l.playerId), l.rank, l.played, l.points, l.tieBreakValues])).toEqual([
      [1, 1, 0, 7.1, [1, 7.1, 1]],
      [2, 2, 1, 6.4, [1, 6.4, 2]],
      [3, 3, 0, 0, [1, null, 0]],
    ]);
  });

  it('sums scores with a failed attempt adding nothing', () => {
    const sum = played([[8, 9, null], [6, 6, 4], [9, 8, 0]], { aggregate: 'sum' });
    expect(ranksBySeed(sum)).toEqual([[1, 1, 17], [3, 1, 17], [2, 3, 16]]);
  });

  it('cuts to the top K after a round, all tied at the cut going on, the leader starting last; later rounds rank first', () => {
    const entrants = entrantsOf(5);
    const settings = settingsOf({ rounds: 2, attempts: 1, advance: 2 }, 5);
    const rules = individual.attemptRules!(settings);
    const sessions = individual.plan(entrants, settings);
    [50, 70, 60, 60, 10].forEach((v, i) => applyAttempt(sessions, i, v, rules));
    const next = individual.nextSessions(sessions, entrants, settings);
    // Seed 2 leads; seeds 3 and 4 tie for second, so both go on; seed 2 goes last.
    expect(next.map((s) => [s.key, s.round, s.matchNumber, seedOf(s.participants[0]!), s.attempts])).toEqual([
      [5, 2, 1, 4, []],
      [6, 2, 2, 3, []],
      [7, 2, 3, 2, []],
    ]);
    sessions.push(...next);
    expect(individual.nextSessions(sessions, entrants, settings)).toEqual([]);
    [55, 58, 40].forEach((v, i) => applyAttempt(sessions, 5 + i, v, rules));
    expect(individual.nextSessions(sessions, entrants, settings)).toEqual([]);
    expect(individual.rank(sessions, entrants, settings).map((r) => [seedOf(r.playerId), r.rank, r.mark])).toEqual([
      [2, 1, 70], [3, 2, 60], [4, 2, 60], [1, 4, 50], [5, 5, 10],
    ]);
    // Each row carries what it was ranked by (the round reached, the mark, the valid attempts), as a table's criteria.
    expect(individual.rank(sessions, entrants, settings).map((r) => [seedOf(r.playerId), r.tieBreaks])).toEqual([
      [2, { round_reached: 2, mark: 70, valid_attempts: 2 }],
      [3, { round_reached: 2, mark: 60, valid_attempts: 2 }],
      [4, { round_reached: 2, mark: 60, valid_attempts: 2 }],
      [1, { round_reached: 1, mark: 50, valid_attempts: 1 }],
      [5, { round_reached: 1, mark: 10, valid_attempts: 1 }],
    ]);
  });

  it('simulates every measure to complete sessions with plausible marks, the stronger seeds ahead', () => {
    for (const measure of ['score', 'time_ms', 'distance'] as const) {
      const entrants = entrantsOf(200);
      const settings = settingsOf({ measure, rounds: 2, advance: 8 }, 200);
      const { sessions } = simulate(individual, settings, individual.plan(entrants, settings), entrants, 5);
      // The top 8 of round 1 go on, and all those tied with the eighth.
      const cut = standings(sessions.slice(0, 200), entrants, settings).filter((p) => p.rank <= 8);
      expect(cut.length).toBeGreaterThanOrEqual(8);
      expect(sessions.slice(200).map((s) => s.participants[0]).sort()).toEqual(cut.map((p) => p.playerId).sort());
      expect(sessions.every((s) => s.resultSubmitted && s.attempts!.length === 3)).toBe(true);
      const rows = individual.rank(sessions, entrants, settings);
      const topSeeds = rows.slice(0, cut.length).map((r) => seedOf(r.playerId));
      expect(Math.max(...topSeeds)).toBeLessThan(60);
      const marks = rows.map((r) => r.mark).filter((m): m is number => m !== null);
      const [lo, hi] = { score: [30, 100], time_ms: [45_000, 63_000], distance: [5, 8.7] }[measure];
      expect(marks.every((m) => m >= lo && m <= hi)).toBe(true);
    }
  });
});

// An independent ranking: each participant's key compared by hand, rank = 1 + the number strictly ahead.
function referenceRanks(players: { lastRound: number; attempts: (number | null)[] }[], s: IndividualSettings): number[] {
  const better = (x: number, y: number) => (s.direction === 'higher_wins' ? x > y : x < y);
  const keyOf = (p: (typeof players)[number]) => {
    const valid = p.attempts.filter((v): v is number => v !== null);
    const mark = valid.length === 0 ? null : s.aggregate === 'sum' ? valid.reduce((a, b) => a + b, 0) : valid.reduce((a, b) => (better(b, a) ? b : a));
    const sorted = [...valid].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    return { round: p.lastRound, mark, valid: valid.length, sorted };
  };
  const ahead = (a: ReturnType<typeof keyOf>, b: ReturnType<typeof keyOf>): boolean => {
    if (a.round !== b.round) return a.round > b.round;
    if (a.mark === null || b.mark === null) return a.mark !== null && b.mark === null;
    if (s.aggregate === 'sum' && s.direction === 'lower_wins' && a.valid !== b.valid) return a.valid > b.valid;
    if (a.mark !== b.mark) return better(a.mark, b.mark);
    if (s.tie_break === 'none') return false;
    for (let i = 0; i < Math.max(a.sorted.length, b.sorted.length); i++) {
      if (i >= a.sorted.length || i >= b.sorted.length) return i < a.sorted.length;
      if (a.sorted[i] !== b.sorted[i]) return better(a.sorted[i], b.sorted[i]);
    }
    return false;
  };
  const keys = players.map(keyOf);
  return keys.map((k) => 1 + keys.filter((o) => ahead(o, k)).length);
}

describe('individual properties', () => {
  const fields = fc.record({
    n: fc.integer({ min: 2, max: 60 }),
    attempts: fc.integer({ min: 1, max: 4 }),
    rounds: fc.integer({ min: 1, max: 3 }),
    cut: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
    aggregate: fc.constantFrom('best' as const, 'sum' as const),
    direction: fc.constantFrom('higher_wins' as const, 'lower_wins' as const),
    tieBreak: fc.constantFrom('none' as const, 'next_best' as const),
    // Few distinct values, so ties are common.
    values: fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: null, freq: 5 }), { minLength: 600, maxLength: 600 }),
  });

  it('ranks every field like an independent count of who is strictly ahead, through every cut, with both aggregates', () => {
    fc.assert(
      fc.property(fields, (f) => {
        const entrants = entrantsOf(f.n);
        const settings = settingsOf(
          { attempts: f.attempts, rounds: f.rounds, aggregate: f.aggregate, direction: f.direction, tie_break: f.tieBreak, advance: f.rounds > 1 ? f.cut : null },
          f.n,
        );
        const rules = individual.attemptRules!(settings);
        const sessions = individual.plan(entrants, settings);
        let v = 0;
        const playAll = (from: number) => {
          for (let k = from; k < sessions.length; k++) while (!sessions[k].resultSubmitted) applyAttempt(sessions, k, f.values[v++ % f.values.length], rules);
        };
        playAll(0);
        for (;;) {
          const lastRound = sessions[sessions.length - 1].round;
          const next = individual.nextSessions(sessions, entrants, settings);
          if (next.length === 0) break;
          // The cut: exactly those of the last round placed within K go on.
          const table = standings(sessions, entrants, settings).filter((p) => p.lastRound === lastRound);
          const going = table.filter((p) => p.rank <= cutAfter(settings, lastRound));
          expect(next.map((s) => s.participants[0]).sort()).toEqual(going.map((p) => p.playerId).sort());
          const from = sessions.length;
          sessions.push(...next);
          playAll(from);
        }
        const rows = individual.rank(sessions, entrants, settings);
        const players = rows.map((r) => ({
          lastRound: Math.max(...sessions.filter((s) => s.participants[0] === r.playerId).map((s) => s.round)),
          attempts: sessions.filter((s) => s.participants[0] === r.playerId).flatMap((s) => s.attempts!),
        }));
        expect(rows.map((r) => r.rank)).toEqual(referenceRanks(players, settings));
        expect(rows.every((r, i) => i === 0 || rows[i - 1].rank < r.rank || (rows[i - 1].rank === r.rank && seedOf(rows[i - 1].playerId) < seedOf(r.playerId)))).toBe(true);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
