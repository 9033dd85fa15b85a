/**
 * The sessions count kept on the tournament's row (both backends), which a generation's status
 * reads: it follows every insert and delete of sessions, and a rolled-back generation leaves it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { knockout } from '../../src/domain/formats/knockout.ts';
import { getGenerationStatus } from '../../src/services/get-generation-status.ts';
import { SYNC_TASK_ID } from '../../src/services/launch-scenario.ts';
import { startApi, type ApiHarness } from '../support/api-app.ts';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const rowsIn = async (id: number) =>
  ((await api.database.db.execute(sql`select count(*)::int as n from sessions where tournament_id = ${id}`)).rows[0] as { n: number }).n;

describe('sessions count', () => {
  it('follows a plan written, a rolled-back write and sessions deleted; the status reads it', async () => {
    const { store } = api.ctx;
    const tournament = await store.tournaments.create({ name: 'sessions count', format: 'knockout', settings: {}, status: 'IN_PROGRESS', synthetic: true });
    const id = tournament.id;
    await store.transaction((tx) => tx.players.createAndEnrollSynthetic(id, 16));
    const entrants = await store.enrollments.entrants(id);
    const plan = knockout.planTable!(entrants, knockout.validate(16, {}));
    expect(plan.length).toBe(16);
    expect(await store.sessions.count(id)).toBe(0);
    await expect(store.transaction(async (tx) => {
      await tx.sessions.insertTable(id, plan);
      expect(await tx.sessions.count(id)).toBe(16);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await store.sessions.count(id)).toBe(0);
    await store.transaction((tx) => tx.sessions.insertTable(id, plan));
    expect(await store.sessions.count(id)).toBe(16);
    expect((await getGenerationStatus(store, id, SYNC_TASK_ID)).sessionsCount).toBe(16);
    const { items } = await store.sessions.list(id, { limit: 3 });
    await store.transaction((tx) => tx.sessions.deleteByIds(items.slice(1).map((s) => s.id)));
    expect(await store.sessions.count(id)).toBe(14);
    expect(await rowsIn(id)).toBe(14);
  });
});
