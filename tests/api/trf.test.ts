/** FIDE TRF-16 out of a Swiss and a Swiss in from TRF: export, import, export gives the same file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrf, trfBeforeRound, writeTrf } from '../../src/domain/trf.ts';
import { startApi, type ApiHarness } from '../support/api-app.ts';
import { loadGoldenEvents } from '../unit/swiss-golden-fixtures.ts';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const SCENARIO = '/api/v1/tournaments/ops/run-scenario';

async function exportTrf(id: number): Promise<string> {
  const res = await api.call('GET', `/api/v1/tournaments/${id}/export.trf`, { as: 'viewer' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
  expect(res.headers['content-disposition']).toBe(`attachment; filename="tournament-${id}.trf"`);
  return res.body;
}

async function importTrf(text: string, as: 'operator' | 'viewer' = 'operator') {
  return api.call('POST', '/api/v1/tournaments/import-trf', { as, payload: text, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

async function sessionsOf(id: number): Promise<any[]> {
  return (await api.call('GET', `/api/v1/tournaments/${id}/sessions?limit=1000`)).data.items;
}

describe('TRF export and import', () => {
  it('round-trips a finished Swiss of 9 players (a bye every round): export, import, export gives the same file', async () => {
    const launched = await api.call('POST', SCENARIO, { body: { player_count: 9, format: 'swiss', seed: 3, settings: { rounds: 4 } } });
    const id = launched.data.tournament_id;
    const first = await exportTrf(id);
    const doc = parseTrf(first);
    expect(doc.headers.find((h) => h.code === '012')?.value).toBe((await api.call('GET', `/api/v1/tournaments/${id}`)).data.name);
    expect([doc.totalRounds, doc.initialColour, doc.players.length]).toEqual([4, 'white1', 9]);
    expect(doc.players.map((p) => p.startRank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(doc.players.map((p) => p.name)).toEqual(Array.from({ length: 9 }, (_, i) => `Player 000${i + 1}`));
    // One pairing-allocated bye per round, 4 games per round, points as the entries say.
    for (let r = 0; r < 4; r++) {
      expect(doc.players.filter((p) => p.rounds[r].result === 'U')).toHaveLength(1);
      expect(doc.players.filter((p) => p.rounds[r].colour === 'w')).toHaveLength(4);
    }
    for (const p of doc.players) {
      expect(p.points).toBe(p.rounds.reduce((s, e) => s + ('1+U'.includes(e.result) ? 1 : e.result === '=' ? 0.5 : 0), 0));
    }
    expect(new Set(doc.players.map((p) => p.rank))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]));

    const res = await importTrf(first);
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({ players: 9, rounds: 4, sessions: 16, withdrawn: 0, added_count: 0 });
    expect(res.data.tournament).toMatchObject({ format: 'swiss', status: 'IN_PROGRESS', settings: { rounds: 4 } });
    const again = await exportTrf(res.data.tournament.id);
    expect(again).toBe(first);
  });

  it('round-trips a running Swiss with a draw, a forfeit, a double forfeit, a withdrawal and a pending round', async () => {
    const launched = await api.call('POST', SCENARIO, { body: { player_count: 8, format: 'swiss', simulate: false, settings: { rounds: 4 } } });
    const id = launched.data.tournament_id;
    const result = (s: any, body: Record<string, unknown>) => api.call('POST', `/api/v1/tournaments/${id}/sessions/${s.id}/result`, { as: 'operator', body });
    const round1 = await sessionsOf(id);
    expect(round1).toHaveLength(4);
    const [a, b, c, d] = round1;
    expect((await result(a, { winner_id: null, score: [1, 1] })).statusCode).toBe(200);
    expect((await result(b, { winner_id: b.participants[1].id, score: null, outcome: 'walkover' })).statusCode).toBe(200);
    expect((await result(c, { winner_id: null, score: null, outcome: 'walkover' })).statusCode).toBe(200);
    expect((await result(d, { winner_id: d.participants[0].id, score: [1, 0] })).statusCode).toBe(200);
    const round2 = (await sessionsOf(id)).filter((s) => s.tournament_round === 2);
    expect(round2).toHaveLength(4);
    // Withdrawn during round 2: the pending game becomes a walkover; round 3 leaves them out.
    const quitter = round2[0].participants[0].id;
    expect((await api.call('POST', `/api/v1/tournaments/${id}/participants/${quitter}/withdraw`, { as: 'operator' })).statusCode).toBe(200);
    for (const s of round2.slice(1)) expect((await result(s, { winner_id: s.participants[0].id, score: [1, 0] })).statusCode).toBe(200);
    const round3 = (await sessionsOf(id)).filter((s) => s.tournament_round === 3);
    expect(round3.length).toBeGreaterThanOrEqual(3);

    const first = await exportTrf(id);
    const doc = parseTrf(first);
    const codes = doc.players.map((p) => p.rounds.map((r) => r.result).join(''));
    const seedOfQuitter = (await api.call('GET', `/api/v1/tournaments/${id}/participants`)).data.items.find((p: any) => p.player_id === quitter).seed;
    // The quitter: a game in round 1, a forfeit loss in round 2, then out (Z, or a forfeit where a
    // round pairs them), and Z in round 4, the next to pair.
    expect(codes[seedOfQuitter - 1]).toMatch(/^[10=+-]-[Z-]Z$/);
    expect(codes.join('')).toContain('=');
    expect(codes.join('')).toContain('+');
    expect(codes.filter((c) => c.startsWith('-')).length).toBeGreaterThanOrEqual(3);
    // Round 3 is pending: a blank result for every paired player still in.
    const pendingGames = round3.filter((s) => !s.result_submitted).length;
    expect(doc.players.filter((p) => p.rounds[2].opponent !== 0 && p.rounds[2].result === ' ')).toHaveLength(2 * pendingGames);

    const res = await importTrf(first);
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({ players: 8, rounds: 3, sessions: 8 + round3.length, withdrawn: 1, added_count: 0 });
    const copy = res.data.tournament.id;
    expect(await exportTrf(copy)).toBe(first);
    // Ready to go on, as the original: the same results of round 3 pair the same round 4.
    for (const t of [id, copy]) {
      const pending = (await sessionsOf(t)).filter((s) => !s.result_submitted);
      expect(pending).toHaveLength(pendingGames);
      for (const s of pending) {
        const out = await api.call('POST', `/api/v1/tournaments/${t}/sessions/${s.id}/result`, { as: 'operator', body: { winner_id: s.participants[0].id, score: [1, 0] } });
        expect(out.statusCode).toBe(200);
      }
      expect((await sessionsOf(t)).filter((s) => s.tournament_round === 4).length).toBeGreaterThanOrEqual(3);
    }
    expect(await exportTrf(copy)).toBe(await exportTrf(id));
  });

  it('imports half-point, full-point and zero-point byes (H, F, Z), pairs the next round as bbpPairings did, and round-trips them', async () => {
    // Golden histories (tests/fixtures/swiss) with H, F, Z in the rounds read and announced for the next.
    const golden = new Map(loadGoldenEvents('small').map((e) => [e.event, e]));
    for (const [event, k] of [['e18-n24-r8', 8], ['e24-n33-r11', 7]] as const) {
      const e = golden.get(event)!;
      const history = trfBeforeRound(e.doc, k);
      const text = writeTrf(history);
      const codes = history.players.map((p) => p.rounds.map((r) => r.result).join(''));
      // Z through column k is a withdrawal; every other H, F, Z an absence kept.
      const withdrawn = codes.filter((c) => c.endsWith('Z')).length;
      const absent = codes.reduce((n, c) => n + c.replace(/Z+$/, '').replace(/[^HFZ]/g, '').length, 0);
      expect([withdrawn, absent].every((x) => x > 0)).toBe(true);
      expect(history.players.some((p) => 'HF'.includes(p.rounds[k - 1]?.result ?? '.'))).toBe(true);

      const res = await importTrf(text);
      expect(res.statusCode).toBe(201);
      const expected = e.pairings[k - 1];
      expect(res.data).toMatchObject({ players: e.players, rounds: k - 1, withdrawn, absent, added_count: expected.pairs.length });
      const id = res.data.tournament.id;
      const seedOf = new Map<number, number>((await api.call('GET', `/api/v1/tournaments/${id}/participants`)).data.items.map((p: any) => [p.player_id, p.seed]));
      const ours = (await sessionsOf(id)).filter((s) => s.tournament_round === k).map((s) => `${seedOf.get(s.participants[0].id)}-${seedOf.get(s.participants[1].id)}`);
      expect(ours.sort()).toEqual(expected.pairs.map(([w, b]) => `${w}-${b}`).sort());

      // The export keeps every H, F and Z where the file had them, the new round pending.
      const first = await exportTrf(id);
      const out = parseTrf(first);
      out.players.forEach((p, i) => {
        for (let r = 0; r < k - 1; r++) expect(p.rounds[r].result).toBe(history.players[i].rounds[r].result);
        const announced = history.players[i].rounds[k - 1];
        if (announced) expect(p.rounds[k - 1]).toEqual(announced);
        else expect([p.rounds[k - 1].result, p.rounds[k - 1].opponent !== null]).toEqual(p.startRank === expected.bye ? ['U', true] : [' ', true]);
      });
      const again = await importTrf(first);
      expect(again.data).toMatchObject({ withdrawn, absent, added_count: 0 });
      expect(await exportTrf(again.data.tournament.id)).toBe(first);
    }
  });

  it('names the line and column of bad TRF (422) and refuses a viewer (403) and another format (409)', async () => {
    const bad = [
      '012 Bad',
      '001    1      A                                                                  0.0          2 w 1',
      '001    2      B                                                                  0.0          1 w 0',
      'XXR 1',
      '',
    ].join('\n');
    const res = await importTrf(bad);
    expect(res.statusCode).toBe(422);
    expect(res.data.error).toMatchObject({ code: 'validation_failed' });
    expect(res.data.error.message).toBe('trf: line 2, column 97: round 1: both players have the colour w');
    expect(res.data.error.details).toMatchObject({ line: 2, column: 97 });

    // An absence may be announced for the next round to pair only (here round 2), not round 3.
    const farBye = [
      '012 Byes',
      '001    1      A                                                                  1.0          2 w 1            0000 - H',
      '001    2      B                                                                  0.0          1 b 0',
      '001    3      C                                                                  1.0          4 w 1',
      '001    4      D                                                                  0.0          3 b 0',
      'XXR 2',
      '',
    ].join('\n');
    const h = await importTrf(farBye);
    expect(h.statusCode).toBe(422);
    expect(h.data.error.details).toMatchObject({ line: 2, column: 112 });
    expect(h.data.error.message).toBe('trf: line 2, column 112: round 3: an absence may be announced for the next round only (2)');

    expect((await importTrf(bad, 'viewer')).statusCode).toBe(403);
    const before = await api.tableCounts();
    expect((await importTrf('012 Nothing\n001    1      A   \n')).statusCode).toBe(422);
    expect(await api.tableCounts()).toEqual(before);

    const league = await api.call('POST', SCENARIO, { body: { player_count: 4, format: 'league', simulate: false } });
    const refused = await api.call('GET', `/api/v1/tournaments/${league.data.tournament_id}/export.trf`);
    expect(refused.statusCode).toBe(409);
    expect(refused.data.error.code).toBe('not_swiss');
  });

  it('exports a draft Swiss without rounds and imports it back as a draft', async () => {
    const created = await api.call('POST', '/api/v1/tournaments', { as: 'operator', body: { name: 'Club night', format: 'swiss', settings: { rounds: 3 } } });
    const id = created.data.id;
    await api.call('POST', `/api/v1/tournaments/${id}/participants`, { as: 'operator', body: { text: 'Ann, 2100\nBob, 1900\nCid\nDee, 1500' } });
    const first = await exportTrf(id);
    expect(first).toBe(
      [
        '012 Club night',
        '062 4',
        '092 Individual: Swiss-System (FIDE Dutch)',
        '001    1      Ann                               2100                             0.0',
        '001    2      Bob                               1900                             0.0',
        '001    3      Cid                                                                0.0',
        '001    4      Dee                               1500                             0.0',
        'XXR 3',
        'XXC white1',
        '',
      ].join('\n'),
    );
    const res = await importTrf(first);
    expect(res.data).toMatchObject({ players: 4, rounds: 0, sessions: 0, added_count: 0, tournament: { status: 'DRAFT' } });
    expect(await exportTrf(res.data.tournament.id)).toBe(first);
  });
});
