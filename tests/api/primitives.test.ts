/** The contract's building blocks at work: ids, 32-bit integers, safe text and page sizes refuse what the database cannot hold. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../support/api-app.ts';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

describe('text', () => {
  it('refuses NUL and unpaired surrogates, naming the field, and changes nothing', async () => {
    const before = await api.tableCounts();
    for (const name of ['Ann\u0000', '\ud800 lone', 'tail \udc00']) {
      const res = await api.call('POST', '/api/v1/players', { as: 'operator', body: { names: ['Ben', name] } });
      expect(res.statusCode, JSON.stringify(name)).toBe(422);
      expect(res.data.error.details.fields).toEqual([{ field: 'names.1', reason: 'must not contain NUL (\\u0000) or an unpaired surrogate' }]);
    }
    const search = await api.call('GET', '/api/v1/players?search=%00');
    expect(search.statusCode).toBe(422);
    expect(search.data.error.details.fields[0].field).toBe('search');
    expect(await api.tableCounts()).toEqual(before);
  });

  it('keeps characters outside the basic plane, which are surrogate pairs in JSON', async () => {
    const res = await api.call('POST', '/api/v1/players', { as: 'operator', body: { names: ['Zoë 🏆'] } });
    expect(res.statusCode).toBe(201);
    expect(res.data.items[0].name).toBe('Zoë 🏆');
  });
});

describe('numbers', () => {
  it('refuses ids beyond 2^53 - 1 and integers beyond what an int4 column holds', async () => {
    const tooBig = await api.call('POST', '/api/v1/tournaments/1/enrollments', { as: 'operator', body: { player_ids: [9007199254740992] } });
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.data.error.details.fields[0].field).toBe('player_ids.0');
    expect((await api.call('GET', '/api/v1/tournaments/9007199254740992')).statusCode).toBe(422);
    expect((await api.call('GET', '/api/v1/tournaments/9007199254740991')).statusCode).toBe(404);
    const round = await api.call('GET', '/api/v1/tournaments/1/sessions?round=2147483648');
    expect(round.statusCode).toBe(422);
    expect(round.data.error.details.fields[0].field).toBe('round');
  });
});

describe('page sizes', () => {
  it('have a default and a maximum on every list', async () => {
    for (const [path, max] of [['/api/v1/tournaments', 200], ['/api/v1/players', 1000], ['/api/v1/users', 1000], ['/api/v1/tournaments/1/rankings', 1000], ['/api/v1/tournaments/1/sessions', 100000]] as const) {
      const over = await api.call('GET', `${path}?limit=${max + 1}`);
      expect(over.statusCode, path).toBe(422);
      expect(over.data.error.details.fields[0], path).toEqual({ field: 'limit', reason: `must be <= ${max}` });
      expect((await api.call('GET', `${path}?limit=0`)).statusCode, path).toBe(422);
    }
    const players = await api.call('POST', '/api/v1/players', { as: 'operator', body: { names: Array.from({ length: 101 }, (_, i) => `Default page ${i}`) } });
    expect(players.statusCode).toBe(201);
    const page = await api.call('GET', '/api/v1/players');
    expect(page.data.items).toHaveLength(100);
    expect(page.data.next_after_id).toBe(page.data.items[99].id);
    const users = await api.call('GET', '/api/v1/users?limit=2');
    expect(users.data.items).toHaveLength(2);
    const rest = await api.call('GET', `/api/v1/users?after_id=${users.data.next_after_id}`);
    expect(rest.data).toEqual({ items: [expect.objectContaining({ role: 'viewer' })], next_after_id: null });
  });
});
