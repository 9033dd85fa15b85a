/**
 * The scenario launch's players and enrollments (PlayerRepository.createAndEnrollSynthetic),
 * written by COPY with ids drawn from the players' sequence beforehand, on both backends: the
 * names and seeds the launch always gave, ids that no concurrent launch or player creation can
 * share, the path taken when the drawn ids are not contiguous, and a launch that fails halfway
 * leaving nothing behind.
 */
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../support/api-app.ts';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const SCENARIO = '/api/v1/tournaments/ops/run-scenario';

const query = async <T>(statement: SQL): Promise<T[]> => (await api.database.db.execute(statement)).rows as T[];

/** The tournament's enrollments by seed with their players: [seed, player id, name]. */
async function enrolled(id: number): Promise<[number, number, string][]> {
  const rows = await query<{ seed: number; id: string | number; name: string }>(sql`
    select e.seed, p.id, p.name from enrollments e join players p on p.id = e.player_id
    where e.tournament_id = ${id} order by e.seed`);
  return rows.map((r) => [r.seed, Number(r.id), r.name]);
}

function expectSeedOrder(rows: [number, number, string][], count: number, width: number) {
  expect(rows.map(([seed, , name]) => `${seed} ${name}`)).toEqual(
    Array.from({ length: count }, (_, i) => `${i + 1} Player ${String(i + 1).padStart(width, '0')}`));
  expect(rows.findIndex(([, id], i) => i > 0 && id <= rows[i - 1][1])).toBe(-1);
}

