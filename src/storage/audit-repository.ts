import { sql } from 'drizzle-orm';
import type { AuditEntry, AuditLog, AuditRecord } from '../services/ports.ts';
import type { Db } from './database.ts';

export class AuditRepository implements AuditLog {
  constructor(private readonly db: Db) {}

  /** One statement for any number of entries. */
  async record(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const column = <T>(pick: (e: AuditEntry) => T) => sql.param(entries.map(pick));
    await this.db.execute(sql`
      insert into audit_events (tournament_id, actor_id, actor_email, action, session_id, player_id, before, after)
      select u.t, u.actor, u.email, u.action, u.session, u.player, u.before, u.after
      from unnest(${column((e) => e.tournamentId)}::bigint[], ${column((e) => e.actor.id)}::bigint[],
        ${column((e) => e.actor.email)}::text[], ${column((e) => e.action)}::text[], ${column((e) => e.sessionId)}::uuid[],
        ${column((e) => e.playerId)}::bigint[], ${column((e) => (e.before === undefined ? null : JSON.stringify(e.before)))}::jsonb[],
        ${column((e) => (e.after === undefined ? null : JSON.stringify(e.after)))}::jsonb[])
        with ordinality as u(t, actor, email, action, session, player, before, after, i)
      order by u.i`);
  }

  async list(tournamentId: number, query: { sessionId?: string; limit: number; beforeId?: number }): Promise<AuditRecord[]> {
    const result = await this.db.execute(sql`
      select id, tournament_id as "tournamentId", actor_id, actor_email, action, session_id as "sessionId",
        player_id as "playerId", before, after,
        to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
      from audit_events
      where tournament_id = ${tournamentId}
        ${query.sessionId ? sql`and session_id = ${query.sessionId}` : sql``}
        ${query.beforeId !== undefined ? sql`and id < ${query.beforeId}` : sql``}
      order by id desc limit ${query.limit}`);
    type Row = Omit<AuditRecord, 'actor'> & { actor_id: number | null; actor_email: string | null };
    return (result.rows as unknown as Row[]).map(({ actor_id, actor_email, ...rest }) => ({ ...rest, actor: { id: actor_id, email: actor_email } }));
  }
}
