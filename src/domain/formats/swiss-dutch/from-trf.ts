import { trfInferInitialColour, type TrfDocument, type TrfResult } from '../../trf.ts';
import type { SwissResultCode } from '../swiss-history.ts';
import type { DutchInput, DutchPoints, DutchRound } from './players.ts';

/**
 * The Dutch pairing's input from a TRF-16 history, as a pairing program reads the file it is
 * handed before round k: every player's rounds 1..k-1, and a k-th entry only for a player
 * known to be absent from round k (H, F, Z), who is then not paired. Players are taken in
 * start-rank order; `ranks[i]` is the start rank of DutchInput.players[i].
 */
export function dutchInputFromTrf(doc: TrfDocument, points: DutchPoints = { win: 1, draw: 0.5, loss: 0 }): { input: DutchInput; ranks: number[] } {
  const players = [...doc.players].sort((a, b) => a.startRank - b.startRank);
  const index = new Map<number, number>();
  players.forEach((p, i) => index.set(p.startRank, i));
  const round = players.length === 0 ? 1 : Math.min(...players.map((p) => p.rounds.length)) + 1;
  const input: DutchInput = {
    players: players.map((p) => ({
      rounds: p.rounds.slice(0, round - 1).map(
        (r): DutchRound => ({
          opponent: r.opponent === null || r.opponent === 0 ? null : (index.get(r.opponent) ?? null),
          colour: r.colour === 'w' ? 'white' : r.colour === 'b' ? 'black' : 'none',
          result: resultCode(r.result),
        }),
      ),
      available: p.rounds.length < round,
    })),
    totalRounds: doc.totalRounds ?? round,
    points,
    initialColour: (doc.initialColour ?? trfInferInitialColour(doc) ?? 'white1') === 'black1' ? 'black' : 'white',
  };
  return { input, ranks: players.map((p) => p.startRank) };
}

function resultCode(r: TrfResult): SwissResultCode {
  switch (r) {
    case 'W':
      return '1';
    case 'D':
      return '=';
    case 'L':
      return '0';
    case ' ':
      return 'Z';
    default:
      return r;
  }
}
