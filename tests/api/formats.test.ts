import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../support/api-app.ts';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi({ asyncThreshold: 128 });
});
afterAll(async () => {
  await api?.close();
});

const SCENARIO = '/api/v1/tournaments/ops/run-scenario';

async function allSessions(id: number): Promise<any[]> {
  return (await api.call('GET', `/api/v1/tournaments/${id}/sessions`)).data.items;
}

async function rankings(id: number): Promise<any[]> {
  return (await api.call('GET', `/api/v1/tournaments/${id}/rankings?limit=1000`)).data.items;
}

/** Plays an async launch to COMPLETED and returns the tournament id. */
async function asyncToCompleted(body: Record<string, unknown>): Promise<number> {
  const launched = await api.call('POST', SCENARIO, { body: { ...body, confirmed: true } });
  expect(launched.statusCode).toBe(202);
  await api.queue.idle();
  const id = launched.data.tournament_id;
  const status = await api.call('GET', `/api/v1/tournaments/${id}/generation-status/${launched.data.task_id}`);
  expect(status.data.status).toBe('done');
  const simulated = await api.call('POST', `/api/v1/tournaments/${id}/simulate-results`, { body: { seed: 5 } });
  expect(simulated.statusCode).toBe(200);
  expect(simulated.data.results_submitted).toBe(simulated.data.sessions_count);
  const ranked = await api.call('POST', `/api/v1/tournaments/${id}/calculate-rankings`);
  expect(ranked.data.rankings_count).toBe(body.player_count);
  const done = await api.call('POST', `/api/v1/tournaments/${id}/complete`);
  expect(done.data.status).toBe('COMPLETED');
  return id;
}

describe('league', () => {
  it('runs 6 players sync to COMPLETED with Berger pairings, draws allowed', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 6, format: 'league', seed: 2 } });
    expect(res.data).toMatchObject({ mode: 'sync', sessions_count: 15, rankings_count: 6 });
    const sessions = await allSessions(res.data.tournament_id);
    const round = (r: number) => sessions.filter((s) => s.tournament_round === r).map((s) => s.participants.map((p: any) => p.seed));
    expect(round(1)).toEqual([[1, 6], [2, 5], [3, 4]]);
    expect(round(2)).toEqual([[6, 4], [5, 3], [1, 2]]);
    expect(sessions.every((s) => s.phase === 'LEAGUE' && s.result_submitted)).toBe(true);
    const table = await rankings(res.data.tournament_id);
    expect(table).toHaveLength(6);
    expect(table.reduce((n, r) => n + r.wins + r.draws + r.losses, 0)).toBe(30);
    expect(table.map((r) => r.points)).toEqual([...table.map((r) => r.points)].sort((a, b) => b - a));
    expect((await api.call('POST', `/api/v1/tournaments/${res.data.tournament_id}/complete`)).data.status).toBe('COMPLETED');
  });

  it('runs 130 players async to COMPLETED (8,385 sessions)', async () => {
    const id = await asyncToCompleted({ player_count: 130, format: 'league' });
    expect((await api.call('GET', `/api/v1/tournaments/${id}`)).data.counts).toEqual({ enrolled: 130, sessions: 8385, results_submitted: 8385, rankings: 130 });
  });

  it('names the limit past 1024 players', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 1025, format: 'league', confirmed: true } });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.details.field).toBe('player_count');
    expect(res.data.error.message).toContain('1024');
  });
});

describe('group_knockout', () => {
  it('runs 32 players sync: groups, then the knockout of the qualifiers, to COMPLETED', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 32, format: 'group_knockout', seed: 4 } });
    expect(res.data).toMatchObject({ mode: 'sync', rankings_count: 32 });
    const sessions = await allSessions(res.data.tournament_id);
    const groups = sessions.filter((s) => s.phase === 'GROUP');
    const knockout = sessions.filter((s) => s.phase === 'KNOCKOUT');
    expect(groups).toHaveLength(8 * 6);
    expect(knockout).toHaveLength(16);
    const groupA = new Set(groups.filter((s) => s.group_identifier === 'A').flatMap((s) => s.participants.map((p: any) => p.seed)));
    expect([...groupA].sort((a, b) => a - b)).toEqual([1, 16, 17, 32]);
    expect(res.data.sessions_count).toBe(64);
    const table = await rankings(res.data.tournament_id);
    expect(table.filter((r) => r.rank === 1)).toHaveLength(1);
    expect((await api.call('POST', `/api/v1/tournaments/${res.data.tournament_id}/complete`)).data.status).toBe('COMPLETED');
  });

  it('runs 128 players async to COMPLETED', async () => {
    const id = await asyncToCompleted({ player_count: 128, format: 'group_knockout' });
    const counts = (await api.call('GET', `/api/v1/tournaments/${id}`)).data.counts;
    expect(counts).toEqual({ enrolled: 128, sessions: 32 * 6 + 64, results_submitted: 32 * 6 + 64, rankings: 128 });
  });
});

