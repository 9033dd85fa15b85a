/** The tables the server computes with the format's own rules, per phase and group, with the tie-break values. */
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

async function launch(body: Record<string, unknown>): Promise<number> {
  const res = await api.call('POST', SCENARIO, { body });
  expect(res.statusCode).toBe(201);
  return res.data.tournament_id;
}

async function standings(id: number, query = '') {
  const res = await api.call('GET', `/api/v1/tournaments/${id}/phase-standings${query}`);
  expect(res.statusCode).toBe(200);
  return res.data.tables as any[];
}

describe('standings', () => {
  it('gives a league one table in the order and places of its rankings, with each tie-breaker’s value', async () => {
    const id = await launch({ player_count: 6, format: 'league', seed: 2 });
    const [table, ...more] = await standings(id);
    expect(more).toEqual([]);
    expect(table).toMatchObject({ phase: 'LEAGUE', group: null, total: 6, tie_breakers: ['points', 'head_to_head', 'score_difference', 'score_for', 'wins', 'seed'] });
    const rankings = (await api.call('GET', `/api/v1/tournaments/${id}/rankings`)).data.items;
    expect(table.lines.map((l: any) => [l.player_id, l.rank, l.points, l.wins, l.draws, l.losses])).toEqual(
      rankings.map((r: any) => [r.player_id, r.rank, r.points, r.wins, r.draws, r.losses]));
    for (const line of table.lines) {
      expect(line.played).toBe(5);
      expect(line.player_name).toBe(`Player 000${line.seed}`);
      const [points, headToHead, difference, scoreFor, wins, seed] = line.tie_break_values;
      expect([points, difference, scoreFor, wins, seed]).toEqual([line.points, line.score_for - line.score_against, line.score_for, line.wins, line.seed]);
      expect(line.tie_breaks).toEqual({ points, head_to_head: headToHead, score_difference: difference, score_for: scoreFor, wins, seed });
    }
    // The rankings carry the same values by name, in the order applied.
    expect(rankings.map((r: any) => Object.entries(r.tie_breaks))).toEqual(table.lines.map((l: any) => Object.entries(l.tie_breaks)));
  });

  it('follows the league’s own points and tie-breakers', async () => {
    const id = await launch({ player_count: 4, format: 'league', settings: { points: { win: 2, draw: 1, loss: 0 }, tie_breakers: ['points', 'wins', 'seed'] } });
    const [table] = await standings(id);
    expect(table.tie_breakers).toEqual(['points', 'wins', 'seed']);
    for (const line of table.lines) {
      expect(line.points).toBe(2 * line.wins + line.draws);
      expect(line.tie_break_values).toEqual([line.points, line.wins, line.seed]);
    }
  });

  it('shows a table before any result: everyone level, the seed deciding', async () => {
    const id = await launch({ player_count: 4, format: 'league', simulate: false });
    const [table] = await standings(id);
    expect(table.lines.map((l: any) => [l.rank, l.seed, l.played, l.points])).toEqual([[1, 1, 0, 0], [2, 2, 0, 0], [3, 3, 0, 0], [4, 4, 0, 0]]);
    expect(table.lines[0].tie_break_values).toEqual([0, 0, 0, 0, 0, 1]);
  });

  it('gives each group its own table, one group or one page on request', async () => {
    const id = await launch({ player_count: 32, format: 'group_knockout', seed: 3 });
    const groups = await standings(id, '?phase=GROUP');
    expect(groups.map((t) => t.group)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    expect(groups.every((t) => t.phase === 'GROUP' && t.total === 4 && t.lines.length === 4)).toBe(true);
    expect(groups.every((t) => t.lines.every((l: any) => l.played === 3))).toBe(true);
    const b = await standings(id, '?group=B&limit=2&offset=1');
    expect(b).toHaveLength(1);
    expect(b[0]).toMatchObject({ group: 'B', total: 4 });
    expect(b[0].lines).toEqual(groups[1].lines.slice(1, 3));
    expect(await standings(id, '?phase=KNOCKOUT')).toEqual([]);
  });

  it('ranks a Swiss by points (1, ½, 0) and the FIDE C.07 default tie-breaks, computed from the sessions', async () => {
    const id = await launch({ player_count: 8, format: 'swiss', seed: 4 });
    const [table] = await standings(id);
    expect(table).toMatchObject({
      phase: 'SWISS',
      tie_breakers: ['points', 'buchholz_cut1', 'buchholz', 'sonneborn_berger', 'progressive', 'direct_encounter', 'wins'],
      total: 8,
    });
    // Three rounds of four games, a point shared out per game; no bye, no forfeit, so C.07 16 changes nothing.
    expect(table.lines.reduce((n: number, l: any) => n + l.points, 0)).toBe(12);
    const points = new Map(table.lines.map((l: any) => [l.player_id, l.points]));
    const sessions = (await api.call('GET', `/api/v1/tournaments/${id}/sessions`)).data.items;
    const key = (v: number[]) => v.slice(0, 5).join('|');
    const keys = table.lines.map((l: any) => key(l.tie_break_values));
    for (const line of table.lines) {
      const mine = sessions
        .filter((s: any) => s.participants.some((p: any) => p.id === line.player_id))
        .sort((x: any, y: any) => x.tournament_round - y.tournament_round);
      const opponent = (s: any) => s.participants.find((p: any) => p.id !== line.player_id).id;
      const earned = (s: any) => (s.winner_id === line.player_id ? 1 : s.winner_id === null ? 0.5 : 0);
      const scores = mine.map((s: any) => points.get(opponent(s)) as number);
      const buchholz = scores.reduce((n: number, v: number) => n + v, 0);
      const sb = mine.reduce((n: number, s: any) => n + earned(s) * (points.get(opponent(s)) as number), 0);
      let running = 0;
      const progressive = mine.reduce((n: number, s: any) => n + (running += earned(s)), 0);
      const [, cut1, bh, sbValue, ps, de, wins] = line.tie_break_values;
      expect([line.tie_break_values[0], cut1, bh, sbValue, ps, wins], `player ${line.player_id}`)
        .toEqual([line.points, buchholz - Math.min(...scores), buchholz, sb, progressive, line.wins]);
      // Direct encounter only has a value for players still level with someone when it applied.
      if (keys.filter((k: string) => k === key(line.tie_break_values)).length === 1) expect(de).toBeNull();
      expect(line.tie_breaks).toEqual({ points: line.points, buchholz_cut1: cut1, buchholz: bh, sonneborn_berger: sb, progressive: ps, direct_encounter: de, wins });
    }
    const rankings = (await api.call('GET', `/api/v1/tournaments/${id}/rankings`)).data.items;
    expect(table.lines.map((l: any) => [l.player_id, l.rank])).toEqual(rankings.map((r: any) => [r.player_id, r.rank]));
    expect(rankings.map((r: any) => r.tie_breaks)).toEqual(table.lines.map((l: any) => l.tie_breaks));
    for (const r of rankings) expect(Object.keys(r.tie_breaks)).toEqual(table.tie_breakers);
    // The standings (JSON and CSV) carry them too.
    const current = (await api.call('GET', `/api/v1/tournaments/${id}/standings`)).data.items;
    expect(current.map((r: any) => [r.player_id, r.tie_breaks])).toEqual(rankings.map((r: any) => [r.player_id, r.tie_breaks]));
    const csv = (await api.call('GET', `/api/v1/tournaments/${id}/export/standings.csv`)).body.trim().split('\n');
    expect(csv[0]).toBe('rank,name,club,rating,seed,withdrawn,points,wins,draws,losses,score_for,score_against,buchholz_cut1,buchholz,sonneborn_berger,progressive,direct_encounter');
    const top = rankings[0].tie_breaks;
    expect(csv[1].split(',').slice(12)).toEqual([top.buchholz_cut1, top.buchholz, top.sonneborn_berger, top.progressive, top.direct_encounter ?? ''].map(String));
  });

  it('follows a Swiss\'s own tie-breakers, and refuses an unknown one naming the field', async () => {
    const id = await launch({ player_count: 6, format: 'swiss', seed: 5, settings: { tie_breakers: ['wins_with_black', 'seed'] } });
    const [table] = await standings(id);
    expect(table.tie_breakers).toEqual(['points', 'wins_with_black', 'seed']);
    const sessions = (await api.call('GET', `/api/v1/tournaments/${id}/sessions`)).data.items;
    for (const line of table.lines) {
      const blackWins = sessions.filter((s: any) => s.participants.find((p: any) => p.slot === 1)?.id === line.player_id && s.winner_id === line.player_id).length;
      expect(line.tie_breaks).toEqual({ points: line.points, wins_with_black: blackWins, seed: line.seed });
    }
    const bad = await api.call('POST', '/api/v1/tournaments', {
      as: 'operator',
      body: { name: 'Bad tie-breaks', format: 'swiss', settings: { tie_breakers: ['buchholz', 'koya'] } },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.data.error).toMatchObject({ code: 'validation_failed', details: { field: 'settings.tie_breakers[1]' } });
  });

  it('has no tables for a knockout or a tournament without sessions, and 404 for none at all', async () => {
    expect(await standings(await launch({ player_count: 8 }))).toEqual([]);
    const draft = await api.call('POST', '/api/v1/tournaments', { as: 'operator', body: { name: 'Not yet', format: 'league' } });
    expect(await standings(draft.data.id)).toEqual([]);
    const missing = await api.call('GET', '/api/v1/tournaments/987654321/phase-standings');
    expect(missing.statusCode).toBe(404);
    expect((await api.call('GET', '/api/v1/tournaments/1/phase-standings?phase=CUP')).statusCode).toBe(422);
  });
});
