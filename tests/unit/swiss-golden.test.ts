import { describe, it, expect } from 'vitest';
import { trfAbsentEntry, trfBeforeRound } from '../../src/domain/trf.ts';
import { loadGoldenEvents } from './swiss-golden-fixtures.ts';
import { exactMismatches, pairFromTrf } from './swiss-golden-engine.ts';

/**
 * Golden Swiss fixtures: bbpPairings' Dutch pairings (tests/fixtures/swiss/README.md) against
 * ours, through pairFromTrf (swiss-golden-engine.ts), the one place that knows our engine.
 *
 * Asserted here: the fixtures themselves, round 1 of every event, and every round of every event
 * pair by pair, colour by colour and board by board (`exactMismatches`), with no exception.
 */
const events = loadGoldenEvents();

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
    const wrong: string[] = [];
    for (const e of events) {
      if (e.doc.totalRounds !== e.rounds) wrong.push(`${e.event}: XXR ${e.doc.totalRounds}`);
      if (e.pairings.map((p) => p.round).join() !== Array.from({ length: e.rounds }, (_, i) => i + 1).join()) wrong.push(`${e.event}: rounds`);
      for (const p of e.pairings) {
        const r = p.round - 1;
        // Present in round k: no entry known before pairing it (no H, F, Z).
        const present = e.doc.players.filter((x) => !trfAbsentEntry(x.rounds[r])).map((x) => x.startRank);
        const paired = [...p.pairs.flat(), ...(p.bye === null ? [] : [p.bye])].sort((a, b) => a - b);
        if (paired.join() !== present.join()) wrong.push(`${e.event} round ${p.round}: paired ${paired.length} of ${present.length}`);
        for (const [w, b] of p.pairs) {
          const entry = e.doc.players[w - 1].rounds[r];
          if (entry.opponent !== b || entry.colour !== 'w') wrong.push(`${e.event} round ${p.round}: ${w}-${b} not in the TRF`);
        }
        if (p.bye !== null && e.doc.players[p.bye - 1].rounds[r].result !== 'U') wrong.push(`${e.event} round ${p.round}: bye ${p.bye} not U`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('round 1 of every event: ours pairs the same players and gives the same bye', () => {
    const differing = events
      .map((e) => ({ e, ours: pairFromTrf(trfBeforeRound(e.doc, 1)), expected: e.pairings[0] }))
      .filter(({ ours, expected }) => unordered(ours) !== unordered(expected))
      .map(({ e }) => e.event);
    expect(differing).toEqual([]);
  });

  it('every round of every event: ours is bbpPairings\' pairing, board by board, colour by colour, and the same bye', () => {
    const differing: string[] = [];
    let rounds = 0;
    for (const e of events) {
      for (const expected of e.pairings) {
        rounds++;
        const mismatches = exactMismatches(pairFromTrf(trfBeforeRound(e.doc, expected.round)), expected);
        if (mismatches.length > 0) differing.push(`${e.event} round ${expected.round}: ${mismatches.join('; ')}`);
      }
    }
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
