import { sql } from 'drizzle-orm';
import type { Session } from '../domain/formats/format.ts';
import type { Attempts, SessionState } from '../services/ports.ts';
import type { Db } from './database.ts';

// Rows per statement: arrays of attempts travel as text ('{7.5,NULL,7.1}'), 50,000 a statement.
const CHUNK = 50_000;

/** A Postgres array literal of attempts; NULL for a failed one. */
function arrayText(values: readonly (number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : String(v))).join(',')}}`;
}

/** The attempts column of sessions, read and written set-based. */
export class AttemptRepository implements Attempts {
  constructor(private readonly db: Db) {}

  async fill(tournamentId: number, state: SessionState): Promise<void> {
    const keyOf = new Map<string, number>();
    state.ids.forEach((id, key) => keyOf.set(id, key));
    for (const s of state.sessions) s.attempts = [];
    // A few sessions (one attempt entered) are read by id; a whole tournament in one scan.
    const only = state.ids.length <= 1000 ? sql` and id = any(${sql.param([...state.ids])}::uuid[])` : sql``;
    const result = await this.db.execute(sql`
      select id, attempts from sessions where tournament_id = ${tournamentId} and attempts is not null${only}`);
    for (const row of result.rows as { id: string; attempts: (number | string | null)[] }[]) {
      const key = keyOf.get(row.id);
      if (key === undefined) continue;
      // pg gives numbers, PGlite may give strings for double precision arrays.
      state.sessions[key].attempts = row.attempts.map((v) => (v === null ? null : Number(v)));
    }
  }

  async write(sessions: readonly Session[], ids: readonly string[]): Promise<void> {
    const rows = sessions.filter((s) => s.attempts !== undefined);
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      await this.db.execute(sql`
        update sessions s set attempts = u.attempts::double precision[]
        from unnest(${sql.param(part.map((r) => ids[r.key]))}::uuid[], ${sql.param(part.map((r) => arrayText(r.attempts!)))}::text[]) as u(id, attempts)
        where s.id = u.id`);
    }
  }
}
