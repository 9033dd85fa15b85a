import { sql, type SQL } from 'drizzle-orm';
import type { Phase } from '../domain/formats/format.ts';
import type { ScheduledSessionRecord, Schedules } from '../services/ports.ts';
import { copyInRows, copyOutColumns } from './bulk-copy.ts';
import { type Db } from './database.ts';
import { runsOf } from './ordinal-runs.ts';
import { playerSessions } from './session-repository.ts';

// Below this many times one INSERT from arrays; from it, one COPY.
const COPY_FROM_ROWS = 2_000;

interface Row {
  id: string;
  phase: Phase;
  tournament_round: number;
  tournament_match_number: number;
  at: string | Date;
  station: string | null;
  result_submitted: boolean;
  participant1_id: number | string | null;
  participant2_id: number | string | null;
  p1_name: string | null;
  p2_name: string | null;
}

/**
 * The session_schedule table: a session's time and station by its key (tournament, ordinal). A
 * plan replaces the rows of the sessions it moved (deleted by runs of ordinals, written by COPY);
 * the rows of the others (played, in progress, planned where they were) stay as they are.
 */
export class ScheduleRepository implements Schedules {
  constructor(private readonly db: Db) {}

  async load(tournamentId: number, count: number): Promise<{ start: Float64Array; station: (string | null)[] }> {
    const start = new Float64Array(count).fill(Number.NaN);
    const station = new Array<string | null>(count).fill(null);
    // A million times stream through COPY (paged by ordinal on PGlite), parsed into numbers as they come.
    const id = Math.trunc(tournamentId);
    await copyOutColumns(this.db, {
      total: count,
      pages: (from, to) => `select ordinal, (extract(epoch from at) * 1000)::bigint, station from session_schedule
        where tournament_id = ${id}` + (from === 0 && to === count ? '' : ` and ordinal >= ${from} and ordinal < ${to}`),
    }, ['int', 'int', 'text'], (v, text) => {
      const key = v[0];
      if (!(key >= 0 && key < count)) return;
      start[key] = v[1];
      station[key] = text[2];
    });
    return { start, station };
  }

  async write(tournamentId: number, ordinals: readonly number[], start: Float64Array, station: readonly string[]): Promise<number> {
    if (ordinals.length === 0) return 0;
    // Their old rows go first, by runs of consecutive ordinals (one run for a first plan).
    const [lo, hi] = runsOf(ordinals);
    await this.db.execute(sql`
      delete from session_schedule t using unnest(${sql.param(lo)}::int[], ${sql.param(hi)}::int[]) as r(lo, hi)
      where t.tournament_id = ${tournamentId} and t.ordinal >= r.lo and t.ordinal < r.hi`);
    const at = isoTimes();
    if (ordinals.length < COPY_FROM_ROWS) {
      await this.db.execute(sql`
        insert into session_schedule (tournament_id, ordinal, at, station)
        select ${tournamentId}, u.ordinal, u.at, u.station
        from unnest(${sql.param([...ordinals])}::int[], ${sql.param(Array.from(start, at))}::timestamptz[], ${sql.param([...station])}::text[])
          as u(ordinal, at, station)`);
      return ordinals.length;
    }
    return copyInRows(this.db, 'session_schedule (tournament_id, ordinal, at, station)', ordinals.length, (w, i) => {
      w.number(tournamentId).number(ordinals[i]).ascii(at(start[i])).text(station[i]);
    });
  }

  async refreshStatistics(written: number): Promise<void> {
    // A sample (~0.3 s of CPU at a million rows), so a board read right after a first plan is
    // planned as a walk of the time index, not a sort of the whole tournament.
    if (written >= COPY_FROM_ROWS) await this.db.execute(sql`analyze session_schedule`);
  }

