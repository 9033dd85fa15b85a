import { ValidationError } from '../errors.ts';
import { bracketSize, seedOrder } from '../seeding.ts';
import { unplayedSession } from '../unplayed-session.ts';
import type { Phase, Session, SettingDescription, TournamentFormat } from './format.ts';
import { rankByPlace } from './placement-ranking.ts';
import { assertPlayerCount, readSettings } from './settings-validation.ts';

/**
 * Double elimination: a player is out after their second loss.
 *
 * - WINNERS: the knockout's bracket (standard seeding, byes to the top seeds, byes are no sessions).
 * - LOSERS: round 1 pairs the losers of winners round 1 (matches 2j and 2j+1 feed match j); then
 *   for each winners round r >= 2 a drop-in round 2r - 2, where the loser of winners match
 *   j XOR mask(r) meets the survivor of losers-bracket branch j, and (before the last) a round
 *   2r - 1 that pairs the survivors. mask(r) is r - 1 written backwards in the k - r bits of a
 *   match index (k winners rounds). That alternating drop pattern keeps two players who met in
 *   the winners bracket apart in the losers bracket for as long as any arrangement can: see
 *   `firstPossibleLosersRematch` and docs/formats.md.
 * - GRAND_FINAL round 1: the winners-bracket champion (slot 0) against the losers-bracket champion
 *   (slot 1). With `grand_final: 'double'`, nextSessions adds round 2 (the reset) only when the
 *   losers-bracket champion wins round 1. `single`: one match decides. `none`: no final.
 *
 * Sessions: 2N - 2 (`double` without the reset, `single`), 2N - 1 with the reset, 2N - 3 with `none`.
 * Places: 1 and 2 from the final, then players out in losers round R share 3 + (the number of
 * losers-bracket matches after round R in a full bracket): 3, 4, 5, 7, 9, 13, 17, 25, ...
 *
 * A forfeit is leaving the event (as a disqualification is at start.gg and Challonge). A double
 * forfeit (a walkover without a winner) sends nobody on from either bracket: both players are out
 * at once, even from the winners bracket, and share the place of players out in the losers round
 * the match's loser would have been in (losers round 1 for winners round 1, 2r - 2 for winners
 * round r >= 2); in a grand final both share 2 and nobody is first. Whoever waits for a vacant
 * place wins by walkover. A walkover in the first grand final decides the event: no reset.
 */
export interface DoubleEliminationSettings {
  grand_final: GrandFinal;
}

export type GrandFinal = 'double' | 'single' | 'none';

const NAME = 'double_elimination';
const MIN_PLAYERS = 2;
const MAX_PLAYERS = 1_048_576;
const GRAND_FINALS: readonly GrandFinal[] = ['double', 'single', 'none'];

const SETTINGS: readonly SettingDescription[] = [
  {
    name: 'grand_final',
    type: 'string',
    description:
      "'double': the losers-bracket champion must beat the winners-bracket champion twice (a reset match is added only when they win the first); 'single': one match; 'none': no final, the winners-bracket champion is first and the losers-bracket champion second.",
    default: 'double',
    choices: ['double', 'single', 'none'],
  },
];

// A source is where a slot's player comes from: a player already known (a bye), the winner or
// the loser of a session, or nobody (an empty branch). Encoded as one number so a bracket of a
// million players needs flat arrays only: key * 2 (winner), key * 2 + 1 (loser), -(id + 1) a player.
const EMPTY = Number.POSITIVE_INFINITY;
const playerSource = (playerId: number): number => -(playerId + 1);

