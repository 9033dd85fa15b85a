import { describe, expect, it } from 'vitest';
import { BLACK, colourOfHigher, colourPreference, WHITE } from './swiss-colours.ts';

describe('colourPreference (FIDE C.04.3 A.6)', () => {
  it('has none before the first game, and ignores byes', () => {
    expect(colourPreference([])).toEqual({ colour: 0, strength: 0 });
    expect(colourPreference([0])).toEqual({ colour: 0, strength: 0 });
  });

  it('is strong after one colour more, mild (alternate) when balanced, absolute beyond or after two alike', () => {
    expect(colourPreference([WHITE])).toEqual({ colour: BLACK, strength: 2 });
    expect(colourPreference([WHITE, 0, BLACK])).toEqual({ colour: WHITE, strength: 1 });
    expect(colourPreference([BLACK, WHITE, WHITE])).toEqual({ colour: BLACK, strength: 3 });
    expect(colourPreference([WHITE, BLACK, BLACK, WHITE, BLACK, BLACK])).toEqual({ colour: WHITE, strength: 3 });
    expect(colourPreference([WHITE, BLACK, WHITE, BLACK, WHITE, WHITE, BLACK, WHITE])).toEqual({ colour: BLACK, strength: 3 });
  });
});

describe('colourOfHigher (FIDE C.04.3 E.1-E.5)', () => {
  it('grants both wishes when they differ, or the only one there is', () => {
    expect(colourOfHigher({ history: [WHITE], seed: 1 }, { history: [BLACK], seed: 2 })).toBe(BLACK);
    expect(colourOfHigher({ history: [], seed: 1 }, { history: [WHITE], seed: 2 })).toBe(WHITE);
  });

  it('grants the stronger wish when both want the same colour', () => {
    // The lower player wants black absolutely; the higher only mildly.
    expect(colourOfHigher({ history: [BLACK, WHITE], seed: 1 }, { history: [BLACK, WHITE, WHITE], seed: 2 })).toBe(WHITE);
  });

  it('alternates from the latest round where their colours differed, then favours the higher player', () => {
    // Both want black, strongly; in round 3 the higher had black and the lower white, so they
    // swap: the higher gets white against his own wish.
    expect(colourOfHigher({ history: [WHITE, WHITE, BLACK], seed: 1 }, { history: [WHITE, BLACK, WHITE], seed: 2 })).toBe(WHITE);
    // Identical histories: the higher player's wish.
    expect(colourOfHigher({ history: [WHITE], seed: 3 }, { history: [WHITE], seed: 4 })).toBe(BLACK);
  });

  it('gives white to an odd pairing number and black to an even one when neither has a wish', () => {
    expect(colourOfHigher({ history: [], seed: 1 }, { history: [], seed: 5 })).toBe(WHITE);
    expect(colourOfHigher({ history: [0], seed: 2 }, { history: [], seed: 6 })).toBe(BLACK);
  });
});