describe('the synthetic players of a launch', () => {
  it('are real players named by seed, "Player 0001" on, ids ascending with the seed, listed by the API', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 12, simulate: false } });
    expect(res.statusCode).toBe(201);
    const rows = await enrolled(res.data.tournament_id);
    expectSeedOrder(rows, 12, 4);
    const listed = await api.call('GET', `/api/v1/players?after_id=${rows[0][1] - 1}&limit=12`);
    expect(listed.data.items.map((p: any) => [p.id, p.name])).toEqual(rows.map(([, id, name]) => [id, name]));
    const participants = await api.call('GET', `/api/v1/tournaments/${res.data.tournament_id}/participants`);
    expect(participants.data.items.slice(0, 2).map((p: any) => [p.seed, p.name, p.player_id])).toEqual([
      [1, 'Player 0001', rows[0][1]],
      [2, 'Player 0002', rows[1][1]],
    ]);
  });

  it('name 12,345 players with five digits, and the ids are contiguous when nothing else draws from the sequence', async () => {
    const { store } = api.ctx;
    const t = await store.tournaments.create({ name: 'five digits', format: 'knockout', settings: {}, status: 'IN_PROGRESS', synthetic: true });
    expect(await store.transaction((tx) => tx.players.createAndEnrollSynthetic(t.id, 12_345))).toBe(12_345);
    const rows = await enrolled(t.id);
    expectSeedOrder(rows, 12_345, 5);
    expect(rows[12_344][1] - rows[0][1]).toBe(12_344);
    expect(rows[12_344][2]).toBe('Player 12345');
  });

  it('take ids read back one by one when the sequence does not give a contiguous range (here: it steps by 2)', async () => {
    const { store } = api.ctx;
    const t = await store.tournaments.create({ name: 'stepping', format: 'knockout', settings: {}, status: 'IN_PROGRESS', synthetic: true });
    await query(sql`alter sequence players_id_seq increment by 2`);
    try {
      expect(await store.transaction((tx) => tx.players.createAndEnrollSynthetic(t.id, 300))).toBe(300);
    } finally {
      await query(sql`alter sequence players_id_seq increment by 1`);
    }
    const rows = await enrolled(t.id);
    expectSeedOrder(rows, 300, 4);
    for (let i = 1; i < rows.length; i++) expect(rows[i][1] - rows[i - 1][1]).toBe(2);
    // The next player created still gets an id of its own.
    const created = await api.call('POST', '/api/v1/players', { as: 'operator', body: { names: ['After the steps'] } });
    expect(created.data.items[0].id).toBeGreaterThan(rows[299][1]);
  });

  it('of launches and player creations running at once never share an id, and each launch holds its own players', async () => {
    // Through the API (one transaction each, as the route runs it) and straight on the store
    // with counts large enough that the draws overlap on PostgreSQL's pool of four.
    const sizes = [40, 64, 100, 8_000, 6_000, 4_000];
    const launches = sizes.map(async (n) => {
      if (n < 128) return (await api.call('POST', SCENARIO, { body: { player_count: n, simulate: false } })).data.tournament_id as number;
      const t = await api.ctx.store.tournaments.create({ name: `race ${n}`, format: 'knockout', settings: {}, status: 'IN_PROGRESS', synthetic: true });
      await api.ctx.store.transaction((tx) => tx.players.createAndEnrollSynthetic(t.id, n));
      return t.id;
    });
    const creations = Array.from({ length: 5 }, (_, k) =>
      api.call('POST', '/api/v1/players', { as: 'operator', body: { names: [`Racer ${k}a`, `Racer ${k}b`, `Racer ${k}c`] } }));
    const launched = await Promise.all(launches);
    const created = await Promise.all(creations);
    const ids = new Set<number>();
    for (const [k, id] of launched.entries()) {
      const rows = await enrolled(id);
      expectSeedOrder(rows, sizes[k], 4);
      for (const [, id] of rows) ids.add(id);
    }
    for (const res of created) {
      expect(res.statusCode).toBe(201);
      for (const p of res.data.items) ids.add(p.id);
    }
    expect(ids.size).toBe(18_204 + 15);
    const [owners] = await query<{ n: number }>(sql`
      select count(*)::int as n from enrollments where player_id = any(${sql.param([...ids])}::bigint[])`);
    expect(owners.n).toBe(18_204);
  });

  it('of a launch that fails halfway through its players are not written, nor its enrollments nor its tournament', async () => {
    const before = await api.tableCounts();
    // A player row already holding an id the launch will draw: its COPY fails on the key, midway.
    const [{ next }] = await query<{ next: string }>(sql`select nextval('players_id_seq')::text as next`);
    await query(sql`insert into players (id, name) values (${Number(next) + 40}, 'In the way')`);
    const res = await api.call('POST', SCENARIO, { body: { player_count: 64, simulate: false } });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(await api.tableCounts()).toEqual({ ...before, players: before.players + 1 });
    // The next launch draws past it and succeeds.
    const again = await api.call('POST', SCENARIO, { body: { player_count: 64, simulate: false } });
    expect(again.statusCode).toBe(201);
    expectSeedOrder(await enrolled(again.data.tournament_id), 64, 4);
  });
});

describe('the enrollments key (migration 0013)', () => {
  it('is one unique (player, tournament) index in place of the (tournament, player) key and the player index', async () => {
    const indexes = await query<{ name: string; def: string }>(sql`
      select indexname as name, indexdef as def from pg_indexes where tablename = 'enrollments' order by indexname`);
    expect(indexes.map((i) => i.name)).toEqual(['enrollments_player_tournament_key', 'enrollments_tournament_seed_key', 'enrollments_withdrawn_idx']);
    expect(indexes[0].def).toContain('UNIQUE INDEX enrollments_player_tournament_key ON public.enrollments USING btree (player_id, tournament_id)');
  });

  it('still refuses a player enrolled twice in one tournament, and allows the same player in another', async () => {
    const [player] = (await api.call('POST', '/api/v1/players', { as: 'operator', body: { names: ['Twice'] } })).data.items;
    await query(sql`insert into enrollments (tournament_id, player_id, seed) values (900001, ${player.id}, 1), (900002, ${player.id}, 1)`);
    const refused = await query(sql`insert into enrollments (tournament_id, player_id, seed) values (900001, ${player.id}, 2)`)
      .then(() => null, (error: { cause?: unknown }) => (error.cause ?? error) as { code?: string; constraint?: string });
    expect(refused).toMatchObject({ code: '23505', constraint: 'enrollments_player_tournament_key' });
    await query(sql`delete from enrollments where tournament_id in (900001, 900002)`);
  });
});
