import { ValidationError } from '../errors.ts';
import { bracketSize, seedOrder } from '../seeding.ts';
import { playerIndex } from '../player-index.ts';
import { NONE, NO_PLAYER, phaseCode, SessionTable } from '../session-table.ts';
import { DEFAULT_POINTS } from '../standings.ts';
import { OUTCOMES, type Entrant, type Link, type Phase, type Session, type SettingDescription, type TournamentFormat } from './format.ts';
import { bySeed, rankByPlace } from './placement-ranking.ts';
import { RankingTable } from '../ranking-table.ts';
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
  return planBracketTable(lines, options).toSessions();
}

/** planBracket as columns: the same sessions, row r holding key firstKey + r. */
export function planBracketTable(lines: ArrayLike<number | null>, options: BracketOptions): SessionTable {
  const size = lines.length;
  if (size < 2 || (size & (size - 1)) !== 0) {
    throw new RangeError(`a bracket needs a power-of-two number of lines >= 2, got ${size}`);
  }
  const phase = phaseCode(options.phase ?? 'KNOCKOUT');
  const firstKey = options.firstKey ?? 0;
  const roundOffset = options.roundOffset ?? 0;
  const rounds = 31 - Math.clz32(size);
  const pairs = size / 2;

  // Pass 1: count real round-1 pairs and collect bye players, so later-round keys are known
  // before any session is built and round 2 can be born with its bye players in place.
  const roundTwoSlots = new Float64Array(pairs).fill(NO_PLAYER);
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
      roundTwoSlots[i] = (a ?? b)!;
    }
  }

  // roundBase[r] = row of match 1 of round r (r >= 2).
  const roundBase: number[] = new Array(rounds + 2).fill(0);
  roundBase[2] = firstRoundCount;
  for (let r = 2; r <= rounds; r++) roundBase[r + 1] = roundBase[r] + (size >>> r);
  const playoffRow = roundBase[rounds + 1];
  // A playoff needs two losers: with 3 players one semi-final is a bye and has none.
  const semiRound = rounds - 1;
  const semisAreReal = semiRound >= 2 || (semiRound === 1 && firstRoundCount === 2);
  const withPlayoff = options.thirdPlacePlayoff && semisAreReal;

  const t = new SessionTable(playoffRow + (withPlayoff ? 1 : 0), firstKey);
  t.phase.fill(phase);
  let row = 0;
  let matchNumber = 0;
  for (let i = 0; i < pairs; i++) {
    const a = lines[2 * i];
    const b = lines[2 * i + 1];
    if (a === null || b === null) continue;
    t.round[row] = roundOffset + 1;
    t.matchNumber[row] = ++matchNumber;
    t.participant1[row] = a;
    t.participant2[row] = b;
    if (rounds > 1) {
      t.next[row] = firstKey + roundBase[2] + (i >>> 1);
      t.nextSlot[row] = i & 1;
    }
    row++;
  }
  for (let r = 2; r <= rounds; r++) {
    const count = size >>> r;
    for (let m = 0; m < count; m++) {
      t.round[row] = roundOffset + r;
      t.matchNumber[row] = m + 1;
      if (r === 2) {
        t.participant1[row] = roundTwoSlots[2 * m];
        t.participant2[row] = roundTwoSlots[2 * m + 1];
      }
      if (r < rounds) {
        t.next[row] = firstKey + roundBase[r + 1] + (m >>> 1);
        t.nextSlot[row] = m & 1;
      }
      row++;
    }
  }
  if (withPlayoff) {
    const semiOne = semiRound === 1 ? 0 : roundBase[semiRound];
    t.loserNext[semiOne] = firstKey + playoffRow;
    t.loserNextSlot[semiOne] = 0;
    t.loserNext[semiOne + 1] = firstKey + playoffRow;
    t.loserNextSlot[semiOne + 1] = 1;
    t.round[playoffRow] = roundOffset + rounds;
    t.matchNumber[playoffRow] = PLAYOFF_MATCH_NUMBER;
  }
  return t;
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
    return planKnockoutTable(entrants, settings).toSessions();
  },

  planTable: planKnockoutTable,

  planTableByIds(playerIds, settings) {
    if (settings.separate_clubs) throw new RangeError('separate_clubs needs the entrants\' clubs: plan with planTable');
    return planBracketByIds(playerIds, settings);
  },

  standings() {
    return [];
  },

  nextSessions() {
    return [];
  },

  rank(sessions, entrants) {
    return rankByPlace(sessions, entrants, placeEveryone);
  },

  rankTable(table, entrants) {
    return rankBracketTable(table, entrants);
  },
};

function planKnockoutTable(entrants: readonly Entrant[], settings: KnockoutSettings): SessionTable {
  if (!settings.separate_clubs) return planBracketByIds(entrants.map((e) => e.playerId), settings);
  const lines = bracketLines(entrants.map((e) => e.playerId));
  const byPlayer = new Map(entrants.map((e) => [e.playerId, e]));
  separateClubs(lines, (id) => byPlayer.get(id)!.seed, (id) => byPlayer.get(id)?.club ?? null);
  return planBracketTable(lines, { thirdPlacePlayoff: settings.third_place_playoff });
}

