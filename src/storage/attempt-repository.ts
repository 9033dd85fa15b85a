import { sql } from 'drizzle-orm';
import type { Session } from '../domain/formats/format.ts';
import type { Attempts, SessionState } from '../services/ports.ts';
import type { Db } from './database.ts';
import { copyIn, copyOut } from './bulk-copy.ts';
import { ordinalCount } from './schedule-repository.ts';
import { sessionKeys } from './session-keys.ts';

// Arrays of attempts travel as text ('{7.5,NULL,7.1}'): one UPDATE from arrays below this many
// sessions, a COPY into a temporary table and one UPDATE from it above.
const COPY_FROM_ROWS = 2_000;

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
    // A few sessions (one attempt entered) are read by id; a whole tournament streams through COPY
    // (paged by ordinal on PGlite), so a million sessions' attempts are never a million row objects.
    if (state.ids.length <= 1000) {
      const result = await this.db.execute(sql`
        select id, attempts from sessions where tournament_id = ${tournamentId} and attempts is not null and id = any(${sql.param([...state.ids])}::uuid[])`);
      for (const row of result.rows as { id: string; attempts: (number | string | null)[] }[]) {
        const key = keyOf.get(row.id);
        // pg gives numbers, PGlite may give strings for double precision arrays.
        if (key !== undefined) state.sessions[key].attempts = row.attempts.map((v) => (v === null ? null : Number(v)));
      }
      return;
    }
    const id = Math.trunc(tournamentId);
    const total = await ordinalCount(this.db, id);
    await copyOut(this.db, {
      total,
      pages: (from, to) => `select id, attempts from sessions where tournament_id = ${id} and attempts is not null` +
        (from === 0 && to === total ? '' : ` and ordinal >= ${from} and ordinal < ${to}`),
    }, (f) => {
      const key = keyOf.get(f[0]);
      if (key !== undefined) state.sessions[key].attempts = arrayValues(f[1]);
    });
  }

  async write(sessions: readonly Session[], ids: readonly string[]): Promise<void> {
    const rows = sessions.filter((s) => s.attempts !== undefined);
    if (rows.length === 0) return;
    // Found by their keys (session-keys.ts).
    const keys = await sessionKeys(this.db, rows.map((r) => ids[r.key]));
    if (rows.length < COPY_FROM_ROWS) {
      await this.db.execute(sql`
        update sessions s set attempts = u.attempts::double precision[]
        from unnest(${sql.param(rows.map((r) => ids[r.key]))}::uuid[], ${sql.param(keys.tournament)}::bigint[], ${sql.param(keys.ordinal)}::int[],
          ${sql.param(rows.map((r) => arrayText(r.attempts!)))}::text[]) as u(id, t, o, attempts)
        where s.tournament_id = u.t and s.ordinal = u.o and s.id = u.id`);
      return;
    }
    // Many (a simulated event of a million): a COPY into a temporary table and one UPDATE joined to it.
    await this.db.execute(sql`create temporary table session_attempts (id uuid, t bigint, o int, attempts double precision[]) on commit drop`);
    await copyIn(this.db, 'session_attempts (id, t, o, attempts)', (function* () {
      for (let i = 0; i < rows.length; i++) {
        yield `${ids[rows[i].key]}\t${keys.tournament[i] ?? '\\N'}\t${keys.ordinal[i] ?? '\\N'}\t${arrayText(rows[i].attempts!)}`;
      }
    })());
    await this.db.execute(sql`update sessions s set attempts = u.attempts from session_attempts u
      where s.tournament_id = u.t and s.ordinal = u.o and s.id = u.id`);
    await this.db.execute(sql`drop table session_attempts`);
  }
}

/** Attempts from an array in COPY text ('{7.5,NULL,7.1}', '{}'); NULL a failed one. */
function arrayValues(text: string): (number | null)[] {
  const inner = text.slice(1, -1);
  if (inner === '') return [];
  return inner.split(',').map((v) => (v === 'NULL' ? null : Number(v)));
}