describe('swiss', () => {
  it('pairs the next round when the last result of a round comes in', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 6, format: 'swiss', simulate: false, settings: { rounds: 3 } } });
    const id = res.data.tournament_id;
    let sessions = await allSessions(id);
    expect(sessions.map((s) => s.tournament_round)).toEqual([1, 1, 1]);
    for (const [i, s] of sessions.entries()) {
      const out = await api.call('POST', `/api/v1/tournaments/${id}/sessions/${s.id}/result`, {
        as: 'operator',
        body: { winner_id: s.participants[0].id, score: [1, 0] },
      });
      expect(out.data.added_count).toBe(i === 2 ? 3 : 0);
    }
    sessions = await allSessions(id);
    expect(sessions.map((s) => s.tournament_round)).toEqual([1, 1, 1, 2, 2, 2]);
    const met = new Set(sessions.slice(0, 3).map((s) => s.participants.map((p: any) => p.id).sort().join('-')));
    for (const s of sessions.slice(3)) expect(met.has(s.participants.map((p: any) => p.id).sort().join('-'))).toBe(false);
    const early = await api.call('POST', `/api/v1/tournaments/${id}/calculate-rankings`);
    expect(early.statusCode).toBe(409);
    const played = await api.call('POST', `/api/v1/tournaments/${id}/simulate-results`, { body: { seed: 1 } });
    expect(played.data).toMatchObject({ sessions_count: 9, results_submitted: 9, added_count: 3 });
    expect((await api.call('POST', `/api/v1/tournaments/${id}/complete`)).data.counts).toEqual({ enrolled: 6, sessions: 9, results_submitted: 9, rankings: 6 });
  });

  it('runs 21 players sync (odd: a bye each round, no session for it) to COMPLETED', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 21, format: 'swiss', seed: 9 } });
    expect(res.data).toMatchObject({ mode: 'sync', sessions_count: 5 * 10, rankings_count: 21 });
    const table = await rankings(res.data.tournament_id);
    expect(table.reduce((n, r) => n + r.wins + r.draws + r.losses, 0)).toBe(5 * 10 * 2 + 5);
  });

  it('runs 200 players async to COMPLETED', async () => {
    const id = await asyncToCompleted({ player_count: 200, format: 'swiss' });
    const counts = (await api.call('GET', `/api/v1/tournaments/${id}`)).data.counts;
    expect(counts).toEqual({ enrolled: 200, sessions: 8 * 100, results_submitted: 800, rankings: 200 });
  });

  it('creates a draft with rounds the full field allows, and checks them against the field at start', async () => {
    const draft = await api.call('POST', '/api/v1/tournaments', { as: 'operator', body: { name: 'Club swiss', format: 'swiss', settings: { rounds: 7 } } });
    expect(draft.statusCode).toBe(201);
    const players = (await api.call('POST', '/api/v1/players', { as: 'operator', body: { names: ['A', 'B', 'C', 'D'] } })).data.items.map((p: any) => p.id);
    await api.call('POST', `/api/v1/tournaments/${draft.data.id}/enrollments`, { as: 'operator', body: { player_ids: players } });
    const start = await api.call('POST', `/api/v1/tournaments/${draft.data.id}/start`, { as: 'operator' });
    expect(start.statusCode).toBe(422);
    expect(start.data.error.details.field).toBe('settings.rounds');
    expect((await api.call('GET', `/api/v1/tournaments/${draft.data.id}`)).data.status).toBe('ENROLLMENT_OPEN');
  });
});

