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

async function sessionsOf(id: number) {
  return (await api.call('GET', `/api/v1/tournaments/${id}/sessions`)).data.items as any[];
}

async function rankingsOf(id: number) {
  return (await api.call('GET', `/api/v1/tournaments/${id}/rankings?limit=1000`)).data as { items: any[]; total: number };
}

describe('the sync path', () => {
  it('generates, plays and ranks a 64-player knockout in one call, then completes it', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 64 } });
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({ task_id: 'sync-done', mode: 'sync', enrolled_count: 64, sessions_count: 64, rankings_count: 64 });
    for (const stage of ['create', 'enroll', 'generate', 'simulate', 'rank', 'total']) {
      expect(res.data.timings_ms[stage], stage).toBeGreaterThanOrEqual(0);
    }
    const id = res.data.tournament_id;
    const sessions = await sessionsOf(id);
    expect(sessions).toHaveLength(64);
    expect(sessions.every((s) => s.result_submitted && s.participants.length === 2)).toBe(true);
    const perRound = sessions.filter((s) => s.tournament_match_number !== 999).reduce<Record<number, number>>((acc, s) => {
      acc[s.tournament_round] = (acc[s.tournament_round] ?? 0) + 1;
      return acc;
    }, {});
    expect(perRound).toEqual({ 1: 32, 2: 16, 3: 8, 4: 4, 5: 2, 6: 1 });
    expect(sessions.filter((s) => s.tournament_match_number === 999)).toHaveLength(1);
    expect(sessions[0].participants.map((p: any) => [p.name, p.seed])).toEqual([['Player 0001', 1], ['Player 0064', 64]]);

    const rankings = await rankingsOf(id);
    expect(rankings.total).toBe(64);
    const byRank = rankings.items.reduce<Record<number, number>>((acc, r) => ((acc[r.rank] = (acc[r.rank] ?? 0) + 1), acc), {});
    expect(byRank).toEqual({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 4, 9: 8, 17: 16, 33: 32 });
    const champion = rankings.items[0];
    expect(champion.wins).toBe(6);
    expect(champion.losses).toBe(0);

    const status = await api.call('GET', `/api/v1/tournaments/${id}/generation-status/sync-done`);
    expect(status.data).toMatchObject({ status: 'done', sessions_count: 64, tournament_id: id });

    const completed = await api.call('POST', `/api/v1/tournaments/${id}/complete`);
    expect(completed.statusCode).toBe(200);
    expect(completed.data.status).toBe('COMPLETED');
    expect(completed.data.counts).toEqual({ enrolled: 64, sessions: 64, results_submitted: 64, rankings: 64 });
  });

  it('gives the same results and rankings for the same seed, byte for byte', async () => {
    const strip = (sessions: any[]) =>
      sessions.map((s) => [s.tournament_round, s.tournament_match_number, s.participants.map((p: any) => p.seed), s.score, s.participants.find((p: any) => p.id === s.winner_id)?.seed]);
    const ranks = (items: any[]) => items.map((r) => [r.seed, r.rank, r.points, r.wins, r.losses, r.score_for, r.score_against]);
    const a = (await api.call('POST', SCENARIO, { body: { player_count: 100, seed: 7 } })).data.tournament_id;
    const b = (await api.call('POST', SCENARIO, { body: { player_count: 100, seed: 7 } })).data.tournament_id;
    const c = (await api.call('POST', SCENARIO, { body: { player_count: 100, seed: 8 } })).data.tournament_id;
    expect(JSON.stringify(strip(await sessionsOf(a)))).toBe(JSON.stringify(strip(await sessionsOf(b))));
    expect(JSON.stringify(ranks((await rankingsOf(a)).items))).toBe(JSON.stringify(ranks((await rankingsOf(b)).items)));
    expect(JSON.stringify(strip(await sessionsOf(a)))).not.toBe(JSON.stringify(strip(await sessionsOf(c))));
  });

  it('handles byes: 100 players give 36 first-round sessions and seeds 1-28 start in round 2', async () => {
    const id = (await api.call('POST', SCENARIO, { body: { player_count: 100, simulate: false } })).data.tournament_id;
    const sessions = await sessionsOf(id);
    expect(sessions.filter((s) => s.tournament_round === 1)).toHaveLength(36);
    expect(sessions).toHaveLength(100);
    const round1Seeds = new Set(sessions.filter((s) => s.tournament_round === 1).flatMap((s) => s.participants.map((p: any) => p.seed)));
    for (let seed = 1; seed <= 28; seed++) expect(round1Seeds.has(seed), `seed ${seed}`).toBe(false);
    expect(round1Seeds.size).toBe(72);
    const t = await api.call('GET', `/api/v1/tournaments/${id}`);
    expect(t.data.counts).toEqual({ enrolled: 100, sessions: 100, results_submitted: 0, rankings: 0 });
  });

  it('turns the playoff off with third_place_playoff=false', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 8, settings: { third_place_playoff: false } } });
    expect(res.data.sessions_count).toBe(7);
    const ranks = (await rankingsOf(res.data.tournament_id)).items.map((r) => r.rank);
    expect(ranks).toEqual([1, 2, 3, 3, 5, 5, 5, 5]);
  });
});

