import type { SwissResultCode } from '../swiss-history.ts';

/**
 * The Dutch pairing's view of a Swiss before a round: every player's record in TRF terms
 * (swiss-history.ts) and the facts the FIDE rules derive from it (C.04.1, C.04.3 A.*).
 */

/** One round of a player's record. */
export interface DutchRound {
  /** The opponent's index in DutchInput.players, or null (a bye or an absence). */
  opponent: number | null;
  colour: 'white' | 'black' | 'none';
  /** The TRF result code; pending results are not allowed when pairing. */
  result: SwissResultCode;
}

export interface DutchInputPlayer {
  /** One record per round already paired, round 1 first. */
  rounds: readonly DutchRound[];
  /** false: absent from the round being paired (withdrawn, or a requested bye): not paired. */
  available: boolean;
}

export interface DutchPoints {
  win: number;
  draw: number;
  loss: number;
}

export interface DutchInput {
  /** In pairing-number order (the initial ranking: seed 1 first). */
  players: readonly DutchInputPlayer[];
  /** The number of rounds of the tournament (the last round has special rules). */
  totalRounds: number;
  points: DutchPoints;
  /** The colour of the higher-ranked player of the top board when colours are drawn (FIDE: set by lot). */
  initialColour: 'white' | 'black';
}

export const WHITE = 0;
export const BLACK = 1;
export const NONE = 2;
export type Colour = 0 | 1 | 2;

export const invert = (c: Colour): Colour => (c === WHITE ? BLACK : c === BLACK ? WHITE : NONE);

/** One round as the rules read it. */
export interface Match {
  /** The opponent's index, or the player's own index for no opponent. */
  opponent: number;
  colour: Colour;
  /** Whether the game was played over the board (forfeits are not). */
  played: boolean;
  /** Paired by the system: a game, a forfeit, or the pairing-allocated bye. */
  participated: boolean;
  /** Points, scaled to integers (Prepared.scale). */
  points: number;
}

export interface Player {
  /** Index in the input (pairing-number order). */
  id: number;
  /** Effective pairing number (0-based) among the players taking part in the tournament. */
  rank: number;
  matches: Match[];
  /** Scaled score. */
  score: number;
  playedGames: number;
  colourPreference: Colour;
  /** The colour of the last two played games when they were the same, else NONE. */
  repeatedColour: Colour;
  /** |whites - blacks| over played games. */
  colourImbalance: number;
  strongPreference: boolean;
  absolutePreference: boolean;
  absoluteImbalance: boolean;
  eligibleForBye: boolean;
  available: boolean;
}

export interface Prepared {
  players: Player[];
  playedRounds: number;
  totalRounds: number;
  scale: number;
  win: number;
  draw: number;
  loss: number;
  initialColour: Colour;
  /** forbidden[i] holds the players i has played over the board. */
  forbidden: Set<number>[];
}

/** The smallest power of ten (at least 10, as TRF scores are in tenths) making every point value an integer. */
function pointScale(points: DutchPoints): number {
  let scale = 10;
  const values = [points.win, points.draw, points.loss];
  while (scale < 1e6 && values.some((v) => Math.abs(v * scale - Math.round(v * scale)) > 1e-9)) scale *= 10;
  return scale;
}

