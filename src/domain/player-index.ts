import type { Entrant } from './formats/format.ts';

/**
 * Finds an entrant's position in `entrants` by player id (-1 for a stranger). Player ids are usually
 * one dense block (enrolled together), so a flat array indexed by id - min answers far faster than a
 * Map at a million players; scattered ids fall back to a Map.
 */
export function playerIndex(entrants: readonly Entrant[]): (playerId: number) => number {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let integers = true;
  for (const e of entrants) {
    if (!Number.isSafeInteger(e.playerId)) integers = false;
    if (e.playerId < min) min = e.playerId;
    if (e.playerId > max) max = e.playerId;
  }
  const span = max - min + 1;
  if (integers && entrants.length > 0 && span <= 4 * entrants.length + 1024) {
    const positions = new Int32Array(span).fill(-1);
    for (let i = 0; i < entrants.length; i++) positions[entrants[i].playerId - min] = i;
    return (playerId) => {
      const k = playerId - min;
      return k >= 0 && k < span ? positions[k] : -1;
    };
  }
  const positions = new Map<number, number>();
  for (let i = 0; i < entrants.length; i++) positions.set(entrants[i].playerId, i);
  return (playerId) => positions.get(playerId) ?? -1;
}
