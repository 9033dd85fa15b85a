/**
 * The sessions a simulation wrote, kept by the process for the ranking that follows
 * (SessionTableCache): taken only while the tournament's sessions_version is the one that write
 * left, never after another writer (another process), nor from a write rolled back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knockout } from '../../src/domain/formats/knockout.ts';
import type { SessionTable } from '../../src/domain/session-table.ts';
import { simulateTable } from '../../src/domain/simulation.ts';
import { calculateRankings } from '../../src/services/calculate-rankings.ts';
import { launchScenario } from '../../src/services/launch-scenario.ts';
import type { Store } from '../../src/services/ports.ts';
import { simulateResults } from '../../src/services/simulate-results.ts';
import { SqlStore } from '../../src/storage/store.ts';
import { startApi, type ApiHarness } from '../support/api-app.ts';
import { CountingIds, FakeClock, RecordingQueue } from '../support/fake-ports.ts';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

async function launched(store: Store, players: number): Promise<number> {
  const ctx = { store, queue: new RecordingQueue(), clock: new FakeClock(), ids: new CountingIds(), asyncThreshold: 100_000 };
  return (await launchScenario(ctx, { playerCount: players, format: 'knockout', simulate: false, confirmed: true })).tournamentId;
}

// Every column loadTable fills, as plain arrays.
function columns(t: SessionTable) {
  return {
    length: t.length, phase: [...t.phase], round: [...t.round], matchNumber: [...t.matchNumber], group: t.group,
    participant1: [...t.participant1], participant2: [...t.participant2], winner: [...t.winner], score1: [...t.score1],
    score2: [...t.score2], submitted: [...t.submitted], outcome: [...t.outcome], next: [...t.next], nextSlot: [...t.nextSlot],
    loserNext: [...t.loserNext], loserNextSlot: [...t.loserNextSlot],
  };
}

// A simulation of the table as the simulate service writes it: one transaction of `store`.
async function simulated(store: SqlStore, id: number, seed: number, fail = false): Promise<SessionTable> {
  const entrants = await store.enrollments.entrants(id);
  return store.transaction(async (tx) => {
    const table = await tx.sessions.loadTable(id);
    const changed = simulateTable(knockout, table, entrants, seed);
    await tx.sessions.writeProgress(id, table, changed);
    if (fail) throw new Error('rolled back');
    return table;
  });
}

describe('sessions kept after a bulk write', () => {
  it('answers the next loadTable with the table written, equal to what a fresh read gives', async () => {
    const store = new SqlStore(api.database.db);
    const id = await launched(store, 37);
    const written = await simulated(store, id, 5);
    const fresh = await new SqlStore(api.database.db).sessions.loadTable(id);
    expect(columns(fresh)).toEqual(columns(written));
    expect(fresh.resultsSubmitted()).toBe(37);
    // Taken once: the next read is a read.
    expect(await store.sessions.loadTable(id)).toBe(written);
    const again = await store.sessions.loadTable(id);
    expect(again).not.toBe(written);
    expect(columns(again)).toEqual(columns(written));
  });

  it('is not taken once another store (another process) wrote the sessions, nor for another tournament', async () => {
    const store = new SqlStore(api.database.db);
    const other = new SqlStore(api.database.db);
    const id = await launched(store, 16);
    const second = await launched(store, 8);
    const written = await simulated(store, id, 1);
    expect(await store.sessions.loadTable(second)).not.toBe(written);
    // Played again elsewhere: the other store's write bumps the version.
    await other.transaction(async (tx) => {
      const table = await tx.sessions.loadTable(id);
      table.winner[0] = table.winner[0] === table.participant1[0] ? table.participant2[0] : table.participant1[0];
      await tx.sessions.writeProgress(id, table, Uint8Array.from({ length: table.length }, (_, k) => (k === 0 ? 1 : 0)));
    });
    const read = await store.sessions.loadTable(id);
    expect(read).not.toBe(written);
    expect(read.winner[0]).not.toBe(written.winner[0]);
  });

  it('keeps nothing from a write rolled back', async () => {
    const store = new SqlStore(api.database.db);
    const id = await launched(store, 16);
    await expect(simulated(store, id, 2, true)).rejects.toThrow('rolled back');
    const read = await store.sessions.loadTable(id);
    expect(read.resultsSubmitted()).toBe(0);
  });

  it('stays kept through a ranking (which changes nothing), and counts the breakdown as the database does', async () => {
    const store = new SqlStore(api.database.db);
    const id = await launched(store, 24);
    const written = await simulated(store, id, 4);
    expect(await calculateRankings(store, id)).toEqual({ rankingsCount: 24 });
    const fromDatabase = await new SqlStore(api.database.db).sessions.breakdown(id);
    expect(fromDatabase).toEqual([
      { phase: 'KNOCKOUT', round: 1, sessions: 8, results: 8 },
      { phase: 'KNOCKOUT', round: 2, sessions: 8, results: 8 },
      { phase: 'KNOCKOUT', round: 3, sessions: 4, results: 4 },
      { phase: 'KNOCKOUT', round: 4, sessions: 2, results: 2 },
      { phase: 'KNOCKOUT', round: 5, sessions: 2, results: 2 },
    ]);
    expect(await store.sessions.breakdown(id)).toEqual(fromDatabase);
    expect(await store.sessions.loadTable(id, { unchanged: true })).toBe(written);
    // Taken to be changed, it is no longer kept: the breakdown reads the database.
    const taken = await store.sessions.loadTable(id);
    expect(taken).toBe(written);
    taken.submitted[0] = 0;
    expect(await store.sessions.breakdown(id)).toEqual(fromDatabase);
  });

  it('ranks from the kept table what a ranking from the database gives', async () => {
    const id = await launched(api.ctx.store, 64);
    await simulateResults(api.ctx.store, id, 3);
    expect(await calculateRankings(api.ctx.store, id)).toEqual({ rankingsCount: 64 });
    const kept = await api.ctx.store.rankings.list(id, { limit: 64, offset: 0 });
    expect(await calculateRankings(new SqlStore(api.database.db), id)).toEqual({ rankingsCount: 64 });
    expect(await api.ctx.store.rankings.list(id, { limit: 64, offset: 0 })).toEqual(kept);
    expect(kept.items[0].rank).toBe(1);
    expect(kept.items.filter((r) => r.rank === 1)).toHaveLength(1);
  });
});
