/**
 * Hostile requests, generated with fast-check from /openapi.json, over every route and every
 * parameter: NUL and control characters, lone surrogates, huge, negative and fractional
 * numbers, 1e308, wrong types, long strings, unicode, malformed JSON, wrong content types,
 * bogus ids, cursors and tokens. Not one may answer 5xx, and every error comes in the one
 * shape {error: {code, message, details}}.
 *
 * A failure prints fast-check's seed and path; FUZZ_SEED=<seed> replays the run.
 */
import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/services/manage-users.ts';
import { startApi, type ApiHarness } from '../support/api-app.ts';

/** Requests in all, spread evenly over the operations. */
const TOTAL_REQUESTS = 3_000;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;

let api: ApiHarness;
let port: number;
let operations: Operation[];
/** Known-good values by parameter name, so generated requests reach past the lookups. */
const pools: Record<string, unknown[]> = {};

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: { type: string; schema: Schema };
  /** Answers text/event-stream when it succeeds: sent over a socket and cut after the head. */
  streams: boolean;
}
type Schema = Record<string, any>;

beforeAll(async () => {
  api = await startApi();
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  port = (api.app.server.address() as { port: number }).port;
  const doc = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  operations = Object.entries<any>(doc.paths).flatMap(([path, methods]) =>
    Object.entries<any>(methods).map(([method, op]) => {
      const content = op.requestBody?.content ?? {};
      const type = Object.keys(content)[0];
      return {
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: type ? { type, schema: content[type].schema ?? {} } : undefined,
        streams: Object.values<any>(op.responses ?? {}).some((r) => r.content && 'text/event-stream' in r.content),
      };
    }));

  // Something real to aim at: a played knockout with sessions, a task and rankings; a draft
  // with participants; a shared tournament; a page cursor.
  const played = await api.call('POST', '/api/v1/tournaments/ops/run-scenario', { body: { player_count: 8, simulate: false } });
  const draft = await api.call('POST', '/api/v1/tournaments', { as: 'operator', body: { name: 'fuzz draft', format: 'round_robin' } });
  await api.call('POST', `/api/v1/tournaments/${draft.data.id}/participants`, { as: 'operator', body: { text: 'Ann, 1500, A\nBob, 1400, B\nCid' } });
  const sessions = await api.call('GET', `/api/v1/tournaments/${played.data.tournament_id}/sessions?limit=2`);
  const shared = await api.call('PUT', `/api/v1/tournaments/${played.data.tournament_id}/sharing`, { as: 'operator', body: { sharing: true } });
  const players = await api.call('GET', '/api/v1/players?limit=3');
  const users = await api.call('GET', '/api/v1/users');
  expect(played.statusCode).toBe(201);
  expect(sessions.data.items).toHaveLength(2);
  pools.id = [played.data.tournament_id, draft.data.id];
  pools.session_id = sessions.data.items.map((s: any) => s.id);
  pools.player_id = players.data.items.map((p: any) => p.id);
  pools.winner_id = pools.player_id;
  pools.task_id = ['sync-done', played.data.task_id];
  pools.slug = [shared.data.slug];
  pools.cursor = [sessions.data.next_cursor];
  pools.tournament_id = pools.id;
  pools.user_id = users.data.items.map((u: any) => u.id);
  pools.format = ['knockout', 'round_robin', 'swiss', 'double_elimination', 'individual'];
}, 120_000);

afterAll(async () => {
  await api?.close();
});

// ---------------------------------------------------------------------------------------------
// Values

