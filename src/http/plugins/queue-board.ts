/**
 * Bull Board at /admin/queues, for admins only.
 *
 * The board is a page opened in a browser, which sends no Authorization header, and the
 * page then fetches its assets and its API. So an admin token is accepted three ways:
 * `Authorization: Bearer`, or once as `?access_token=` (the page is then redirected to the
 * same address without it, so the token does not linger in history or Referer), after which
 * an HttpOnly, SameSite=Strict cookie scoped to /admin/queues carries it for the board's
 * own requests. SameSite=Strict keeps other sites from driving the board's actions.
 *
 * Without Redis there is no queue to show: the path answers a JSON 404 that says so.
 *
 * The board (Bull Board, its own copy of BullMQ, its templates: about a third of a second of
 * CPU to load) is loaded when an admin first opens it, not at start: it runs in a Fastify
 * instance of its own, and this scope hands it each request once the admin check passed.
 */
import type { Queue } from 'bullmq';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AppPlugin } from '../app.ts';
import { BoardRoute } from '../contract/operations.ts';
import type { TokenClaims } from './auth.ts';

export const BOARD_PATH = '/admin/queues';
const COOKIE = 'tourney_board';

export interface QueueBoardOptions {
  /** The BullMQ queue to show; unset when the server runs without Redis. */
  queue?: Queue;
}

export default function queueBoard(options: QueueBoardOptions): AppPlugin {
  return async (app: FastifyInstance) => {
    await app.register(async (scope) => {
      scope.addHook('onRequest', (request, reply) => requireAdmin(scope, request, reply));
      // The board's own routes are hidden; its entry page is documented, whoever serves it.
      scope.addHook('onRoute', (route) => {
        if (route.url === BOARD_PATH && route.method === 'GET') route.schema = { ...route.schema, ...BoardRoute, hide: false };
      });

      if (!options.queue) {
        const disabled = async (_request: FastifyRequest, reply: FastifyReply) =>
          fail(reply, 404, 'queue_board_unavailable', 'the queue board needs Redis: start the server with REDIS_URL set (the embedded in-process queue has no board)');
        scope.get(BOARD_PATH, { schema: { hide: true } }, disabled);
        scope.all(`${BOARD_PATH}/*`, { schema: { hide: true } }, disabled);
        return;
      }

      const queue = options.queue;
      let board: Promise<FastifyInstance> | undefined;
      const forward = async (request: FastifyRequest, reply: FastifyReply) => {
        board ??= openBoard(queue);
        const inner = await board.catch((error: unknown) => {
          board = undefined;
          throw error;
        });
        // The outer app parsed a JSON body (the board sends no other kind); it goes on as JSON.
        const sentBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
        const headers = { ...request.headers };
        delete headers['content-length'];
        delete headers['transfer-encoding'];
        const answer = await inner.inject({
          method: request.method as 'GET',
          url: request.url,
          headers,
          payload: sentBody ? JSON.stringify(request.body) : undefined,
        });
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) reply.header(name, value);
        }
        return reply.status(answer.statusCode).send(answer.rawPayload);
      };
      scope.get(BOARD_PATH, forward);
      scope.all(`${BOARD_PATH}/*`, { schema: { hide: true } }, forward);
    });
  };
}

// Set by the outer server for its own answer, not copied from the board's.
const HOP_BY_HOP = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);

async function openBoard(queue: Queue): Promise<FastifyInstance> {
  const [{ createBullBoard }, { BullMQAdapter }, { FastifyAdapter }] = await Promise.all([
    import('@bull-board/api'),
    import('@bull-board/api/bullMQAdapter'),
    import('@bull-board/fastify'),
  ]);
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BOARD_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(queue)],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'tourney queues' } },
  });
  const inner = Fastify({ logger: false });
  await inner.register(serverAdapter.registerPlugin(), { prefix: BOARD_PATH });
  await inner.ready();
  return inner;
}

async function requireAdmin(scope: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const queryToken = (request.query as Record<string, unknown> | undefined)?.access_token;
  const fromQuery = typeof queryToken === 'string' && queryToken ? queryToken : undefined;
  const fromCookie = readCookie(request.headers.cookie, COOKIE);
  const token = bearer ?? fromQuery ?? fromCookie;
  if (!token) {
    return fail(reply, 401, 'unauthenticated', `log in as an admin first: open ${BOARD_PATH}?access_token=<token> or send Authorization: Bearer <token>`);
  }
  let claims: TokenClaims & { exp?: number };
  try {
    claims = scope.jwt.verify<TokenClaims & { exp?: number }>(token);
  } catch {
    if (token === fromCookie) reply.header('set-cookie', cookie(request, '', 0));
    return fail(reply, 401, 'unauthenticated', 'the token is invalid or expired; log in again');
  }
  if (claims.role !== 'admin') {
    return fail(reply, 403, 'forbidden', `the queue board needs the admin role; you are ${claims.role}`, { required_role: 'admin', role: claims.role });
  }
  if (token === fromQuery) {
    const maxAge = claims.exp ? Math.max(0, claims.exp - Math.floor(Date.now() / 1000)) : 3600;
    reply.header('set-cookie', cookie(request, token, maxAge));
    if (request.method === 'GET' || request.method === 'HEAD') {
      return reply.redirect(withoutToken(request.url), 303);
    }
  }
  return undefined;
}

function fail(reply: FastifyReply, status: number, code: string, message: string, details: Record<string, unknown> = {}) {
  return reply.status(status).type('application/json').send({ error: { code, message, details } });
}

function cookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const parts = [`${COOKIE}=${value}`, `Path=${BOARD_PATH}`, 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`];
  if (request.protocol === 'https') parts.push('Secure');
  return parts.join('; ');
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim() || undefined;
  }
  return undefined;
}

function withoutToken(url: string): string {
  const parsed = new URL(url, 'http://local');
  parsed.searchParams.delete('access_token');
  return parsed.pathname + parsed.search;
}
