import { pairDutch } from '../../src/domain/formats/swiss-dutch/dutch.ts';
import { dutchInputFromTrf } from '../../src/domain/formats/swiss-dutch/from-trf.ts';
import { trfBeforeRound, type TrfDocument } from '../../src/domain/trf.ts';
import type { GoldenEvent, GoldenRound } from './swiss-golden-fixtures.ts';

/**
 * The one boundary between the golden fixtures and our Swiss engine: given the TRF a pairing
 * program is handed before round k (trfBeforeRound: rounds 1..k-1, a k-th entry only for the
 * players known to be absent, XXR, XXC), pair round k. Start ranks in, start ranks out.
 *
 * When the engine changes its input, only this function changes.
 */
export interface GoldenPairing {
  /** [white, black] start ranks, in board order. */
  pairs: [number, number][];
  /** Start rank of the pairing-allocated bye, or null. */
  bye: number | null;
}

export function pairFromTrf(history: TrfDocument): GoldenPairing {
  const { input, ranks } = dutchInputFromTrf(history);
  const result = pairDutch(input);
  return {
    pairs: result.boards.map(([w, b]) => [ranks[w], ranks[b]]),
    bye: result.bye === null ? null : ranks[result.bye],
  };
}

/** Where ours differs from bbpPairings' pairing, board by board, colour by colour ([] when equal). */
export function exactMismatches(ours: GoldenPairing, expected: GoldenRound): string[] {
  const out: string[] = [];
  if (ours.bye !== expected.bye) out.push(`bye: ours ${ours.bye}, bbpPairings ${expected.bye}`);
  const n = Math.max(ours.pairs.length, expected.pairs.length);
  for (let i = 0; i < n; i++) {
    const a = ours.pairs[i];
    const b = expected.pairs[i];
    if (!a || !b || a[0] !== b[0] || a[1] !== b[1]) out.push(`board ${i + 1}: ours ${a?.join('-') ?? 'none'}, bbpPairings ${b?.join('-') ?? 'none'}`);
  }
  return out;
}


/** Every round of every event paired by ours from its history, where it differs from bbpPairings ([] when all agree). */
export function goldenMismatches(events: readonly GoldenEvent[]): { rounds: number; differing: string[] } {
  const differing: string[] = [];
  let rounds = 0;
  for (const e of events) {
    for (const expected of e.pairings) {
      rounds++;
      const mismatches = exactMismatches(pairFromTrf(trfBeforeRound(e.doc, expected.round)), expected);
      if (mismatches.length > 0) differing.push(`${e.event} round ${expected.round}: ${mismatches.join('; ')}`);
    }
  }
  return { rounds, differing };
}
