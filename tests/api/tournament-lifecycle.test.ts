import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../support/api-app.ts';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

async function playersNamed(names: string[]): Promise<number[]> {
  const res = await api.call('POST', '/api/v1/players', { as: 'operator', body: { names } });
  expect(res.statusCode).toBe(201);
  return res.data.items.map((p: { id: number }) => p.id);
}

async function startedKnockout(count: number, settings: Record<string, unknown> = {}) {
  const t = await api.call('POST', '/api/v1/tournaments', { as: 'operator', body: { name: `Cup of ${count}`, format: 'knockout', settings } });
  expect(t.statusCode).toBe(201);
  const ids = await playersNamed(Array.from({ length: count }, (_, i) => `Seed ${i + 1}`));
  const enrolled = await api.call('POST', `/api/v1/tournaments/${t.data.id}/enrollments`, { as: 'operator', body: { player_ids: ids } });
  expect(enrolled.data.enrolled_count).toBe(count);
  const started = await api.call('POST', `/api/v1/tournaments/${t.data.id}/start`, { as: 'operator' });
  expect(started.data).toEqual({ task_id: 'sync-done', mode: 'sync', sessions_count: count - 1 + (count >= 4 && settings.third_place_playoff !== false ? 1 : 0) });
  return { id: t.data.id as number, players: ids };
}

async function sessions(id: number, query = '') {
  return (await api.call('GET', `/api/v1/tournaments/${id}/sessions${query}`)).data;
}

