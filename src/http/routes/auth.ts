import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ValidationError } from '../../domain/errors.ts';
import { authenticate, issueFeedToken, revokeFeedToken } from '../../services/authenticate.ts';
import type { RouteDeps } from '../app.ts';
import { FeedTokenReply, FeedTokenRevoked, LoginBody, LoginReply, Me, TICKET_SECONDS, TicketBody, TicketReply } from '../contract/auth.ts';
import { ErrorResponse } from '../contract/errors.ts';
import { requireRole } from '../plugins/auth.ts';

const authRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { ctx }) => {
  const tags = ['auth'];
  app.post('/api/v1/auth/login', {
    config: { role: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'Exchange email and password for a bearer token (10 failures for one email in 15 minutes lock it for 15 minutes)',
      body: LoginBody,
      response: { 200: LoginReply, 401: ErrorResponse[401], 429: ErrorResponse[429] },
    },
  }, async (request) => {
    const user = await authenticate(ctx.store, ctx.clock, request.body.email, request.body.password);
    return { access_token: app.access.accessToken(user), token_type: 'bearer' as const, role: user.role, email: user.email };
  });

  app.get('/api/v1/auth/me', { schema: { tags, summary: 'Who the token belongs to', response: { 200: Me } } }, async (request) => ({
    id: request.user.sub,
    email: request.user.email,
    role: request.user.role,
  }));

  app.post('/api/v1/auth/ticket', {
    schema: {
      tags,
      summary: `A ${TICKET_SECONDS}-second ticket for one purpose, to put in a URL instead of the token (the event stream, the queue board)`,
      body: TicketBody,
      response: { 200: TicketReply, 403: ErrorResponse[403], 422: ErrorResponse[422] },
    },
  }, async (request) => {
    const { purpose, tournament_id } = request.body;
    if (purpose === 'queue_board') {
      requireRole(request.user, 'admin', 'the queue board');
      return { ticket: await app.access.ticket(request.user, 'queue_board'), expires_in: TICKET_SECONDS };
    }
    if (tournament_id === undefined) throw new ValidationError('tournament_id', "is required for purpose 'events'");
    return { ticket: await app.access.ticket(request.user, `events:${tournament_id}`), expires_in: TICKET_SECONDS };
  });

  app.post('/api/v1/auth/feed-token', {
    schema: { tags, summary: 'A new calendar feed token for schedule.ics URLs; it replaces (revokes) the one before', response: { 200: FeedTokenReply } },
  }, async (request) => ({ feed_token: await issueFeedToken(ctx.store, request.user.sub) }));

  app.delete('/api/v1/auth/feed-token', {
    schema: { tags, summary: "Revokes the caller's calendar feed token", response: { 200: FeedTokenRevoked } },
  }, async (request) => {
    await revokeFeedToken(ctx.store, request.user.sub);
    return { revoked: true };
  });
};

export default authRoutes;
