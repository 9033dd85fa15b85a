/**
 * The routes of a real event: participants (typed, pasted, CSV), seeding and order, removal,
 * corrections (cascade is admin), withdrawals, the audit log, edits and deletion, sharing and
 * the public page, standings and CSV exports, and the guard on simulation (force is admin).
 * Every refusal names its field and changes nothing; viewers read, operators write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../support/api-app.ts';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const CSV = 'name,rating,club\nAnn,2200,Hastings\nBen,2100,Oxford\nCat,2000,Hastings\nDan,1900,Oxford\nEve,1800,\nFay,1700,Leeds\n';

async function draft(name = 'Club night', settings: Record<string, unknown> = {}) {
  const t = await api.call('POST', '/api/v1/tournaments', { as: 'operator', body: { name, format: 'knockout', settings } });
  expect(t.statusCode).toBe(201);
  return t.data.id as number;
}

async function imported(id: number, csv = CSV) {
  const res = await api.call('POST', `/api/v1/tournaments/${id}/participants/import`, { as: 'operator', payload: csv, headers: { 'content-type': 'text/csv' } });
  expect(res.statusCode).toBe(201);
  return res.data;
}

/** Asserts a refusal: the status, the error code and the field, with no row changed. */
async function refused(call: () => ReturnType<ApiHarness['call']>, status: number, code: string, field?: string) {
  const before = await api.tableCounts();
  const res = await call();
  expect(res.statusCode).toBe(status);
  expect(res.data.error.code).toBe(code);
  if (field !== undefined) expect(JSON.stringify(res.data.error.details)).toContain(field);
  expect(await api.tableCounts()).toEqual(before);
  return res;
}

