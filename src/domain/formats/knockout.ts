import { ValidationError } from '../errors.ts';
import { bracketSize, seedOrder } from '../seeding.ts';
import type { Link, Phase, Session, SettingDescription, TournamentFormat } from './format.ts';
import { rankByPlace } from './placement-ranking.ts';
import { unplayedSession } from '../unplayed-session.ts';
import { separateClubs } from '../club-separation.ts';

/**
 * Parsed knockout settings. Keys keep their wire (snake_case) names, like every format's, so what
 * validate() returns can be stored as the tournament's settings and validated again later.
 */
export interface KnockoutSettings {
  third_place_playoff: boolean;
  /** Keep players of one club apart in round 1 where the seeding allows (entrants carry clubs). */
  separate_clubs?: boolean;
}

export interface BracketOptions {
  /** Add a match for third place; only made when both semi-finals are real sessions. */
  thirdPlacePlayoff: boolean;
  /** Phase of every session; default 'KNOCKOUT'. */
  phase?: Phase;
  /** Key of the first session; keys run densely from here. Default 0. */
  firstKey?: number;
  /** Added to every round number, so a bracket after a group stage can continue its numbering. Default 0. */
  roundOffset?: number;
}

/**
 * Match number of the third-place playoff, which sits in the final's round. Round 1 of a bracket of
 * 2048+ lines has a match 999 too, so recognise the playoff by (final round, 999) or by `loserNext`.
 */
export const PLAYOFF_MATCH_NUMBER = 999;

const MIN_PLAYERS = 2;
const MAX_PLAYERS = 1_048_576;

/**
 * Builds a single-elimination bracket from players already placed on its lines, so a caller
 * (knockout, group_knockout) decides who meets whom and this decides only the tree.
 *
 * `planBracket(lines: readonly (number | null)[], options: BracketOptions): Session[]`
 * - `lines`: player ids, length a power of two >= 2. `lines[2i]` and `lines[2i+1]` meet in round 1;
 *   the even line is slot 0. `null` is an empty line (a bye): its partner is put straight into
 *   slot `i % 2` of round-2 match `floor(i / 2) + 1`. A pair with two empty lines is an error, and so
 *   is a bye in a 2-line bracket. Player ids must be distinct.
 * - Sessions come back in key order: round 1 (only real pairs, matchNumber 1..k without gaps), then
 *   every later round r with lines.length / 2^r sessions numbered 1.., then the playoff
 *   (final's round, matchNumber 999, fed by semi 1 -> slot 0 and semi 2 -> slot 1 via `loserNext`).
 *   Rounds are `roundOffset + 1 .. roundOffset + log2(lines.length)`; keys `firstKey ..` densely.
 * - Match m of a round feeds match ceil(m / 2) of the next, slot (m - 1) % 2; the final and the
 *   playoff have no `next`. Group is null, no results.
 */
