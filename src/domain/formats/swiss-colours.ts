/**
 * Colour (side) preferences and allocation for Swiss pairings, after FIDE C.04.3 (Dutch),
 * articles A.6 and E. A player's history holds, per round, 1 for white (participants[0]),
 * -1 for black and 0 for a round without a game (the bye).
 */

export const WHITE = 1;
export const BLACK = -1;

/** 0 no preference (no game yet), 1 mild, 2 strong, 3 absolute. */
export type PreferenceStrength = 0 | 1 | 2 | 3;

export interface ColourPreference {
  /** WHITE, BLACK, or 0 for none. */
  colour: number;
  strength: PreferenceStrength;
}

/**
 * The colour a player should get next (A.6): absolute when the colour difference is beyond
 * ±1 or the last two games had the same colour, strong at ±1, mild (alternate) at 0.
 */
export function colourPreference(history: readonly number[]): ColourPreference {
  let difference = 0;
  let last = 0;
  let previous = 0;
  for (const c of history) {
    if (c === 0) continue;
    difference += c;
    previous = last;
    last = c;
  }
  if (last === 0) return { colour: 0, strength: 0 };
  if (difference > 1 || difference < -1) return { colour: difference > 0 ? BLACK : WHITE, strength: 3 };
  if (previous === last) return { colour: -last, strength: 3 };
  if (difference !== 0) return { colour: difference > 0 ? BLACK : WHITE, strength: 2 };
  return { colour: -last, strength: 1 };
}

/** One side of a pairing for colour allocation. */
export interface ColourCandidate {
  history: readonly number[];
  /** The pairing number (seed): E.5 looks at its parity. */
  seed: number;
}

/**
 * The colour of the higher-ranked player of a pair (E.1-E.5): grant both preferences; else
 * the stronger one; else alternate from the latest round where they had different colours;
 * else the higher-ranked player's preference; else white for an odd pairing number (our
 * initial colour is white, where FIDE draws it by lot).
 */
export function colourOfHigher(higher: ColourCandidate, lower: ColourCandidate): number {
  const ph = colourPreference(higher.history);
  const pl = colourPreference(lower.history);
  if (ph.colour === 0 && pl.colour === 0) return higher.seed % 2 === 1 ? WHITE : BLACK;
  if (pl.colour === 0) return ph.colour;
  if (ph.colour === 0) return -pl.colour;
  if (ph.colour !== pl.colour) return ph.colour;
  if (ph.strength !== pl.strength) return ph.strength > pl.strength ? ph.colour : -pl.colour;
  const h = higher.history;
  const l = lower.history;
  for (let r = Math.min(h.length, l.length) - 1; r >= 0; r--) {
    if (h[r] !== 0 && l[r] !== 0 && h[r] !== l[r]) return -h[r];
  }
  return ph.colour;
}
