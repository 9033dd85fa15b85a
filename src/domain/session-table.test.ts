import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entrant } from './formats/format.ts';
import { knockout } from './formats/knockout.ts';
import { league } from './formats/league.ts';
import { swiss } from './formats/swiss.ts';
import { applyResult } from './progression.ts';
import { feedersOf, NONE, SessionTable, tableFeeders, tableLinks } from './session-table.ts';
import { formats } from './formats/registry.ts';
import { simulate, simulateTable } from './simulation.ts';

const entrantsOf = (n: number, firstId = 500): Entrant[] => Array.from({ length: n }, (_, i) => ({ playerId: firstId + i, seed: i + 1 }));

describe('SessionTable', () => {
  it('holds a planned league row for row, groups and draws included', () => {
    const entrants = entrantsOf(9);
    const settings = league.validate(9, {});
    const played = simulate(league, settings, league.plan(entrants, settings), entrants, 3).sessions;
    const table = SessionTable.fromSessions(played);
    expect(table.length).toBe(36);
    expect(table.toSessions()).toEqual(played);
    expect(table.resultsSubmitted()).toBe(36);
  });

  it('appends sessions after its own keys and refuses a gap', () => {
    const entrants = entrantsOf(4);
    const settings = knockout.validate(4, {});
    const plan = knockout.plan(entrants, settings);
    const head = SessionTable.fromSessions(plan.slice(0, 2));
    const whole = head.concat(plan.slice(2));
    expect(whole.toSessions()).toEqual(plan);
    expect(() => head.concat(plan.slice(3))).toThrow(/key 3, expected 2/);
  });
});

describe('knockout on columns', () => {
  it('plans, simulates and ranks exactly as the object path, for 2..700 players and any seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 700 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.boolean(), (n, seed, playoff) => {
        const entrants = entrantsOf(n);
        const settings = knockout.validate(n, { third_place_playoff: playoff });
        const table = knockout.planTable!(entrants, settings);
        const sessions = knockout.plan(entrants, settings);
        expect(table.toSessions()).toEqual(sessions);
        // From the ids alone, in seed order (a million entrants read as one column): the same table.
        expect(knockout.planTableByIds!(Float64Array.from(entrants, (e) => e.playerId), settings)).toEqual(table);

        const outcome = simulate(knockout, settings, sessions, entrants, seed);
        const changed = simulateTable(knockout, table, entrants, seed);
        expect(table.toSessions()).toEqual(outcome.sessions);
        expect([...changed.keys()].filter((k) => changed[k] === 1)).toEqual([...outcome.changed].sort((a, b) => a - b));
        expect(knockout.rankTable!(table, entrants, settings).toRows()).toEqual(knockout.rank(outcome.sessions, entrants, settings));
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('plays on from results already in, as simulate does', () => {
    const entrants = entrantsOf(16);
    const settings = knockout.validate(16, {});
    const sessions = knockout.plan(entrants, settings);
    // Seed 16 beats seed 1 by hand before the rest is simulated.
    applyResult(sessions, 0, 515, [0, 2], false);
    const table = SessionTable.fromSessions(sessions);
    const outcome = simulate(knockout, settings, sessions, entrants, 9);
    const changed = simulateTable(knockout, table, entrants, 9);
    expect(table.toSessions()).toEqual(outcome.sessions);
    expect(changed[0]).toBe(0);
    expect(table.winner[0]).toBe(515);
  });

  it('plans from ids alone only where the settings need no clubs', () => {
    const settings = knockout.validate(8, { separate_clubs: true });
    expect(() => knockout.planTableByIds!(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8), settings)).toThrow(
      "separate_clubs needs the entrants' clubs: plan with planTable");
  });

  it('refuses a format that may add sessions', () => {
    const entrants = entrantsOf(4);
    const settings = swiss.validate(4, {});
    expect(() => simulateTable(swiss, SessionTable.fromSessions(swiss.plan(entrants, settings)), entrants, 1)).toThrow(/may add sessions/);
  });
});

describe('league on columns', () => {
  it('plans, simulates (draws included) and ranks exactly as the object path, for 2..64 players, single and double, any seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 64 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.boolean(), (n, seed, double) => {
        // Seeds need not follow the ids: the plan orders by seed.
        const entrants = entrantsOf(n).map((e, i) => ({ ...e, seed: n - i }));
        const settings = league.validate(n, { double_round_robin: double });
        const table = league.planTable!(entrants, settings);
        const sessions = league.plan(entrants, settings);
        expect(table.toSessions()).toEqual(sessions);
        const idsBySeed = Float64Array.from([...entrants].sort((a, b) => a.seed - b.seed), (e) => e.playerId);
        expect(league.planTableByIds!(idsBySeed, settings)).toEqual(table);

        const outcome = simulate(league, settings, sessions, entrants, seed);
        const changed = simulateTable(league, table, entrants, seed);
        expect(table.toSessions()).toEqual(outcome.sessions);
        expect([...changed.keys()].filter((k) => changed[k] === 1)).toEqual([...outcome.changed].sort((a, b) => a - b));
        expect(league.rankTable!(table, entrants, settings).toRows()).toEqual(league.rank(outcome.sessions, entrants, settings));
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('a 1,024-player league is 523,776 sessions of 1,023 rounds, 512 games each', () => {
    const entrants = entrantsOf(1024);
    const table = league.planTable!(entrants, league.validate(1024, {}));
    expect(table.length).toBe(523_776);
    expect(table.round[table.length - 1]).toBe(1023);
    expect(table.matchNumber[table.length - 1]).toBe(512);
  });
});

describe('feedersOf', () => {
  it('gives an 8-player knockout\'s semi-finals, final and playoff their two feeders each', () => {
    const settings = knockout.validate(8, { third_place_playoff: true });
    const t = knockout.planTable!(entrantsOf(8), settings);
    expect(t.length).toBe(8);
    const { a, b } = feedersOf(t.firstKey, t.length, tableLinks(t));
    expect([...a]).toEqual([NONE, NONE, NONE, NONE, 0, 2, 4, 4]);
    expect([...b]).toEqual([NONE, NONE, NONE, NONE, 1, 3, 5, 5]);
  });

  it('matches every format\'s plan read backwards link by link, 2 to 40 players', () => {
    for (const [name, format] of Object.entries(formats)) {
      for (const n of [2, 3, 5, 8, 13, 40]) {
        let settings;
        try {
          settings = format.validate(n, {});
        } catch {
          continue;
        }
        const sessions = format.plan(entrantsOf(n), settings);
        const t = SessionTable.fromSessions(sessions);
        const { a, b } = feedersOf(t.firstKey, t.length, tableLinks(t));
        expect(tableFeeders(t)).toEqual({ a, b });
        const expected = sessions.map((target) => sessions.filter((s) => s.next?.key === target.key).map((s) => s.key)
          .concat(sessions.filter((s) => s.loserNext?.key === target.key).map((s) => s.key)).sort((x, y) => x - y));
        expect(sessions.map((_, k) => [a[k], b[k]].filter((x) => x !== NONE)), `${name} ${n}`).toEqual(expected);
      }
    }
  });
});