export function planBracket(lines: readonly (number | null)[], options: BracketOptions): Session[] {
  const size = lines.length;
  if (size < 2 || (size & (size - 1)) !== 0) {
    throw new RangeError(`a bracket needs a power-of-two number of lines >= 2, got ${size}`);
  }
  const phase = options.phase ?? 'KNOCKOUT';
  const firstKey = options.firstKey ?? 0;
  const roundOffset = options.roundOffset ?? 0;
  const rounds = 31 - Math.clz32(size);
  const pairs = size / 2;

  // Pass 1: count real round-1 pairs and collect bye players, so later-round keys are known
  // before any session is built and round 2 can be born with its bye players in place.
  const roundTwoSlots: (number | null)[] = new Array(pairs).fill(null);
  let firstRoundCount = 0;
  for (let i = 0; i < pairs; i++) {
    const a = lines[2 * i];
    const b = lines[2 * i + 1];
    if (a !== null && b !== null) {
      firstRoundCount++;
    } else if (a === null && b === null) {
      throw new RangeError(`bracket lines ${2 * i} and ${2 * i + 1} are both empty`);
    } else if (rounds === 1) {
      throw new RangeError('a 2-line bracket needs two players');
    } else {
      roundTwoSlots[i] = a ?? b;
    }
  }

  // roundBase[r] = key of match 1 of round r (r >= 2).
  const roundBase: number[] = new Array(rounds + 2).fill(0);
  roundBase[2] = firstKey + firstRoundCount;
  for (let r = 2; r <= rounds; r++) roundBase[r + 1] = roundBase[r] + (size >>> r);
  const playoffKey = roundBase[rounds + 1];

  const sessions: Session[] = [];
  let key = firstKey;
  let matchNumber = 0;
  for (let i = 0; i < pairs; i++) {
    const a = lines[2 * i];
    const b = lines[2 * i + 1];
    if (a === null || b === null) continue;
    const next: Link | null = rounds === 1 ? null : { key: roundBase[2] + (i >>> 1), slot: (i & 1) as 0 | 1 };
    sessions.push(newSession(key++, phase, roundOffset + 1, ++matchNumber, a, b, next));
  }
  for (let r = 2; r <= rounds; r++) {
    const count = size >>> r;
    for (let m = 0; m < count; m++) {
      const a = r === 2 ? roundTwoSlots[2 * m] : null;
      const b = r === 2 ? roundTwoSlots[2 * m + 1] : null;
      const next: Link | null = r === rounds ? null : { key: roundBase[r + 1] + (m >>> 1), slot: (m & 1) as 0 | 1 };
      sessions.push(newSession(key++, phase, roundOffset + r, m + 1, a, b, next));
    }
  }

  // A playoff needs two losers: with 3 players one semi-final is a bye and has none.
  const semiRound = rounds - 1;
  const semisAreReal = semiRound >= 2 || (semiRound === 1 && firstRoundCount === 2);
  if (options.thirdPlacePlayoff && semisAreReal) {
    const semiOneKey = semiRound === 1 ? firstKey : roundBase[semiRound];
    sessions[semiOneKey - firstKey].loserNext = { key: playoffKey, slot: 0 };
    sessions[semiOneKey + 1 - firstKey].loserNext = { key: playoffKey, slot: 1 };
    sessions.push(newSession(playoffKey, phase, roundOffset + rounds, PLAYOFF_MATCH_NUMBER, null, null, null));
  }
  return sessions;
}

function newSession(
  key: number,
  phase: Phase,
  round: number,
  matchNumber: number,
  a: number | null,
  b: number | null,
  next: Link | null,
): Session {
  return unplayedSession({ key, phase, round, matchNumber, participants: [a, b], next });
}

/**
 * Places of everyone in one bracket: `knockoutRanks(sessions: readonly Session[]): Map<playerId, rank>`.
 * Pass only that bracket's sessions (any keys, any round offset, any order). The champion is 1, the
 * runner-up 2, the playoff winner and loser 3 and 4 (semi-final losers share 3 while it is unplayed or
 * absent), and a loser in the round F - d (F = the final's round) shares 2^d + 1: quarter-final losers 5.
 * Players not yet out share 1, so it is also a sane mid-tournament standing.
 */
export function knockoutRanks(sessions: readonly Session[]): Map<number, number> {
  const ranks = new Map<number, number>();
  placeEveryone(sessions, (playerId, rank) => ranks.set(playerId, rank));
  return ranks;
}