/** Two brackets and a grand final; out after the second loss. */
export const doubleElimination: TournamentFormat<DoubleEliminationSettings> = {
  name: NAME,
  minPlayers: MIN_PLAYERS,
  maxPlayers: MAX_PLAYERS,
  allowsDraws: false,
  settings: SETTINGS,

  validate(playerCount, settings) {
    assertPlayerCount(playerCount, MIN_PLAYERS, MAX_PLAYERS, NAME);
    const raw = readSettings(settings, NAME, ['grand_final']);
    const value = raw.grand_final ?? 'double';
    if (typeof value !== 'string' || !(GRAND_FINALS as readonly string[]).includes(value)) {
      throw new ValidationError('settings.grand_final', `must be one of ${GRAND_FINALS.join(', ')}`);
    }
    return { grand_final: value as GrandFinal };
  },

  plan(entrants, settings) {
    const n = entrants.length;
    assertPlayerCount(n, MIN_PLAYERS, MAX_PLAYERS, NAME);
    const size = bracketSize(n);
    const order = seedOrder(size);
    const lines: (number | null)[] = new Array(size);
    for (let i = 0; i < size; i++) lines[i] = order[i] <= n ? entrants[order[i] - 1].playerId : null;
    return planDoubleElimination(lines, settings.grand_final);
  },

  // The brackets are the view; there is no table.
  standings() {
    return [];
  },

  nextSessions(sessions, _entrants, settings) {
    if (settings.grand_final !== 'double') return [];
    let first: Session | null = null;
    for (let i = sessions.length - 1; i >= 0; i--) {
      const s = sessions[i];
      if (s.phase !== 'GRAND_FINAL') continue;
      if (s.round === 2) return [];
      if (s.round === 1) first = s;
    }
    if (first === null || !resetFollows(first, first)) return [];
    const [winnersChampion, losersChampion] = first.participants;
    return [
      unplayedSession({
        key: sessions.length,
        phase: 'GRAND_FINAL',
        round: 2,
        matchNumber: 1,
        participants: [winnersChampion, losersChampion],
      }),
    ];
  },

  rank(sessions, entrants, settings) {
    return rankByPlace(sessions, entrants, (all, place) => placeEveryone(all, settings.grand_final, place));
  },
};

/**
 * Whether a grand final reset still follows from the first grand final, after a correction
 * anywhere: the first has its result, the losers-bracket champion (slot 1) won it over the board
 * (a walkover decides the event), and the reset holds the same two players. A reset that does not
 * is removed.
 */
export function resetFollows(first: Pick<Session, 'resultSubmitted' | 'winnerId' | 'participants' | 'outcome'>, reset: Pick<Session, 'participants'>): boolean {
  const [winnersChampion, losersChampion] = first.participants;
  return (
    first.resultSubmitted &&
    // A forfeit is leaving the event: a walkover in the first final decides it, no reset.
    first.outcome !== 'walkover' &&
    winnersChampion !== null &&
    losersChampion !== null &&
    first.winnerId === losersChampion &&
    reset.participants[0] === winnersChampion &&
    reset.participants[1] === losersChampion
  );
}

/**
 * Builds both brackets and the grand final from players placed on the winners bracket's lines
 * (length a power of two >= 2; null is a bye; lines 2i and 2i + 1 meet in winners round 1).
 * Keys run densely from 0: WINNERS by round, then LOSERS by round, then GRAND_FINAL. Match numbers
 * run from 1 in each (phase, round) without gaps. A bracket node with one player is a bye: no
 * session, the player goes straight on; a node with none is skipped.
 */
