import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAILS, PASSWORDS, startApi, type ApiHarness } from '../support/api-app.ts';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

describe('login', () => {
  it('answers a bearer token and the role', async () => {
    const res = await api.call('POST', '/api/v1/auth/login', { as: 'none', body: { email: EMAILS.operator, password: PASSWORDS.operator } });
    expect(res.statusCode).toBe(200);
    expect(res.data.token_type).toBe('bearer');
    expect(res.data.role).toBe('operator');
    expect(res.data.access_token.split('.')).toHaveLength(3);
    const me = await api.call('GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${res.data.access_token}` }, as: 'none' });
    expect(me.data).toMatchObject({ email: EMAILS.operator, role: 'operator' });
  });

  it('refuses a wrong password and an unknown email with the same 401', async () => {
    const wrong = await api.call('POST', '/api/v1/auth/login', { as: 'none', body: { email: EMAILS.admin, password: 'not-it' } });
    const unknown = await api.call('POST', '/api/v1/auth/login', { as: 'none', body: { email: 'nobody@test.local', password: 'not-it' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.data).toEqual(unknown.data);
    expect(wrong.data.error.code).toBe('unauthenticated');
  });

  it('names the missing field', async () => {
    const res = await api.call('POST', '/api/v1/auth/login', { as: 'none', body: { email: EMAILS.admin } });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.details.fields[0]).toEqual({ field: 'password', reason: 'is required' });
  });
});

describe('tokens and roles', () => {
  it('needs a token on every API route', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/tournaments'],
      ['GET', '/api/v1/tournaments/1'],
      ['GET', '/api/v1/players'],
      ['POST', '/api/v1/tournaments/ops/run-scenario'],
      ['GET', '/api/v1/formats'],
    ] as const) {
      const res = await api.call(method, url, { as: 'none', body: method === 'POST' ? {} : undefined });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.data.error.code).toBe('unauthenticated');
    }
  });

  it('refuses a forged or malformed token', async () => {
    const forged = api.tokens.viewer.replace(/\.[^.]+$/, '.c2lnbmF0dXJl');
    for (const token of [forged, 'garbage', '']) {
      const res = await api.call('GET', '/api/v1/tournaments', { as: 'none', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(401);
    }
  });

  it('lets a viewer read but not write', async () => {
    expect((await api.call('GET', '/api/v1/tournaments', { as: 'viewer' })).statusCode).toBe(200);
    const res = await api.call('POST', '/api/v1/tournaments', { as: 'viewer', body: { name: 'x', format: 'knockout' } });
    expect(res.statusCode).toBe(403);
    expect(res.data.error).toMatchObject({ code: 'forbidden', details: { required_role: 'operator', role: 'viewer' } });
  });

  it('keeps ops, simulation, re-generation and users for admins', async () => {
    const before = await api.tableCounts();
    for (const [url, body] of [
      ['/api/v1/tournaments/ops/run-scenario', { player_count: 8 }],
      ['/api/v1/tournaments/1/simulate-results', {}],
      ['/api/v1/tournaments/1/generate-sessions', {}],
      ['/api/v1/users', { email: 'x@y.z', password: 'long-enough', role: 'viewer' }],
    ] as const) {
      const res = await api.call('POST', url, { as: 'operator', body });
      expect(res.statusCode, url).toBe(403);
    }
    expect(await api.tableCounts()).toEqual(before);
  });

  it('lets an admin manage users; a taken email is 409', async () => {
    const created = await api.call('POST', '/api/v1/users', { body: { email: 'new@test.local', password: 'long-enough-1', role: 'viewer' } });
    expect(created.statusCode).toBe(201);
    expect(created.data).toMatchObject({ email: 'new@test.local', role: 'viewer' });
    const again = await api.call('POST', '/api/v1/users', { body: { email: 'new@test.local', password: 'long-enough-1', role: 'viewer' } });
    expect(again.statusCode).toBe(409);
    expect(again.data.error.code).toBe('email_taken');
    const list = await api.call('GET', '/api/v1/users');
    expect(list.data.items.map((u: { email: string }) => u.email)).toEqual([EMAILS.admin, EMAILS.operator, EMAILS.viewer, 'new@test.local']);
  });
});

describe('open routes', () => {
  it('answers health and readiness without a token', async () => {
    expect((await api.call('GET', '/healthz', { as: 'none' })).data).toEqual({ status: 'ok' });
    expect((await api.call('GET', '/readyz', { as: 'none' })).data).toEqual({ status: 'ok', database: 'ok', queue: 'ok' });
  });

  it('publishes the OpenAPI document with the lifecycle routes', async () => {
    const res = await api.call('GET', '/openapi.json', { as: 'none' });
    expect(res.statusCode).toBe(200);
    expect(res.data.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/tournaments/ops/run-scenario',
      '/api/v1/tournaments/{id}/generation-status/{task_id}',
      '/api/v1/tournaments/{id}/simulate-results',
      '/api/v1/tournaments/{id}/calculate-rankings',
      '/api/v1/tournaments/{id}/complete',
      '/api/v1/tournaments/{id}/sessions/{session_id}/result',
    ]) {
      expect(Object.keys(res.data.paths), path).toContain(path);
    }
    const docs = await api.call('GET', '/docs/', { as: 'none' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('answers an unknown API path with the error shape', async () => {
    const res = await api.call('GET', '/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.data.error.code).toBe('not_found');
  });
});
