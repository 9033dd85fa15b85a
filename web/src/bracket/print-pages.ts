import type { Session } from '../api/wire-types.ts';
import { slotsInRound, type BracketShape, type PlacedBracket } from './bracket-geometry.ts';

/**
 * A knockout bracket cut into printed pages of 64 players: a page holds 32 first-round matches
 * and the five rounds they feed, down to the one match their winners reach. The rounds after
 * (for more than 64 players) are cut the same way on further pages, down to the final.
 */
export const PLAYERS_PER_PAGE = 64;
const ROUNDS_PER_PAGE = Math.log2(PLAYERS_PER_PAGE);

export interface PrintPage {
  /** The rounds on the page, first to last. */
  rounds: number[];
  /** Per round on the page, its matches at their slots on the page (undefined: an empty slot). */
  columns: (Session | undefined)[][];
  /** Where the page's first round starts, as a slot of that round (0-based). */
  firstSlot: number;
  /** The third-place playoff, on the page with the final. */
  playoff: Session[];
}

/** The pages of a placed knockout (placeSessions over every round, first to final). */
export function printPages(shape: BracketShape, rounds: readonly number[], finalRound: number, placed: PlacedBracket): PrintPage[] {
  const pages: PrintPage[] = [];
  const playoff = [...placed.perRound.get(finalRound) ?? []].filter((s) => placed.playoffs.has(s.id));
  for (let b = 0; b < rounds.length; b += ROUNDS_PER_PAGE) {
    const band = rounds.slice(b, b + ROUNDS_PER_PAGE);
    const block = 2 ** (band.length - 1);
    const slots = slotsInRound(shape, band[0], finalRound);
    for (let p = 0; p * block < slots; p++) {
      const columns = band.map((_, j) => {
        const size = block / 2 ** j;
        return Array.from({ length: size }, (_, k) => placed.columns[b + j]?.[p * size + k]);
      });
      pages.push({ rounds: band, columns, firstSlot: p * block, playoff: band[band.length - 1] === finalRound ? playoff : [] });
    }
  }
  return pages;
}
