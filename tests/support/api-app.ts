/**
 * Builds the real app for app.inject() on the backend the project names (TEST_BACKEND):
 * an in-memory PGlite, or a fresh PostgreSQL database made for this file and dropped after.
 */
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import { pino } from 'pino';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import metrics from '../../src/http/plugins/metrics.ts';
import queueBoard from '../../src/http/plugins/queue-board.ts';
import { InProcessQueue } from '../../src/jobs/in-process-queue.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { createUser, ensureAdmin } from '../../src/services/manage-users.ts';
import { randomIds, systemClock } from '../../src/services/system-ports.ts';
import { openDatabase, type Database } from '../../src/storage/database.ts';
import { SqlStore } from '../../src/storage/store.ts';
import { OpenApiCheck } from './openapi-check.ts';

export const PASSWORDS = { admin: 'admin-password-1', operator: 'operator-password-1', viewer: 'viewer-password-1' };
export const EMAILS = { admin: 'admin@test.local', operator: 'operator@test.local', viewer: 'viewer@test.local' };

export type Role = keyof typeof PASSWORDS;

export interface ApiHarness {
  app: FastifyInstance;
  ctx: ServiceContext;
  queue: InProcessQueue;
  database: Database;
  backend: 'pglite' | 'postgres';
  tokens: Record<Role, string>;
  /** inject() with JSON and the role's bearer token ('none' sends none); the answer is checked against /openapi.json. */
  call(method: InjectOptions['method'], url: string, options?: { as?: Role | 'none'; body?: unknown; payload?: string; headers?: Record<string, string> }): Promise<LightMyRequestResponse & { data: any }>;
  /** Row counts of every table, to prove a refused request changed nothing. */
  tableCounts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** The server the project's global setup found or started. */
function adminUrl(): string {
  return inject('postgresAdminUrl');
}

export async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tourney_api_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const JWT_SECRET = 'a-test-secret-that-is-long-enough-0123456789';

/** `logs`: the app logs at info level, as the server does, into this stream (one JSON line per entry). */
export async function startApi(options: { asyncThreshold?: number; logs?: Writable } = {}): Promise<ApiHarness> {
  const backend = process.env.TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';
  const made = backend === 'postgres' ? await createDatabase() : null;
  const database = await openDatabase({ databaseUrl: made?.url, poolSize: 4 });
  const store = new SqlStore(database.db);
  const ctx: ServiceContext = { store, queue: undefined as never, clock: systemClock, ids: randomIds, asyncThreshold: options.asyncThreshold ?? 128 };
  const queue = new InProcessQueue(() => ctx);
  ctx.queue = queue;
  // The operators' routes too, as the server has them, so the document the answers are checked against is the whole one.
  const app = await buildApp({
    ctx,
    jwtSecret: JWT_SECRET,
    logger: options.logs ? pino({ level: 'info' }, options.logs) : undefined,
    eventIntervalMs: 50,
    plugins: [queueBoard({}), metrics({ ctx, queueCounts: () => queue.jobCounts(), processMetrics: false })],
  });
  await app.ready();
  const contract = new OpenApiCheck((await app.inject({ method: 'GET', url: '/openapi.json' })).json());
  await ensureAdmin(store, EMAILS.admin, PASSWORDS.admin);
  await createUser(store, { email: EMAILS.operator, password: PASSWORDS.operator, role: 'operator' });
  await createUser(store, { email: EMAILS.viewer, password: PASSWORDS.viewer, role: 'viewer' });

  const tokens = {} as Record<Role, string>;
  for (const role of Object.keys(PASSWORDS) as Role[]) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: EMAILS[role], password: PASSWORDS[role] } });
    contract.check({ method: 'POST', url: '/api/v1/auth/login', statusCode: res.statusCode, headers: res.headers, body: res.body });
    tokens[role] = res.json().access_token;
  }

  const harness: ApiHarness = {
    app,
    ctx,
    queue,
    database,
    backend,
    tokens,
    async call(method, url, opts = {}) {
      const as = opts.as ?? 'admin';
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (as !== 'none') headers.authorization = `Bearer ${tokens[as]}`;
      const res = await app.inject({
        method,
        url,
        headers,
        ...(opts.payload !== undefined ? { payload: opts.payload } : opts.body !== undefined ? { payload: opts.body as object } : {}),
      });
      contract.check({ method: String(method), url, statusCode: res.statusCode, headers: res.headers, body: res.body });
      let data: unknown = undefined;
      try {
        data = res.json();
      } catch {
        data = res.body;
      }
      return Object.assign(res, { data });
    },
    async tableCounts() {
      const result = await database.db.execute(sql`
        select (select count(*)::int from tournaments) as tournaments, (select count(*)::int from players) as players,
          (select count(*)::int from enrollments) as enrollments, (select count(*)::int from sessions) as sessions,
          (select count(*)::int from rankings) as rankings, (select count(*)::int from tasks) as tasks,
          (select count(*)::int from users) as users, (select count(*)::int from session_schedule) as session_schedule,
          (select count(*)::int from absences) as absences,
          (select coalesce(sum(hashtext(status || updated_at::text)), 0)::bigint::text as s from tournaments) as statuses,
          (select coalesce(sum(hashtext(coalesce(winner_id::text, '') || result_submitted::text || coalesce(participant1_id::text, '') || coalesce(participant2_id::text, ''))), 0)::bigint::text from session_state) as progress,
          (select count(*)::int from session_results) as session_results`);
      return result.rows[0] as Record<string, number>;
    },
    async close() {
      // Each step on its own, so a database a test closed on purpose still gets dropped.
      for (const step of [() => app.close(), () => queue.close(), () => database.close()]) {
        await step().catch(() => undefined);
      }
      await made?.drop();
    },
  };
  return harness;
}
