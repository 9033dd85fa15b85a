import { describe, it, expect } from 'vitest';
import { fixtureInconsistencies, loadGoldenEvents } from './swiss-golden-fixtures.ts';
import { goldenMismatches } from './swiss-golden-engine.ts';

/**
 * The three 1,000+ player golden events (tests/fixtures/swiss/big*.json.gz, bbpPairings' Dutch
 * pairings of 5 rounds each), apart from swiss-golden.test.ts so that vitest runs the two files
 * side by side: every round, board by board and colour by colour, as bbpPairings paired it.
 * Our engine took 194 s of CPU for the three (13-21 s a round after the first; 564-632 s in
 * CI when the matching used bigint), so each event is its own test with a deadline far above
 * that, for a loaded machine.
 */
const events = loadGoldenEvents('big');

describe('golden Swiss fixtures of 1,000+ players (bbpPairings, FIDE Dutch)', () => {
  it('are three events of 1,000 to 1,200 players, 5 rounds each, consistent with their TRF', () => {
    expect(events.map((e) => [e.event, e.players, e.pairings.length])).toEqual([
      ['big1-n1000-r5', 1000, 5],
      ['big2-n1025-r5', 1025, 5],
      ['big3-n1200-r5', 1200, 5],
    ]);
    expect(fixtureInconsistencies(events)).toEqual([]);
  });

  for (const name of ['big1-n1000-r5', 'big2-n1025-r5', 'big3-n1200-r5']) {
    it(`${name}, every round: ours is bbpPairings' pairing, board by board, colour by colour, and the same bye`, () => {
      const { rounds, differing } = goldenMismatches(events.filter((e) => e.event === name));
      expect(rounds).toBe(5);
      expect(differing).toEqual([]);
    }, 3_600_000);
  }
});
