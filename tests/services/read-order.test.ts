/**
 * Bulk reads without ORDER BY (PostgreSQL sorted a million rows on disk for them): a tournament's
 * entrants come back by seed and its sessions at their ordinals however the rows lie in the table.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchScenario } from '../../src/services/launch-scenario.ts';
import { startApi, type ApiHarness } from '../support/api-app.ts';
import { CountingIds, FakeClock, RecordingQueue } from '../support/fake-ports.ts';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

describe('bulk reads in any stored order', () => {
  it('gives entrants and player ids by seed after the seeds were stored in reverse', async () => {
    const ctx = { store: api.ctx.store, queue: new RecordingQueue(), clock: new FakeClock(), ids: new CountingIds(), asyncThreshold: 1_000 };
    const { tournamentId } = await launchScenario(ctx, { playerCount: 8, format: 'knockout', simulate: false, confirmed: true });
    const before = await api.ctx.store.enrollments.entrants(tournamentId);
    expect(before.map((e) => e.seed)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const ids = before.map((e) => e.playerId);
    // Two updates (the seed key holds at every row): seeds 1..8 become 8..1, rewritten in that order.
    await api.database.db.execute(sql`update enrollments set seed = seed + 100 where tournament_id = ${tournamentId}`);
    await api.database.db.execute(sql`update enrollments set seed = 109 - seed where tournament_id = ${tournamentId}`);
    const stored = await api.database.db.execute(sql`select seed from enrollments where tournament_id = ${tournamentId}`);
    expect((stored.rows as { seed: number }[]).map((r) => r.seed)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);

    const after = await api.ctx.store.enrollments.entrants(tournamentId);
    expect(after).toEqual([...ids].reverse().map((playerId, i) => ({ playerId, seed: i + 1 })));
    expect(Array.from(await api.ctx.store.enrollments.playerIdsBySeed(tournamentId))).toEqual([...ids].reverse());
  });
});
