import { containsPattern } from './like-pattern.ts';
import { sql } from 'drizzle-orm';
import type { RankingRow } from '../domain/formats/format.ts';
import type { RankingRecord, Rankings } from '../services/ports.ts';
import { copyInRows } from './bulk-copy.ts';
import type { Db } from './database.ts';

/**
 * tie_breaks is stored as [name, value] pairs in the order the criteria were applied: a jsonb
 * object would reorder its keys, and the order is what the columns are read in.
 */
function tieBreaksJson(r: RankingRow): string | null {
  return r.tieBreaks === undefined ? null : JSON.stringify(Object.entries(r.tieBreaks));
}

// Below this many rows one INSERT from arrays; from it, COPY.
const COPY_FROM_ROWS = 2_000;

export class RankingRepository implements Rankings {
  constructor(private readonly db: Db) {}

  /** Replaces a tournament's rankings: one delete, then one INSERT from arrays or, for many, one streamed COPY. */
  async replace(tournamentId: number, rows: readonly RankingRow[]): Promise<void> {
    await this.db.execute(sql`delete from rankings where tournament_id = ${tournamentId}`);
    if (rows.length >= COPY_FROM_ROWS) {
      await copyInRows(this.db, 'rankings (tournament_id, player_id, rank, points, wins, draws, losses, score_for, score_against, tie_breaks)',
        rows.length, (w, i) => {
          const r = rows[i];
          w.number(tournamentId).number(r.playerId).number(r.rank).number(r.points).number(r.wins).number(r.draws).number(r.losses)
            .number(r.scoreFor).number(r.scoreAgainst);
          const tieBreaks = tieBreaksJson(r);
          if (tieBreaks === null) w.null();
          else w.text(tieBreaks);
        });
      return;
    }
    const col = <K extends keyof RankingRow>(k: K) => rows.map((r) => r[k]);
    const tieBreaks = rows.map(tieBreaksJson);
    await this.db.execute(sql`
      insert into rankings (tournament_id, player_id, rank, points, wins, draws, losses, score_for, score_against, tie_breaks)
      select ${tournamentId}, u.* from unnest(${sql.param(col('playerId'))}::bigint[], ${sql.param(col('rank'))}::int[],
        ${sql.param(col('points'))}::real[], ${sql.param(col('wins'))}::int[], ${sql.param(col('draws'))}::int[],
        ${sql.param(col('losses'))}::int[], ${sql.param(col('scoreFor'))}::int[], ${sql.param(col('scoreAgainst'))}::int[],
        ${sql.param(tieBreaks)}::jsonb[])
        as u(player_id, rank, points, wins, draws, losses, score_for, score_against, tie_breaks)`);
  }

  async count(tournamentId: number): Promise<number> {
    const result = await this.db.execute(sql`select count(*)::int as n from rankings where tournament_id = ${tournamentId}`);
    return (result.rows[0] as { n: number }).n;
  }

  /** By rank then seed; `search` matches the player's name. */
  async list(tournamentId: number, query: { limit: number; offset: number; search?: string }): Promise<{ items: RankingRecord[]; total: number }> {
    const search = query.search ? sql`and p.name ilike ${containsPattern(query.search)}` : sql``;
    const result = await this.db.execute(sql`
      select r.player_id as "playerId", p.name as "playerName", e.seed, r.rank, r.points, r.wins, r.draws, r.losses,
        r.score_for as "scoreFor", r.score_against as "scoreAgainst", coalesce(r.tie_breaks, '[]'::jsonb) as "tieBreaks",
        count(*) over ()::int as total
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
    return {
      items: rows.map(({ total: _t, tieBreaks, ...rest }) => ({ ...rest, tieBreaks: Object.fromEntries(tieBreaks as unknown as [string, number | null][]) })),
      total,
    };
  }
}
