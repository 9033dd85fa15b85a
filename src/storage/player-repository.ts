import { sql } from 'drizzle-orm';
import type { Entrant } from '../domain/formats/format.ts';
import type { EnrollmentRecord, Enrollments, PlayerRecord, Players } from '../services/ports.ts';
import { affectedRows, type Db } from './database.ts';

export class PlayerRepository implements Players {
  constructor(private readonly db: Db) {}

  async create(names: readonly string[]): Promise<PlayerRecord[]> {
    const result = await this.db.execute(sql`
      insert into players (name) select n from unnest(${sql.param(names)}::text[]) with ordinality as u(n, i)
      order by i returning id, name`);
    return (result.rows as unknown as PlayerRecord[]).sort((a, b) => a.id - b.id);
  }

  async list(query: { limit: number; afterId?: number; search?: string }): Promise<PlayerRecord[]> {
    const result = await this.db.execute(sql`
      select id, name from players
      where id > ${query.afterId ?? 0} ${query.search ? sql`and name ilike ${'%' + query.search.replace(/[\\%_]/g, '\\$&') + '%'}` : sql``}
      order by id limit ${query.limit}`);
    return result.rows as unknown as PlayerRecord[];
  }

  /** Ids among the given that do not exist. */
  async missing(ids: readonly number[]): Promise<number[]> {
    const result = await this.db.execute(sql`
      select u.id from unnest(${sql.param(ids)}::bigint[]) as u(id)
      where not exists (select 1 from players p where p.id = u.id)`);
    return (result.rows as { id: number }[]).map((r) => Number(r.id));
  }

  /**
   * Creates `count` synthetic players "Player 0001"… and enrolls them in seed order, in two
   * statements whatever the count.
   */
  async createAndEnrollSynthetic(tournamentId: number, count: number): Promise<number> {
    const width = Math.max(4, String(count).length);
    const result = await this.db.execute(sql`
      with created as (
        insert into players (name)
        select 'Player ' || lpad(g::text, ${width}, '0') from generate_series(1, ${count}) as g order by g
        returning id)
      insert into enrollments (tournament_id, player_id, seed)
      select ${tournamentId}, id, row_number() over (order by id) from created`);
    return affectedRows(result);
  }

  /** Ids of the players enrolled in a tournament that no other tournament holds. */
  async enrolledOnlyIn(tournamentId: number): Promise<number[]> {
    const result = await this.db.execute(sql`
      select e.player_id as id from enrollments e where e.tournament_id = ${tournamentId}
        and not exists (select 1 from enrollments o where o.player_id = e.player_id and o.tournament_id <> ${tournamentId})`);
    return (result.rows as { id: number }[]).map((r) => Number(r.id));
  }

  async delete(ids: readonly number[]): Promise<void> {
    await this.db.execute(sql`delete from players where id = any(${sql.param(ids)}::bigint[])`);
  }
}

export class EnrollmentRepository implements Enrollments {
  constructor(private readonly db: Db) {}

  /** Enrolls players with seeds continuing after the current highest; returns the new rows. */
  async enroll(tournamentId: number, playerIds: readonly number[]): Promise<EnrollmentRecord[]> {
    const result = await this.db.execute(sql`
      insert into enrollments (tournament_id, player_id, seed)
      select ${tournamentId}, u.id,
        (select coalesce(max(seed), 0) from enrollments where tournament_id = ${tournamentId}) + u.i
      from unnest(${sql.param(playerIds)}::bigint[]) with ordinality as u(id, i)
      returning player_id as "playerId", seed`);
    return result.rows as unknown as EnrollmentRecord[];
  }

  /** Player ids among the given already enrolled in the tournament. */
  async alreadyEnrolled(tournamentId: number, playerIds: readonly number[]): Promise<number[]> {
    const result = await this.db.execute(sql`
      select player_id as id from enrollments
      where tournament_id = ${tournamentId} and player_id = any(${sql.param(playerIds)}::bigint[])`);
    return (result.rows as { id: number }[]).map((r) => Number(r.id));
  }

  /** The tournament's entrants, by seed. */
  async entrants(tournamentId: number): Promise<Entrant[]> {
    const result = await this.db.execute(sql`
      select player_id as "playerId", seed from enrollments where tournament_id = ${tournamentId} order by seed`);
    return result.rows as unknown as Entrant[];
  }

  async count(tournamentId: number): Promise<number> {
    const result = await this.db.execute(sql`select count(*)::int as n from enrollments where tournament_id = ${tournamentId}`);
    return (result.rows[0] as { n: number }).n;
  }
}
