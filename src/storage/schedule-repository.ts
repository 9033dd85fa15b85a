import { sql, type SQL } from 'drizzle-orm';
import type { Phase } from '../domain/formats/format.ts';
import type { ScheduledSessionRecord, Schedules } from '../services/ports.ts';
import { copyIn, copyOut, copyText, fromCopyText, NULL_FIELD } from './bulk-copy.ts';
import { affectedRows, type Db } from './database.ts';

// Below this many times one UPDATE from arrays; from it, a COPY into a temporary table.
const COPY_FROM_ROWS = 2_000;

interface Row {
  id: string;
  phase: Phase;
  tournament_round: number;
  tournament_match_number: number;
  scheduled_at: string | Date | null;
  station: string | null;
  result_submitted: boolean;
  participant1_id: number | string | null;
  participant2_id: number | string | null;
  p1_name: string | null;
  p2_name: string | null;
}

const iso = (value: string | Date | null): string | null => (value === null ? null : new Date(value).toISOString());

/** The scheduled_at and station columns of sessions. */
export class ScheduleRepository implements Schedules {
  constructor(private readonly db: Db) {}

  async load(tournamentId: number, ids: readonly string[]): Promise<{ start: Float64Array; station: (string | null)[] }> {
    const start = new Float64Array(ids.length).fill(Number.NaN);
    const station = new Array<string | null>(ids.length).fill(null);
    const keyOf = new Map<string, number>();
    ids.forEach((id, key) => keyOf.set(id, key));
    // A million scheduled sessions stream through COPY (paged by ordinal on PGlite), not as row objects.
    const id = Math.trunc(tournamentId);
    const total = await ordinalCount(this.db, id);
    await copyOut(this.db, {
      total,
      pages: (from, to) => `select id, (extract(epoch from scheduled_at) * 1000)::bigint, station from sessions
        where tournament_id = ${id} and scheduled_at is not null` + (from === 0 && to === total ? '' : ` and ordinal >= ${from} and ordinal < ${to}`),
    }, (f) => {
      const key = keyOf.get(f[0]);
      if (key === undefined) return;
      start[key] = Number(f[1]);
      station[key] = f[2] === NULL_FIELD ? null : fromCopyText(f[2]);
    });
    return { start, station };
  }

  async write(tournamentId: number, ordinals: readonly number[], start: Float64Array, station: readonly string[]): Promise<number> {
    if (ordinals.length === 0) return 0;
    if (ordinals.length < COPY_FROM_ROWS) {
      const at = Array.from(start, (ms) => new Date(ms).toISOString());
      const result = await this.db.execute(sql`
        update sessions s set scheduled_at = u.at, station = u.station
        from unnest(${sql.param([...ordinals])}::int[], ${sql.param(at)}::timestamptz[], ${sql.param([...station])}::text[])
          as u(ordinal, at, station)
        where s.tournament_id = ${tournamentId} and s.ordinal = u.ordinal`);
      return affectedRows(result);
    }
    // Many: a COPY into a temporary table (no index: the join hashes it) and one UPDATE joined to
    // it, as results are written; a million times in one statement, not twenty of 50,000.
    await this.db.execute(sql`create temporary table session_times (ordinal int, at timestamptz, station text) on commit drop`);
    await copyIn(this.db, 'session_times (ordinal, at, station)', (function* () {
      for (let i = 0; i < ordinals.length; i++) yield `${ordinals[i]}\t${new Date(start[i]).toISOString()}\t${copyText(station[i])}`;
    })());
    const result = await this.db.execute(sql`
      update sessions s set scheduled_at = u.at, station = u.station from session_times u
      where s.tournament_id = ${tournamentId} and s.ordinal = u.ordinal`);
    await this.db.execute(sql`drop table session_times`);
    return affectedRows(result);
  }

  async countUnscheduled(tournamentId: number): Promise<number> {
    const result = await this.db.execute(sql`
      select count(*)::int as n from sessions where tournament_id = ${tournamentId} and scheduled_at is null and not result_submitted`);
    return (result.rows[0] as { n: number }).n;
  }

  async list(tournamentId: number, query: { playerId?: number; limit: number; from?: number; unplayed?: boolean }): Promise<ScheduledSessionRecord[]> {
    const filters: SQL[] = [sql`s.tournament_id = ${tournamentId}`, sql`s.scheduled_at is not null`];
    if (query.unplayed) filters.push(sql`not s.result_submitted`);
    if (query.playerId !== undefined) filters.push(sql`(s.participant1_id = ${query.playerId} or s.participant2_id = ${query.playerId})`);
    if (query.from !== undefined) filters.push(sql`s.scheduled_at >= ${new Date(query.from).toISOString()}::timestamptz`);
    const result = await this.db.execute(sql`
      select s.id, s.phase, s.tournament_round, s.tournament_match_number, s.scheduled_at, s.station, s.result_submitted,
        s.participant1_id, s.participant2_id, p1.name as p1_name, p2.name as p2_name
      from sessions s
      left join players p1 on p1.id = s.participant1_id
      left join players p2 on p2.id = s.participant2_id
      where ${sql.join(filters, sql` and `)}
      order by s.scheduled_at, s.station, s.id
      limit ${query.limit}`);
    return (result.rows as unknown as Row[]).map((r) => ({
      id: r.id,
      phase: r.phase,
      round: r.tournament_round,
      matchNumber: r.tournament_match_number,
      scheduledAt: iso(r.scheduled_at),
      station: r.station,
      resultSubmitted: r.result_submitted,
      participants: [
        r.participant1_id === null ? null : { id: Number(r.participant1_id), name: r.p1_name ?? '' },
        r.participant2_id === null ? null : { id: Number(r.participant2_id), name: r.p2_name ?? '' },
      ],
    }));
  }
}

/** One past the highest ordinal of a tournament's sessions (0 when it has none): the pages of a COPY. */
export async function ordinalCount(db: Db, tournamentId: number): Promise<number> {
  const result = await db.execute(sql`select coalesce(max(ordinal) + 1, 0)::int as n from sessions where tournament_id = ${tournamentId}`);
  return (result.rows[0] as { n: number }).n;
}
