import type { PointsScheme } from '../standings.ts';
import type { Entrant, Session } from './format.ts';

/**
 * The canonical record of a Swiss tournament: for every player and every round that exists, the
 * opponent, the colour and the result, in the terms of the FIDE Tournament Report File (TRF-16).
 * Pairing, tie-breaks and the TRF codec all read it, so each reads a bye, a forfeit or an
 * absence the same way.
 *
 * Storage is unchanged (swiss.ts): a round exists once it has a SWISS session, and the bye is not
 * stored, so a player in no session of an existing round is read here as
 * - `Z` (absent, no points) from the round they withdrew before (`withdrawals`), or a round
 *   `absences` names with its code (`H` half-point bye, `F` full-point bye, `Z` zero-point bye);
 * - else `U`, the pairing-allocated bye (points for a win).
 * A session gives both players the colour of their place (participants[0] has white) and:
 * - played or retired with a winner: `1` / `0`; played without a winner: `=` both;
 * - a walkover with a winner: `+` / `-` (a forfeit: the game was not played);
 * - a walkover without a winner (double forfeit): `-` both;
 * - no result yet: null (paired, pending).
 */

/** A TRF-16 result code, as this project produces them (no unrated W/D/L). */
export type SwissResultCode =
  /** Played: win, draw, loss. */
  | '1' | '=' | '0'
  /** Forfeit: won (opponent did not play), lost (did not play). */
  | '+' | '-'
  /** Byes: pairing-allocated (a win's points), half-point, full-point, zero-point (absent, withdrawn). */
  | 'U' | 'H' | 'F' | 'Z';

export const SWISS_RESULT_CODES: readonly SwissResultCode[] = ['1', '=', '0', '+', '-', 'U', 'H', 'F', 'Z'];

export type SwissColour = 'white' | 'black' | 'none';

/** A requested or known absence from one round, stored apart from the sessions (Entrant.absences). */
export interface SwissAbsence {
  playerId: number;
  round: number;
  code: 'H' | 'F' | 'Z';
}

/** A withdrawn player: absent (`Z`) in every round from `fromRound` on that they are in no session of. */
export interface SwissWithdrawal {
  playerId: number;
  fromRound: number;
}

export interface SwissRoundRecord {
  /** 1-based. */
  round: number;
  /** The opponent's entrant index (seed order, as in SwissHistory.ids), or null for a bye or an absence. */
  opponent: number | null;
  colour: SwissColour;
  /** null: paired, no result yet. */
  result: SwissResultCode | null;
  /** Points this round earned under the tournament's points (0 while pending). */
  points: number;
  /** The session of the round, or null for a bye or an absence. */
  sessionKey: number | null;
}

export interface SwissPlayerHistory {
  playerId: number;
  seed: number;
  /** One record per round that exists, round 1 first. */
  rounds: SwissRoundRecord[];
  /** The sum of the rounds' points. */
  score: number;
}

export interface SwissHistory {
  /** Player ids in seed order: players[i] is ids[i], and an opponent index is such an i. */
  ids: number[];
  players: SwissPlayerHistory[];
  /** Rounds that exist (the highest SWISS round with a session). */
  rounds: number;
}

export interface SwissHistoryOptions {
  points: PointsScheme;
  withdrawals?: readonly SwissWithdrawal[];
  absences?: readonly SwissAbsence[];
}

/** The withdrawals the entrants carry (withdrawn with withdrawnFromRound), as swissHistory takes them. */
export function withdrawalsOf(entrants: readonly Entrant[]): SwissWithdrawal[] {
  const out: SwissWithdrawal[] = [];
  for (const e of entrants) {
    if (e.withdrawn && e.withdrawnFromRound !== undefined) out.push({ playerId: e.playerId, fromRound: e.withdrawnFromRound });
  }
  return out;
}

/** The one-round absences the entrants carry (Entrant.absences), as swissHistory takes them. */
export function absencesOf(entrants: readonly Entrant[]): SwissAbsence[] {
  const out: SwissAbsence[] = [];
  for (const e of entrants) for (const a of e.absences ?? []) out.push({ playerId: e.playerId, round: a.round, code: a.code });
  return out;
}