export function planDoubleElimination(lines: readonly (number | null)[], grandFinal: GrandFinal): Session[] {
  const size = lines.length;
  if (size < 2 || (size & (size - 1)) !== 0) {
    throw new RangeError(`a bracket needs a power-of-two number of lines >= 2, got ${size}`);
  }
  const k = 31 - Math.clz32(size);
  const sessions: Session[] = [];
  let matchNumber = 0;

  // Creates the session for a node whose two sources are both present, wires the sources' links
  // to it, and returns where its winner goes (pairs [winner, loser] in `out` at index i).
  const node = (phase: Phase, round: number, a: number, b: number, winners: Float64Array, losers: Float64Array | null, i: number): void => {
    if (a === EMPTY || b === EMPTY) {
      winners[i] = a === EMPTY ? b : a;
      if (losers !== null) losers[i] = EMPTY;
      return;
    }
    const key = sessions.length;
    const session = unplayedSession({ key, phase, round, matchNumber: ++matchNumber, participants: [null, null] });
    attach(sessions, session, 0, a);
    attach(sessions, session, 1, b);
    sessions.push(session);
    winners[i] = key * 2;
    if (losers !== null) losers[i] = key * 2 + 1;
  };

  // WINNERS: round r has size / 2^r nodes; winnersLosers[r] keeps where each node's loser goes.
  let winners = new Float64Array(size / 2);
  const winnersLosers: Float64Array[] = [];
  for (let r = 1; r <= k; r++) {
    const count = size >>> r;
    const nextWinners = new Float64Array(count);
    const losers = new Float64Array(count);
    matchNumber = 0;
    for (let m = 0; m < count; m++) {
      let a: number;
      let b: number;
      if (r === 1) {
        const x = lines[2 * m];
        const y = lines[2 * m + 1];
        if (x === null && y === null) throw new RangeError(`bracket lines ${2 * m} and ${2 * m + 1} are both empty`);
        a = x === null ? EMPTY : playerSource(x);
        b = y === null ? EMPTY : playerSource(y);
      } else {
        a = winners[2 * m];
        b = winners[2 * m + 1];
      }
      node('WINNERS', r, a, b, nextWinners, losers, m);
    }
    if (r === 1 && k === 1 && (nextWinners[0] === EMPTY || losers[0] === EMPTY)) {
      throw new RangeError('a 2-line bracket needs two players');
    }
    winners = nextWinners;
    winnersLosers[r] = losers;
  }
  const winnersChampion = winners[0];

  // LOSERS.
  let losersChampion = k === 1 ? winnersLosers[1][0] : EMPTY;
  if (k >= 2) {
    let branch = new Float64Array(size >>> 2);
    const firstLosers = winnersLosers[1];
    matchNumber = 0;
    for (let j = 0; j < branch.length; j++) node('LOSERS', 1, firstLosers[2 * j], firstLosers[2 * j + 1], branch, null, j);
    for (let r = 2; r <= k; r++) {
      const count = size >>> r;
      const mask = dropMask(r, k);
      const dropping = winnersLosers[r];
      const dropped = new Float64Array(count);
      matchNumber = 0;
      for (let j = 0; j < count; j++) node('LOSERS', 2 * r - 2, dropping[j ^ mask], branch[j], dropped, null, j);
      branch = dropped;
      if (r === k) break;
      const merged = new Float64Array(count / 2);
      matchNumber = 0;
      for (let j = 0; j < count / 2; j++) node('LOSERS', 2 * r - 1, branch[2 * j], branch[2 * j + 1], merged, null, j);
      branch = merged;
    }
    losersChampion = branch[0];
  }

  if (grandFinal !== 'none') {
    matchNumber = 0;
    node('GRAND_FINAL', 1, winnersChampion, losersChampion, new Float64Array(1), null, 0);
  }
  return sessions;
}

/**
 * Which winners-bracket match's loser meets losers-bracket branch j in the drop-in round of
 * winners round r: j XOR dropMask(r, k). The mask is r - 1 with its low k - r bits written
 * backwards, so the top bits of the masks of rounds 1..r differ for as long as they can.
 */
export function dropMask(r: number, k: number): number {
  const bits = k - r;
  let mask = 0;
  for (let i = 0; i < bits; i++) if (((r - 1) >>> i) & 1) mask |= 1 << (bits - 1 - i);
  return mask;
}

/**
 * The earliest losers round in which two players who met in the winners bracket can meet again,
 * for a full bracket of 2^k lines, whatever the drop pattern: after losers round R a branch holds
 * the losers of winners rounds 1..r (r = R/2 + 1 after a drop-in, (R + 1)/2 after a pairing round)
 * from the 2^(R'-1) first-round lines below it, and they can all have met none of the others only
 * if r <= 2^(k - level), the number of disjoint regions left. Equals 2k - 2 (the final) for small k.
 */
export function firstPossibleLosersRematch(k: number): number {
  for (let r = 2; r <= k; r++) {
    if (r > 2 ** (k - r)) return 2 * r - 2;
    if (r < k && r > 2 ** (k - r - 1)) return 2 * r - 1;
  }
  return 2 * k - 2;
}