const LONG = 'x'.repeat(20_000);
const HOSTILE_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\u0001\u0002\u001f\u007f', '\ud800', 'x\udfffy', '\uffff', '\r\n\r\n', '\t',
  '💥🏓', 'ﷺ‮ltr', 'Ω≈ç√', '../../../etc/passwd', "' or 1=1 --", '"; drop table users; --', '%00', '%', '\\', '${x}',
  '{{7*7}}', '<script>alert(1)</script>', LONG, 'é'.repeat(5_000), 'null', 'undefined', 'true', '[]', '{}',
  '1e308', '-1e308', 'NaN', 'Infinity', '-0', '0x1F', '1_000', '١٢٣', '9'.repeat(400),
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '-'.repeat(36), 'urn:uuid:00000000-0000-0000-0000-000000000000',
  'AAAAAAAAAAAAAAAA', 'eyJhbGciOiJIUzI1NiJ9', 'eyJhIjoxfQ', '_-_-', 'sync-done\u0000',
];
const HOSTILE_NUMBERS = [
  -1, 0, 0.5, -0.5, 1.5, 2 ** 31 - 1, 2 ** 31, 2 ** 32, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2,
  9223372036854775807, -9223372036854775808, 1e308, -1e308, 5e-324, 1e21, 99999999999,
];
const hostileScalar = fc.oneof(
  fc.constantFrom<unknown>(...HOSTILE_STRINGS),
  fc.constantFrom<unknown>(...HOSTILE_NUMBERS),
  fc.constantFrom<unknown>(true, false, null),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map((n) => Number(n)),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.array(hostileScalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', '__proto__', 'constructor', '\u0000', 'id'), hostileScalar, { maxKeys: 3 }) },
);

/** A value the schema accepts (mostly), kept small: counts stay far from anything slow. */
function valid(schema: Schema, name?: string): fc.Arbitrary<unknown> {
  const pool = name ? pools[name] : undefined;
  const own = fromSchema(schema);
  return pool && pool.length > 0 ? fc.oneof(fc.constantFrom(...pool), own) : own;
}

function fromSchema(schema: Schema): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.anyOf || schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf).map((s: Schema) => fromSchema(s)));
  switch (schema.type) {
    case 'integer':
    case 'number': {
      const min = Math.max(schema.minimum ?? 0, -1000);
      const max = Math.min(schema.maximum ?? min + 64, min + 64);
      return schema.type === 'integer' ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items ? fromSchema(schema.items) : hostileScalar, { minLength: Math.min(schema.minItems ?? 0, 4), maxLength: Math.min(schema.maxItems ?? 4, 4) });
    case 'object': {
      const properties = Object.entries<Schema>(schema.properties ?? {});
      if (properties.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), hostileValue, { maxKeys: 3 });
      const required = new Set<string>(schema.required ?? []);
      return fc.record(
        Object.fromEntries(properties.map(([key, s]) => [key, field(s, key)])),
        { requiredKeys: properties.map(([key]) => key).filter((key) => required.has(key)) },
      );
    }
    default:
      if (schema.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.format === 'email') return fc.emailAddress();
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 20, 20) });
  }
}

/** A field: valid most of the time, hostile otherwise. */
function field(schema: Schema, name?: string): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: valid(schema, name) }, { weight: 2, arbitrary: hostileValue });
}

// ---------------------------------------------------------------------------------------------
// Requests

interface Wire {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined');
/** Percent-encodes the UTF-8 bytes (a lone surrogate goes as U+FFFD, as a browser sends it). */
const encode = (value: string) => [...Buffer.from(value, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
const unknownKey = fc.constantFrom('zzz', '__proto__', 'constructor', 'a[b]', '\u0000', 'x'.repeat(300));

function request(op: Operation): fc.Arbitrary<Wire> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  return fc.record({
    path: fc.tuple(...pathParams.map((p) => field(p.schema, p.name === 'id' && op.path.startsWith('/api/v1/users') ? 'user_id' : p.name))),
    query: fc.tuple(...queryParams.map((p) => fc.option(field(p.schema, p.name), { nil: undefined }))),
    extraQuery: fc.array(fc.tuple(unknownKey, hostileScalar), { maxLength: 1 }),
    repeatQuery: fc.boolean(),
    body: op.body ? fc.option(body(op.body.schema), { freq: 8, nil: undefined }) : fc.constant(undefined),
    contentType: fc.oneof(
      { weight: 10, arbitrary: fc.constant(op.body?.type ?? 'application/json') },
      { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/xml', 'text/csv', '') },
    ),
    auth: fc.oneof(
      { weight: 12, arbitrary: fc.constant('admin') },
      { weight: 3, arbitrary: fc.constantFrom('operator', 'viewer') },
      { weight: 2, arbitrary: fc.constantFrom('none', 'garbage', 'basic', 'long') },
    ),
  }).map(({ path, query, extraQuery, repeatQuery, body, contentType, auth }) => {
    let url = op.path;
    pathParams.forEach((p, i) => {
      url = url.replace(`{${p.name}}`, encode(text(path[i])));
    });
    const pairs: [string, string][] = [];
    queryParams.forEach((p, i) => {
      if (query[i] === undefined) return;
      pairs.push([p.name, text(query[i])]);
      if (repeatQuery) pairs.push([p.name, text(query[i])]);
    });
    for (const [k, v] of extraQuery) pairs.push([k, text(v)]);
    if (pairs.length > 0) url += `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`;
    const headers: Record<string, string> = {};
    if (auth === 'garbage') headers.authorization = 'Bearer not.a.token';
    else if (auth === 'basic') headers.authorization = 'Basic YWRtaW46YWRtaW4=';
    else if (auth === 'long') headers.authorization = `Bearer ${'a'.repeat(4000)}.${'b'.repeat(100)}.c`;
    else if (auth !== 'none') headers.authorization = `Bearer ${api.tokens[auth as 'admin']}`;
    if (body !== undefined) {
      if (contentType) headers['content-type'] = contentType;
      return { method: op.method, url, headers, payload: body };
    }
    return { method: op.method, url, headers };
  });
}

/** A body as sent: JSON of a generated object (most often), or something that is not that. */
function body(schema: Schema): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.tuple(fromSchemaHostile(schema), fc.array(fc.tuple(unknownKey, hostileValue), { maxLength: 1 })).map(([value, extra]) => {
      if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of extra) (value as Record<string, unknown>)[k] = v;
      return JSON.stringify(value) ?? 'null';
    }) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', '[1,2', 'nul', '{"a":1}}', '\u0000', '{"a":"\\ud800"}', '{"a":1e400}', '{"__proto__":{"x":1}}', ' ', '"str"', '123', '[]', 'null', `{"a":"${LONG}"}`, '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    { weight: 1, arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? 'null') },
  );
}