// Calls place(player, rank) so that the last call for a player is their rank. Each player loses
// at most once outside the playoff and waits in at most one unplayed session, so no lookups are
// needed (this runs over a million sessions); the playoff comes last and overrides its two.
function placeEveryone(sessions: readonly Session[], place: (playerId: number, rank: number) => void): void {
  let finalRound = Number.NEGATIVE_INFINITY;
  const playoffKeys = new Set<number>();
  for (const s of sessions) {
    if (s.round > finalRound) finalRound = s.round;
    if (s.loserNext !== null) playoffKeys.add(s.loserNext.key);
  }
  let playoff: Session | null = null;
  for (const s of sessions) {
    if (playoffKeys.has(s.key)) {
      playoff = s;
      continue;
    }
    const [a, b] = s.participants;
    if (s.resultSubmitted && s.winnerId === null && a !== null && b !== null) {
      // A double forfeit: both are out in this round.
      place(a, 2 ** (finalRound - s.round) + 1);
      place(b, 2 ** (finalRound - s.round) + 1);
      continue;
    }
    if (!s.resultSubmitted || s.winnerId === null || a === null || b === null) {
      if (a !== null) place(a, 1);
      if (b !== null) place(b, 1);
      continue;
    }
    place(s.winnerId === a ? b : a, 2 ** (finalRound - s.round) + 1);
    if (s.next === null) place(s.winnerId, 1);
  }
  if (playoff !== null && playoff.resultSubmitted && playoff.winnerId !== null) {
    const [a, b] = playoff.participants;
    if (a !== null && b !== null) {
      place(playoff.winnerId, 3);
      place(playoff.winnerId === a ? b : a, 4);
    }
  }
}

const SETTINGS: readonly SettingDescription[] = [
  {
    name: 'third_place_playoff',
    type: 'boolean',
    description: 'Play a match for third place between the semi-final losers (only with 4 or more players).',
    default: true,
  },
  {
    name: 'separate_clubs',
    type: 'boolean',
    description: 'Keep players of one club apart in round 1 where the seeding allows: lower-half seeds swap with the nearest seed that removes the clash.',
    default: false,
  },
];

/** Single elimination with standard seeding; byes go to the top seeds. */
export const knockout: TournamentFormat<KnockoutSettings> = {
  name: 'knockout',
  minPlayers: MIN_PLAYERS,
  maxPlayers: MAX_PLAYERS,
  allowsDraws: false,
  settings: SETTINGS,

  validate(playerCount, settings) {
    assertPlayerCount(playerCount);
    if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
      throw new ValidationError('settings', 'must be an object');
    }
    let thirdPlacePlayoff = true;
    let separate = false;
    for (const [name, value] of Object.entries(settings)) {
      if (name !== 'third_place_playoff' && name !== 'separate_clubs') {
        throw new ValidationError(`settings.${name}`, 'unknown setting for knockout; allowed: third_place_playoff, separate_clubs');
      }
      if (typeof value !== 'boolean') throw new ValidationError(`settings.${name}`, 'must be a boolean');
      if (name === 'third_place_playoff') thirdPlacePlayoff = value;
      else separate = value;
    }
    return { third_place_playoff: thirdPlacePlayoff, separate_clubs: separate };
  },

  plan(entrants, settings) {
    const n = entrants.length;
    assertPlayerCount(n);
    const size = bracketSize(n);
    const order = seedOrder(size);
    const lines: (number | null)[] = new Array(size);
    for (let i = 0; i < size; i++) {
      const seed = order[i];
      lines[i] = seed <= n ? entrants[seed - 1].playerId : null;
    }
    if (settings.separate_clubs) {
      const byPlayer = new Map(entrants.map((e) => [e.playerId, e]));
      separateClubs(lines, (id) => byPlayer.get(id)!.seed, (id) => byPlayer.get(id)?.club ?? null);
    }
    return planBracket(lines, { thirdPlacePlayoff: settings.third_place_playoff });
  },

  nextSessions() {
    return [];
  },

  rank(sessions, entrants) {
    return rankByPlace(sessions, entrants, placeEveryone);
  },
};

function assertPlayerCount(n: number): void {
  if (!Number.isInteger(n) || n < MIN_PLAYERS || n > MAX_PLAYERS) {
    throw new ValidationError('player_count', 'must be an integer from 2 to 1048576 for knockout');
  }
}