// Puts the player or link of `source` into slot `slot` of `session`.
function attach(sessions: Session[], session: Session, slot: 0 | 1, source: number): void {
  if (source < 0) {
    session.participants[slot] = -source - 1;
    return;
  }
  const from = sessions[Math.floor(source / 2)];
  if (source % 2 === 0) from.next = { key: session.key, slot };
  else from.loserNext = { key: session.key, slot };
}

/** How many matches losers round R has in a full bracket of 2^k lines. */
function fullLosersRoundSize(round: number, k: number): number {
  // Round 1 pairs the 2^(k-1) first-round losers; drop-in round 2r-2 and pairing round 2r-1 halve from there.
  if (round === 1) return 2 ** (k - 2);
  const r = round % 2 === 0 ? round / 2 + 1 : (round + 1) / 2;
  return round % 2 === 0 ? 2 ** (k - r) : 2 ** (k - r - 1);
}

/**
 * Places, by the rules in the header: a player out in losers round R shares the place after
 * everyone out later; the final decides 1 and 2; players still in share 1.
 */
function placeEveryone(sessions: readonly Session[], grandFinal: GrandFinal, place: (playerId: number, rank: number) => void): void {
  let k = 0;
  for (const s of sessions) if (s.phase === 'WINNERS' && s.round > k) k = s.round;
  // placeAfter[R] = 3 + the matches of losers rounds after R in a full bracket.
  const lastLosersRound = Math.max(0, 2 * k - 2);
  const placeAfter = new Float64Array(lastLosersRound + 2);
  placeAfter[lastLosersRound] = 3;
  for (let round = lastLosersRound - 1; round >= 1; round--) placeAfter[round] = placeAfter[round + 1] + fullLosersRoundSize(round + 1, k);

  for (const s of sessions) {
    const [a, b] = s.participants;
    if (a !== null) place(a, 1);
    if (b !== null) place(b, 1);
  }
  // Where a double forfeit leaves both players (see the header): out in the losers round this
  // session's loser would have been in; both second in a grand final.
  const forfeitPlace = (s: Session): number => {
    if (s.phase === 'GRAND_FINAL') return 2;
    if (s.phase === 'LOSERS') return placeAfter[s.round];
    if (k === 1) return 2;
    return placeAfter[s.round === 1 ? 1 : 2 * s.round - 2];
  };
  let reset: Session | null = null;
  let final: Session | null = null;
  let winnersFinalForfeited = false;
  let losersChampion: number | null = null;
  for (const s of sessions) {
    const [a, b] = s.participants;
    if (s.resultSubmitted && s.winnerId === null && a !== null && b !== null) {
      place(a, forfeitPlace(s));
      place(b, forfeitPlace(s));
      if (s.phase === 'WINNERS' && s.next === null) winnersFinalForfeited = true;
      continue;
    }
    if (!s.resultSubmitted || s.winnerId === null || a === null || b === null) continue;
    const loser = s.winnerId === a ? b : a;
    if (s.phase === 'LOSERS') {
      place(loser, placeAfter[s.round]);
      if (s.next === null && grandFinal === 'none') losersChampion = s.winnerId;
    } else if (s.phase === 'WINNERS') {
      // Only without a losers bracket and a final (2 players, no final) is a winners loss the last.
      if (s.loserNext === null && s.next === null && grandFinal === 'none') place(loser, 2);
    } else if (s.round === 1) {
      final = s;
    } else {
      reset = s;
    }
  }
  // Without a final the losers-bracket champion is second, or first when nobody won the winners bracket.
  if (losersChampion !== null) place(losersChampion, winnersFinalForfeited ? 1 : 2);
  // The final's places come last: a player placed 1 in an earlier session call must end at 2.
  if (final !== null && final.winnerId !== null) {
    const loser = final.winnerId === final.participants[0] ? final.participants[1]! : final.participants[0]!;
    const decided = grandFinal === 'single' || final.winnerId === final.participants[0] || final.outcome === 'walkover';
    if (decided) place(loser, 2);
  }
  if (reset !== null && reset.winnerId !== null) {
    place(reset.winnerId === reset.participants[0] ? reset.participants[1]! : reset.participants[0]!, 2);
  }
}