/** The body's object with its fields valid or hostile, recursively one level down. */
function fromSchemaHostile(schema: Schema): fc.Arbitrary<unknown> {
  if (schema.type !== 'object' || !schema.properties) return field(schema);
  const properties = Object.entries<Schema>(schema.properties);
  const required = new Set<string>(schema.required ?? []);
  return fc.record(
    Object.fromEntries(properties.map(([key, s]) => [key, s.type === 'object' && s.properties ? fc.oneof(fromSchemaHostile(s), hostileValue) : field(s, key)])),
    { requiredKeys: properties.map(([key]) => key).filter((key) => required.has(key)) },
  );
}

// ---------------------------------------------------------------------------------------------
// Sending and judging

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

async function send(op: Operation, wire: Wire): Promise<Answer> {
  if (!op.streams) {
    const res = await api.app.inject({ method: wire.method as 'GET', url: wire.url, headers: wire.headers, payload: wire.payload });
    return { status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), body: res.body };
  }
  // A stream that opens would never end: read the head, and the body only of a refusal.
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: wire.method, path: wire.url, headers: wire.headers }, (res) => {
      const status = res.statusCode ?? 0;
      const contentType = String(res.headers['content-type'] ?? '');
      if (status < 400) {
        req.destroy();
        resolve({ status, contentType, body: '' });
        return;
      }
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (data += chunk));
      res.on('end', () => resolve({ status, contentType, body: data }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(wire.payload);
  });
}

function judge(wire: Wire, answer: Answer): string | null {
  const where = `${wire.method} ${wire.url.slice(0, 300)} ${wire.payload === undefined ? '' : `body ${wire.payload.slice(0, 300)}`}`;
  if (answer.status >= 500) return `${answer.status} for ${where}: ${answer.body.slice(0, 500)}`;
  if (answer.status < 400) return null;
  if (!answer.contentType.startsWith('application/json')) return `${answer.status} not JSON (${answer.contentType}) for ${where}`;
  let parsed: any;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return `${answer.status} body not JSON for ${where}`;
  }
  const error = parsed?.error;
  const shaped = Object.keys(parsed ?? {}).join() === 'error'
    && Object.keys(error ?? {}).sort().join() === 'code,details,message'
    && typeof error.code === 'string' && error.code.length > 0
    && typeof error.message === 'string' && error.message.length > 0
    && typeof error.details === 'object' && error.details !== null && !Array.isArray(error.details);
  return shaped ? null : `${answer.status} not in the one error shape for ${where}: ${answer.body.slice(0, 300)}`;
}

/** The harness's users, put back if a generated request deleted one or changed its password or role. */
async function restoreActors(): Promise<void> {
  for (const role of ['admin', 'operator', 'viewer'] as const) {
    const me = await api.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${api.tokens[role]}` } });
    if (me.statusCode === 200 && me.json().role === role) continue;
    const email = `fuzz-${role}-${Date.now()}-${Math.random().toString(36).slice(2)}@fuzz.test`;
    const user = (await createUser(api.ctx.store, { email, password: 'fuzz-password-1', role }))!;
    api.tokens[role] = api.app.access.accessToken({ ...user, tokenVersion: 0 });
  }
}

describe('hostile requests from /openapi.json', () => {
  it(`${TOTAL_REQUESTS} of them over every route and parameter: no 5xx, every error in the one shape (seed ${SEED})`, async () => {
    const runs = Math.ceil(TOTAL_REQUESTS / operations.length);
    let sent = 0;
    const problems: string[] = [];
    const covered = new Set<string>();
    const statuses = new Map<number, number>();
    for (const op of operations) {
      const property = fc.asyncProperty(request(op), async (wire) => {
        sent++;
        covered.add(`${op.method} ${op.path}`);
        const answer = await send(op, wire);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const problem = judge(wire, answer);
        if (/^(PATCH|DELETE) \/api\/v1\/users/.test(`${op.method} ${op.path}`)) await restoreActors();
        if (problem) problems.push(problem);
        return problem === null;
      });
      // Every failing request is recorded; the first makes fast-check report its seed and path.
      const outcome = await fc.check(property, { numRuns: runs, seed: SEED, endOnFailure: true });
      if (outcome.failed) problems.push(`${op.method} ${op.path}: ${fc.defaultReportMessage(outcome)?.split('\n').slice(0, 3).join(' ')}`);
    }
    console.log(`fuzz: ${sent} requests (seed ${SEED}), answers by status: ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(TOTAL_REQUESTS);
    expect(covered.size).toBe(operations.length);
    expect(operations.length).toBeGreaterThan(55);
  }, 300_000);
});