describe('a tournament by hand', () => {
  it('walks DRAFT → ENROLLMENT_OPEN → IN_PROGRESS', async () => {
    const t = await api.call('POST', '/api/v1/tournaments', { as: 'operator', body: { name: 'Spring open', format: 'knockout' } });
    expect(t.data).toMatchObject({ name: 'Spring open', format: 'knockout', status: 'DRAFT', settings: {} });
    const [a, b, c] = await playersNamed(['Ann', 'Ben', 'Cat']);
    const first = await api.call('POST', `/api/v1/tournaments/${t.data.id}/enrollments`, { as: 'operator', body: { player_ids: [a, b] } });
    expect(first.data).toEqual({ enrolled: [{ player_id: a, seed: 1 }, { player_id: b, seed: 2 }], enrolled_count: 2 });
    const second = await api.call('POST', `/api/v1/tournaments/${t.data.id}/enrollments`, { as: 'operator', body: { player_ids: [c] } });
    expect(second.data.enrolled).toEqual([{ player_id: c, seed: 3 }]);
    expect((await api.call('GET', `/api/v1/tournaments/${t.data.id}`)).data.status).toBe('ENROLLMENT_OPEN');
    const again = await api.call('POST', `/api/v1/tournaments/${t.data.id}/enrollments`, { as: 'operator', body: { player_ids: [a] } });
    expect(again.statusCode).toBe(422);
    expect(again.data.error.details).toMatchObject({ field: 'player_ids', enrolled_player_ids: [a] });
    const ghost = await api.call('POST', `/api/v1/tournaments/${t.data.id}/enrollments`, { as: 'operator', body: { player_ids: [99_999_999] } });
    expect(ghost.statusCode).toBe(422);
    expect(ghost.data.error.details.missing_player_ids).toEqual([99_999_999]);
    const started = await api.call('POST', `/api/v1/tournaments/${t.data.id}/start`, { as: 'operator' });
    expect(started.data).toEqual({ task_id: 'sync-done', mode: 'sync', sessions_count: 2 });
    const detail = await api.call('GET', `/api/v1/tournaments/${t.data.id}`);
    expect(detail.data).toMatchObject({ status: 'IN_PROGRESS', counts: { enrolled: 3, sessions: 2, results_submitted: 0, rankings: 0 } });
    expect(detail.data.breakdown).toEqual([{ phase: 'KNOCKOUT', round: 1, sessions: 1, results: 0 }, { phase: 'KNOCKOUT', round: 2, sessions: 1, results: 0 }]);
    const startTwice = await api.call('POST', `/api/v1/tournaments/${t.data.id}/start`, { as: 'operator' });
    expect(startTwice.statusCode).toBe(409);
    expect(startTwice.data.error).toMatchObject({ code: 'invalid_status', details: { current_status: 'IN_PROGRESS', requested_status: 'IN_PROGRESS' } });
  });

  it('records results, moves winners and semi-final losers on, and refuses what does not fit', async () => {
    const { id, players } = await startedKnockout(4);
    const all = (await sessions(id)).items;
    expect(all.map((s: any) => [s.tournament_round, s.tournament_match_number])).toEqual([[1, 1], [1, 2], [2, 1], [2, 999]]);
    const [semi1, semi2, final, playoff] = all;
    expect(semi1.participants.map((p: any) => p.seed)).toEqual([1, 4]);
    expect(semi2.participants.map((p: any) => p.seed)).toEqual([2, 3]);
    expect(semi1.next_session_id).toBe(final.id);
    expect(semi1.loser_next_session_id).toBe(playoff.id);

    const notReady = await api.call('POST', `/api/v1/tournaments/${id}/sessions/${final.id}/result`, { as: 'operator', body: { winner_id: players[0], score: [2, 1] } });
    expect(notReady.statusCode).toBe(409);
    expect(notReady.data.error.code).toBe('session_not_ready');

    const stranger = await api.call('POST', `/api/v1/tournaments/${id}/sessions/${semi1.id}/result`, { as: 'operator', body: { winner_id: players[1], score: [2, 1] } });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.data.error.details.field).toBe('winner_id');

    const draw = await api.call('POST', `/api/v1/tournaments/${id}/sessions/${semi1.id}/result`, { as: 'operator', body: { winner_id: null, score: [1, 1] } });
    expect(draw.statusCode).toBe(422);

    const viewer = await api.call('POST', `/api/v1/tournaments/${id}/sessions/${semi1.id}/result`, { as: 'viewer', body: { winner_id: players[0], score: [2, 1] } });
    expect(viewer.statusCode).toBe(403);

    const before = await api.tableCounts();
    const badUuid = await api.call('POST', `/api/v1/tournaments/${id}/sessions/not-a-uuid/result`, { as: 'operator', body: { winner_id: players[0], score: [2, 1] } });
    expect(badUuid.statusCode).toBe(422);
    expect(badUuid.data.error.details.fields[0].field).toBe('session_id');
    const unknown = await api.call('POST', `/api/v1/tournaments/${id}/sessions/00000000-0000-4000-8000-000000000000/result`, { as: 'operator', body: { winner_id: players[0], score: [2, 1] } });
    expect(unknown.statusCode).toBe(404);
    const badScore = await api.call('POST', `/api/v1/tournaments/${id}/sessions/${semi1.id}/result`, { as: 'operator', body: { winner_id: players[0], score: [2] } });
    expect(badScore.statusCode).toBe(422);
    expect(badScore.data.error.details.fields[0].field).toBe('score');
    expect(await api.tableCounts()).toEqual(before);

    const ok = await api.call('POST', `/api/v1/tournaments/${id}/sessions/${semi1.id}/result`, { as: 'operator', body: { winner_id: players[0], score: [3, 1] } });
    expect(ok.statusCode).toBe(200);
    expect(ok.data.session).toMatchObject({ id: semi1.id, winner_id: players[0], score: [3, 1], result_submitted: true });
    const twice = await api.call('POST', `/api/v1/tournaments/${id}/sessions/${semi1.id}/result`, { as: 'operator', body: { winner_id: players[0], score: [3, 1] } });
    expect(twice.statusCode).toBe(409);
    expect(twice.data.error.code).toBe('result_already_submitted');

    await api.call('POST', `/api/v1/tournaments/${id}/sessions/${semi2.id}/result`, { as: 'operator', body: { winner_id: players[2], score: [0, 2] } });
    const after = (await sessions(id)).items;
    expect(after[2].participants.map((p: any) => [p.id, p.slot])).toEqual([[players[0], 0], [players[2], 1]]);
    expect(after[3].participants.map((p: any) => [p.id, p.slot])).toEqual([[players[3], 0], [players[1], 1]]);

    const early = await api.call('POST', `/api/v1/tournaments/${id}/calculate-rankings`, { as: 'operator' });
    expect(early.statusCode).toBe(409);
    expect(early.data.error.details).toEqual({ sessions_without_result: 2, sessions_count: 4 });
    const earlyComplete = await api.call('POST', `/api/v1/tournaments/${id}/complete`, { as: 'operator' });
    expect(earlyComplete.statusCode).toBe(409);
    expect(earlyComplete.data.error.details).toEqual({ sessions_count: 4, sessions_without_result: 2 });

    await api.call('POST', `/api/v1/tournaments/${id}/sessions/${final.id}/result`, { as: 'operator', body: { winner_id: players[2], score: [1, 4] } });
    await api.call('POST', `/api/v1/tournaments/${id}/sessions/${playoff.id}/result`, { as: 'operator', body: { winner_id: players[1], score: [0, 1] } });
    const done = await api.call('POST', `/api/v1/tournaments/${id}/complete`, { as: 'operator' });
    expect(done.data).toMatchObject({ status: 'COMPLETED', counts: { sessions: 4, results_submitted: 4, rankings: 4 } });
    const ranking = (await api.call('GET', `/api/v1/tournaments/${id}/rankings`)).data;
    expect(ranking.items.map((r: any) => [r.player_id, r.rank, r.wins, r.losses, r.score_for, r.score_against])).toEqual([
      [players[2], 1, 2, 0, 6, 1],
      [players[0], 2, 1, 1, 4, 5],
      [players[1], 3, 1, 1, 1, 2],
      [players[3], 4, 0, 2, 1, 4],
    ]);

    const late = await api.call('POST', `/api/v1/tournaments/${id}/sessions/${semi1.id}/result`, { as: 'operator', body: { winner_id: players[0], score: [3, 1] } });
    expect(late.statusCode).toBe(409);
    expect(late.data.error.details.current_status).toBe('COMPLETED');
    const completeTwice = await api.call('POST', `/api/v1/tournaments/${id}/complete`, { as: 'operator' });
    expect(completeTwice.statusCode).toBe(409);
    expect(completeTwice.data.error.message).toBe('cannot move a tournament from COMPLETED to COMPLETED');
    const cancel = await api.call('POST', `/api/v1/tournaments/${id}/cancel`, { as: 'operator' });
    expect(cancel.statusCode).toBe(409);
  });

  it('pages sessions with limit and cursor, and filters by round', async () => {
    const { id } = await startedKnockout(16);
    const page1 = await sessions(id, '?limit=5');
    expect(page1.items.map((s: any) => s.tournament_match_number)).toEqual([1, 2, 3, 4, 5]);
    const page2 = await sessions(id, `?limit=5&cursor=${page1.next_cursor}`);
    expect(page2.items.map((s: any) => [s.tournament_round, s.tournament_match_number])).toEqual([[1, 6], [1, 7], [1, 8], [2, 1], [2, 2]]);
    const round1 = await sessions(id, '?round=1');
    expect(round1.items.map((s: any) => s.participants.map((p: any) => p.seed))).toEqual([
      [1, 16], [8, 9], [4, 13], [5, 12], [2, 15], [7, 10], [3, 14], [6, 11],
    ]);
    expect(round1.next_cursor).toBeNull();
    const seed5 = round1.items[3].participants.find((p: any) => p.seed === 5).id;
    const theirs = await sessions(id, `?player_id=${seed5}`);
    expect(theirs.items.map((s: any) => [s.tournament_round, s.tournament_match_number])).toEqual([[1, 4]]);
    const bad = await api.call('GET', `/api/v1/tournaments/${id}/sessions?cursor=bm9wZQ`);
    expect(bad.statusCode).toBe(422);
    expect(bad.data.error.details.field).toBe('cursor');
    const badRound = await api.call('GET', `/api/v1/tournaments/${id}/sessions?round=zero`);
    expect(badRound.statusCode).toBe(422);
  });

  it('cancels from any status before COMPLETED', async () => {
    const t = await api.call('POST', '/api/v1/tournaments', { as: 'operator', body: { name: 'Called off', format: 'knockout' } });
    const res = await api.call('POST', `/api/v1/tournaments/${t.data.id}/cancel`, { as: 'operator' });
    expect(res.data.status).toBe('CANCELLED');
    const again = await api.call('POST', `/api/v1/tournaments/${t.data.id}/cancel`, { as: 'operator' });
    expect(again.data.error).toMatchObject({ code: 'invalid_status', details: { current_status: 'CANCELLED', requested_status: 'CANCELLED' } });
  });

  it('answers 404 for an unknown tournament on every route', async () => {
    for (const [method, path] of [
      ['GET', ''], ['GET', '/sessions'], ['GET', '/rankings'], ['POST', '/simulate-results'], ['POST', '/calculate-rankings'],
      ['POST', '/complete'], ['POST', '/start'], ['POST', '/cancel'], ['POST', '/generate-sessions'], ['GET', '/generation-status/sync-done'],
    ] as const) {
      const res = await api.call(method, `/api/v1/tournaments/987654321${path}`);
      expect(res.statusCode, `${method} ${path}`).toBe(404);
      expect(res.data.error.code).toBe('not_found');
    }
    expect((await api.call('GET', '/api/v1/tournaments/abc')).statusCode).toBe(422);
  });

  it('lists tournaments newest first, filtered by status', async () => {
    const all = await api.call('GET', '/api/v1/tournaments?limit=200');
    const ids = all.data.items.map((t: any) => t.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const drafts = await api.call('GET', '/api/v1/tournaments?status=CANCELLED');
    expect(drafts.data.items.length).toBeGreaterThan(0);
    expect(drafts.data.items.every((t: any) => t.status === 'CANCELLED')).toBe(true);
    const bad = await api.call('GET', '/api/v1/tournaments?status=DONE');
    expect(bad.statusCode).toBe(422);
    expect(bad.data.error.details.fields[0].field).toBe('status');
  });

  it('lists the formats with their limits and the async threshold', async () => {
    const res = await api.call('GET', '/api/v1/formats', { as: 'viewer' });
    expect(res.data.async_threshold).toBe(128);
    const knockout = res.data.formats.find((f: any) => f.name === 'knockout');
    expect(knockout).toMatchObject({ min_players: 2, max_players: 1_048_576, allows_draws: false });
    expect(knockout.settings.map((s: any) => s.name)).toEqual(['third_place_playoff', 'separate_clubs', 'schedule']);
    // An object setting names its keys, so a form offers a field per key instead of JSON.
    const schedule = knockout.settings.find((s: any) => s.name === 'schedule');
    expect(schedule.fields.map((f: any) => [f.name, f.type, f.default])).toEqual([
      ['starts_at', 'string', null], ['stations', 'integer', 1], ['session_minutes', 'integer', 30], ['break_minutes', 'integer', 5], ['rounds_wait', 'boolean', true],
    ]);
    const league = res.data.formats.find((f: any) => f.name === 'league');
    expect(league.settings.find((s: any) => s.name === 'tie_breakers').choices).toContain('head_to_head');
  });
});