function planBracketByIds(playerIds: ArrayLike<number>, settings: KnockoutSettings): SessionTable {
  return planBracketTable(bracketLines(playerIds), { thirdPlacePlayoff: settings.third_place_playoff });
}

// The bracket's lines from the top: the player of each line's seed (the seed-th entrant), null for a bye.
function bracketLines(playerIds: ArrayLike<number>): (number | null)[] {
  const n = playerIds.length;
  assertPlayerCount(n);
  const size = bracketSize(n);
  const order = seedOrder(size);
  const lines = new Array<number | null>(size);
  for (let i = 0; i < size; i++) {
    const seed = order[i];
    lines[i] = seed <= n ? playerIds[seed - 1] : null;
  }
  return lines;
}

// placeEveryone over columns, for rankTable: the same places, no object per session.
function placeEveryoneInTable(t: SessionTable, place: (playerId: number, rank: number) => void): void {
  let finalRound = Number.NEGATIVE_INFINITY;
  const isPlayoff = new Uint8Array(t.length);
  for (let k = 0; k < t.length; k++) {
    if (t.round[k] > finalRound) finalRound = t.round[k];
    if (t.loserNext[k] !== NONE) isPlayoff[t.loserNext[k] - t.firstKey] = 1;
  }
  let playoff = NONE;
  for (let k = 0; k < t.length; k++) {
    if (isPlayoff[k] === 1) {
      playoff = k;
      continue;
    }
    const a = t.participant1[k];
    const b = t.participant2[k];
    const w = t.winner[k];
    const out = 2 ** (finalRound - t.round[k]) + 1;
    if (t.submitted[k] === 1 && w === NO_PLAYER && a !== NO_PLAYER && b !== NO_PLAYER) {
      // A double forfeit: both are out in this round.
      place(a, out);
      place(b, out);
      continue;
    }
    if (t.submitted[k] === 0 || w === NO_PLAYER || a === NO_PLAYER || b === NO_PLAYER) {
      if (a !== NO_PLAYER) place(a, 1);
      if (b !== NO_PLAYER) place(b, 1);
      continue;
    }
    place(w === a ? b : a, out);
    if (t.next[k] === NONE) place(w, 1);
  }
  if (playoff !== NONE && t.submitted[playoff] === 1 && t.winner[playoff] !== NO_PLAYER) {
    const a = t.participant1[playoff];
    const b = t.participant2[playoff];
    if (a !== NO_PLAYER && b !== NO_PLAYER) {
      place(t.winner[playoff], 3);
      place(t.winner[playoff] === a ? b : a, 4);
    }
  }
}

/**
 * knockout.rank over columns: the same rows (RankingTable.toRows()), kept as columns in seed
 * order, totals counted straight into them.
 */
function rankBracketTable(t: SessionTable, entrants: readonly Entrant[]): RankingTable {
  const ordered = bySeed(entrants);
  const n = ordered.length;
  const positionOf = playerIndex(ordered);
  const out = new RankingTable(n);
  const { wins, draws, losses, scoreFor, scoreAgainst } = out;
  const walkover = OUTCOMES.indexOf('walkover') + 1;
  for (let k = 0; k < t.length; k++) {
    if (t.submitted[k] === 0) continue;
    const i = positionOf(t.participant1[k]);
    const j = positionOf(t.participant2[k]);
    if (i < 0 || j < 0) continue;
    const s1 = t.score1[k] === NONE ? 0 : t.score1[k];
    const s2 = t.score2[k] === NONE ? 0 : t.score2[k];
    scoreFor[i] += s1;
    scoreAgainst[i] += s2;
    scoreFor[j] += s2;
    scoreAgainst[j] += s1;
    const w = t.winner[k];
    if (w === NO_PLAYER && t.outcome[k] === walkover) {
      // A double forfeit: both lose (as tally() counts it).
      losses[i]++;
      losses[j]++;
    } else if (w === NO_PLAYER) {
      draws[i]++;
      draws[j]++;
    } else if (w === t.participant1[k]) {
      wins[i]++;
      losses[j]++;
    } else {
      wins[j]++;
      losses[i]++;
    }
  }
  const rank = out.rank;
  placeEveryoneInTable(t, (playerId, place) => {
    const i = positionOf(playerId);
    if (i >= 0) rank[i] = place;
  });
  // Entrants no session placed come last together, after every placed one (as rowsByPlace).
  let placed = 0;
  for (let i = 0; i < n; i++) if (rank[i] !== 0) placed++;
  for (let i = 0; i < n; i++) {
    out.playerId[i] = ordered[i].playerId;
    if (rank[i] === 0) rank[i] = placed + 1;
    out.points[i] = wins[i] * DEFAULT_POINTS.win + draws[i] * DEFAULT_POINTS.draw + losses[i] * DEFAULT_POINTS.loss;
  }
  return out;
}

function assertPlayerCount(n: number): void {
  if (!Number.isInteger(n) || n < MIN_PLAYERS || n > MAX_PLAYERS) {
    throw new ValidationError('player_count', 'must be an integer from 2 to 1048576 for knockout');
  }
}