describe('the async path', () => {
  it('answers at once with a task that reads queued, then done with its metrics', async () => {
    api.queue.pause();
    const res = await api.call('POST', SCENARIO, { body: { player_count: 128, confirmed: true } });
    expect(res.statusCode).toBe(202);
    expect(res.data).toMatchObject({ mode: 'async', enrolled_count: 128, sessions_count: 0, rankings_count: 0 });
    expect(res.data.task_id).toMatch(/^[0-9a-f-]{36}$/);
    const url = `/api/v1/tournaments/${res.data.tournament_id}/generation-status/${res.data.task_id}`;
    const queued = await api.call('GET', url);
    expect(queued.statusCode).toBe(200);
    expect(queued.data).toMatchObject({ status: 'queued', sessions_count: 0, attempts: 0, queue_wait_time_ms: null });

    api.queue.resume();
    await api.queue.idle();
    const done = await api.call('GET', url);
    expect(done.data).toMatchObject({ status: 'done', sessions_count: 128, created_count: 128, attempts: 1, error: null });
    expect(done.data.queue_wait_time_ms).toBeGreaterThanOrEqual(0);
    expect(done.data.generation_duration_ms).toBeGreaterThanOrEqual(0);
    expect(done.data.db_write_time_ms).toBeGreaterThan(0);

    const id = res.data.tournament_id;
    const simulated = await api.call('POST', `/api/v1/tournaments/${id}/simulate-results`, { body: { seed: 3 } });
    expect(simulated.data).toEqual({ simulated_count: 128, added_count: 0, sessions_count: 128, results_submitted: 128 });
    expect((await api.call('POST', `/api/v1/tournaments/${id}/calculate-rankings`)).data).toEqual({ rankings_count: 128 });
    expect((await api.call('POST', `/api/v1/tournaments/${id}/complete`)).data.status).toBe('COMPLETED');
  });

  it('re-queued generation is a success that adds nothing', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 200, confirmed: true } });
    await api.queue.idle();
    const id = res.data.tournament_id;
    const before = (await sessionsOf(id)).map((s) => s.id).sort();
    const again = await api.call('POST', `/api/v1/tournaments/${id}/generate-sessions`);
    expect(again.statusCode).toBe(202);
    expect(again.data.status).toBe('queued');
    expect(again.data.task_id).not.toBe(res.data.task_id);
    await api.queue.idle();
    const status = await api.call('GET', `/api/v1/tournaments/${id}/generation-status/${again.data.task_id}`);
    expect(status.data).toMatchObject({ status: 'done', sessions_count: 200, created_count: 0 });
    expect((await sessionsOf(id)).map((s) => s.id).sort()).toEqual(before);
  });

  it('ignores a job delivered again for a task that is already done', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 128, confirmed: true } });
    await api.queue.idle();
    const url = `/api/v1/tournaments/${res.data.tournament_id}/generation-status/${res.data.task_id}`;
    const first = (await api.call('GET', url)).data;
    expect(first).toMatchObject({ status: 'done', created_count: 128, attempts: 1 });
    await api.queue.enqueueGeneration({ tournament_id: res.data.tournament_id, task_id: res.data.task_id });
    await api.queue.idle();
    expect((await api.call('GET', url)).data).toEqual(first);
  });

  it('answers 404 for an unknown task and for a task of another tournament, 422 for what is no task id', async () => {
    const a = await api.call('POST', SCENARIO, { body: { player_count: 128, confirmed: true } });
    const b = await api.call('POST', SCENARIO, { body: { player_count: 4 } });
    await api.queue.idle();
    const other = await api.call('GET', `/api/v1/tournaments/${b.data.tournament_id}/generation-status/${a.data.task_id}`);
    expect(other.statusCode).toBe(404);
    const unknown = await api.call('GET', `/api/v1/tournaments/${a.data.tournament_id}/generation-status/00000000-0000-4000-8000-000000000000`);
    expect(unknown.statusCode).toBe(404);
    for (const junkId of ['not-a-task', '-'.repeat(36), `urn:uuid:${a.data.task_id}`]) {
      const junk = await api.call('GET', `/api/v1/tournaments/${a.data.tournament_id}/generation-status/${junkId}`);
      expect(junk.statusCode, junkId).toBe(422);
      expect(junk.data.error.details.fields).toEqual([{ field: 'task_id', reason: 'must be "sync-done" or a UUID' }]);
    }
  });
});