describe('live events', () => {
  it('streams the tournament as Server-Sent Events and pushes a change', async () => {
    const { id, players } = await startedKnockout(2);
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (api.app.server.address() as { port: number }).port;
    const events: any[] = [];
    const ticket = await api.call('POST', '/api/v1/auth/ticket', { as: 'viewer', body: { purpose: 'events', tournament_id: id } });
    expect(ticket.data.expires_in).toBe(60);
    const req = http.get(`http://127.0.0.1:${port}/api/v1/tournaments/${id}/events?ticket=${ticket.data.ticket}`);
    const response = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    let buffer = '';
    // The stream pushes every change of the detail (a generation task finishing is one too), so
    // the test waits for the event that shows what it did, not for the next event.
    const arrived = (match: (event: any) => boolean) => new Promise<any>((resolve) => {
      const check = () => {
        const found = events.find(match);
        if (found !== undefined) resolve(found);
      };
      response.on('data', check);
      check();
    });
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (block.includes('event: tournament') && data) events.push(JSON.parse(data.slice(6)));
      }
    });
    const first = await arrived(() => true);
    expect(first).toMatchObject({ id, status: 'IN_PROGRESS', counts: { results_submitted: 0 } });
    const [only] = (await sessions(id)).items;
    await api.call('POST', `/api/v1/tournaments/${id}/sessions/${only.id}/result`, { as: 'operator', body: { winner_id: players[1], score: [0, 1] } });
    const played = await arrived((event) => event.counts.results_submitted === 1);
    expect(played.revision).toBeGreaterThan(first.revision);
    // A correction changes no count, yet it is pushed: the revision moves.
    const fixed = await api.call('PUT', `/api/v1/tournaments/${id}/sessions/${only.id}/result`, { as: 'operator', body: { winner_id: players[0], score: [1, 0] } });
    expect(fixed.statusCode).toBe(200);
    const corrected = await arrived((event) => event.revision > played.revision);
    expect(corrected).toMatchObject({ counts: { results_submitted: 1 } });
    expect((await api.call('GET', `/api/v1/tournaments/${id}`, { as: 'viewer' })).data.revision).toBe(corrected.revision);
    req.destroy();

    const denied = await api.call('GET', `/api/v1/tournaments/${id}/events?ticket=forged`, { as: 'none' });
    expect(denied.statusCode).toBe(401);
    // A ticket opens the one stream it names, and the bearer token is no ticket.
    const other = await api.call('GET', `/api/v1/tournaments/${id + 1}/events?ticket=${ticket.data.ticket}`, { as: 'none' });
    expect(other.data.error).toMatchObject({ code: 'unauthenticated', message: `this ticket is not for events:${id + 1}; ask for a ticket for it` });
    expect((await api.call('GET', `/api/v1/tournaments/${id}/events?ticket=${api.tokens.viewer}`, { as: 'none' })).statusCode).toBe(401);
  });
});
