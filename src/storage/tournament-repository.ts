import { sql, type SQL } from 'drizzle-orm';
import type { TournamentStatus } from '../domain/lifecycle.ts';
import type { SeedingRecord, TournamentListItem, TournamentRecord, Tournaments } from '../services/ports.ts';
import type { Db } from './database.ts';

const COLUMNS = sql`t.id, t.name, t.format, t.settings, t.status, t.synthetic, t.seeding,
  t.share_slug as "shareSlug", t.sharing,
  to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
  to_char(t.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "updatedAt"`;

export class TournamentRepository implements Tournaments {
  constructor(private readonly db: Db) {}

  async create(input: { name: string; format: string; settings: Record<string, unknown>; status: TournamentStatus; synthetic?: boolean }): Promise<TournamentRecord> {
    const result = await this.db.execute(sql`
      with t as (insert into tournaments (name, format, settings, status, synthetic)
        values (${input.name}, ${input.format}, ${JSON.stringify(input.settings)}::jsonb, ${input.status}, ${input.synthetic ?? false}) returning *)
      select ${COLUMNS} from t`);
    return result.rows[0] as unknown as TournamentRecord;
  }

  async update(id: number, changes: { name?: string; settings?: Record<string, unknown> }): Promise<void> {
    await this.db.execute(sql`
      update tournaments set name = coalesce(${changes.name ?? null}, name),
        settings = coalesce(${changes.settings === undefined ? null : JSON.stringify(changes.settings)}::jsonb, settings),
        updated_at = now()
      where id = ${id}`);
  }

  async setSeeding(id: number, seeding: SeedingRecord): Promise<void> {
    await this.db.execute(sql`update tournaments set seeding = ${JSON.stringify(seeding)}::jsonb, updated_at = now() where id = ${id}`);
  }

  async setSharing(id: number, sharing: boolean, slug: string): Promise<void> {
    await this.db.execute(sql`
      update tournaments set sharing = ${sharing}, share_slug = coalesce(share_slug, ${slug}), updated_at = now() where id = ${id}`);
  }

  async findBySlug(slug: string): Promise<TournamentRecord | null> {
    const result = await this.db.execute(sql`select ${COLUMNS} from tournaments t where t.share_slug = ${slug}`);
    return (result.rows[0] as unknown as TournamentRecord | undefined) ?? null;
  }

  async get(id: number): Promise<TournamentRecord | null> {
    const result = await this.db.execute(sql`select ${COLUMNS} from tournaments t where t.id = ${id}`);
    return (result.rows[0] as unknown as TournamentRecord | undefined) ?? null;
  }

  /** Reads the tournament and locks its row until the transaction ends: the per-tournament lock. */
  async lock(id: number): Promise<TournamentRecord | null> {
    const result = await this.db.execute(sql`select ${COLUMNS} from tournaments t where t.id = ${id} for update`);
    return (result.rows[0] as unknown as TournamentRecord | undefined) ?? null;
  }

  async setStatus(id: number, status: TournamentStatus): Promise<void> {
    await this.db.execute(sql`update tournaments set status = ${status}, updated_at = now() where id = ${id}`);
  }

  /** Deletes a tournament with its sessions, their schedule and results, rankings and enrollments (no foreign key cascades to those). */
  async delete(id: number): Promise<void> {
    await this.db.execute(sql`
      with sessions_gone as (delete from sessions where tournament_id = ${id}),
        schedule_gone as (delete from session_schedule where tournament_id = ${id}),
        results_gone as (delete from session_results where tournament_id = ${id}),
        rankings_gone as (delete from rankings where tournament_id = ${id}),
        enrollments_gone as (delete from enrollments where tournament_id = ${id}),
        absences_gone as (delete from absences where tournament_id = ${id})
      delete from tournaments where id = ${id}`);
  }

  /** Enrolled players and rankings; session counts come from the sessions' breakdown. */
  async participantCounts(id: number): Promise<{ enrolled: number; rankings: number }> {
    const result = await this.db.execute(sql`
      select (select count(*)::int from enrollments where tournament_id = ${id}) as enrolled,
        coalesce((select rankings_count from tournaments where id = ${id}), 0) as rankings`);
    return result.rows[0] as unknown as { enrolled: number; rankings: number };
  }

  /** Newest first; keyset paging on id. */
  async list(query: { status?: TournamentStatus; limit: number; beforeId?: number }): Promise<TournamentListItem[]> {
    const filters: SQL[] = [sql`true`];
    if (query.status) filters.push(sql`t.status = ${query.status}`);
    if (query.beforeId !== undefined) filters.push(sql`t.id < ${query.beforeId}`);
    const result = await this.db.execute(sql`
      select ${COLUMNS}, (select count(*)::int from enrollments e where e.tournament_id = t.id) as enrolled
      from tournaments t where ${sql.join(filters, sql` and `)} order by t.id desc limit ${query.limit}`);
    return result.rows as unknown as TournamentListItem[];
  }
}
