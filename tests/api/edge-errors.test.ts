/**
 * What Fastify and Node answer on their own, before a route runs, comes in the one error
 * shape too: over a real socket, since inject() skips Node's HTTP parser.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../support/api-app.ts';

let api: ApiHarness;
let port: number;
beforeAll(async () => {
  api = await startApi();
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  const address = api.app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(async () => {
  await api?.close();
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: any;
}

/**
 * Sends `request` as bytes and reads the answer until the server closes the connection (every
 * request here asks for `Connection: close` or is one the server drops after answering). The
 * socket is not half-closed: Node's HTTP server ends a connection whose client sent FIN
 * (httpAllowHalfOpen is off), so an answer written after that arrived would be lost and the
 * test would read nothing, which happened on a busy machine.
 */
function raw(request: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      let bodyText = rest.join('\r\n\r\n');
      if (headers['transfer-encoding'] === 'chunked') bodyText = bodyText.replace(/^[0-9a-f]+\r\n/, '').replace(/\r\n0\r\n\r\n$/, '');
      let body: unknown = bodyText;
      try {
        body = JSON.parse(bodyText);
      } catch {
        // left as text; the assertions below say what was expected
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.write(request);
  });
}

const get = (path: string, extra = '') => raw(`GET ${path} HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer ${api.tokens.admin}\r\n${extra}Connection: close\r\n\r\n`);

function expectShape(answer: RawAnswer, status: number, code: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(Object.keys(answer.body)).toEqual(['error']);
  expect(answer.body.error).toEqual({ code, message: expect.any(String), details: expect.any(Object) });
}

describe('answers Fastify and Node give before a route runs', () => {
  it('431 for a URL or headers over 16 KB', async () => {
    expectShape(await get(`/api/v1/tournaments?search=${'a'.repeat(20_000)}`), 431, 'headers_too_large');
    expectShape(await get('/healthz', `X-Padding: ${'b'.repeat(20_000)}\r\n`), 431, 'headers_too_large');
  });

  it('400 for what is not HTTP: a bad header, a Content-Length that does not fit, a garbage request line', async () => {
    expectShape(await get('/healthz', 'Bad Header: x\r\n'), 400, 'bad_request');
    const body = '{"email":"a@b.c","password":"x"}';
    // Fewer bytes declared than sent: the body is cut (not JSON) and the rest read as a next request, which is not HTTP.
    const cut = await raw(`POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n${body}`);
    expect(cut.status).toBe(400);
    expect(cut.headers['content-type']).toMatch(/^application\/json/);
    expectShape(await raw(`POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: x5\r\n\r\n${body}`), 400, 'bad_request');
    expectShape(await raw('NOT HTTP AT ALL\r\n\r\n'), 400, 'bad_request');
  });

  it('400 for a URL whose percent-escapes do not decode, 414 for a path parameter over 100 characters', async () => {
    expectShape(await get('/api/v1/tournaments/%E0%A4%A'), 400, 'bad_url');
    expectShape(await get(`/api/v1/tournaments/${'1'.repeat(101)}`), 414, 'uri_too_long');
    expectShape(await get(`/api/v1/tournaments/${'1'.repeat(100)}`), 422, 'validation_failed');
  });

  it('404 for an unknown route, with or without a token; 405 naming the methods a known path takes', async () => {
    expectShape(await get('/api/v1/nothing-here'), 404, 'not_found');
    expectShape(await raw('GET /api/v1/nothing-here HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n'), 404, 'not_found');
    const wrong = await raw('DELETE /api/v1/formats HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n');
    expectShape(wrong, 405, 'method_not_allowed');
    expect(wrong.headers.allow).toBe('GET, HEAD');
    expect(wrong.body.error.details).toEqual({ allowed: ['GET', 'HEAD'] });
  });

  it('413 for a body over 1 MB, 415 for a body that is not JSON', async () => {
    const big = `{"names":["${'x'.repeat(1024 * 1024)}"]}`;
    expectShape(await raw(`POST /api/v1/players HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer ${api.tokens.admin}\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\nConnection: close\r\n\r\n${big}`), 413, 'body_too_large');
    expectShape(await raw(`POST /api/v1/players HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer ${api.tokens.admin}\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc`), 415, 'unsupported_media_type');
  });
});

describe('a 422 with many problems', () => {
  it('lists the first 20 and counts the rest, so 60,000 unknown fields get a small answer', async () => {
    const body: Record<string, unknown> = { email: 'a@b.c', password: 'x' };
    for (let i = 0; i < 60_000; i++) body[`k${String(i).padStart(5, '0')}`] = 1;
    const payload = JSON.stringify(body);
    expect(payload.length).toBeGreaterThan(600_000);
    const res = await api.call('POST', '/api/v1/auth/login', { as: 'none', payload, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(422);
    expect(res.body.length).toBeLessThan(2_000);
    expect(res.data.error.details.fields).toHaveLength(20);
    expect(res.data.error.details.fields[0]).toEqual({ field: 'k00000', reason: 'is not a known field' });
    expect(res.data.error.details.more).toBe(59_980);
    expect(res.data.error.message).toBe('k00000: is not a known field (and 59999 more problems)');
  });

  it('lists every problem when there are 20 or fewer, without a count', async () => {
    const res = await api.call('POST', '/api/v1/auth/login', { as: 'none', body: { email: 'a\u0000b', password: '' } });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.details).toEqual({
      fields: [
        { field: 'email', reason: 'must not contain NUL (\\u0000) or an unpaired surrogate' },
        { field: 'password', reason: 'must NOT have fewer than 1 characters' },
      ],
    });
  });
});