export function prepare(input: DutchInput): Prepared {
  const scale = pointScale(input.points);
  const toScaled = (v: number): number => Math.round(v * scale);
  const win = toScaled(input.points.win);
  const draw = toScaled(input.points.draw);
  const loss = toScaled(input.points.loss);
  let playedRounds = 0;
  for (const p of input.players) playedRounds = Math.max(playedRounds, p.rounds.length);
  const forbidden = input.players.map(() => new Set<number>());
  let rank = 0;
  const players = input.players.map((p, id): Player => {
    const matches: Match[] = [];
    for (let r = 0; r < playedRounds; r++) {
      const rec = p.rounds[r];
      matches.push(rec === undefined ? { opponent: id, colour: NONE, played: false, participated: false, points: 0 } : readRound(rec, id, { win, draw, loss }));
    }
    let score = 0;
    let whites = 0;
    let blacks = 0;
    let consecutive = 0;
    let repeated: Colour = NONE;
    let playedGames = 0;
    let eligibleForBye = true;
    let participatedEver = false;
    for (const m of matches) {
      score += m.points;
      if (m.participated) participatedEver = true;
      if (m.played) {
        playedGames++;
        forbidden[id].add(m.opponent);
        if (m.colour === WHITE) whites++;
        else blacks++;
        if (consecutive === 0 || m.colour !== repeated) consecutive = 1;
        else consecutive++;
        repeated = m.colour;
      } else if (m.points >= win || (m.participated && m.opponent === id)) {
        eligibleForBye = false;
      }
    }
    const lower: Colour = whites > blacks ? BLACK : WHITE;
    const imbalance = Math.abs(whites - blacks);
    const colourPreference: Colour =
      imbalance > 1 ? lower : consecutive > 1 ? invert(repeated) : imbalance > 0 ? lower : consecutive > 0 ? invert(repeated) : NONE;
    const repeatedColour = consecutive > 1 ? repeated : NONE;
    const absoluteImbalance = imbalance > 1;
    const absolutePreference = absoluteImbalance || repeatedColour !== NONE;
    const valid = p.available || participatedEver;
    return {
      id,
      rank: valid ? rank++ : -1,
      matches,
      score,
      playedGames,
      colourPreference,
      repeatedColour,
      colourImbalance: imbalance,
      strongPreference: !absolutePreference && imbalance > 0,
      absolutePreference,
      absoluteImbalance,
      eligibleForBye,
      available: p.available,
    };
  });
  return {
    players,
    playedRounds,
    totalRounds: Math.max(input.totalRounds, playedRounds + 1),
    scale,
    win,
    draw,
    loss,
    initialColour: input.initialColour === 'black' ? BLACK : WHITE,
    forbidden,
  };
}

function readRound(rec: DutchRound, id: number, pts: { win: number; draw: number; loss: number }): Match {
  const opponent = rec.opponent ?? id;
  const colour: Colour = rec.colour === 'white' ? WHITE : rec.colour === 'black' ? BLACK : NONE;
  switch (rec.result) {
    case '1':
      return { opponent, colour, played: true, participated: true, points: pts.win };
    case '=':
      return { opponent, colour, played: true, participated: true, points: pts.draw };
    case '0':
      return { opponent, colour, played: true, participated: true, points: pts.loss };
    case '+':
      return { opponent, colour, played: false, participated: true, points: pts.win };
    case '-':
      return { opponent, colour, played: false, participated: opponent !== id, points: opponent !== id ? pts.loss : 0 };
    case 'U':
      return { opponent: id, colour: NONE, played: false, participated: true, points: pts.win };
    case 'H':
      return { opponent: id, colour: NONE, played: false, participated: false, points: pts.draw };
    case 'F':
      return { opponent: id, colour: NONE, played: false, participated: false, points: pts.win };
    case 'Z':
      return { opponent: id, colour: NONE, played: false, participated: false, points: 0 };
  }
}

/** The score `roundsBack` rounds ago. */
export function scoreBefore(p: Player, roundsBack: number, t: Prepared): number {
  let s = p.score;
  for (let k = 1; k <= roundsBack; k++) s -= p.matches[t.playedRounds - k].points;
  return s;
}

export const FLOAT_DOWN = 0;
export const FLOAT_UP = 1;
export const FLOAT_NONE = 2;

/** The float of a player `roundsBack` rounds ago (C.04.3: a bye or a forfeit win is a downfloat). */
export function floatOf(p: Player, roundsBack: number, t: Prepared): number {
  const m = p.matches[t.playedRounds - roundsBack];
  if (!m.played) return m.points > t.loss ? FLOAT_DOWN : FLOAT_NONE;
  const mine = scoreBefore(p, roundsBack, t);
  const theirs = scoreBefore(t.players[m.opponent], roundsBack, t);
  return mine > theirs ? FLOAT_DOWN : mine < theirs ? FLOAT_UP : FLOAT_NONE;
}
