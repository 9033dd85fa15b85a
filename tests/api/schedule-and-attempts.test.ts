/**
 * Individual events (attempts entered one by one or simulated) and the schedule (POST …/schedule,
 * the JSON list and the iCalendar feeds), through the API on both backends, with their refusals.
 */
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
const sessionsOf = async (id: number, query = ''): Promise<any[]> => (await api.call('GET', `/api/v1/tournaments/${id}/sessions?limit=5000${query}`)).data.items;
const rankingsOf = async (id: number): Promise<any[]> => (await api.call('GET', `/api/v1/tournaments/${id}/rankings?limit=1000`)).data.items;

function expectRefusal(res: { statusCode: number; data: any }, status: number, code: string, field?: string): void {
  expect([res.statusCode, res.data.error.code]).toEqual([status, code]);
  if (field !== undefined) {
    const named = res.data.error.details.field ?? res.data.error.details.fields?.[0]?.field;
    expect(named).toBe(field);
    expect(res.data.error.message).toContain(field);
  }
}

describe('individual', () => {
  it('runs 12 participants sync with a cut to the top 4 to COMPLETED, ranked by their best mark', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 12, format: 'individual', seed: 4, settings: { measure: 'distance', rounds: 2, advance: 4 } } });
    expect(res.statusCode).toBe(201);
    const id = res.data.tournament_id;
    const sessions = await sessionsOf(id);
    const finalists = sessions.filter((s) => s.tournament_round === 2);
    expect(sessions.filter((s) => s.tournament_round === 1)).toHaveLength(12);
    expect(finalists.length).toBeGreaterThanOrEqual(4);
    expect(sessions.every((s) => s.phase === 'INDIVIDUAL' && s.participants.length === 1 && s.attempts.length === 3 && s.result_submitted)).toBe(true);
    expect(res.data).toMatchObject({ mode: 'sync', sessions_count: 12 + finalists.length, rankings_count: 12 });
    const table = await rankingsOf(id);
    // The finalists first, each ranked by the best of their six attempts.
    const best = (playerId: number) => Math.max(...sessions.filter((s) => s.participants[0].id === playerId).flatMap((s) => s.attempts).filter((v: number | null) => v !== null));
    const top = table.slice(0, finalists.length);
    expect(new Set(top.map((r) => r.player_id))).toEqual(new Set(finalists.map((s) => s.participants[0].id)));
    for (const r of top) expect(r.points).toBeCloseTo(best(r.player_id), 4);
    expect(top.map((r) => r.points)).toEqual([...top.map((r) => r.points)].sort((a, b) => b - a));
    expect((await api.call('POST', `/api/v1/tournaments/${id}/complete`)).data.status).toBe('COMPLETED');
  });

  it('runs 2,050 participants async to COMPLETED, their attempts written and read back for ranking by COPY', async () => {
    const launched = await api.call('POST', SCENARIO, { body: { player_count: 2050, format: 'individual', confirmed: true, settings: { measure: 'time_ms', aggregate: 'sum', attempts: 2 } } });
    expect(launched.statusCode).toBe(202);
    await api.queue.idle();
    const id = launched.data.tournament_id;
    expect((await api.call('POST', `/api/v1/tournaments/${id}/simulate-results`, { body: { seed: 2 } })).data).toMatchObject({ sessions_count: 2050, results_submitted: 2050 });
    expect((await api.call('POST', `/api/v1/tournaments/${id}/calculate-rankings`)).data.rankings_count).toBe(2050);
    const done = await api.call('POST', `/api/v1/tournaments/${id}/complete`);
    expect(done.data.counts).toEqual({ enrolled: 2050, sessions: 2050, results_submitted: 2050, rankings: 2050 });
    const table: any[] = [];
    for (const offset of [0, 1000, 2000]) table.push(...(await api.call('GET', `/api/v1/tournaments/${id}/rankings?limit=1000&offset=${offset}`)).data.items);
    expect(table).toHaveLength(2050);
    const attempts = new Map((await sessionsOf(id)).map((s) => [s.participants[0].id, s.attempts as (number | null)[]]));
    // Times: lower first among those who finished both runs, each ranked by the sum of their two.
    const finished = table.filter((r) => attempts.get(r.player_id)!.every((v) => v !== null));
    expect(finished.length).toBeGreaterThan(1800);
    for (const r of finished) expect(r.points).toBe(attempts.get(r.player_id)!.reduce((a, b) => a! + b!, 0));
    expect(finished.map((r) => r.points)).toEqual([...finished.map((r) => r.points)].sort((a, b) => a - b));
  });

  it('takes attempts one at a time, completes a session with its last, and refuses bad ones changing nothing', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 3, format: 'individual', simulate: false, settings: { measure: 'time_ms', attempts: 2 } } });
    const id = res.data.tournament_id;
    const [first, second, third] = await sessionsOf(id);
    const url = (s: any) => `/api/v1/tournaments/${id}/sessions/${s.id}/attempts`;
    const one = await api.call('POST', url(first), { as: 'operator', body: { value: 10_250 } });
    expect(one.statusCode).toBe(200);
    expect([one.data.attempts, one.data.session.result_submitted]).toEqual([[10_250], false]);

    const before = await api.tableCounts();
    expectRefusal(await api.call('POST', url(first), { as: 'operator', body: { value: -3 } }), 422, 'validation_failed', 'value');
    expectRefusal(await api.call('POST', url(first), { as: 'operator', body: { value: 10.5 } }), 422, 'validation_failed', 'value');
    expectRefusal(await api.call('POST', url(first), { as: 'operator', body: { value: 'fast' } }), 422, 'validation_failed', 'value');
    expectRefusal(await api.call('POST', url(first), { as: 'operator', body: {} }), 422, 'validation_failed', 'value');
    expect((await api.call('POST', url(first), { as: 'viewer', body: { value: 9_000 } })).statusCode).toBe(403);
    expect((await api.call('POST', `/api/v1/tournaments/${id}/sessions/00000000-0000-4000-8000-000000000000/attempts`, { as: 'operator', body: { value: 9_000 } })).statusCode).toBe(404);
    expectRefusal(await api.call('POST', `/api/v1/tournaments/${id}/sessions/${first.id}/result`, { as: 'operator', body: { winner_id: first.participants[0].id, score: [1, 0] } }), 409, 'attempts_expected');
    expect(await api.tableCounts()).toEqual(before);

    const last = await api.call('POST', url(first), { as: 'operator', body: { value: null } });
    expect([last.data.attempts, last.data.session.result_submitted]).toEqual([[10_250, null], true]);
    expectRefusal(await api.call('POST', url(first), { as: 'operator', body: { value: 9_000 } }), 409, 'attempts_complete');
    // The live leaderboard: the first has a time, the others none yet (last, sharing a place).
    await api.call('POST', url(second), { as: 'operator', body: { value: 10_100 } });
    const live = (await api.call('GET', `/api/v1/tournaments/${id}/phase-standings?phase=INDIVIDUAL`)).data.tables[0];
    expect(live.tie_breakers).toEqual(['round_reached', 'mark', 'valid_attempts']);
    expect(live.lines.map((l: any) => [l.player_id, l.rank, l.played, l.tie_break_values])).toEqual([
      [second.participants[0].id, 1, 0, [1, 10_100, 1]],
      [first.participants[0].id, 2, 1, [1, 10_250, 1]],
      [third.participants[0].id, 3, 0, [1, null, 0]],
    ]);
    const now = (await api.call('GET', `/api/v1/tournaments/${id}/standings`)).data;
    expect([now.final, now.items.map((r: any) => [r.player_id, r.rank, r.points])]).toEqual([false, [
      [second.participants[0].id, 1, 10_100], [first.participants[0].id, 2, 10_250], [third.participants[0].id, 3, 0],
    ]]);
    // What each row was ranked by, as the live leaderboard names it: no wins or losses to show.
    expect(now.items.map((r: any) => r.tie_breaks)).toEqual([
      { round_reached: 1, mark: 10_100, valid_attempts: 1 },
      { round_reached: 1, mark: 10_250, valid_attempts: 1 },
      { round_reached: 1, mark: null, valid_attempts: 0 },
    ]);
    for (const [s, values] of [[second, [9_990]], [third, [null, 11_000]]] as const) {
      for (const value of values) expect((await api.call('POST', url(s), { as: 'operator', body: { value } })).statusCode).toBe(200);
    }
    expect((await api.call('POST', `/api/v1/tournaments/${id}/calculate-rankings`)).statusCode).toBe(200);
    expect((await rankingsOf(id)).map((r) => [r.seed, r.rank, r.points, r.tie_breaks])).toEqual([
      [2, 1, 9_990, { round_reached: 1, mark: 9_990, valid_attempts: 2 }],
      [1, 2, 10_250, { round_reached: 1, mark: 10_250, valid_attempts: 1 }],
      [3, 3, 11_000, { round_reached: 1, mark: 11_000, valid_attempts: 1 }],
    ]);
    const csv = (await api.call('GET', `/api/v1/tournaments/${id}/export/standings.csv`, { as: 'viewer' })).body.split('\n');
    expect(csv[0]).toBe('rank,name,club,rating,seed,withdrawn,points,wins,draws,losses,score_for,score_against,round_reached,mark,valid_attempts');
    expect(csv[1]).toMatch(/^1,.*,9990,0,0,0,0,0,1,9990,2$/);

    const knockout = await api.call('POST', SCENARIO, { body: { player_count: 4, format: 'double_elimination', simulate: false } });
    const [match] = await sessionsOf(knockout.data.tournament_id);
    expectRefusal(await api.call('POST', `/api/v1/tournaments/${knockout.data.tournament_id}/sessions/${match.id}/attempts`, { as: 'operator', body: { value: 3 } }), 409, 'result_expected');
  });
});