describe('double_elimination', () => {
  const phaseCounts = (sessions: any[]) =>
    sessions.reduce<Record<string, number>>((counts, s) => ({ ...counts, [s.phase]: (counts[s.phase] ?? 0) + 1 }), {});

  it('runs 16 players sync to COMPLETED: 15 winners, 14 losers sessions and the grand final (and its reset when played)', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 16, format: 'double_elimination', seed: 3 } });
    expect(res.statusCode).toBe(201);
    const id = res.data.tournament_id;
    const sessions = await allSessions(id);
    const finals = sessions.filter((s) => s.phase === 'GRAND_FINAL');
    const resetPlayed = finals[0].winner_id === finals[0].participants[1].id;
    expect(phaseCounts(sessions)).toEqual({ WINNERS: 15, LOSERS: 14, GRAND_FINAL: resetPlayed ? 2 : 1 });
    expect(res.data).toMatchObject({ mode: 'sync', sessions_count: 30 + (resetPlayed ? 1 : 0), rankings_count: 16 });
    // Phases in order: the winners bracket, the losers bracket, then the final.
    expect([...new Set(sessions.map((s) => s.phase))]).toEqual(['WINNERS', 'LOSERS', 'GRAND_FINAL']);
    const table = await rankings(id);
    expect(table.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 5, 7, 7, 9, 9, 9, 9, 13, 13, 13, 13]);
    expect(table.reduce((n, r) => n + r.losses, 0)).toBe(sessions.length);
    expect((await api.call('POST', `/api/v1/tournaments/${id}/complete`)).data.status).toBe('COMPLETED');
  });

  it('adds the reset when the losers-bracket champion wins the grand final, by results entered one at a time', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 4, format: 'double_elimination', simulate: false } });
    const id = res.data.tournament_id;
    expect(res.data.sessions_count).toBe(6);
    // The better seed wins every bracket match; the losers-bracket champion then wins the final.
    for (let step = 0; step < 6; step++) {
      const ready = (await allSessions(id)).find((s) => !s.result_submitted && s.participants.length === 2);
      const [a, b] = ready.participants;
      const winner = ready.phase === 'GRAND_FINAL' ? b : a.seed < b.seed ? a : b;
      const out = await api.call('POST', `/api/v1/tournaments/${id}/sessions/${ready.id}/result`, {
        as: 'operator',
        body: { winner_id: winner.id, score: winner === a ? [2, 1] : [1, 2] },
      });
      expect(out.statusCode).toBe(200);
      expect(out.data.added_count).toBe(ready.phase === 'GRAND_FINAL' ? 1 : 0);
    }
    const sessions = await allSessions(id);
    const reset = sessions.at(-1);
    expect([reset.phase, reset.tournament_round, reset.participants.map((p: any) => p.seed)]).toEqual(['GRAND_FINAL', 2, [1, 2]]);
    expect((await api.call('POST', `/api/v1/tournaments/${id}/calculate-rankings`)).statusCode).toBe(409);
    await api.call('POST', `/api/v1/tournaments/${id}/sessions/${reset.id}/result`, {
      as: 'operator',
      body: { winner_id: reset.participants[0].id, score: [3, 0] },
    });
    const done = await api.call('POST', `/api/v1/tournaments/${id}/complete`);
    expect(done.data.counts).toEqual({ enrolled: 4, sessions: 7, results_submitted: 7, rankings: 4 });
    expect((await rankings(id)).map((r) => [r.seed, r.rank, r.wins, r.losses])).toEqual([
      [1, 1, 3, 1], [2, 2, 3, 2], [3, 3, 1, 2], [4, 4, 0, 2],
    ]);
  });

  it('runs 130 players async to COMPLETED (258 sessions, 259 with the reset)', async () => {
    const id = await asyncToCompleted({ player_count: 130, format: 'double_elimination' });
    const counts = (await api.call('GET', `/api/v1/tournaments/${id}`)).data.counts;
    expect([258, 259]).toContain(counts.sessions);
    expect(counts).toEqual({ enrolled: 130, sessions: counts.sessions, results_submitted: counts.sessions, rankings: 130 });
  });

  it('names the field of a bad grand_final and creates nothing', async () => {
    const before = await api.tableCounts();
    const res = await api.call('POST', SCENARIO, { body: { player_count: 8, format: 'double_elimination', settings: { grand_final: 'best_of_3' } } });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.details.field).toBe('settings.grand_final');
    expect(await api.tableCounts()).toEqual(before);
  });
});
