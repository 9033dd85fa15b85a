import { sql, type SQL } from 'drizzle-orm';
import type { Phase } from '../domain/formats/format.ts';
import type { ScheduledSessionRecord, Schedules } from '../services/ports.ts';
import { copyOut, fromCopyText, NULL_FIELD } from './bulk-copy.ts';
import { affectedRows, type Db } from './database.ts';

// Rows per statement when writing times: 50,000 ids, times and stations as arrays.
const CHUNK = 50_000;

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

  async write(tournamentId: number, ids: readonly string[], start: Float64Array, station: readonly string[]): Promise<number> {
    let written = 0;
    for (let i = 0; i < ids.length; i += CHUNK) {
      const end = Math.min(ids.length, i + CHUNK);
      const at = Array.from(start.subarray(i, end), (ms) => new Date(ms).toISOString());
      const result = await this.db.execute(sql`
        update sessions s set scheduled_at = u.at, station = u.station
        from unnest(${sql.param(ids.slice(i, end))}::uuid[], ${sql.param(at)}::timestamptz[], ${sql.param(station.slice(i, end))}::text[])
          as u(id, at, station)
        where s.id = u.id and s.tournament_id = ${tournamentId}`);
      written += affectedRows(result);
    }
    return written;
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
