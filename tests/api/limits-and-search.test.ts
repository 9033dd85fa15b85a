import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../support/api-app.ts';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

// Names where a wildcard, taken as one, would match more than the name that holds it.
const NAMES = ['100% Ann', '1000 Ben', 'Cat_Dee', 'CatXDee', 'Eve\\Fay', 'Eve Fay'];

describe('search takes what is typed literally', () => {
  it('players: % _ and \\ match only themselves, case aside', async () => {
    const created = await api.call('POST', '/api/v1/players', { as: 'operator', body: { names: NAMES } });
    expect(created.statusCode).toBe(201);
    const names = async (search: string) =>
      (await api.call('GET', `/api/v1/players?search=${encodeURIComponent(search)}&limit=1000`)).data.items.map((p: { name: string }) => p.name);
    expect(await names('%')).toEqual(['100% Ann']);
    expect(await names('0%')).toEqual(['100% Ann']);
    expect(await names('t_d')).toEqual(['Cat_Dee']);
    expect(await names('_')).toEqual(['Cat_Dee']);
    expect(await names('\\')).toEqual(['Eve\\Fay']);
    expect(await names('eve\\f')).toEqual(['Eve\\Fay']);
    expect(await names('catxdee')).toEqual(['CatXDee']);
  });

  it('rankings: the same, over a finished tournament of those names', async () => {
    const draft = await api.call('POST', '/api/v1/tournaments', { as: 'operator', body: { name: 'Wildcards', format: 'league' } });
    const id = draft.data.id as number;
    const csv = `name\n${NAMES.map((n) => `"${n}"`).join('\n')}\n`;
    expect((await api.call('POST', `/api/v1/tournaments/${id}/participants/import`, { as: 'operator', payload: csv, headers: { 'content-type': 'text/csv' } })).statusCode).toBe(201);
    expect((await api.call('POST', `/api/v1/tournaments/${id}/start`, { as: 'operator', body: {} })).statusCode).toBe(200);
    expect((await api.call('POST', `/api/v1/tournaments/${id}/simulate-results`, { body: { seed: 5, force: true } })).statusCode).toBe(200);
    expect((await api.call('POST', `/api/v1/tournaments/${id}/calculate-rankings`, { as: 'operator', body: {} })).data.rankings_count).toBe(6);
    const found = async (search: string) => {
      const page = (await api.call('GET', `/api/v1/tournaments/${id}/rankings?search=${encodeURIComponent(search)}`)).data;
      return [page.total, page.items.map((r: { player_name: string }) => r.player_name)];
    };
    expect(await found('%')).toEqual([1, ['100% Ann']]);
    expect(await found('_')).toEqual([1, ['Cat_Dee']]);
    expect(await found('\\')).toEqual([1, ['Eve\\Fay']]);
    expect(await found('DEE')).toEqual([2, expect.arrayContaining(['Cat_Dee', 'CatXDee'])]);
  });
});

describe('the login rate limit', () => {
  it('answers 429 in the error shape after 60 logins a minute from one address, and limits nothing else', async () => {
    // The harness signed its three roles in already: those count. Each try names another
    // email, so the per-account lockout (10 failures for one email) is not what answers.
    let tries = 0;
    const login = () => api.call('POST', '/api/v1/auth/login', { as: 'none', body: { email: `nobody-${++tries}@test.local`, password: 'not-the-password' } });
    const first = await login();
    expect(first.statusCode).toBe(401);
    expect(first.headers['x-ratelimit-limit']).toBe('60');
    expect(first.headers['x-ratelimit-remaining']).toBe('56');
    for (let i = 0; i < 56; i++) expect((await login()).statusCode).toBe(401);
    const limited = await login();
    expect(limited.statusCode).toBe(429);
    expect(limited.data).toEqual({ error: { code: 'rate_limited', message: 'too many requests; wait a minute and try again', details: {} } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Other routes have no limit: a signed-in call still answers.
    expect((await api.call('GET', '/api/v1/auth/me', { as: 'viewer' })).statusCode).toBe(200);
  });
});
