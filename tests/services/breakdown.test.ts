/**
 * The monitor's breakdown (sessions and results per phase and round) read by ordinal ranges and
 * kept plan rounds: the same as the session_state view grouped, for every format, before and after
 * results, with a bye the plan holds, after one result and after all.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSessions } from '../../src/services/generate-sessions.ts';
import { simulateResults } from '../../src/services/simulate-results.ts';
import { submitResult } from '../../src/services/submit-result.ts';
import { startApi, type ApiHarness } from '../support/api-app.ts';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

async function tournament(format: string, players: number, settings: Record<string, unknown> = {}): Promise<number> {
  const { store } = api.ctx;
  const t = await store.tournaments.create({ name: `breakdown ${format}`, format, settings, status: 'IN_PROGRESS', synthetic: true });
  await store.transaction((tx) => tx.players.createAndEnrollSynthetic(t.id, players));
  await generateSessions(api.ctx, t.id);
  return t.id;
}

/** The former query: the view grouped, every session with its result laid over. */
async function viewed(id: number) {
  return (await api.database.db.execute(sql`
    select s.phase, s.tournament_round as round, count(*)::int as sessions, count(*) filter (where s.result_submitted)::int as results
    from session_state s where s.tournament_id = ${id} group by s.phase, s.tournament_round order by min(s.ordinal)`)).rows;
}

describe('breakdown', () => {
  it('counts a knockout round by round, then one result, then all', async () => {
    const id = await tournament('knockout', 6);
    const planned = await api.ctx.store.sessions.breakdown(id);
    expect(planned).toEqual([
      { phase: 'KNOCKOUT', round: 1, sessions: 2, results: 0 },
      { phase: 'KNOCKOUT', round: 2, sessions: 2, results: 0 },
      { phase: 'KNOCKOUT', round: 3, sessions: 2, results: 0 }, // the final and the third-place match
    ]);
    expect(planned).toEqual(await viewed(id));
    const { items } = await api.ctx.store.sessions.list(id, { round: 1 });
    const open = items.find((s) => !s.resultSubmitted && s.participants.length === 2)!;
    await submitResult(api.ctx.store, id, open.id, { winnerId: open.participants[0].id, score: [3, 1] });
    const one = await api.ctx.store.sessions.breakdown(id);
    expect(one.map((b) => b.results)).toEqual([1, 0, 0]);
    expect(one).toEqual(await viewed(id));
    await simulateResults(api.ctx.store, id, 7);
    const all = await api.ctx.store.sessions.breakdown(id);
    expect(all.map((b) => b.results)).toEqual([2, 2, 2]);
    expect(all).toEqual(await viewed(id));
  });

  it('counts a result the plan holds (a bye in sessions) once, and once only when a row overrides it', async () => {
    const id = await tournament('knockout', 6);
    // No format plans one at these sizes: the row is made as a plan with a bye would hold it.
    await api.database.db.execute(sql`update sessions set result_submitted = true, winner_id = participant1_id, outcome = 'walkover'
      where tournament_id = ${id} and ordinal = 0`);
    const planned = await api.ctx.store.sessions.breakdown(id);
    expect(planned.map((b) => b.results)).toEqual([1, 0, 0]);
    expect(planned).toEqual(await viewed(id));
    await api.database.db.execute(sql`insert into session_results (tournament_id, ordinal, participant1_id, participant2_id, winner_id, result_submitted)
      select tournament_id, ordinal, participant1_id, participant2_id, participant2_id, true from sessions where tournament_id = ${id} and ordinal in (0, 1)`);
    const overridden = await api.ctx.store.sessions.breakdown(id);
    expect(overridden.map((b) => b.results)).toEqual([2, 0, 0]);
    expect(overridden).toEqual(await viewed(id));
  });

  it('falls back to the view for a round whose ordinals are not one range', async () => {
    const id = await tournament('knockout', 6);
    await api.database.db.execute(sql`update sessions set tournament_round = case ordinal when 1 then 2 else 1 end
      where tournament_id = ${id} and ordinal in (1, 2)`);
    const mixed = await api.ctx.store.sessions.breakdown(id);
    expect(mixed.map((b) => [b.round, b.sessions])).toEqual([[1, 2], [2, 2], [3, 2]]);
    expect(mixed).toEqual(await viewed(id));
  });

  for (const [format, players, settings] of [
    ['double_elimination', 6, {}],
    ['league', 5, {}],
    ['group_knockout', 8, {}],
    ['swiss', 6, {}],
    ['individual', 5, {}],
  ] as const) {
    it(`matches the view for ${format} (${players} players), planned and played`, async () => {
      const id = await tournament(format, players, settings);
      const planned = await api.ctx.store.sessions.breakdown(id);
      expect(planned.length).toBeGreaterThan(0);
      expect(planned).toEqual(await viewed(id));
      await simulateResults(api.ctx.store, id, 3);
      const played = await api.ctx.store.sessions.breakdown(id);
      expect(played).toEqual(await viewed(id));
      expect(played.reduce((n, b) => n + b.results, 0)).toBeGreaterThan(planned.reduce((n, b) => n + b.results, 0));
    });
  }
});