/** Whether a result is a game played over the board (not a forfeit, a bye or pending). */
export function isPlayedResult(code: SwissResultCode | null): code is '1' | '=' | '0' {
  return code === '1' || code === '=' || code === '0';
}

/** Whether a result is a bye or an absence: a round without an opponent. */
export function isByeResult(code: SwissResultCode | null): code is 'U' | 'H' | 'F' | 'Z' {
  return code === 'U' || code === 'H' || code === 'F' || code === 'Z';
}

/** The points a result earns under a points scheme (a zero-point bye earns none, not a loss's). */
export function resultPoints(code: SwissResultCode | null, points: PointsScheme): number {
  switch (code) {
    case '1': case '+': case 'U': case 'F': return points.win;
    case '=': case 'H': return points.draw;
    case '0': case '-': return points.loss;
    default: return 0;
  }
}

/** The record of every entrant over the SWISS sessions (other phases and unknown players are ignored). */
export function swissHistory(entrants: readonly Entrant[], sessions: readonly Session[], options: SwissHistoryOptions): SwissHistory {
  const sorted = [...entrants].sort((x, y) => x.seed - y.seed);
  const index = new Map<number, number>();
  sorted.forEach((e, i) => index.set(e.playerId, i));
  let rounds = 0;
  for (const s of sessions) if (s.phase === 'SWISS' && s.round > rounds) rounds = s.round;

  const slots: (SwissRoundRecord | null)[][] = sorted.map(() => new Array<SwissRoundRecord | null>(rounds).fill(null));
  for (const s of sessions) {
    if (s.phase !== 'SWISS' || s.round < 1) continue;
    const [a, b] = s.participants;
    const ia = a === null ? undefined : index.get(a);
    const ib = b === null ? undefined : index.get(b);
    if (ia === undefined || ib === undefined) continue;
    const [ra, rb] = sessionCodes(s, a!);
    const r = s.round - 1;
    slots[ia][r] ??= { round: s.round, opponent: ib, colour: 'white', result: ra, points: resultPoints(ra, options.points), sessionKey: s.key };
    slots[ib][r] ??= { round: s.round, opponent: ia, colour: 'black', result: rb, points: resultPoints(rb, options.points), sessionKey: s.key };
  }

  const withdrawnFrom = new Map<number, number>();
  for (const w of options.withdrawals ?? []) withdrawnFrom.set(w.playerId, w.fromRound);
  const absent = new Map<string, 'H' | 'F' | 'Z'>();
  for (const a of options.absences ?? []) absent.set(`${a.playerId}:${a.round}`, a.code);

  const players = sorted.map((e, i): SwissPlayerHistory => {
    const from = withdrawnFrom.get(e.playerId) ?? Infinity;
    let score = 0;
    const records = slots[i].map((slot, r): SwissRoundRecord => {
      const round = r + 1;
      const record = slot ?? byeRecord(round, round >= from ? 'Z' : (absent.get(`${e.playerId}:${round}`) ?? 'U'), options.points);
      score += record.points;
      return record;
    });
    return { playerId: e.playerId, seed: e.seed, rounds: records, score };
  });
  return { ids: sorted.map((e) => e.playerId), players, rounds };
}

function byeRecord(round: number, code: 'U' | 'H' | 'F' | 'Z', points: PointsScheme): SwissRoundRecord {
  return { round, opponent: null, colour: 'none', result: code, points: resultPoints(code, points), sessionKey: null };
}

/** The two players' codes for a session, white (participants[0], id `white`) first. */
function sessionCodes(s: Session, white: number): [SwissResultCode | null, SwissResultCode | null] {
  if (!s.resultSubmitted) return [null, null];
  if (s.outcome === 'walkover') {
    if (s.winnerId === null) return ['-', '-'];
    return s.winnerId === white ? ['+', '-'] : ['-', '+'];
  }
  if (s.winnerId === null) return ['=', '='];
  return s.winnerId === white ? ['1', '0'] : ['0', '1'];
}
