import { describe, it, expect } from 'vitest';
import { trfBeforeRound } from '../../src/domain/trf.ts';
import { fixtureInconsistencies, loadGoldenEvents } from './swiss-golden-fixtures.ts';
import { exactMismatches, goldenMismatches, pairFromTrf } from './swiss-golden-engine.ts';

/**
 * Golden Swiss fixtures: bbpPairings' Dutch pairings (tests/fixtures/swiss/README.md) against
 * ours, through pairFromTrf (swiss-golden-engine.ts), the one place that knows our engine.
 *
 * Asserted here, for the 5-200 player events (the 1,000+ player ones: swiss-golden-big.test.ts):
 * the fixtures themselves, round 1 of every event, and every round of every event pair by pair,
 * colour by colour and board by board (`exactMismatches`), with no exception.
 */
const events = loadGoldenEvents('small');

/** The same players meet (colours and board order aside). */
function unordered(p: { pairs: [number, number][]; bye: number | null }): string {
  return JSON.stringify([p.pairs.map(([w, b]) => (w < b ? `${w}-${b}` : `${b}-${w}`)).sort(), p.bye]);
}

describe('golden Swiss fixtures (bbpPairings, FIDE Dutch)', () => {
  it('hold at least 300 rounds of 5-200 players', () => {
    const small = events.filter((e) => e.players <= 200);
    expect(Math.min(...small.map((e) => e.players))).toBe(5);
    expect(Math.max(...small.map((e) => e.players))).toBe(200);
    expect(small.reduce((s, e) => s + e.pairings.length, 0)).toBeGreaterThanOrEqual(300);
  });

  it('are consistent: each round pairs every present player once, as the final TRF records', () => {
    expect(fixtureInconsistencies(events)).toEqual([]);
  });

  it('round 1 of every event: ours pairs the same players and gives the same bye', () => {
    const differing = events
      .map((e) => ({ e, ours: pairFromTrf(trfBeforeRound(e.doc, 1)), expected: e.pairings[0] }))
      .filter(({ ours, expected }) => unordered(ours) !== unordered(expected))
      .map(({ e }) => e.event);
    expect(differing).toEqual([]);
  });

  it('every round of every event: ours is bbpPairings\' pairing, board by board, colour by colour, and the same bye', () => {
    const { rounds, differing } = goldenMismatches(events);
    expect(rounds).toBeGreaterThanOrEqual(300);
    expect(differing).toEqual([]);
  }, 600_000);

  it('exactMismatches names the board and both pairings', () => {
    expect(exactMismatches({ pairs: [[1, 3], [4, 2]], bye: 5 }, { round: 1, pairs: [[1, 3], [2, 4]], bye: 5 })).toEqual([
      'board 2: ours 4-2, bbpPairings 2-4',
    ]);
    expect(exactMismatches({ pairs: [[1, 3]], bye: null }, { round: 1, pairs: [[1, 3]], bye: 2 })).toEqual(['bye: ours null, bbpPairings 2']);
  });
});
