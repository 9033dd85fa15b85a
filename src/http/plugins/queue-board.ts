/**
 * Bull Board at /admin/queues, for admins only.
 *
 * The board is a page opened in a browser, which sends no Authorization header, and the
 * page then fetches its assets and its API. So an admin is let in three ways:
 * `Authorization: Bearer <token>`; or a 60-second ticket (POST /api/v1/auth/ticket
 * {"purpose":"queue_board"}) once as `?ticket=`, which is exchanged for a board session (a
 * 1-hour JWT for the board only, in an HttpOnly, SameSite=Strict cookie scoped to
 * /admin/queues) and redirected to the same address without it; then that cookie. The
 * long-lived token never travels in a URL. SameSite=Strict keeps other sites from driving
 * the board's actions.
 *
 * Without Redis there is no queue to show: the path answers a JSON 404 that says so.
 *
 * The board (Bull Board, its own copy of BullMQ, its templates: about a third of a second of
 * CPU to load) is loaded when an admin first opens it, not at start: it runs in a Fastify
 * instance of its own, and this scope hands it each request once the admin check passed.
 */
import type { Queue } from 'bullmq';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { UnauthenticatedError } from '../../services/errors.ts';
import type { AppPlugin } from '../app.ts';
import { BoardRoute } from '../contract/operations.ts';
import { BOARD_SESSION_SECONDS, bearerToken, type TokenClaims } from './auth.ts';

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
  const bearer = bearerToken(request);
  const query = (request.query ?? {}) as Record<string, unknown>;
  const ticket = typeof query.ticket === 'string' && query.ticket ? query.ticket : undefined;
  const session = request.cookies[COOKIE] || undefined;
  let user: TokenClaims;
  try {
    if (bearer !== undefined) user = await scope.access.verify(bearer, 'access');
    else if (ticket) user = await scope.access.verify(ticket, 'ticket', 'queue_board');
    else if (session) user = await scope.access.verify(session, 'board');
    else {
      return fail(reply, 401, 'unauthenticated', `log in as an admin first: POST /api/v1/auth/ticket {"purpose":"queue_board"} and open ${BOARD_PATH}?ticket=<ticket>, or send Authorization: Bearer <token>`);
    }
  } catch (error) {
    if (!(error instanceof UnauthenticatedError)) throw error;
    if (session && bearer === undefined && !ticket) reply.clearCookie(COOKIE, { path: BOARD_PATH, httpOnly: true, sameSite: 'strict' });
    return fail(reply, 401, 'unauthenticated', error.message);
  }
  if (user.role !== 'admin') {
    return fail(reply, 403, 'forbidden', `the queue board needs the admin role; you are ${user.role}`, { required_role: 'admin', role: user.role });
  }
  if (ticket && bearer === undefined) {
    // The ticket is spent on a session cookie for the board's own requests, and the address loses it.
    reply.setCookie(COOKIE, await scope.access.boardSession(user), {
      path: BOARD_PATH,
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      maxAge: BOARD_SESSION_SECONDS,
    });
    if (request.method === 'GET' || request.method === 'HEAD') return reply.redirect(withoutTicket(request.url), 303);
  }
  return undefined;
}

function fail(reply: FastifyReply, status: number, code: string, message: string, details: Record<string, unknown> = {}) {
  return reply.status(status).type('application/json').send({ error: { code, message, details } });
}

function withoutTicket(url: string): string {
  const parsed = new URL(url, 'http://local');
  parsed.searchParams.delete('ticket');
  return parsed.pathname + parsed.search;
}
