import { pairSwissRound, type SwissPlayerState } from '../../src/domain/formats/swiss-pairing.ts';
import type { TrfDocument } from '../../src/domain/trf.ts';
import type { GoldenRound } from './swiss-golden-fixtures.ts';

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
  // trfBeforeRound gives every player k-1 entries, and a k-th to those absent in round k.
  const k = Math.min(...history.players.map((p) => p.rounds.length)) + 1;
  const present = history.players.filter((p) => p.rounds.length < k);
  const index = new Map(present.map((p, i) => [p.startRank, i]));
  const states: SwissPlayerState[] = present.map((p) => ({
    seed: p.startRank,
    score: p.points,
    opponents: p.rounds
      .filter((r) => r.opponent !== null && r.opponent > 0 && '10=WDL'.includes(r.result) && index.has(r.opponent))
      .map((r) => index.get(r.opponent!)!),
    colours: p.rounds.map((r) => ('10=WDL'.includes(r.result) ? (r.colour === 'w' ? 1 : -1) : 0)),
    hadBye: p.rounds.some((r) => r.result === 'U' || r.result === 'F' || (r.result === '+' && r.opponent === 0)),
  }));
  const result = pairSwissRound(states);
  return {
    pairs: result.boards.map(([w, b]) => [present[w].startRank, present[b].startRank]),
    bye: result.bye === null ? null : present[result.bye].startRank,
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

