import { containsPattern } from './like-pattern.ts';
import { sql } from 'drizzle-orm';
import type { Entrant, RankingRow } from '../domain/formats/format.ts';
import { listOrder, RankingTable } from '../domain/ranking-table.ts';
import type { RankingRecord, Rankings } from '../services/ports.ts';
import { copyInRows } from './bulk-copy.ts';
import type { Db } from './database.ts';

/**
 * tie_breaks is stored as [name, value] pairs in the order the criteria were applied: a jsonb
 * object would reorder its keys, and the order is what the columns are read in.
 */
function tieBreaksJson(t: RankingTable, i: number): string | null {
  const tieBreaks = t.tieBreaks?.[i];
  return tieBreaks === undefined ? null : JSON.stringify(Object.entries(tieBreaks));
}

// Below this many rows one INSERT from arrays; from it, COPY.
const COPY_FROM_ROWS = 2_000;

export class RankingRepository implements Rankings {
  constructor(private readonly db: Db) {}

  /**
   * Replaces a tournament's rankings: one statement deletes the old rows (when the tournament's
   * count says there are any) and sets the count, then one INSERT from arrays or, for many, one
   * streamed COPY written straight from the columns, in list order (domain listOrder: by rank,
   * ties by the entrants' seeds) with each row's position, so a page is a range of the
   * (tournament, position) key, which grows at its end. The caller holds the tournament's row lock.
   */
  async replace(tournamentId: number, ranking: RankingTable | readonly RankingRow[], entrants: readonly Entrant[]): Promise<void> {
    const t = ranking instanceof RankingTable ? ranking : RankingTable.fromRows(ranking);
    await this.db.execute(sql`
      with old as (select rankings_count as n from tournaments where id = ${tournamentId}),
        gone as (delete from rankings where tournament_id = ${tournamentId} and (select n from old) > 0)
      update tournaments set rankings_count = ${t.length} where id = ${tournamentId}`);
    if (t.length === 0) return;
    const { order } = listOrder(t, entrants);
    if (t.length >= COPY_FROM_ROWS) {
      const { playerId, rank, points, wins, draws, losses, scoreFor, scoreAgainst } = t;
      await copyInRows(this.db, 'rankings (tournament_id, position, player_id, rank, points, wins, draws, losses, score_for, score_against, tie_breaks)',
        t.length, (w, p) => {
          const i = order[p];
          w.number(tournamentId).number(p + 1).number(playerId[i]).number(rank[i]).number(points[i]).number(wins[i]).number(draws[i]).number(losses[i]).number(scoreFor[i]).number(scoreAgainst[i]);
          const tieBreaks = tieBreaksJson(t, i);
          if (tieBreaks === null) w.null();
          else w.text(tieBreaks);
        });
      return;
    }
    const listed = Array.from(order);
    const param = (column: ArrayLike<number>) => sql.param(listed.map((i) => column[i]));
    await this.db.execute(sql`
      insert into rankings (tournament_id, position, player_id, rank, points, wins, draws, losses, score_for, score_against, tie_breaks)
      select ${tournamentId}, u.* from unnest(${sql.param(listed.map((_, p) => p + 1))}::int[], ${param(t.playerId)}::bigint[], ${param(t.rank)}::int[],
        ${param(t.points)}::real[], ${param(t.wins)}::int[], ${param(t.draws)}::int[],
        ${param(t.losses)}::int[], ${param(t.scoreFor)}::int[], ${param(t.scoreAgainst)}::int[],
        ${sql.param(listed.map((i) => tieBreaksJson(t, i)))}::jsonb[])
        as u(position, player_id, rank, points, wins, draws, losses, score_for, score_against, tie_breaks)`);
  }

  /** The count replace() keeps on the tournament's row: no pass over the rows. */
  async count(tournamentId: number): Promise<number> {
    const result = await this.db.execute(sql`select rankings_count as n from tournaments where id = ${tournamentId}`);
    return (result.rows[0] as { n: number } | undefined)?.n ?? 0;
  }

  /**
   * By rank then seed (their positions). Without a search a page is a range of positions, read
   * through the (tournament, position) key, and the total is the count on the tournament's row:
   * no pass over the other rows. A search filters every row by the player's name, in position order.
   */
  async list(tournamentId: number, query: { limit: number; offset: number; search?: string }): Promise<{ items: RankingRecord[]; total: number }> {
    const columns = sql`r.player_id as "playerId", p.name as "playerName", e.seed, r.rank, r.points, r.wins, r.draws, r.losses,
        r.score_for as "scoreFor", r.score_against as "scoreAgainst", coalesce(r.tie_breaks, '[]'::jsonb) as "tieBreaks"`;
    // The seed shown is the enrollment's (as the order was made from): looked up for the page's rows.
    const joined = sql`from rankings r join players p on p.id = r.player_id
      left join enrollments e on e.player_id = r.player_id and e.tournament_id = r.tournament_id`;
    const items = (rows: unknown[]) => (rows as (RankingRecord & { total?: number })[])
      .map(({ total: _t, tieBreaks, ...rest }) => ({ ...rest, tieBreaks: Object.fromEntries(tieBreaks as unknown as [string, number | null][]) }));
    if (!query.search) {
      const offset = Math.min(query.offset, 2_147_483_647);
      const last = Math.min(offset + query.limit, 2_147_483_647);
      const page = await this.db.execute(sql`
        select ${columns} ${joined}
        where r.tournament_id = ${tournamentId} and r.position > ${offset} and r.position <= ${last}
        order by r.position`);
      return { items: items(page.rows), total: await this.count(tournamentId) };
    }
    const search = sql`and p.name ilike ${containsPattern(query.search)}`;
    const result = await this.db.execute(sql`
      select ${columns}, count(*) over ()::int as total
      ${joined}
      where r.tournament_id = ${tournamentId} ${search}
      order by r.position limit ${query.limit} offset ${query.offset}`);
    let total = (result.rows[0] as { total: number } | undefined)?.total;
    if (total === undefined) {
      const counted = await this.db.execute(sql`
        select count(*)::int as n from rankings r join players p on p.id = r.player_id
        where r.tournament_id = ${tournamentId} ${search}`);
      total = (counted.rows[0] as { n: number }).n;
    }
    return { items: items(result.rows), total };
  }
}
