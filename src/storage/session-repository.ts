import { sql, type SQL } from 'drizzle-orm';
import type { Session } from '../domain/formats/format.ts';
import type {
  RoundBreakdown,
  SessionCounts,
  SessionListQuery,
  SessionParticipantRecord,
  SessionPosition,
  SessionRecord,
  Sessions,
  SessionState,
} from '../services/ports.ts';
import { affectedRows, type Db } from './database.ts';
import { assignIds, rowsToState, toColumns, type SessionRow } from './session-rows.ts';

// Rows per bulk statement: big enough that a 1024-player knockout is one statement,
// small enough that a 523,776-session league does not build one giant parameter.
const CHUNK = 50_000;

// Group stage before the knockout, the winners bracket before the losers bracket before the
// grand final; within a phase, by round then match number.
const PHASE_ORDER = sql`case s.phase when 'GROUP' then 0 when 'LEAGUE' then 1 when 'SWISS' then 2 when 'KNOCKOUT' then 3
  when 'WINNERS' then 4 when 'LOSERS' then 5 when 'GRAND_FINAL' then 6 else 7 end`;

const ROW_COLUMNS = sql`s.id, s.phase, s.tournament_round, s.tournament_match_number, s.group_identifier,
  s.participant1_id, s.participant2_id, s.winner_id, s.score1, s.score2, s.result_submitted, s.outcome,
  s.next_session_id, s.next_slot, s.loser_next_session_id, s.loser_next_slot`;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class SessionRepository implements Sessions {
  constructor(private readonly db: Db) {}

  /**
   * Inserts the sessions from key `from` on, in bulk (one statement per 50,000), giving them
   * fresh ids appended to `ids` (which holds the ids of the keys before `from`).
   */
  async insertFrom(tournamentId: number, sessions: readonly Session[], ids: string[], from = 0): Promise<number> {
    assignIds(ids, sessions, from);
    let inserted = 0;
    for (const part of chunks(sessions.slice(from))) {
      const c = toColumns(part, ids);
      const result = await this.db.execute(sql`
        insert into sessions (id, tournament_id, phase, tournament_round, tournament_match_number, group_identifier,
          participant1_id, participant2_id, winner_id, score1, score2, result_submitted, outcome,
          next_session_id, next_slot, loser_next_session_id, loser_next_slot)
        select u.id, ${tournamentId}, u.phase, u.round, u.match, u.grp, u.p1, u.p2, u.winner, u.s1, u.s2, u.submitted, u.outcome,
          u.next, u.next_slot, u.loser_next, u.loser_next_slot
        from unnest(${sql.param(c.id)}::uuid[], ${sql.param(c.phase)}::text[], ${sql.param(c.round)}::int[],
          ${sql.param(c.match)}::int[], ${sql.param(c.group)}::text[], ${sql.param(c.p1)}::bigint[],
          ${sql.param(c.p2)}::bigint[], ${sql.param(c.winner)}::bigint[], ${sql.param(c.s1)}::int[],
          ${sql.param(c.s2)}::int[], ${sql.param(c.submitted)}::boolean[], ${sql.param(c.outcome)}::text[], ${sql.param(c.next)}::uuid[],
          ${sql.param(c.nextSlot)}::smallint[], ${sql.param(c.loserNext)}::uuid[], ${sql.param(c.loserNextSlot)}::smallint[])
          as u(id, phase, round, match, grp, p1, p2, winner, s1, s2, submitted, outcome, next, next_slot, loser_next, loser_next_slot)`);
      inserted += affectedRows(result);
    }
    return inserted;
  }

  /** Writes participants and results of the given sessions in bulk (one statement per 50,000). */
  async updateProgress(sessions: readonly Session[], ids: readonly string[]): Promise<void> {
    for (const part of chunks(sessions)) {
      const c = toColumns(part, ids);
      await this.db.execute(sql`
        update sessions s set participant1_id = u.p1, participant2_id = u.p2, winner_id = u.winner,
          score1 = u.s1, score2 = u.s2, result_submitted = u.submitted, outcome = u.outcome
        from unnest(${sql.param(c.id)}::uuid[], ${sql.param(c.p1)}::bigint[], ${sql.param(c.p2)}::bigint[],
          ${sql.param(c.winner)}::bigint[], ${sql.param(c.s1)}::int[], ${sql.param(c.s2)}::int[],
          ${sql.param(c.submitted)}::boolean[], ${sql.param(c.outcome)}::text[]) as u(id, p1, p2, winner, s1, s2, submitted, outcome)
        where s.id = u.id`);
    }
  }

  /** Every session of a tournament in domain shape, ordered by phase, round and match number. */
  async loadState(tournamentId: number): Promise<SessionState> {
    const result = await this.db.execute(sql`
      select ${ROW_COLUMNS} from sessions s where s.tournament_id = ${tournamentId}
      order by ${PHASE_ORDER}, s.tournament_round, s.tournament_match_number`);
    return rowsToState(result.rows as unknown as SessionRow[]);
  }

  /**
   * One session and the sessions its winner and loser go to, in domain shape (keys 0..2),
   * so a single result can be applied without loading the whole tournament.
   */
  async loadNeighbourhood(tournamentId: number, sessionId: string): Promise<SessionState | null> {
    const result = await this.db.execute(sql`
      with target as (select * from sessions where id = ${sessionId} and tournament_id = ${tournamentId})
      select ${ROW_COLUMNS}, (s.id = (select id from target)) as is_target from sessions s
      where s.id in (select id from target union all select next_session_id from target
                     union all select loser_next_session_id from target)
      order by is_target desc`);
    const rows = result.rows as unknown as (SessionRow & { is_target: boolean })[];
    if (rows.length === 0 || !rows[0].is_target) return null;
    // Links to sessions outside the neighbourhood cannot be followed; the loaded ones can.
    const known = new Set(rows.map((r) => r.id));
    const trimmed = rows.map((r) => ({
      ...r,
      next_session_id: r.next_session_id !== null && known.has(r.next_session_id) ? r.next_session_id : null,
      loser_next_session_id:
        r.loser_next_session_id !== null && known.has(r.loser_next_session_id) ? r.loser_next_session_id : null,
    }));
    return rowsToState(trimmed);
  }

  /**
   * One session (key 0), every session reachable from it by winner and loser links, and every
   * session linking into one of those, in bracket order after the first: a path to the final, so
   * O(log N) rows whatever the bracket's size. Links to sessions outside the set are dropped.
   */
  async loadDownstream(tournamentId: number, sessionId: string): Promise<SessionState | null> {
    const result = await this.db.execute(sql`
      with recursive path(id) as (
        select id from sessions where id = ${sessionId} and tournament_id = ${tournamentId}
        union
        select unnest(array[s.next_session_id, s.loser_next_session_id]) from sessions s join path on s.id = path.id
      ), reach as (
        select id from path where id is not null
        union
        select s.id from sessions s where s.next_session_id in (select id from path where id is not null)
        union
        select s.id from sessions s where s.loser_next_session_id in (select id from path where id is not null)
      )
      select ${ROW_COLUMNS}, (s.id = ${sessionId}) as is_target from sessions s
      where s.id in (select id from reach) and s.tournament_id = ${tournamentId}
      order by is_target desc, ${PHASE_ORDER}, s.tournament_round, s.tournament_match_number`);
    const rows = result.rows as unknown as (SessionRow & { is_target: boolean })[];
    if (rows.length === 0 || !rows[0].is_target) return null;
    const known = new Set(rows.map((r) => r.id));
    return rowsToState(rows.map((r) => ({
      ...r,
      next_session_id: r.next_session_id !== null && known.has(r.next_session_id) ? r.next_session_id : null,
      loser_next_session_id: r.loser_next_session_id !== null && known.has(r.loser_next_session_id) ? r.loser_next_session_id : null,
    })));
  }

  async deleteByIds(ids: readonly string[]): Promise<void> {
    for (const part of chunks(ids)) {
      await this.db.execute(sql`delete from sessions where id = any(${sql.param(part)}::uuid[])`);
    }
  }

  /** Whether any session still lacks a result: stops at the first, unlike a count. */
  async anyWithoutResult(tournamentId: number): Promise<boolean> {
    const result = await this.db.execute(sql`
      select exists (select 1 from sessions where tournament_id = ${tournamentId} and not result_submitted) as pending`);
    return (result.rows[0] as { pending: boolean }).pending;
  }

  async counts(tournamentId: number): Promise<SessionCounts> {
    const result = await this.db.execute(sql`
      select count(*)::int as sessions, count(*) filter (where result_submitted)::int as results
      from sessions where tournament_id = ${tournamentId}`);
    const row = result.rows[0] as { sessions: number; results: number };
    return { sessions: row.sessions, resultsSubmitted: row.results };
  }

  /** Sessions per phase and round with their results, for the monitor's breakdown. */
  async breakdown(tournamentId: number): Promise<RoundBreakdown[]> {
    const result = await this.db.execute(sql`
      select s.phase, s.tournament_round as round, count(*)::int as sessions,
        count(*) filter (where s.result_submitted)::int as results
      from sessions s where s.tournament_id = ${tournamentId}
      group by s.phase, s.tournament_round order by min(${PHASE_ORDER}), s.tournament_round`);
    return result.rows as unknown as RoundBreakdown[];
  }

  /** Sessions with each participant's name and seed; keyset paging. */
  async list(tournamentId: number, query: SessionListQuery): Promise<{ items: SessionRecord[]; last: SessionPosition | null }> {
    const filters: SQL[] = [sql`s.tournament_id = ${tournamentId}`];
    if (query.id) filters.push(sql`s.id = ${query.id}`);
    if (query.playerId !== undefined) filters.push(sql`(s.participant1_id = ${query.playerId} or s.participant2_id = ${query.playerId})`);
    if (query.phase) filters.push(sql`s.phase = ${query.phase}`);
    if (query.round !== undefined) filters.push(sql`s.tournament_round = ${query.round}`);
    if (query.after) {
      const [p, r, m] = query.after;
      filters.push(sql`(${PHASE_ORDER}, s.tournament_round, s.tournament_match_number) > (${p}::int, ${r}::int, ${m}::int)`);
    }
    const limit = query.limit === undefined ? sql`` : sql`limit ${query.limit}`;
    const result = await this.db.execute(sql`
      select ${ROW_COLUMNS}, s.tournament_id, ${PHASE_ORDER} as phase_order,
        p1.name as p1_name, e1.seed as p1_seed, p2.name as p2_name, e2.seed as p2_seed
      from sessions s
      left join players p1 on p1.id = s.participant1_id
      left join enrollments e1 on e1.tournament_id = s.tournament_id and e1.player_id = s.participant1_id
      left join players p2 on p2.id = s.participant2_id
      left join enrollments e2 on e2.tournament_id = s.tournament_id and e2.player_id = s.participant2_id
      where ${sql.join(filters, sql` and `)}
      order by ${PHASE_ORDER}, s.tournament_round, s.tournament_match_number
      ${limit}`);
    type Row = SessionRow & {
      tournament_id: number;
      phase_order: number;
      p1_name: string | null;
      p1_seed: number | null;
      p2_name: string | null;
      p2_seed: number | null;
    };
    const rows = result.rows as unknown as Row[];
    const items = rows.map<SessionRecord>((r) => {
      const participants: SessionParticipantRecord[] = [];
      if (r.participant1_id !== null) participants.push({ id: r.participant1_id, name: r.p1_name ?? '', seed: r.p1_seed, slot: 0 });
      if (r.participant2_id !== null) participants.push({ id: r.participant2_id, name: r.p2_name ?? '', seed: r.p2_seed, slot: 1 });
      return {
        id: r.id,
        tournamentId: r.tournament_id,
        phase: r.phase,
        round: r.tournament_round,
        matchNumber: r.tournament_match_number,
        group: r.group_identifier,
        participants,
        winnerId: r.winner_id,
        score: r.score1 === null || r.score2 === null ? null : [r.score1, r.score2],
        resultSubmitted: r.result_submitted,
        outcome: r.outcome,
        nextSessionId: r.next_session_id,
        nextSlot: r.next_slot,
        loserNextSessionId: r.loser_next_session_id,
        loserNextSlot: r.loser_next_slot,
      };
    });
    const tail = rows.at(-1);
    return { items, last: tail ? [tail.phase_order, tail.tournament_round, tail.tournament_match_number] : null };
  }
}