describe('bad input: a clear 4xx naming the field, and nothing changed', () => {
  const cases: [string, { payload?: string; body?: unknown; headers?: Record<string, string> }, number, string][] = [
    ['player_count 0', { body: { player_count: 0 } }, 422, 'player_count'],
    ['player_count 1', { body: { player_count: 1 } }, 422, 'player_count'],
    ['player_count -5', { body: { player_count: -5 } }, 422, 'player_count'],
    ['player_count 2.5', { body: { player_count: 2.5 } }, 422, 'player_count'],
    ['player_count "abc"', { body: { player_count: 'abc' } }, 422, 'player_count'],
    ['player_count "64" (a string)', { body: { player_count: '64' } }, 422, 'player_count'],
    ['player_count 2,000,000', { body: { player_count: 2_000_000 } }, 422, 'player_count'],
    ['no player_count', { body: {} }, 422, 'player_count'],
    ['an unknown field', { body: { player_count: 8, colour: 'red' } }, 422, 'colour'],
    ['an unknown format', { body: { player_count: 8, format: 'pyramid' } }, 422, 'format'],
    ['an unknown setting', { body: { player_count: 8, settings: { best_of: 3 } } }, 422, 'settings.best_of'],
    ['a setting of the wrong type', { body: { player_count: 8, settings: { third_place_playoff: 'yes' } } }, 422, 'settings.third_place_playoff'],
    ['128 players unconfirmed', { body: { player_count: 128 } }, 422, 'confirmed'],
    ['a body that is not an object', { payload: '[1,2]', headers: { 'content-type': 'application/json' } }, 422, 'body'],
  ];
  for (const [label, request, status, field] of cases) {
    it(`refuses ${label}`, async () => {
      const before = await api.tableCounts();
      const res = await api.call('POST', SCENARIO, request);
      expect(res.statusCode).toBe(status);
      expect(res.data.error.code).toBe('validation_failed');
      const named = res.data.error.details.field ?? res.data.error.details.fields?.[0]?.field;
      expect(named).toBe(field);
      expect(res.data.error.message).toContain(field);
      expect(await api.tableCounts()).toEqual(before);
    });
  }

  it('refuses a missing body and a body that is not JSON with 4xx', async () => {
    const before = await api.tableCounts();
    const missing = await api.call('POST', SCENARIO, {});
    expect(missing.statusCode).toBe(422);
    expect(missing.data.error.details.fields[0]).toEqual({ field: 'player_count', reason: 'is required' });
    const broken = await api.call('POST', SCENARIO, { payload: '{"player_count": 8', headers: { 'content-type': 'application/json' } });
    expect(broken.statusCode).toBe(400);
    expect(broken.data.error.code).toBe('invalid_json');
    const text = await api.call('POST', SCENARIO, { payload: 'player_count=8', headers: { 'content-type': 'text/plain' } });
    expect(text.statusCode).toBe(415);
    expect(await api.tableCounts()).toEqual(before);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const before = await api.tableCounts();
    const big = JSON.stringify({ player_count: 8, name: 'x'.repeat(1_100_000) });
    const res = await api.call('POST', SCENARIO, { payload: big, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(413);
    expect(res.data.error.code).toBe('body_too_large');
    expect(await api.tableCounts()).toEqual(before);
  });

  it('says where the limit is for a format', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 1_048_577 } });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.message).toContain('1048576');
  });
});
