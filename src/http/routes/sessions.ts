import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getSession, listSessions } from '../../services/list-sessions.ts';
import { submitResult } from '../../services/submit-result.ts';
import type { RouteDeps } from '../app.ts';
import { ErrorResponse } from '../contract/errors.ts';
import { ResultBody, ResultReply, Session, SessionListQuery, SessionPage, SessionParams } from '../contract/sessions.ts';
import { TournamentParams } from '../contract/tournaments.ts';
import { sessionJson } from '../wire.ts';
import { actorOf } from './event-day.ts';

const sessionRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { ctx }) => {
  const tags = ['sessions'];

  app.get('/api/v1/tournaments/:id/sessions', {
    schema: {
      tags,
      summary: 'Sessions by phase, round and match number, paged by cursor',
      params: TournamentParams,
      querystring: SessionListQuery,
      response: { 200: SessionPage, 404: ErrorResponse[404] },
    },
  }, async (request) => {
    const q = request.query;
    const page = await listSessions(ctx.store, request.params.id, { phase: q.phase, round: q.round, playerId: q.player_id, limit: q.limit, cursor: q.cursor });
    return { items: page.items.map(sessionJson), next_cursor: page.nextCursor };
  });

  app.get('/api/v1/tournaments/:id/sessions/:session_id', {
    schema: {
      tags,
      summary: 'One session: its players, result, links and time (what a result dialog opens on)',
      params: SessionParams,
      response: { 200: Session, 404: ErrorResponse[404] },
    },
  }, async (request) => sessionJson(await getSession(ctx.store, request.params.id, request.params.session_id)));

  app.post('/api/v1/tournaments/:id/sessions/:session_id/result', {
    config: { role: 'operator' },
    schema: {
      tags,
      summary: 'Record a result and move the winner on',
      params: SessionParams,
      body: ResultBody,
      response: { 200: ResultReply, 404: ErrorResponse[404], 409: ErrorResponse[409] },
    },
  }, async (request) => {
    const { id, session_id } = request.params;
    const { winner_id, score, outcome: how } = request.body;
    const outcome = await submitResult(ctx.store, id, session_id, { winnerId: winner_id, score: score === null ? null : [score[0], score[1]], outcome: how }, actorOf(request));
    return { session: sessionJson(outcome.session), added_count: outcome.addedCount };
  });
};

export default sessionRoutes;