  /**
   * Unplayed sessions after the last one with a time: those a format added since the plan (a Swiss
   * round, the knockout after the groups, a reset). Served by the sessions' (tournament, ordinal)
   * index from that ordinal on, so it reads only those sessions, not the tournament.
   */
  async countUnscheduled(tournamentId: number): Promise<number> {
    const result = await this.db.execute(sql`
      select count(*)::int as n from session_state
      where tournament_id = ${tournamentId} and not result_submitted
        and ordinal > coalesce((select max(ordinal) from session_schedule where tournament_id = ${tournamentId}), -1)`);
    return (result.rows[0] as { n: number }).n;
  }

  async list(tournamentId: number, query: { playerId?: number; limit: number; from?: number; unplayed?: boolean }): Promise<ScheduledSessionRecord[]> {
    const filters: SQL[] = [];
    if (query.unplayed) filters.push(sql`not s.result_submitted`);
    if (query.from !== undefined) filters.push(sql`t.at >= ${new Date(query.from).toISOString()}::timestamptz`);
    // The join is spelled as a LATERAL with a LIMIT so the planner keeps the order below even with
    // no statistics yet (a plan just written): one player's sessions are found among the sessions
    // and their times looked up; the whole tournament's are walked by the time index, each
    // session looked up, until `limit` (the board reads a few hundred of a million this way).
    // Names are looked up per row listed, never by hashing the players table.
    const pairs = query.playerId !== undefined
      ? sql`session_state s cross join lateral (select t.at, t.station, t.ordinal from session_schedule t
          where t.tournament_id = s.tournament_id and t.ordinal = s.ordinal limit 1) t
        where s.tournament_id = ${tournamentId} and ${playerSessions(tournamentId, query.playerId)}`
      : sql`session_schedule t cross join lateral (select s.id, s.phase, s.tournament_round, s.tournament_match_number,
            s.result_submitted, s.participant1_id, s.participant2_id from session_state s
          where s.tournament_id = t.tournament_id and s.ordinal = t.ordinal limit 1) s
        where t.tournament_id = ${tournamentId}`;
    const result = await this.db.execute(sql`
      select x.*, (select name from players where id = x.participant1_id) as p1_name,
        (select name from players where id = x.participant2_id) as p2_name
      from (
        select s.id, s.phase, s.tournament_round, s.tournament_match_number, t.at, t.station, t.ordinal, s.result_submitted,
          s.participant1_id, s.participant2_id
        from ${pairs}${sql.join(filters.map((f) => sql` and ${f}`))}
        order by t.at, t.station, t.ordinal
        limit ${query.limit}) x
      order by x.at, x.station, x.ordinal`);
    return (result.rows as unknown as Row[]).map((r) => ({
      id: r.id,
      phase: r.phase,
      round: r.tournament_round,
      matchNumber: r.tournament_match_number,
      scheduledAt: new Date(r.at).toISOString(),
      station: r.station,
      resultSubmitted: r.result_submitted,
      participants: [
        r.participant1_id === null ? null : { id: Number(r.participant1_id), name: r.p1_name ?? '' },
        r.participant2_id === null ? null : { id: Number(r.participant2_id), name: r.p2_name ?? '' },
      ],
    }));
  }
}

/** ISO 8601 of a time in ms, remembering the last few thousand: a plan has few distinct starts. */
function isoTimes(): (ms: number) => string {
  const seen = new Map<number, string>();
  return (ms) => {
    let text = seen.get(ms);
    if (text === undefined) {
      if (seen.size >= 65_536) seen.clear();
      text = new Date(ms).toISOString();
      seen.set(ms, text);
    }
    return text;
  };
}

/** One past the highest ordinal of a tournament's sessions (0 when it has none): the pages of a COPY. */
export async function ordinalCount(db: Db, tournamentId: number): Promise<number> {
  const result = await db.execute(sql`select coalesce(max(ordinal) + 1, 0)::int as n from sessions where tournament_id = ${tournamentId}`);
  return (result.rows[0] as { n: number }).n;
}