describe('participants', () => {
  it('imports CSV, adds typed and pasted participants, seeds, orders and removes; viewers read', async () => {
    const id = await draft();
    const first = await imported(id);
    expect(first).toMatchObject({ imported_count: 6, ignored_columns: [], seeding: null });
    expect(first.items.map((p: { name: string; seed: number }) => [p.seed, p.name])).toEqual([[1, 'Ann'], [2, 'Ben'], [3, 'Cat'], [4, 'Dan'], [5, 'Eve'], [6, 'Fay']]);
    expect(first.items[0]).toEqual({ player_id: expect.any(Number), name: 'Ann', rating: 2200, club: 'Hastings', seed: 1, entry_number: 1, withdrawn_at: null });

    const typed = await api.call('POST', `/api/v1/tournaments/${id}/participants`, { as: 'operator', body: { participants: [{ name: 'Gus', rating: 2400, club: 'Leeds' }] } });
    expect(typed.statusCode).toBe(201);
    const pasted = await api.call('POST', `/api/v1/tournaments/${id}/participants`, { as: 'operator', body: { text: 'Hal, 1500\nIvy' } });
    expect(pasted.data.items.map((p: { name: string }) => p.name).slice(-3)).toEqual(['Gus', 'Hal', 'Ivy']);

    const byRating = await api.call('POST', `/api/v1/tournaments/${id}/participants/seed`, { as: 'operator', body: { method: 'rating' } });
    expect(byRating.data.items.map((p: { name: string }) => p.name)).toEqual(['Gus', 'Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Fay', 'Hal', 'Ivy']);
    expect(byRating.data.seeding).toEqual({ method: 'rating' });
    const drawn = await api.call('POST', `/api/v1/tournaments/${id}/participants/seed`, { as: 'operator', body: { method: 'random', seed: 99 } });
    expect(drawn.data.seeding).toEqual({ method: 'random', seed: 99 });

    const ids = byRating.data.items.map((p: { player_id: number }) => p.player_id).reverse();
    const ordered = await api.call('PUT', `/api/v1/tournaments/${id}/participants/order`, { as: 'operator', body: { player_ids: ids } });
    expect(ordered.data.items.map((p: { player_id: number }) => p.player_id)).toEqual(ids);
    const removed = await api.call('DELETE', `/api/v1/tournaments/${id}/participants/${ids[0]}`, { as: 'operator' });
    expect(removed.data.items.map((p: { seed: number }) => p.seed)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    const read = await api.call('GET', `/api/v1/tournaments/${id}/participants`, { as: 'viewer' });
    expect(read.statusCode).toBe(200);
    expect(read.data.items).toHaveLength(8);
    await refused(() => api.call('POST', `/api/v1/tournaments/${id}/participants`, { as: 'viewer', body: { text: 'Zed' } }), 403, 'forbidden');
  });

  it('refuses a bad CSV row by its line, and bad fields by name, importing nothing', async () => {
    const id = await draft();
    const bad = await refused(
      () => api.call('POST', `/api/v1/tournaments/${id}/participants/import`, { as: 'operator', payload: 'name,rating\nAnn,2000\nBen,strong\n', headers: { 'content-type': 'text/csv' } }),
      422, 'validation_failed', 'line 3');
    expect(bad.data.error.message).toBe('line 3: rating must be a whole number from 0 to 9999, got "strong"');
    expect(bad.data.error.details).toMatchObject({ line: 3, column: 'rating' });
    await refused(() => api.call('POST', `/api/v1/tournaments/${id}/participants/import`, { as: 'operator', payload: 'club\nLeeds\n', headers: { 'content-type': 'text/csv' } }), 422, 'validation_failed', 'line 1');
    await refused(() => api.call('POST', `/api/v1/tournaments/${id}/participants`, { as: 'operator', body: { participants: [{ name: '' }] } }), 422, 'validation_failed', 'participants');
    await refused(() => api.call('POST', `/api/v1/tournaments/${id}/participants`, { as: 'operator', body: { participants: [{ name: 'Ann', rating: -1 }] } }), 422, 'validation_failed', 'rating');
    await refused(() => api.call('POST', `/api/v1/tournaments/${id}/participants`, { as: 'operator', body: { text: 'Ann, x' } }), 422, 'validation_failed', 'line 1');
    await refused(() => api.call('POST', `/api/v1/tournaments/${id}/participants`, { as: 'operator', body: {} }), 422, 'validation_failed', 'participants');
    await refused(() => api.call('POST', `/api/v1/tournaments/${id}/participants/seed`, { as: 'operator', body: { method: 'luck' } }), 422, 'validation_failed', 'method');
    await imported(id);
    const people = (await api.call('GET', `/api/v1/tournaments/${id}/participants`)).data.items.map((p: { player_id: number }) => p.player_id);
    await refused(() => api.call('PUT', `/api/v1/tournaments/${id}/participants/order`, { as: 'operator', body: { player_ids: people.slice(1) } }), 422, 'validation_failed', 'player_ids');
    await refused(() => api.call('PUT', `/api/v1/tournaments/${id}/participants/order`, { as: 'operator', body: { player_ids: [...people, people[0]] } }), 422, 'validation_failed', 'player_ids');
    await refused(() => api.call('DELETE', `/api/v1/tournaments/${id}/participants/99999999`, { as: 'operator' }), 404, 'not_found');
  });
});

describe('a running knockout', () => {
  let id: number;
  let sessions: any[];
  const load = async () => (sessions = (await api.call('GET', `/api/v1/tournaments/${id}/sessions`)).data.items);
  const side = (s: any, slot: number) => s.participants.find((p: any) => p.slot === slot);

  beforeAll(async () => {
    id = await draft('Open', { separate_clubs: true });
    await imported(id, 'name,rating,club\nA,1,X\nB,2,X\nC,3,Y\nD,4,Y\nE,5,Z\nF,6,Z\nG,7,W\nH,8,W\n');
    expect((await api.call('POST', `/api/v1/tournaments/${id}/start`, { as: 'operator' })).statusCode).toBe(200);
    await load();
  });

  it('takes a walkover without a score and shows the outcome on the session', async () => {
    const s = sessions[0];
    const res = await api.call('POST', `/api/v1/tournaments/${id}/sessions/${s.id}/result`, { as: 'operator', body: { winner_id: side(s, 1).id, score: null, outcome: 'walkover' } });
    expect(res.statusCode).toBe(200);
    expect(res.data.session).toMatchObject({ outcome: 'walkover', score: null, winner_id: side(s, 1).id, result_submitted: true });
    await refused(() => api.call('POST', `/api/v1/tournaments/${id}/sessions/${sessions[1].id}/result`, { as: 'operator', body: { winner_id: side(sessions[1], 0).id, score: null } }), 422, 'validation_failed', 'score');
    await refused(() => api.call('POST', `/api/v1/tournaments/${id}/sessions/${sessions[1].id}/result`, { as: 'operator', body: { winner_id: side(sessions[1], 0).id, score: [1, 0], outcome: 'forfeit' } }), 422, 'validation_failed', 'outcome');
  });

  it('reads one session as listed (viewers read); a bad id is a 422 naming it, an unknown one or another tournament\'s a 404', async () => {
    const [first, second] = await load();
    const one = await api.call('GET', `/api/v1/tournaments/${id}/sessions/${first.id}`, { as: 'viewer' });
    expect(one.statusCode).toBe(200);
    expect(one.data).toEqual(first);
    expect(one.data).toMatchObject({ outcome: 'walkover', result_submitted: true, next_session_id: expect.any(String) });
    expect((await api.call('GET', `/api/v1/tournaments/${id}/sessions/${second.id}`, { as: 'operator' })).data).toEqual(second);
    expect((await api.call('GET', `/api/v1/tournaments/${id}/sessions/${first.id}`, { as: 'none' })).statusCode).toBe(401);

    const bad = await refused(() => api.call('GET', `/api/v1/tournaments/${id}/sessions/not-a-uuid`, { as: 'viewer' }), 422, 'validation_failed', 'session_id');
    expect(bad.data.error.details.fields[0].field).toBe('session_id');
    await refused(() => api.call('GET', `/api/v1/tournaments/0/sessions/${first.id}`, { as: 'viewer' }), 422, 'validation_failed', 'id');
    const unknown = await refused(() => api.call('GET', `/api/v1/tournaments/${id}/sessions/00000000-0000-4000-8000-000000000000`, { as: 'viewer' }), 404, 'not_found');
    expect(unknown.data.error.details).toEqual({ session_id: '00000000-0000-4000-8000-000000000000' });
    const other = await draft('Elsewhere');
    await refused(() => api.call('GET', `/api/v1/tournaments/${other}/sessions/${first.id}`, { as: 'viewer' }), 404, 'not_found', 'session_id');
    await refused(() => api.call('GET', `/api/v1/tournaments/99999999/sessions/${first.id}`, { as: 'viewer' }), 404, 'not_found');
  });

  it('corrects simply, refuses a correction under later results (409 naming them), clears them with cascade as admin only', async () => {
    for (const s of sessions.slice(1, 4)) {
      await api.call('POST', `/api/v1/tournaments/${id}/sessions/${s.id}/result`, { as: 'operator', body: { winner_id: side(s, 0).id, score: [2, 0] } });
    }
    const [m1] = await load();
    const simple = await api.call('PUT', `/api/v1/tournaments/${id}/sessions/${m1.id}/result`, { as: 'operator', body: { winner_id: side(m1, 0).id, score: [2, 1], outcome: 'played' } });
    expect(simple.statusCode).toBe(200);
    expect(simple.data).toMatchObject({ cleared_session_ids: [], changed_session_ids: [m1.next_session_id] });
    const semi = (await load()).find((s: any) => s.id === m1.next_session_id);
    expect(side(semi, m1.next_slot).id).toBe(side(m1, 0).id);
    await api.call('POST', `/api/v1/tournaments/${id}/sessions/${semi.id}/result`, { as: 'operator', body: { winner_id: side(semi, 0).id, score: [2, 0] } });

    const blocked = await refused(() => api.call('PUT', `/api/v1/tournaments/${id}/sessions/${m1.id}/result`, { as: 'operator', body: { winner_id: side(m1, 1).id, score: [0, 2] } }), 409, 'later_results_exist');
    expect(blocked.data.error.details.session_ids).toEqual([semi.id]);
    await refused(() => api.call('PUT', `/api/v1/tournaments/${id}/sessions/${m1.id}/result?cascade=true`, { as: 'operator', body: { winner_id: side(m1, 1).id, score: [0, 2] } }), 403, 'forbidden');
    await refused(() => api.call('PUT', `/api/v1/tournaments/${id}/sessions/${m1.id}/result?cascade=maybe`, { as: 'admin', body: { winner_id: side(m1, 1).id, score: [0, 2] } }), 422, 'validation_failed', 'cascade');
    const cascaded = await api.call('PUT', `/api/v1/tournaments/${id}/sessions/${m1.id}/result?cascade=true`, { as: 'admin', body: { winner_id: side(m1, 1).id, score: [0, 2] } });
    expect(cascaded.statusCode).toBe(200);
    expect(cascaded.data.cleared_session_ids).toEqual([semi.id]);
    await refused(() => api.call('PUT', `/api/v1/tournaments/${id}/sessions/${semi.id}/result`, { as: 'operator', body: { winner_id: side(semi, 0).id, score: [2, 0] } }), 409, 'result_not_submitted');
    await refused(() => api.call('PUT', `/api/v1/tournaments/${id}/sessions/${m1.id}/result`, { as: 'viewer', body: { winner_id: side(m1, 1).id, score: [0, 2] } }), 403, 'forbidden');

    const audit = await api.call('GET', `/api/v1/tournaments/${id}/audit?session_id=${m1.id}`, { as: 'viewer' });
    expect(audit.data.items.map((e: any) => e.action)).toEqual(['correction', 'correction', 'result']);
    expect(audit.data.items[0]).toMatchObject({ actor: { email: 'admin@test.local' }, after: { cascade: true, clearedSessionIds: [semi.id] } });
    expect(audit.data.items[2].actor.email).toBe('operator@test.local');
    await refused(() => api.call('GET', `/api/v1/tournaments/${id}/audit?session_id=nope`, { as: 'viewer' }), 422, 'validation_failed', 'session_id');
  });

  it('withdraws a player: a waiting opponent gets a walkover; twice is a 409; viewers may not', async () => {
    const waiting = (await load()).find((s: any) => !s.result_submitted && s.participants.length === 2)!;
    const quitter = side(waiting, 0).id;
    await refused(() => api.call('POST', `/api/v1/tournaments/${id}/participants/${quitter}/withdraw`, { as: 'viewer' }), 403, 'forbidden');
    const out = await api.call('POST', `/api/v1/tournaments/${id}/participants/${quitter}/withdraw`, { as: 'operator' });
    expect(out.statusCode).toBe(200);
    expect(out.data.walkover_session_ids).toEqual([waiting.id]);
    await refused(() => api.call('POST', `/api/v1/tournaments/${id}/participants/${quitter}/withdraw`, { as: 'operator' }), 409, 'already_withdrawn');
    const people = (await api.call('GET', `/api/v1/tournaments/${id}/participants`)).data.items;
    expect(people.find((p: any) => p.player_id === quitter).withdrawn_at).toMatch(/Z$/);
  });

  it('refuses to simulate real participants without force, and force is admin', async () => {
    const before = await refused(() => api.call('POST', `/api/v1/tournaments/${id}/simulate-results`, { as: 'admin', body: {} }), 409, 'participants_not_synthetic');
    expect(before.data.error.message).toContain('force');
    await refused(() => api.call('POST', `/api/v1/tournaments/${id}/simulate-results`, { as: 'operator', body: { force: true } }), 403, 'forbidden');
    const forced = await api.call('POST', `/api/v1/tournaments/${id}/simulate-results`, { as: 'admin', body: { force: true, seed: 5 } });
    expect(forced.statusCode).toBe(200);
    expect(forced.data.results_submitted).toBe(forced.data.sessions_count);
  });

  it('exports standings and results as CSV, and gives standings as JSON', async () => {
    const standings = await api.call('GET', `/api/v1/tournaments/${id}/export/standings.csv`, { as: 'viewer' });
    expect(standings.statusCode).toBe(200);
    expect(standings.headers['content-type']).toMatch(/^text\/csv/);
    expect(standings.headers['content-disposition']).toBe(`attachment; filename="tournament-${id}-standings.csv"`);
    expect(standings.body.split('\n')[0]).toBe('rank,name,club,rating,seed,withdrawn,points,wins,draws,losses,score_for,score_against');
    expect(standings.body.trim().split('\n')).toHaveLength(9);
    const results = await api.call('GET', `/api/v1/tournaments/${id}/export/results.csv`, { as: 'viewer' });
    expect(results.body.trim().split('\n')).toHaveLength(1 + sessions.length);
    const json = await api.call('GET', `/api/v1/tournaments/${id}/standings`, { as: 'viewer' });
    expect(json.data.final).toBe(false);
    expect(json.data.items[0]).toMatchObject({ rank: 1, withdrawn: false });
    expect(json.data.items.filter((r: any) => r.withdrawn)).toHaveLength(1);
  });

  it('shares a public page without a login, with nothing private, and hides it when sharing is off', async () => {
    await refused(() => api.call('PUT', `/api/v1/tournaments/${id}/sharing`, { as: 'viewer', body: { sharing: true } }), 403, 'forbidden');
    await refused(() => api.call('PUT', `/api/v1/tournaments/${id}/sharing`, { as: 'operator', body: { sharing: 'yes' } }), 422, 'validation_failed', 'sharing');
    const on = await api.call('PUT', `/api/v1/tournaments/${id}/sharing`, { as: 'operator', body: { sharing: true } });
    expect(on.data).toMatchObject({ sharing: true, slug: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
    expect(on.data.path).toBe(`/t/${on.data.slug}`);
    const slug = on.data.slug as string;
    const pub = await api.call('GET', `/api/v1/public/${slug}`, { as: 'none' });
    expect(pub.statusCode).toBe(200);
    expect(pub.data).toMatchObject({ name: 'Open', format: 'knockout', status: 'IN_PROGRESS', counts: { participants: 8 } });
    const body = JSON.stringify(pub.data) + JSON.stringify((await api.call('GET', `/api/v1/public/${slug}/sessions`, { as: 'none' })).data)
      + JSON.stringify((await api.call('GET', `/api/v1/public/${slug}/standings`, { as: 'none' })).data);
    expect(body).not.toMatch(/@|email|latest_task|share_slug|password|worker/);
    expect((await api.call('GET', `/api/v1/public/${slug}/sessions`, { as: 'none' })).data.items).toHaveLength(sessions.length);
    const page = await api.call('GET', `/t/${slug}`, { as: 'none', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    const embed = await api.call('GET', `/t/${slug}/embed`, { as: 'none', headers: { accept: 'text/html' } });
    expect(embed.headers['x-frame-options']).toBeUndefined();
    expect(String(embed.headers['content-security-policy'])).toContain('frame-ancestors *');

    await api.call('PUT', `/api/v1/tournaments/${id}/sharing`, { as: 'operator', body: { sharing: false } });
    for (const path of ['', '/sessions', '/standings', '/events']) {
      const gone = await api.call('GET', `/api/v1/public/${slug}${path}`, { as: 'none' });
      expect(gone.statusCode).toBe(404);
    }
    expect((await api.call('GET', '/api/v1/public/not-a-real-slug-at-all', { as: 'none' })).statusCode).toBe(404);
    const again = await api.call('PUT', `/api/v1/tournaments/${id}/sharing`, { as: 'operator', body: { sharing: true } });
    expect(again.data.slug).toBe(slug);
  });
});

describe('a running Swiss', () => {
  it('hands the pairing a withdrawn player with the round they are out from; their pending game is a walkover', async () => {
    const created = await api.call('POST', '/api/v1/tournaments', { as: 'operator', body: { name: 'Swiss night', format: 'swiss', settings: { rounds: 3 } } });
    const id = created.data.id as number;
    await imported(id, 'name\nA\nB\nC\nD\nE\nF\nG\nH\n');
    expect((await api.call('POST', `/api/v1/tournaments/${id}/start`, { as: 'operator' })).statusCode).toBe(200);
    const load = async () => (await api.call('GET', `/api/v1/tournaments/${id}/sessions?limit=100`)).data.items as any[];
    const play = async (s: any) => {
      const res = await api.call('POST', `/api/v1/tournaments/${id}/sessions/${s.id}/result`, { as: 'operator', body: { winner_id: s.participants[0].id, score: [1, 0] } });
      expect(res.statusCode).toBe(200);
    };
    for (const s of await load()) await play(s);
    const round2 = (await load()).filter((s) => s.tournament_round === 2);
    expect(round2).toHaveLength(4);

    // Withdrawn while round 2 is under way: the game they wait in is a walkover for the opponent,
    // and the pairing of round 3 on is told they are out from round 3.
    const [waiting] = round2;
    const quitter = waiting.participants[1].id;
    const out = await api.call('POST', `/api/v1/tournaments/${id}/participants/${quitter}/withdraw`, { as: 'operator' });
    expect(out.statusCode).toBe(200);
    expect(out.data.walkover_session_ids).toEqual([waiting.id]);
    const entrants = await api.ctx.store.enrollments.entrants(id);
    expect(entrants.filter((e) => e.withdrawn)).toEqual([{ playerId: quitter, seed: expect.any(Number), withdrawn: true, withdrawnFromRound: 3 }]);
    expect(entrants.filter((e) => e.withdrawnFromRound !== undefined)).toHaveLength(1);

    // Round 3 pairs the seven still in: three boards and a bye, the withdrawn player in none.
    for (const s of round2.slice(1)) await play(s);
    const round3 = (await load()).filter((s) => s.tournament_round === 3);
    const inRound3 = round3.flatMap((s) => s.participants.map((p: any) => p.id));
    expect(inRound3).not.toContain(quitter);
    expect(round3).toHaveLength(3);
    expect(new Set(inRound3).size).toBe(6);
  });
});

describe('editing and deleting', () => {
  it('renames, changes settings only before the start, deletes only a draft', async () => {
    const id = await draft('Draft cup');
    const renamed = await api.call('PATCH', `/api/v1/tournaments/${id}`, { as: 'operator', body: { name: 'Spring cup', settings: { separate_clubs: true } } });
    expect(renamed.data).toMatchObject({ name: 'Spring cup', settings: { separate_clubs: true } });
    await refused(() => api.call('PATCH', `/api/v1/tournaments/${id}`, { as: 'operator', body: { settings: { group_size: 4 } } }), 422, 'validation_failed', 'settings.group_size');
    await refused(() => api.call('PATCH', `/api/v1/tournaments/${id}`, { as: 'operator', body: { name: '' } }), 422, 'validation_failed', 'name');
    await refused(() => api.call('PATCH', `/api/v1/tournaments/${id}`, { as: 'viewer', body: { name: 'X' } }), 403, 'forbidden');
    await refused(() => api.call('DELETE', `/api/v1/tournaments/${id}`, { as: 'viewer' }), 403, 'forbidden');
    expect((await api.call('DELETE', `/api/v1/tournaments/${id}`, { as: 'operator' })).data).toEqual({ id, deleted: true });
    expect((await api.call('GET', `/api/v1/tournaments/${id}`)).statusCode).toBe(404);

    const started = await draft('Running cup');
    await imported(started);
    await api.call('POST', `/api/v1/tournaments/${started}/start`, { as: 'operator' });
    await refused(() => api.call('DELETE', `/api/v1/tournaments/${started}`, { as: 'operator' }), 409, 'invalid_status');
    await refused(() => api.call('PATCH', `/api/v1/tournaments/${started}`, { as: 'operator', body: { settings: {} } }), 409, 'invalid_status');
    await refused(() => api.call('POST', `/api/v1/tournaments/${started}/participants`, { as: 'operator', body: { text: 'Late' } }), 409, 'invalid_status');
  });
});
