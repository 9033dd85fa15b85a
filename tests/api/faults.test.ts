import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../support/api-app.ts';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

describe('a genuine fault', () => {
  it('is a 500 with a request id and no internals, and readiness says the database is gone', async () => {
    await api.call('POST', '/api/v1/tournaments/ops/run-scenario', { body: { player_count: 4 } });
    await api.database.close();
    const res = await api.call('GET', '/api/v1/tournaments/1/sessions');
    expect(res.statusCode).toBe(500);
    expect(res.data.error.code).toBe('internal_error');
    expect(res.data.error.details.request_id).toBe(res.headers['x-request-id']);
    expect(res.data.error.message).toBe(`an internal error occurred; quote request id ${res.headers['x-request-id']}`);
    expect(res.body).not.toMatch(/select|from sessions|at .*\.ts|stack/i);
    const ready = await api.call('GET', '/readyz', { as: 'none' });
    expect(ready.statusCode).toBe(503);
    expect(ready.data).toEqual({
      error: { code: 'not_ready', message: 'not ready: the database is unreachable', details: { database: 'unreachable', queue: 'ok', down: ['database'] } },
    });
    expect((await api.call('GET', '/healthz', { as: 'none' })).data).toEqual({ status: 'ok' });
  });
});
