/**
 * Tokens are checked against the user as stored now, never written to a log, kept out of URLs,
 * and guarded by a per-account lockout and a cap on event streams.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STREAMS_PER_USER } from '../../src/http/routes/events.ts';
import { LOCKOUT } from '../../src/services/authenticate.ts';
import { JWT_SECRET, startApi, type ApiHarness } from '../support/api-app.ts';
import { waitFor } from '../support/wait-for.ts';

let api: ApiHarness;
const logLines: string[] = [];
beforeAll(async () => {
  const logs = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  api = await startApi({ logs });
});
afterAll(async () => {
  await api?.close();
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A JWT made by hand, so a test can leave out what the server would always put in. */
function handMade(claims: Record<string, unknown>, secret = JWT_SECRET): string {
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
const hour = () => Math.floor(Date.now() / 1000) + 3600;

let made = 0;
/** A new user of `role`, logged in. */
async function newUser(role: 'admin' | 'operator' | 'viewer') {
  const email = `user${++made}-${role}@tokens.test`;
  const password = `password-${made}-long`;
  const created = await api.call('POST', '/api/v1/users', { body: { email, password, role } });
  expect(created.statusCode).toBe(201);
  const login = await api.call('POST', '/api/v1/auth/login', { as: 'none', body: { email, password } });
  expect(login.statusCode).toBe(200);
  return { id: created.data.id as number, email, password, token: login.data.access_token as string };
}

const me = (token: string) => api.call('GET', '/api/v1/auth/me', { as: 'none', headers: { authorization: `Bearer ${token}` } });

function expectRefused(res: { statusCode: number; data: any }, message: string) {
  expect(res.statusCode).toBe(401);
  expect(res.data).toEqual({ error: { code: 'unauthenticated', message, details: {} } });
}

describe('a token is checked against the user as stored now', () => {
  it('a deleted user: refused at once', async () => {
    const user = await newUser('operator');
    expect((await me(user.token)).data).toEqual({ id: user.id, email: user.email, role: 'operator' });
    expect((await api.call('DELETE', `/api/v1/users/${user.id}`)).data).toEqual({ id: user.id, deleted: true });
    expectRefused(await me(user.token), 'the account behind this token no longer exists');
    expect((await api.call('DELETE', `/api/v1/users/${user.id}`)).statusCode).toBe(404);
  });

  it('a demoted user: the old token (and its old role) is refused; a new login has the new role', async () => {
    const user = await newUser('operator');
    const changed = await api.call('PATCH', `/api/v1/users/${user.id}`, { body: { role: 'viewer' } });
    expect(changed.data).toEqual({ id: user.id, email: user.email, role: 'viewer' });
    const old = await api.call('POST', '/api/v1/tournaments', { as: 'none', headers: { authorization: `Bearer ${user.token}` }, body: { name: 'x', format: 'knockout' } });
    expectRefused(old, 'this token was revoked (the role or password changed); log in again');
    const again = await api.call('POST', '/api/v1/auth/login', { as: 'none', body: { email: user.email, password: user.password } });
    expect(again.data.role).toBe('viewer');
    const now = await api.call('POST', '/api/v1/tournaments', { as: 'none', headers: { authorization: `Bearer ${again.data.access_token}` }, body: { name: 'x', format: 'knockout' } });
    expect(now.statusCode).toBe(403);
  });

  it('a password change ends the tokens issued before', async () => {
    const user = await newUser('viewer');
    await api.call('PATCH', `/api/v1/users/${user.id}`, { body: { password: 'a-new-password-9' } });
    expectRefused(await me(user.token), 'this token was revoked (the role or password changed); log in again');
    expect((await api.call('POST', '/api/v1/auth/login', { as: 'none', body: { email: user.email, password: user.password } })).statusCode).toBe(401);
    expect((await api.call('POST', '/api/v1/auth/login', { as: 'none', body: { email: user.email, password: 'a-new-password-9' } })).statusCode).toBe(200);
  });

  it('a user id that never existed, a token without exp, a wrong signature, a token without a version', async () => {
    const viewer = (await me(api.tokens.viewer)).data;
    expectRefused(await me(handMade({ sub: 999_999, email: 'ghost@tokens.test', role: 'admin', ver: 0, exp: hour() })), 'the account behind this token no longer exists');
    expectRefused(await me(handMade({ sub: viewer.id, email: viewer.email, role: 'viewer', ver: 0 })), 'the token has no expiry (exp); log in again');
    expectRefused(await me(handMade({ sub: viewer.id, email: viewer.email, role: 'viewer', ver: 0, exp: hour() }, 'another-secret-of-the-same-length-0123456789')), 'the token is invalid or expired; log in again');
    expectRefused(await me(handMade({ sub: viewer.id, email: viewer.email, role: 'viewer', exp: hour() })), 'this token was revoked (the role or password changed); log in again');
    expectRefused(await me(handMade({ sub: viewer.id, email: viewer.email, role: 'viewer', ver: 0, exp: Math.floor(Date.now() / 1000) - 10 })), 'the token is invalid or expired; log in again');
    // The same claims, rightly signed, pass: the refusals above are for what they say.
    expect((await me(handMade({ sub: viewer.id, email: viewer.email, role: 'viewer', ver: 0, exp: hour() }))).statusCode).toBe(200);
  });

  it('a ticket is no access token, and an admin cannot demote or delete the last admin', async () => {
    const tournament = await api.call('POST', '/api/v1/tournaments', { as: 'operator', body: { name: 'ticketed', format: 'knockout' } });
    const ticket = (await api.call('POST', '/api/v1/auth/ticket', { as: 'viewer', body: { purpose: 'events', tournament_id: tournament.data.id } })).data.ticket;
    expectRefused(await me(ticket), 'a ticket is not accepted here: send the access token');
    expect((await api.call('POST', '/api/v1/auth/ticket', { as: 'viewer', body: { purpose: 'queue_board' } })).statusCode).toBe(403);
    const noId = await api.call('POST', '/api/v1/auth/ticket', { as: 'viewer', body: { purpose: 'events' } });
    expect(noId.data.error.details).toMatchObject({ field: 'tournament_id', reason: "is required for purpose 'events'" });

    const admin = (await me(api.tokens.admin)).data;
    const last = await api.call('PATCH', `/api/v1/users/${admin.id}`, { body: { role: 'operator' } });
    expect(last.statusCode).toBe(409);
    expect(last.data.error).toEqual({ code: 'last_admin', message: `user ${admin.id} is the last admin: make another user admin first`, details: { user_id: admin.id } });
    expect((await api.call('DELETE', `/api/v1/users/${admin.id}`)).data.error.code).toBe('last_admin');
    expect((await me(api.tokens.admin)).statusCode).toBe(200);
  });
});

describe('the queue board takes a ticket once, then its own cookie', () => {
  it('exchanges a queue_board ticket for an HttpOnly cookie and redirects without it', async () => {
    const ticket = (await api.call('POST', '/api/v1/auth/ticket', { body: { purpose: 'queue_board' } })).data.ticket;
    const entry = await api.app.inject({ method: 'GET', url: `/admin/queues?ticket=${ticket}` });
    expect(entry.statusCode).toBe(303);
    expect(entry.headers.location).toBe('/admin/queues');
    const cookie = String(entry.headers['set-cookie']);
    expect(cookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=3600', 'Path=/admin/queues', 'SameSite=Strict']);
    // Past the check: without Redis the board itself is not there.
    const board = await api.app.inject({ method: 'GET', url: '/admin/queues', headers: { cookie: cookie.split(';')[0] } });
    expect(board.json().error.code).toBe('queue_board_unavailable');
    // The cookie opens the board only, and the bearer token is not a ticket.
    const session = decodeURIComponent(cookie.split(';')[0].split('=')[1]);
    expectRefused(await me(session), 'a board session is not accepted here: send the access token');
    expect((await api.app.inject({ method: 'GET', url: `/admin/queues?ticket=${api.tokens.admin}` })).json().error.message).toBe('this is not a ticket: ask POST /api/v1/auth/ticket for one');
  });
});

describe('no token is written to a log', () => {
  it('tickets, feed tokens and access tokens in URLs are [REDACTED]; headers are not logged', async () => {
    const id = (await api.call('POST', '/api/v1/tournaments', { as: 'operator', body: { name: 'logged', format: 'knockout' } })).data.id;
    const feedToken = (await api.call('POST', '/api/v1/auth/feed-token', { as: 'viewer' })).data.feed_token;
    const ticket = (await api.call('POST', '/api/v1/auth/ticket', { body: { purpose: 'queue_board' } })).data.ticket;
    const from = logLines.length;
    await api.call('GET', `/api/v1/tournaments/${id}/schedule.ics?feed_token=${feedToken}`, { as: 'none' });
    await api.call('GET', `/api/v1/tournaments/${id}?access_token=${api.tokens.viewer}&x=1`, { as: 'none' });
    await api.app.inject({ method: 'GET', url: `/admin/queues?ticket=${ticket}`, headers: { cookie: `tourney_board=${api.tokens.admin}` } });
    await api.call('GET', '/api/v1/tournaments', { as: 'admin' });
    const written = logLines.slice(from);
    const urls = written.map((line) => JSON.parse(line)).filter((entry) => entry.req).map((entry) => entry.req.url);
    expect(urls).toEqual([
      `/api/v1/tournaments/${id}/schedule.ics?feed_token=[REDACTED]`,
      `/api/v1/tournaments/${id}?access_token=[REDACTED]&x=1`,
      '/admin/queues?ticket=[REDACTED]',
      '/api/v1/tournaments',
    ]);
    const text = written.join('\n');
    for (const secret of [feedToken, ticket, api.tokens.viewer, api.tokens.admin]) expect(text).not.toContain(secret);
    expect(text).not.toContain('eyJ');
  });
});

describe('at most 10 event streams per user', () => {
  it('refuses the 11th with 429 in the one shape, and takes a new one when one closes', async () => {
    const user = await newUser('viewer');
    const id = (await api.call('POST', '/api/v1/tournaments', { as: 'operator', body: { name: 'streamed', format: 'knockout' } })).data.id;
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (api.app.server.address() as { port: number }).port;
    const ticket = (await api.call('POST', '/api/v1/auth/ticket', { as: 'none', headers: { authorization: `Bearer ${user.token}` }, body: { purpose: 'events', tournament_id: id } })).data.ticket;
    const open = () => new Promise<{ request: http.ClientRequest; response: http.IncomingMessage }>((resolve, reject) => {
      const request = http.get(`http://127.0.0.1:${port}/api/v1/tournaments/${id}/events?ticket=${ticket}`);
      request.on('response', (response) => resolve({ request, response }));
      request.on('error', reject);
    });
    const streams = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) streams.push(await open());
    expect(streams.map((s) => s.response.statusCode)).toEqual(Array(10).fill(200));

    const eleventh = await open();
    expect(eleventh.response.statusCode).toBe(429);
    let body = '';
    for await (const chunk of eleventh.response) body += chunk;
    expect(JSON.parse(body)).toEqual({ error: { code: 'too_many_streams', message: 'you have 10 event streams open, the most one user may; close one (a tab showing a tournament) first', details: { limit: 10 } } });
    // Another user is not held back by this one's streams.
    const viewerTicket = (await api.call('POST', '/api/v1/auth/ticket', { as: 'viewer', body: { purpose: 'events', tournament_id: id } })).data.ticket;
    const other = await new Promise<http.IncomingMessage>((resolve) => http.get(`http://127.0.0.1:${port}/api/v1/tournaments/${id}/events?ticket=${viewerTicket}`, resolve));
    expect(other.statusCode).toBe(200);
    other.destroy();

    streams.pop()!.request.destroy();
    const again = await waitFor(async () => {
      const next = await open();
      if (next.response.statusCode === 200) return next;
      next.request.destroy();
      return undefined;
    }, { timeout: 10_000, what: 'a stream slot freed by the closed one' });
    expect(again.response.statusCode).toBe(200);
    for (const s of [...streams, again]) s.request.destroy();
  });
});

describe('login lockout', () => {
  it(`locks an email after ${LOCKOUT.maxFailures} failures in 15 minutes, whatever the password, with Retry-After; a new password lifts it`, async () => {
    const user = await newUser('viewer');
    const attempt = (password: string, email = user.email) => api.call('POST', '/api/v1/auth/login', { as: 'none', body: { email, password } });
    for (let i = 1; i < LOCKOUT.maxFailures; i++) expect((await attempt('wrong-password')).statusCode).toBe(401);
    const tenth = await attempt('wrong-password');
    expect(tenth.statusCode).toBe(429);
    expect(tenth.headers['retry-after']).toBe('900');
    expect(tenth.data.error).toMatchObject({
      code: 'account_locked',
      message: `too many failed logins for ${user.email}: logins for it are refused for 15 more minutes; try again then, or ask an admin to set a new password`,
      details: { retry_after_seconds: 900 },
    });
    const right = await attempt(user.password);
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(890);
    // An email with no account locks the same way, so the lockout tells nobody who has one.
    for (let i = 1; i < LOCKOUT.maxFailures; i++) await attempt('wrong-password', 'nobody-here@tokens.test');
    expect((await attempt('wrong-password', 'nobody-here@tokens.test')).data.error.code).toBe('account_locked');
    // Other accounts log in as before.
    expect((await api.call('POST', '/api/v1/auth/login', { as: 'none', body: { email: 'viewer@test.local', password: 'viewer-password-1' } })).statusCode).toBe(200);

    await api.call('PATCH', `/api/v1/users/${user.id}`, { body: { password: 'a-fresh-password-1' } });
    expect((await attempt('a-fresh-password-1')).statusCode).toBe(200);
  });
});
