import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entrant, RankingRow } from './formats/format.ts';
import { knockout } from './formats/knockout.ts';
import { applyResult } from './progression.ts';
import { listOrder, RankingTable } from './ranking-table.ts';
import { SessionTable } from './session-table.ts';
import { simulate } from './simulation.ts';

const entrantsOf = (n: number, firstId = 500): Entrant[] => Array.from({ length: n }, (_, i) => ({ playerId: firstId + i, seed: i + 1 }));

const row = (playerId: number, rank: number, points: number, extra: Partial<RankingRow> = {}): RankingRow =>
  ({ playerId, rank, points, wins: points / 3, draws: 0, losses: 1, scoreFor: 2, scoreAgainst: 1, ...extra });

describe('RankingTable', () => {
  it('keeps entries in their order and gives rows by rank, ties in entry order', () => {
    const rows = [row(10, 3, 3), row(11, 1, 9), row(12, 3, 6), row(13, 2, 6), row(14, 3, 0)];
    const t = RankingTable.fromRows(rows);
    expect(t.length).toBe(5);
    expect([...t.playerId]).toEqual([10, 11, 12, 13, 14]);
    expect([...t.rank]).toEqual([3, 1, 3, 2, 3]);
    expect(t.tieBreaks).toBeNull();
    expect(t.toRows().map((r) => [r.playerId, r.rank])).toEqual([[11, 1], [13, 2], [10, 3], [12, 3], [14, 3]]);
    expect(t.toRows()[2]).toEqual(rows[0]);
    expect('tieBreaks' in t.toRows()[0]).toBe(false);
  });

  it('carries tie-break values where a row has them, in their order', () => {
    const rows = [row(1, 1, 6, { tieBreaks: { points: 6, buchholz: 2.5 } }), row(2, 2, 3), row(3, 2, 3, { tieBreaks: { points: 3, buchholz: null } })];
    const t = RankingTable.fromRows(rows);
    expect(t.tieBreaks).toEqual([{ points: 6, buchholz: 2.5 }, undefined, { points: 3, buchholz: null }]);
    expect(t.toRows()).toEqual(rows);
    expect(Object.keys(t.row(0).tieBreaks!)).toEqual(['points', 'buchholz']);
  });

  it('is empty for no rows', () => {
    expect(RankingTable.fromRows([]).toRows()).toEqual([]);
  });
});

describe('knockout rankTable', () => {
  it('holds its entries in seed order, whatever order the entrants came in', () => {
    const entrants = entrantsOf(8).reverse();
    const settings = knockout.validate(8, {});
    const played = simulate(knockout, settings, knockout.plan(entrants, settings), entrants, 7).sessions;
    const t = knockout.rankTable!(SessionTable.fromSessions(played), entrants, settings);
    expect([...t.playerId]).toEqual([500, 501, 502, 503, 504, 505, 506, 507]);
    expect([...t.rank].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 5, 5, 5]);
    expect(t.toRows()).toEqual(knockout.rank(played, entrants, settings));
  });

  it('counts a double forfeit as a loss for both, as the object path does (not a draw)', () => {
    const entrants = entrantsOf(8);
    const settings = knockout.validate(8, { third_place_playoff: false });
    const sessions = knockout.plan(entrants, settings);
    // Round 1: seeds 1 and 8 both forfeit; the other three matches are played.
    applyResult(sessions, 0, null, null, false, 'walkover');
    applyResult(sessions, 1, sessions[1].participants[0], [2, 1], false);
    applyResult(sessions, 2, sessions[2].participants[1], [0, 2], false);
    applyResult(sessions, 3, sessions[3].participants[0], [3, 0], false);
    const byObjects = knockout.rank(sessions, entrants, settings);
    const t = knockout.rankTable!(SessionTable.fromSessions(sessions), entrants, settings);
    expect(t.toRows()).toEqual(byObjects);
    // Seeds 1 and 8 (ids 500 and 507): one loss each, no draw, no point, out in round 1.
    for (const id of [500, 507]) {
      expect(byObjects.find((r) => r.playerId === id)).toMatchObject({ wins: 0, draws: 0, losses: 1, points: 0, rank: 5 });
    }
  });
});

describe('listOrder', () => {
  it('lists entries in seed order by rank, ties by seed, by one counting pass', () => {
    // Entries in seed order (a knockout's table): 500 seed 1 ... 505 seed 6.
    const t = RankingTable.fromRows([row(500, 1, 0), row(501, 2, 0), row(502, 3, 0), row(503, 3, 0), row(504, 5, 0), row(505, 5, 0)]);
    t.rank.set([3, 1, 5, 3, 2, 5]);
    const { order, seed } = listOrder(t, entrantsOf(6));
    expect([...order]).toEqual([1, 4, 0, 3, 2, 5]);
    expect([...seed]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('gives the order of one sort by (rank, seed with none last, player id), entries in seed order or shuffled', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 5 }), fc.boolean(), fc.integer(), (n, unseeded, shuffled, salt) => {
      // n entrants seeded 1..n, then `unseeded` ranked players no longer enrolled (ids above theirs).
      const ids = Array.from({ length: n + unseeded }, (_, i) => 500 + i);
      if (shuffled) ids.sort((x, y) => ((x * 7919 + salt) % 97) - ((y * 7919 + salt) % 97) || x - y);
      const t = new RankingTable(ids.length);
      ids.forEach((id, i) => {
        t.playerId[i] = id;
        t.rank[i] = 1 + ((id * 31 + salt) % 4 + 4) % 4;
      });
      const { order, seed } = listOrder(t, entrantsOf(n));
      const seedOf = (i: number) => (t.playerId[i] - 500 < n ? t.playerId[i] - 499 : Number.POSITIVE_INFINITY);
      const expected = ids.map((_, i) => i).sort((x, y) => t.rank[x] - t.rank[y] || seedOf(x) - seedOf(y) || t.playerId[x] - t.playerId[y]);
      expect([...order]).toEqual(expected);
      expect([...seed]).toEqual(ids.map((_, i) => (seedOf(i) === Number.POSITIVE_INFINITY ? 0 : seedOf(i))));
    }));
  });

  it('lists entries in any order by rank, ties by seed, entries without a seed last by player id', () => {
    // 600 and 601 are not among the entrants (seed 0 = none).
    const t = RankingTable.fromRows([row(601, 2, 0), row(503, 2, 0), row(600, 2, 0), row(500, 2, 0), row(502, 1, 0)]);
    const { order, seed } = listOrder(t, entrantsOf(4));
    expect([...seed]).toEqual([0, 4, 0, 1, 3]);
    expect([...order].map((i) => t.playerId[i])).toEqual([502, 500, 503, 600, 601]);
  });
});
