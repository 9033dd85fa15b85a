/**
 * Moves sessions between the domain's shape (keys, links by key) and rows (uuids, links by id).
 */
import { randomUUID } from 'node:crypto';
import type { Outcome, Phase, Session, Slot } from '../domain/formats/format.ts';
import type { SessionState } from '../services/ports.ts';

/** A session as a row, in the columns the bulk statements use. */
export interface SessionRow {
  id: string;
  phase: Phase;
  tournament_round: number;
  tournament_match_number: number;
  group_identifier: string | null;
  participant1_id: number | null;
  participant2_id: number | null;
  winner_id: number | null;
  score1: number | null;
  score2: number | null;
  result_submitted: boolean;
  outcome: Outcome | null;
  next_session_id: string | null;
  next_slot: Slot | null;
  loser_next_session_id: string | null;
  loser_next_slot: Slot | null;
}

/** Turns stored rows (in key order) into domain sessions. */
export function rowsToState(rows: readonly SessionRow[]): SessionState {
  const keyOf = new Map<string, number>();
  rows.forEach((row, key) => keyOf.set(row.id, key));
  const link = (id: string | null, slot: number | null) =>
    id === null ? null : { key: keyOf.get(id)!, slot: (slot ?? 0) as Slot };
  const sessions = rows.map<Session>((row, key) => ({
    key,
    phase: row.phase,
    round: row.tournament_round,
    matchNumber: row.tournament_match_number,
    group: row.group_identifier,
    participants: [row.participant1_id, row.participant2_id],
    winnerId: row.winner_id,
    score: row.score1 === null || row.score2 === null ? null : [row.score1, row.score2],
    resultSubmitted: row.result_submitted,
    outcome: row.outcome,
    next: link(row.next_session_id, row.next_slot),
    loserNext: link(row.loser_next_session_id, row.loser_next_slot),
  }));
  return { sessions, ids: rows.map((r) => r.id) };
}

/** Gives fresh ids to sessions from `from` on, extending `ids` in place. */
export function assignIds(ids: string[], sessions: readonly Session[], from: number): void {
  for (let key = from; key < sessions.length; key++) ids[key] = randomUUID();
}

/** Column arrays for one chunk of sessions, ready for an unnest() insert or update. */
export function toColumns(sessions: readonly Session[], ids: readonly string[]) {
  const n = sessions.length;
  const cols = {
    id: new Array<string>(n),
    phase: new Array<string>(n),
    round: new Array<number>(n),
    match: new Array<number>(n),
    group: new Array<string | null>(n),
    p1: new Array<number | null>(n),
    p2: new Array<number | null>(n),
    winner: new Array<number | null>(n),
    s1: new Array<number | null>(n),
    s2: new Array<number | null>(n),
    submitted: new Array<boolean>(n),
    outcome: new Array<string | null>(n),
    next: new Array<string | null>(n),
    nextSlot: new Array<number | null>(n),
    loserNext: new Array<string | null>(n),
    loserNextSlot: new Array<number | null>(n),
  };
  sessions.forEach((s, i) => {
    cols.id[i] = ids[s.key];
    cols.phase[i] = s.phase;
    cols.round[i] = s.round;
    cols.match[i] = s.matchNumber;
    cols.group[i] = s.group;
    cols.p1[i] = s.participants[0];
    cols.p2[i] = s.participants[1];
    cols.winner[i] = s.winnerId;
    cols.s1[i] = s.score ? s.score[0] : null;
    cols.s2[i] = s.score ? s.score[1] : null;
    cols.submitted[i] = s.resultSubmitted;
    cols.outcome[i] = s.outcome;
    cols.next[i] = s.next ? ids[s.next.key] : null;
    cols.nextSlot[i] = s.next ? s.next.slot : null;
    cols.loserNext[i] = s.loserNext ? ids[s.loserNext.key] : null;
    cols.loserNextSlot[i] = s.loserNext ? s.loserNext.slot : null;
  });
  return cols;
}
