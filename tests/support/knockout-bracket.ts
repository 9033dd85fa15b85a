/**
 * What a complete single-elimination bracket with a third-place playoff must look like, as
 * plain functions over the API's sessions and rankings. Each returns facts (counts, lists of
 * offenders) for a test to compare with exact expected values.
 */
import type { Ranking, Session } from './tourney-client.ts';

export const PLAYOFF = 999;

/** The third-place playoff: match 999 of the final's round (round 1 of a 2048+ bracket has a match 999 too). */
export function isPlayoff(session: Session, finalRound: number): boolean {
  return session.tournament_match_number === PLAYOFF && session.tournament_round === finalRound;
}

const finalRoundOf = (sessions: Session[]) => sessions.reduce((max, s) => Math.max(max, s.tournament_round), 0);

/** Lines of the bracket (the next power of two) and its number of rounds. */
export function bracketShape(players: number): { size: number; rounds: number; byes: number } {
  let size = 1;
  while (size < players) size *= 2;
  return { size, rounds: Math.log2(size), byes: size - players };
}

/** Sessions per round as the bracket must have them (the playoff apart). */
export function expectedRoundCounts(players: number): Record<number, number> {
  const { size, rounds } = bracketShape(players);
  const counts: Record<number, number> = { 1: players - size / 2 };
  for (let r = 2; r <= rounds; r++) counts[r] = size / 2 ** r;
  return counts;
}

/** Sessions per round, the playoff (match 999) apart. */
export function roundCounts(sessions: Session[]): Record<number, number> {
  const counts: Record<number, number> = {};
  const finalRound = finalRoundOf(sessions);
  for (const s of sessions) {
    if (isPlayoff(s, finalRound)) continue;
    counts[s.tournament_round] = (counts[s.tournament_round] ?? 0) + 1;
  }
  return counts;
}

/** How many players share each rank, as a knockout with a playoff ranks them. */
export function expectedRankCounts(players: number): Record<number, number> {
  const { rounds } = bracketShape(players);
  const perRound = expectedRoundCounts(players);
  const counts: Record<number, number> = { 1: 1, 2: 1, 3: 1, 4: 1 };
  // The losers of round rounds - d (d >= 2) share rank 2^d + 1.
  for (let d = 2; d < rounds; d++) counts[2 ** d + 1] = perRound[rounds - d];
  return counts;
}

export function rankCounts(rankings: Ranking[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of rankings) counts[r.rank] = (counts[r.rank] ?? 0) + 1;
  return counts;
}

export interface LinkFacts {
  /** Sessions other than the final and the playoff without a next session. */
  withoutNext: string[];
  /** The final and the playoff with a next session. */
  endsWithNext: string[];
  /** Links to a session that is not in the list, or not in the following round. */
  badTargets: string[];
  /** "round:match:slot" of later-round slots fed by more than one session. */
  slotsFedTwice: string[];
  /** Later-round slots fed by no session and holding no bye player. */
  slotsUnfed: string[];
  /** Slots filled by a bye (a player placed straight into round 2). */
  byeSlots: number;
  /** Sessions whose loser goes somewhere: [round, match number, loser slot] of each. */
  loserLinks: [number, number, number][];
  /** Whether every loser link points at the playoff. */
  loserLinksToPlayoff: boolean;
}

/**
 * The links between sessions. A round-2 slot that no session feeds but that holds a player
 * is a bye; any other unfed slot is a hole in the bracket.
 */
export function linkFacts(sessions: Session[]): LinkFacts {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const finalRound = finalRoundOf(sessions);
  const playoff = sessions.find((s) => isPlayoff(s, finalRound));
  const name = (s: Session) => `${s.tournament_round}:${s.tournament_match_number}`;
  const fed = new Map<string, number>();
  const facts: LinkFacts = {
    withoutNext: [], endsWithNext: [], badTargets: [], slotsFedTwice: [], slotsUnfed: [],
    byeSlots: 0, loserLinks: [], loserLinksToPlayoff: true,
  };
  for (const s of sessions) {
    const isEnd = s === playoff || (s.tournament_round === finalRound && s.tournament_match_number === 1);
    if (s.next_session_id === null) {
      if (!isEnd) facts.withoutNext.push(name(s));
    } else {
      if (isEnd) facts.endsWithNext.push(name(s));
      const target = byId.get(s.next_session_id);
      if (!target || target.tournament_round !== s.tournament_round + 1 || target === playoff) facts.badTargets.push(name(s));
      else {
        const slot = `${name(target)}:${s.next_slot}`;
        fed.set(slot, (fed.get(slot) ?? 0) + 1);
      }
    }
    if (s.loser_next_session_id !== null) {
      facts.loserLinks.push([s.tournament_round, s.tournament_match_number, s.loser_next_slot ?? -1]);
      if (s.loser_next_session_id !== playoff?.id) facts.loserLinksToPlayoff = false;
    }
  }
  for (const s of sessions) {
    if (s.tournament_round < 2 || s === playoff) continue;
    for (const slot of [0, 1]) {
      const key = `${name(s)}:${slot}`;
      const n = fed.get(key) ?? 0;
      if (n > 1) facts.slotsFedTwice.push(key);
      if (n === 0) {
        const holdsPlayer = s.participants.some((p) => p.slot === slot);
        if (holdsPlayer && s.tournament_round === 2) facts.byeSlots += 1;
        else facts.slotsUnfed.push(key);
      }
    }
  }
  facts.loserLinks.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return facts;
}

export interface ResultFacts {
  withoutResult: number;
  withoutTwoParticipants: number;
  /** Winners that are not one of the session's two participants. */
  strangeWinners: number;
  /** Winners (or semi-final losers) not found in the slot their link names. */
  notMovedOn: string[];
}

/** After every result is in: each session played by two, won by one of them, who moved on. */
export function resultFacts(sessions: Session[]): ResultFacts {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const facts: ResultFacts = { withoutResult: 0, withoutTwoParticipants: 0, strangeWinners: 0, notMovedOn: [] };
  const at = (sessionId: string | null, slot: number | null) =>
    sessionId === null ? undefined : byId.get(sessionId)?.participants.find((p) => p.slot === slot)?.id;
  for (const s of sessions) {
    if (!s.result_submitted) facts.withoutResult += 1;
    if (s.participants.length !== 2) facts.withoutTwoParticipants += 1;
    const ids = s.participants.map((p) => p.id);
    if (s.winner_id === null || !ids.includes(s.winner_id)) {
      facts.strangeWinners += 1;
      continue;
    }
    const loser = ids.find((id) => id !== s.winner_id);
    if (s.next_session_id !== null && at(s.next_session_id, s.next_slot) !== s.winner_id) facts.notMovedOn.push(`${s.tournament_round}:${s.tournament_match_number} winner`);
    if (s.loser_next_session_id !== null && at(s.loser_next_session_id, s.loser_next_slot) !== loser) facts.notMovedOn.push(`${s.tournament_round}:${s.tournament_match_number} loser`);
  }
  return facts;
}

/** The session of the final and the playoff, and who should hold ranks 1 to 4 by their results. */
export function podium(sessions: Session[]): { first: number; second: number; third: number; fourth: number } {
  const finalRound = finalRoundOf(sessions);
  const final = sessions.find((s) => s.tournament_round === finalRound && s.tournament_match_number === 1)!;
  const playoff = sessions.find((s) => isPlayoff(s, finalRound))!;
  const other = (s: Session) => s.participants.map((p) => p.id).find((id) => id !== s.winner_id)!;
  return { first: final.winner_id!, second: other(final), third: playoff.winner_id!, fourth: other(playoff) };
}