describe('the schedule', () => {
  const schedule = { starts_at: '2030-06-01T09:00:00Z', stations: ['Court A', 'Court B'], session_minutes: 20, break_minutes: 10 };

  it('plans a double elimination on two courts: no court or player clash, nothing before its feeders; feeds per tournament and per player', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 8, format: 'double_elimination', simulate: false, settings: { schedule } } });
    const id = res.data.tournament_id;
    const planned = await api.call('POST', `/api/v1/tournaments/${id}/schedule`, { as: 'operator' });
    expect(planned.statusCode).toBe(200);
    expect(planned.data).toMatchObject({ planned_count: 14, kept_count: 0, first_start: '2030-06-01T09:00:00.000Z', stations: ['Court A', 'Court B'] });
    const sessions = await sessionsOf(id);
    const start = (s: any) => Date.parse(s.scheduled_at);
    expect(sessions.every((s) => ['Court A', 'Court B'].includes(s.station) && start(s) >= Date.parse(schedule.starts_at))).toBe(true);
    const byCourt = (court: string) => sessions.filter((s) => s.station === court).map(start).sort((a, b) => a - b);
    for (const court of ['Court A', 'Court B']) {
      const times = byCourt(court);
      expect(times.every((t, i) => i === 0 || t - times[i - 1] >= 20 * 60_000)).toBe(true);
    }
    const byId = new Map(sessions.map((s) => [s.id, s]));
    for (const s of sessions) {
      for (const target of [s.next_session_id, s.loser_next_session_id]) {
        if (target) expect(start(byId.get(target)) - start(s)).toBeGreaterThanOrEqual(30 * 60_000);
      }
    }
    // The last session ends when the plan says.
    expect(Math.max(...sessions.map(start)) + 20 * 60_000).toBe(Date.parse(planned.data.last_end));

    const list = await api.call('GET', `/api/v1/tournaments/${id}/schedule?limit=3`);
    expect(list.data.items.map((s: any) => [s.scheduled_at, s.station])).toEqual([
      ['2030-06-01T09:00:00.000Z', 'Court A'], ['2030-06-01T09:00:00.000Z', 'Court B'], ['2030-06-01T09:20:00.000Z', 'Court A'],
    ]);
    const feed = await api.call('GET', `/api/v1/tournaments/${id}/schedule.ics`);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.body.match(/BEGIN:VEVENT/g)).toHaveLength(14);
    expect(feed.body).toContain('DTSTART:20300601T090000Z\r\nDTEND:20300601T092000Z\r\nSUMMARY:Player 0001 vs Player 0008\r\nLOCATION:Court A');
    const player = sessions[0].participants[0];
    const own = await api.call('GET', `/api/v1/tournaments/${id}/players/${player.id}/schedule.ics`);
    expect(own.body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(own.body).toContain(`X-WR-CALNAME:double_elimination scenario\\, 8 players: ${player.name}\r\n`);
    // A calendar app sends a feed token in the query, never the bearer token; a new one revokes the old.
    const first = (await api.call('POST', '/api/v1/auth/feed-token', { as: 'viewer' })).data.feed_token;
    expect(first).toMatch(/^feed_[A-Za-z0-9_-]{32}$/);
    const subscribed = await api.call('GET', `/api/v1/tournaments/${id}/schedule.ics?feed_token=${first}`, { as: 'none' });
    expect(subscribed.statusCode).toBe(200);
    expect(subscribed.body.match(/BEGIN:VEVENT/g)).toHaveLength(14);
    const second = (await api.call('POST', '/api/v1/auth/feed-token', { as: 'viewer' })).data.feed_token;
    expect((await api.call('GET', `/api/v1/tournaments/${id}/players/${player.id}/schedule.ics?feed_token=${second}`, { as: 'none' })).statusCode).toBe(200);
    const replaced = await api.call('GET', `/api/v1/tournaments/${id}/schedule.ics?feed_token=${first}`, { as: 'none' });
    expect(replaced.statusCode).toBe(401);
    expect(replaced.data.error.message).toBe('the feed token is unknown or was revoked; make a new one with POST /api/v1/auth/feed-token');
    expect((await api.call('DELETE', '/api/v1/auth/feed-token', { as: 'viewer' })).data).toEqual({ revoked: true });
    expect((await api.call('GET', `/api/v1/tournaments/${id}/schedule.ics?feed_token=${second}`, { as: 'none' })).statusCode).toBe(401);
    // The bearer token in the URL is no credential here.
    expect((await api.call('GET', `/api/v1/tournaments/${id}/schedule.ics?access_token=${api.tokens.viewer}`, { as: 'none' })).statusCode).toBe(401);
    expect((await api.call('GET', `/api/v1/tournaments/${id}/schedule.ics`, { as: 'none' })).statusCode).toBe(401);

    // Shared, the same calendars need no account (players and parents subscribe from the public page).
    const { slug } = (await api.call('PUT', `/api/v1/tournaments/${id}/sharing`, { as: 'operator', body: { sharing: true } })).data;
    const shared = await api.call('GET', `/api/v1/public/${slug}/schedule.ics`, { as: 'none' });
    expect([shared.statusCode, shared.headers['content-type']]).toEqual([200, 'text/calendar; charset=utf-8']);
    expect(shared.body.replace(/DTSTAMP:\S+/g, '')).toBe(feed.body.replace(/DTSTAMP:\S+/g, ''));
    const mine = await api.call('GET', `/api/v1/public/${slug}/players/${player.id}/schedule.ics`, { as: 'none' });
    expect(mine.body.replace(/DTSTAMP:\S+/g, '')).toBe(own.body.replace(/DTSTAMP:\S+/g, ''));
    const stranger = await api.call('GET', `/api/v1/public/${slug}/players/999999/schedule.ics`, { as: 'none' });
    expect([stranger.statusCode, stranger.data.error.code, stranger.data.error.details]).toEqual([404, 'not_found', { player_id: 999999 }]);
    const badPlayer = await api.call('GET', `/api/v1/public/${slug}/players/someone/schedule.ics`, { as: 'none' });
    expect([badPlayer.statusCode, badPlayer.data.error.details.fields[0].field]).toEqual([422, 'player_id']);
    expect((await api.call('GET', `/api/v1/public/${slug}x/schedule.ics`, { as: 'none' })).statusCode).toBe(404);
    await api.call('PUT', `/api/v1/tournaments/${id}/sharing`, { as: 'operator', body: { sharing: false } });
    expect((await api.call('GET', `/api/v1/public/${slug}/schedule.ics`, { as: 'none' })).statusCode).toBe(404);
    expect((await api.call('GET', `/api/v1/public/${slug}/players/${player.id}/schedule.ics`, { as: 'none' })).statusCode).toBe(404);
  });

  it('re-plans only the unplayed part: a played session keeps its time and court', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 4, format: 'knockout', simulate: false, settings: { schedule: { ...schedule, stations: 1 } } } });
    const id = res.data.tournament_id;
    await api.call('POST', `/api/v1/tournaments/${id}/schedule`, { as: 'operator' });
    const [semi] = await sessionsOf(id);
    await api.call('POST', `/api/v1/tournaments/${id}/sessions/${semi.id}/result`, { as: 'operator', body: { winner_id: semi.participants[0].id, score: [2, 0] } });
    const again = await api.call('POST', `/api/v1/tournaments/${id}/schedule`, { as: 'operator' });
    expect(again.data).toMatchObject({ planned_count: 3, kept_count: 1 });
    const after = await sessionsOf(id);
    expect([after[0].scheduled_at, after[0].station]).toEqual(['2030-06-01T09:00:00.000Z', '1']);
  });

  it('takes new settings with the plan, pages from a moment, and shows on now / next up per station, also publicly', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 4, format: 'knockout', simulate: false } });
    const id = res.data.tournament_id;
    const url = `/api/v1/tournaments/${id}/schedule`;
    const bad = await api.call('POST', url, { as: 'operator', body: { schedule: { stations: ['East', 'West'], session_minutes: 0 } } });
    expectRefusal(bad, 422, 'validation_failed', 'settings.schedule.session_minutes');
    expect((await api.call('POST', url, { as: 'operator', body: { schedule: { courts: 2 } } })).statusCode).toBe(422);
    expect((await api.call('GET', `/api/v1/tournaments/${id}`)).data.settings.schedule).toBeUndefined();
    // A start in the past: the plan starts now, so both semi-finals are on at once.
    const planned = await api.call('POST', url, { as: 'operator', body: { schedule: { starts_at: '2020-01-01T09:00:00Z', stations: ['East', 'West'], session_minutes: 15, break_minutes: 0 } } });
    expect(planned.data).toMatchObject({ planned_count: 4, kept_count: 0, stations: ['East', 'West'] });
    expect((await api.call('GET', `/api/v1/tournaments/${id}`)).data.settings.schedule).toEqual({ starts_at: '2020-01-01T09:00:00Z', stations: ['East', 'West'], session_minutes: 15, break_minutes: 0, rounds_wait: true });
    const first = Date.parse(planned.data.first_start);
    const later = await api.call('GET', `${url}?from=${new Date(first + 1).toISOString()}`);
    expect(later.data.items.map((s: any) => Date.parse(s.scheduled_at) - first)).toEqual([15 * 60_000, 15 * 60_000]);

    const board = await api.call('GET', `${url}/board`);
    expect(board.statusCode).toBe(200);
    const sessions = await sessionsOf(id);
    const round1 = sessions.filter((s) => s.tournament_round === 1).map((s) => s.id).sort();
    expect([board.data.session_minutes, board.data.unscheduled_count]).toEqual([15, 0]);
    expect(board.data.stations.map((b: any) => b.station)).toEqual(['East', 'West']);
    expect(board.data.stations.map((b: any) => b.now.session_id).sort()).toEqual(round1);
    expect(board.data.stations.map((b: any) => b.next.tournament_round)).toEqual([2, 2]);
    expect(board.data.stations.every((b: any) => b.now.participants.length === 2 && b.next.participants.length === 0)).toBe(true);
    // A result takes its session off the board: what was next on that station is next still, nothing is on.
    const done = board.data.stations[0];
    await api.call('POST', `/api/v1/tournaments/${id}/sessions/${done.now.session_id}/result`, { as: 'operator', body: { winner_id: done.now.participants[0].id, score: [2, 0] } });
    const after = (await api.call('GET', `${url}/board`)).data.stations[0];
    expect([after.now, after.next.session_id]).toEqual([null, done.next.session_id]);
    // The public page reads the same board by its slug; not shared, it is 404.
    const slug = (await api.call('PUT', `/api/v1/tournaments/${id}/sharing`, { as: 'operator', body: { sharing: true } })).data.slug;
    const shared = await api.call('GET', `/api/v1/public/${slug}/schedule/board`, { as: 'none' });
    expect(shared.data.stations.map((b: any) => b.next?.session_id ?? null)).toEqual((await api.call('GET', `${url}/board`)).data.stations.map((b: any) => b.next?.session_id ?? null));
    await api.call('PUT', `/api/v1/tournaments/${id}/sharing`, { as: 'operator', body: { sharing: false } });
    expect((await api.call('GET', `/api/v1/public/${slug}/schedule/board`, { as: 'none' })).statusCode).toBe(404);
  });

  it('counts the sessions a format adds after the plan (a Swiss round) until the schedule is planned again', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 4, format: 'swiss', simulate: false, settings: { rounds: 2, schedule } } });
    const id = res.data.tournament_id;
    await api.call('POST', `/api/v1/tournaments/${id}/schedule`, { as: 'operator' });
    for (const s of await sessionsOf(id)) {
      await api.call('POST', `/api/v1/tournaments/${id}/sessions/${s.id}/result`, { as: 'operator', body: { winner_id: s.participants[0].id, score: [1, 0] } });
    }
    const board = async () => (await api.call('GET', `/api/v1/tournaments/${id}/schedule/board`)).data;
    expect((await board()).unscheduled_count).toBe(2);
    expect((await api.call('POST', `/api/v1/tournaments/${id}/schedule`, { as: 'operator' })).data).toMatchObject({ planned_count: 2, kept_count: 2 });
    const after = await board();
    expect([after.unscheduled_count, after.stations.filter((b: any) => b.next?.tournament_round === 2).length]).toEqual([0, 2]);
  });

  it('drops the time of a session a correction removes: the reset added again in its place has none until the next plan', async () => {
    const res = await api.call('POST', SCENARIO, { body: { player_count: 4, format: 'double_elimination', simulate: false, settings: { schedule } } });
    const id = res.data.tournament_id;
    // The better seed wins every bracket match; the losers-bracket champion wins the first final.
    for (let step = 0; step < 6; step++) {
      const ready = (await sessionsOf(id)).find((s) => !s.result_submitted && s.participants.length === 2);
      const [a, b] = ready.participants;
      const winner = ready.phase === 'GRAND_FINAL' ? b : a.seed < b.seed ? a : b;
      await api.call('POST', `/api/v1/tournaments/${id}/sessions/${ready.id}/result`, { as: 'operator', body: { winner_id: winner.id, score: winner === a ? [2, 1] : [1, 2] } });
    }
    expect((await api.call('POST', `/api/v1/tournaments/${id}/schedule`, { as: 'operator' })).data).toMatchObject({ planned_count: 1, kept_count: 6 });
    const [final, reset] = (await sessionsOf(id)).slice(-2);
    expect([reset.tournament_round, reset.scheduled_at, reset.station]).toEqual([2, '2030-06-01T09:00:00.000Z', 'Court A']);
    const correct = (slot: 0 | 1) => api.call('PUT', `/api/v1/tournaments/${id}/sessions/${final.id}/result`, {
      as: 'operator', body: { winner_id: final.participants[slot].id, score: slot === 0 ? [2, 1] : [1, 2] },
    });
    // The winners-bracket champion won after all: no reset, and its time goes with it.
    expect((await correct(0)).statusCode).toBe(200);
    expect((await sessionsOf(id)).map((s) => s.tournament_round).slice(-1)).toEqual([1]);
    expect((await api.call('GET', `/api/v1/tournaments/${id}/schedule`)).data.items).toEqual([]);
    // And back: a new reset in the same place, with no time until the schedule is planned again.
    expect((await correct(1)).statusCode).toBe(200);
    const again = (await sessionsOf(id)).at(-1);
    expect([again.tournament_round, again.id === reset.id, again.scheduled_at, again.station]).toEqual([2, false, null, null]);
    expect((await api.call('GET', `/api/v1/tournaments/${id}/schedule/board`)).data.unscheduled_count).toBe(1);
    expect((await api.call('POST', `/api/v1/tournaments/${id}/schedule`, { as: 'operator' })).data).toMatchObject({ planned_count: 1, kept_count: 6 });
    expect((await api.call('GET', `/api/v1/tournaments/${id}/schedule/board`)).data.unscheduled_count).toBe(0);
  });

  it('writes 2,048 times in one COPY: every session on one of 64 tables, none sharing a table at once, a round after the one before', async () => {
    const launched = await api.call('POST', SCENARIO, { body: { player_count: 2048, format: 'knockout', confirmed: true, settings: { schedule: { ...schedule, stations: 64 } } } });
    await api.queue.idle();
    const id = launched.data.tournament_id;
    const planned = await api.call('POST', `/api/v1/tournaments/${id}/schedule`, { as: 'operator' });
    expect(planned.data).toMatchObject({ planned_count: 2048, kept_count: 0, first_start: '2030-06-01T09:00:00.000Z' });
    const sessions = await sessionsOf(id);
    expect(sessions.every((s) => s.scheduled_at !== null && Number(s.station) >= 1 && Number(s.station) <= 64)).toBe(true);
    const slots = new Set(sessions.map((s) => `${s.station}@${s.scheduled_at}`));
    expect(slots.size).toBe(2048);
    // Round 1 (1,024 matches) fills 16 slots of 20 minutes on 64 tables; round 2 starts as the last
    // of them ends (its first players, out of earlier slots, have had their break by then).
    const round = (r: number) => sessions.filter((s) => s.tournament_round === r).map((s) => Date.parse(s.scheduled_at));
    expect(Math.max(...round(1))).toBe(Date.parse('2030-06-01T09:00:00Z') + 15 * 20 * 60_000);
    expect(Math.min(...round(2))).toBe(Math.max(...round(1)) + 20 * 60_000);
  });

  it('refuses what it cannot plan by, naming the field, and changes nothing', async () => {
    const none = await api.call('POST', SCENARIO, { body: { player_count: 4, format: 'knockout', simulate: false } });
    const before = await api.tableCounts();
    expectRefusal(await api.call('POST', `/api/v1/tournaments/${none.data.tournament_id}/schedule`, { as: 'operator' }), 409, 'no_schedule');
    expect((await api.call('POST', `/api/v1/tournaments/${none.data.tournament_id}/schedule`, { as: 'viewer' })).statusCode).toBe(403);
    expect((await api.call('POST', '/api/v1/tournaments/999999/schedule', { as: 'operator' })).statusCode).toBe(404);
    expectRefusal(await api.call('GET', `/api/v1/tournaments/${none.data.tournament_id}/schedule.ics`), 409, 'no_schedule');
    for (const [bad, field] of [
      [{ stations: 0 }, 'settings.schedule.stations'],
      [{ starts_at: 'tomorrow' }, 'settings.schedule.starts_at'],
      [{ session_minutes: 0 }, 'settings.schedule.session_minutes'],
      [{ courts: 2 }, 'settings.schedule.courts'],
    ] as const) {
      expectRefusal(await api.call('POST', SCENARIO, { body: { player_count: 4, format: 'knockout', settings: { schedule: bad } } }), 422, 'validation_failed', field);
    }
    expect(await api.tableCounts()).toEqual(before);
    const planned = await api.call('POST', SCENARIO, { body: { player_count: 4, format: 'knockout', simulate: false, settings: { schedule } } });
    const stranger = await api.call('GET', `/api/v1/tournaments/${planned.data.tournament_id}/players/999999/schedule.ics`);
    expect(stranger.statusCode).toBe(404);
  });
});
