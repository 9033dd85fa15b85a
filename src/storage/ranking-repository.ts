import { sql } from 'drizzle-orm';
import type { RankingRow } from '../domain/formats/format.ts';
import type { RankingRecord, Rankings } from '../services/ports.ts';
import { copyIn } from './bulk-copy.ts';
import type { Db } from './database.ts';

// Below this many rows one INSERT from arrays; from it, COPY.
const COPY_FROM_ROWS = 2_000;

export class RankingRepository implements Rankings {
  constructor(private readonly db: Db) {}

  /** Replaces a tournament's rankings: one delete, then one INSERT from arrays or, for many, one streamed COPY. */
  async replace(tournamentId: number, rows: readonly RankingRow[]): Promise<void> {
    await this.db.execute(sql`delete from rankings where tournament_id = ${tournamentId}`);
    if (rows.length >= COPY_FROM_ROWS) {
      const prefix = `${tournamentId}\t`;
      await copyIn(this.db, 'rankings (tournament_id, player_id, rank, points, wins, draws, losses, score_for, score_against)',
        (function* () {
          for (const r of rows) {
            yield prefix + r.playerId + '\t' + r.rank + '\t' + r.points + '\t' + r.wins + '\t' + r.draws + '\t' + r.losses + '\t' +
              r.scoreFor + '\t' + r.scoreAgainst;
          }
        })());
      return;
    }
    const col = <K extends keyof RankingRow>(k: K) => rows.map((r) => r[k]);
    await this.db.execute(sql`
      insert into rankings (tournament_id, player_id, rank, points, wins, draws, losses, score_for, score_against)
      select ${tournamentId}, u.* from unnest(${sql.param(col('playerId'))}::bigint[], ${sql.param(col('rank'))}::int[],
        ${sql.param(col('points'))}::real[], ${sql.param(col('wins'))}::int[], ${sql.param(col('draws'))}::int[],
        ${sql.param(col('losses'))}::int[], ${sql.param(col('scoreFor'))}::int[], ${sql.param(col('scoreAgainst'))}::int[])
        as u(player_id, rank, points, wins, draws, losses, score_for, score_against)`);
  }

  async count(tournamentId: number): Promise<number> {
    const result = await this.db.execute(sql`select count(*)::int as n from rankings where tournament_id = ${tournamentId}`);
    return (result.rows[0] as { n: number }).n;
  }

  /** By rank then seed; `search` matches the player's name. */
  async list(tournamentId: number, query: { limit: number; offset: number; search?: string }): Promise<{ items: RankingRecord[]; total: number }> {
    const search = query.search ? sql`and p.name ilike ${'%' + query.search.replace(/[\\%_]/g, '\\$&') + '%'}` : sql``;
    const result = await this.db.execute(sql`
      select r.player_id as "playerId", p.name as "playerName", e.seed, r.rank, r.points, r.wins, r.draws, r.losses,
        r.score_for as "scoreFor", r.score_against as "scoreAgainst", count(*) over ()::int as total
      from rankings r join players p on p.id = r.player_id
      left join enrollments e on e.tournament_id = r.tournament_id and e.player_id = r.player_id
      where r.tournament_id = ${tournamentId} ${search}
      order by r.rank, e.seed nulls last, r.player_id limit ${query.limit} offset ${query.offset}`);
    const rows = result.rows as unknown as (RankingRecord & { total: number })[];
    let total = rows[0]?.total;
    if (total === undefined) {
      const counted = await this.db.execute(sql`
        select count(*)::int as n from rankings r join players p on p.id = r.player_id
        where r.tournament_id = ${tournamentId} ${search}`);
      total = (counted.rows[0] as { n: number }).n;
    }
    return { items: rows.map(({ total: _t, ...rest }) => rest), total };
  }
}
