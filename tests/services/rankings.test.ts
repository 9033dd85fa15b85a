/**
 * Rankings as stored (both backends): the count kept on the tournament's row follows every
 * replace, a ranking written from columns reads back by rank then seed, and completing a
 * tournament without rankings ranks it from its one read of the sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { knockout } from '../../src/domain/formats/knockout.ts';
import { RankingTable } from '../../src/domain/ranking-table.ts';
import { calculateRankings } from '../../src/services/calculate-rankings.ts';
import { completeTournament } from '../../src/services/complete-tournament.ts';
import { generateSessions } from '../../src/services/generate-sessions.ts';
import { simulateResults } from '../../src/services/simulate-results.ts';
import { startApi, type ApiHarness } from '../support/api-app.ts';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

async function knockoutTournament(players: number): Promise<number> {
  const { store } = api.ctx;
  const tournament = await store.tournaments.create({ name: `rankings ${players}`, format: 'knockout', settings: {}, status: 'IN_PROGRESS', synthetic: true });
  await store.transaction((tx) => tx.players.createAndEnrollSynthetic(tournament.id, players));
  return tournament.id;
}

const rowsIn = async (id: number) =>
  (await api.database.db.execute(sql`select count(*)::int as n from rankings where tournament_id = ${id}`)).rows[0] as { n: number };

describe('rankings count', () => {
  it('follows every replace, by COPY (2,500 rows) and by INSERT (10), and back to none', async () => {
    const { store } = api.ctx;
    for (const players of [2_500, 10]) {
      const id = await knockoutTournament(players);
      const entrants = await store.enrollments.entrants(id);
      expect(await store.rankings.count(id)).toBe(0);
      // Written in entry order (seed order), ranks from the last seed up: read back by rank.
      const t = new RankingTable(players);
      entrants.forEach((e, i) => {
        t.playerId[i] = e.playerId;
        t.rank[i] = players - i;
        t.points[i] = i;
      });
      await store.transaction((tx) => tx.rankings.replace(id, t, entrants));
      expect(await store.rankings.count(id)).toBe(players);
      expect(await rowsIn(id)).toEqual({ n: players });
      expect((await store.tournaments.participantCounts(id)).rankings).toBe(players);
      const page = await store.rankings.list(id, { limit: 3, offset: 0 });
      expect(page.total).toBe(players);
      expect(page.items.map((r) => [r.playerId, r.rank, r.points, r.seed])).toEqual([
        [entrants[players - 1].playerId, 1, players - 1, players],
        [entrants[players - 2].playerId, 2, players - 2, players - 1],
        [entrants[players - 3].playerId, 3, players - 3, players - 2],
      ]);
      // Replaced by fewer rows: the old ones are gone and the count follows.
      await store.transaction((tx) => tx.rankings.replace(id, [{ playerId: entrants[0].playerId, rank: 1, points: 3, wins: 1, draws: 0, losses: 0, scoreFor: 2, scoreAgainst: 0 }], entrants));
      expect(await store.rankings.count(id)).toBe(1);
      expect(await rowsIn(id)).toEqual({ n: 1 });
      await store.transaction((tx) => tx.rankings.replace(id, [], []));
      expect(await store.rankings.count(id)).toBe(0);
      expect(await rowsIn(id)).toEqual({ n: 0 });
      expect((await store.tournaments.participantCounts(id)).rankings).toBe(0);
    }
  }, 120_000);

  it('is 0 for a tournament that does not exist', async () => {
    expect(await api.ctx.store.rankings.count(2_000_000_000)).toBe(0);
  });
});

describe('completing without rankings', () => {
  it('refuses with the counts while results are missing, writing nothing; then ranks and completes in one go', async () => {
    const players = 3_000;
    const id = await knockoutTournament(players);
    await generateSessions(api.ctx, id);
    const early = completeTournament(api.ctx.store, id);
    await expect(early).rejects.toMatchObject({ code: 'results_missing', details: { sessions_count: players, sessions_without_result: players } });
    expect(await api.ctx.store.rankings.count(id)).toBe(0);
    expect((await api.ctx.store.tournaments.get(id))!.status).toBe('IN_PROGRESS');

    await simulateResults(api.ctx.store, id, 11);
    expect(await completeTournament(api.ctx.store, id)).toEqual({ rankingsCount: players });
    expect((await api.ctx.store.tournaments.get(id))!.status).toBe('COMPLETED');
    expect(await rowsIn(id)).toEqual({ n: players });
    // The rows are the domain's ranking of the stored sessions.
    const entrants = await api.ctx.store.enrollments.entrants(id);
    const expected = knockout.rankTable!(await api.ctx.store.sessions.loadTable(id), entrants, knockout.validate(players, {})).toRows();
    const stored = await api.ctx.store.rankings.list(id, { limit: players, offset: 0 });
    expect(stored.items.map((r) => [r.playerId, r.rank, r.points, r.wins, r.losses, r.scoreFor, r.scoreAgainst]))
      .toEqual(expected.map((r) => [r.playerId, r.rank, r.points, r.wins, r.losses, r.scoreFor, r.scoreAgainst]));
    expect(stored.items.slice(0, 4).map((r) => r.rank)).toEqual([1, 2, 3, 4]);
  }, 120_000);

  it('completes with the rankings already there, keeping them, and hands back the breakdown it checked', async () => {
    const id = await knockoutTournament(64);
    await generateSessions(api.ctx, id);
    await simulateResults(api.ctx.store, id, 3);
    expect(await calculateRankings(api.ctx.store, id)).toEqual({ rankingsCount: 64 });
    const before = await api.ctx.store.rankings.list(id, { limit: 64, offset: 0 });
    // The breakdown it checked comes back for the reply: every round, every result in.
    const done = await completeTournament(api.ctx.store, id);
    expect(done.rankingsCount).toBe(64);
    expect(done.breakdown!.map((b) => [b.phase, b.round, b.sessions, b.results])).toEqual([
      ['KNOCKOUT', 1, 32, 32], ['KNOCKOUT', 2, 16, 16], ['KNOCKOUT', 3, 8, 8], ['KNOCKOUT', 4, 4, 4], ['KNOCKOUT', 5, 2, 2], ['KNOCKOUT', 6, 2, 2],
    ]);
    expect(done.breakdown).toEqual(await api.ctx.store.sessions.breakdown(id));
    expect(await api.ctx.store.rankings.list(id, { limit: 64, offset: 0 })).toEqual(before);
  }, 60_000);
});
