/**
 * The OpenAPI document is the contract: every route, every status it can answer, each with
 * a schema. (Every answer the API suite receives is also checked against it, in api-app.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../support/api-app.ts';

let api: ApiHarness;
let doc: any;
beforeAll(async () => {
  api = await startApi();
  doc = (await api.call('GET', '/openapi.json', { as: 'none' })).data;
});
afterAll(async () => {
  await api?.close();
});

function operations(): [string, string, any][] {
  return Object.entries(doc.paths).flatMap(([path, methods]: [string, any]) =>
    Object.entries(methods).map(([method, op]) => [path, method.toUpperCase(), op] as [string, string, any]));
}

describe('the OpenAPI document', () => {
  // Routes added later are held to the document by the answer check: an undocumented route fails it.
  it('is OpenAPI 3.1 and lists the routes, the operators’ ones included', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(operations().map(([path, method]) => `${method} ${path}`)).toEqual(expect.arrayContaining([
      'GET /admin/queues',
      'GET /api/v1/auth/me',
      'GET /api/v1/formats',
      'GET /api/v1/players',
      'GET /api/v1/tournaments',
      'GET /api/v1/tournaments/{id}',
      'GET /api/v1/tournaments/{id}/events',
      'GET /api/v1/tournaments/{id}/generation-status/{task_id}',
      'GET /api/v1/tournaments/{id}/rankings',
      'GET /api/v1/tournaments/{id}/sessions',
      'GET /api/v1/users',
      'GET /healthz',
      'GET /metrics',
      'GET /readyz',
      'POST /api/v1/auth/login',
      'POST /api/v1/players',
      'POST /api/v1/tournaments',
      'POST /api/v1/tournaments/ops/run-scenario',
      'POST /api/v1/tournaments/{id}/calculate-rankings',
      'POST /api/v1/tournaments/{id}/cancel',
      'POST /api/v1/tournaments/{id}/complete',
      'POST /api/v1/tournaments/{id}/enrollments',
      'POST /api/v1/tournaments/{id}/generate-sessions',
      'POST /api/v1/tournaments/{id}/sessions/{session_id}/result',
      'POST /api/v1/tournaments/{id}/simulate-results',
      'POST /api/v1/tournaments/{id}/start',
      'POST /api/v1/users',
    ]));
  });

  it('gives every route and status a described response with a schema for its body', () => {
    for (const [path, method, op] of operations()) {
      const statuses = Object.keys(op.responses);
      expect(statuses.some((s) => s.startsWith('2')), `${method} ${path} has a success status`).toBe(true);
      expect(statuses, `${method} ${path}`).toContain('500');
      for (const [status, response] of Object.entries<any>(op.responses)) {
        const where = `${method} ${path} ${status}`;
        expect(response.description, where).toEqual(expect.any(String));
        if (status === '303') continue;
        const media = Object.entries<any>(response.content ?? {});
        expect(media.length, `${where} has content`).toBeGreaterThan(0);
        for (const [type, m] of media) expect(m.schema, `${where} ${type}`).toEqual(expect.any(Object));
        if (!status.startsWith('2') && path.startsWith('/api/')) {
          expect(response.content['application/json'].schema.properties.error.required, where).toEqual(['code', 'message', 'details']);
        }
      }
    }
  });

  it('asks for a token only where one is needed, and lists 401 and 403 where they can happen', () => {
    const publicRoutes = ['POST /api/v1/auth/login', 'GET /healthz', 'GET /readyz', 'GET /metrics', 'GET /api/v1/public/{slug}', 'GET /api/v1/public/{slug}/sessions', 'GET /api/v1/public/{slug}/standings', 'GET /api/v1/public/{slug}/events', 'GET /api/v1/public/{slug}/schedule/board', 'GET /api/v1/public/{slug}/schedule.ics', 'GET /api/v1/public/{slug}/players/{player_id}/schedule.ics'];
    for (const [path, method, op] of operations()) {
      const key = `${method} ${path}`;
      if (publicRoutes.includes(key)) {
        expect(op.security, key).toEqual([]);
        continue;
      }
      expect(op.security ?? doc.security, key).toEqual([{ bearer: [] }]);
      expect(Object.keys(op.responses), key).toContain('401');
    }
    expect(Object.keys(doc.paths['/api/v1/tournaments/{id}/start'].post.responses)).toContain('403');
    expect(Object.keys(doc.paths['/api/v1/tournaments'].get.responses)).not.toContain('403');
  });

  it('marks optional parameters and defaulted fields as not required, and omittable bodies as optional', () => {
    const params = (path: string) => Object.fromEntries(doc.paths[path].get.parameters.map((p: any) => [p.name, p]));
    const sessions = params('/api/v1/tournaments/{id}/sessions');
    expect(sessions.id.required).toBe(true);
    for (const name of ['phase', 'round', 'player_id', 'limit', 'cursor']) expect(sessions[name].required, name).toBe(false);
    expect(sessions.limit.schema).toMatchObject({ default: 1000, maximum: 100000 });
    expect(params('/api/v1/tournaments/{id}/rankings').offset.required).toBe(false);
    for (const path of ['start', 'cancel', 'complete', 'calculate-rankings', 'generate-sessions', 'simulate-results']) {
      expect(doc.paths[`/api/v1/tournaments/{id}/${path}`].post.requestBody.required, path).toBe(false);
    }
    const scenario = doc.paths['/api/v1/tournaments/ops/run-scenario'].post.requestBody;
    expect(scenario.required).toBe(true);
    expect(scenario.content['application/json'].schema.required).toEqual(['player_count']);
  });

  it('pages every list with a default and a maximum', () => {
    for (const [path, method, op] of operations()) {
      const limit = (op.parameters ?? []).find((p: any) => p.name === 'limit');
      const answer = op.responses['200']?.content?.['application/json']?.schema;
      if (method !== 'GET' || !answer?.properties?.items) continue;
      expect(limit?.schema, `${path} takes a limit`).toMatchObject({ default: expect.any(Number), maximum: expect.any(Number) });
    }
  });
});
