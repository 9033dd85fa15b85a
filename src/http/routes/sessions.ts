import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { PHASES, type Phase } from '../../domain/formats/format.ts';
import { listSessions } from '../../services/list-sessions.ts';
import { submitResult } from '../../services/submit-result.ts';
import type { AppDeps } from '../app.ts';
import { SessionParams, TournamentParams } from '../schemas.ts';
import { sessionJson } from '../wire.ts';

const ListQuery = Type.Object({
  phase: Type.Optional(Type.Union(PHASES.map((p) => Type.Literal(p)))),
  round: Type.Optional(Type.Integer({ minimum: 1 })),
  player_id: Type.Optional(Type.Integer({ minimum: 1, description: "only the sessions this player plays in" })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });

const ResultBody = Type.Object({
  winner_id: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'null records a draw where the format allows it' }),
  score: Type.Array(Type.Integer({ minimum: 0, maximum: 1_000_000 }), { minItems: 2, maxItems: 2, description: 'in participant order' }),
}, { additionalProperties: false });

export default async function sessionRoutes(app: FastifyInstance, { ctx }: AppDeps) {
  const tags = ['sessions'];

  app.get('/api/v1/tournaments/:id/sessions', { schema: { tags, summary: 'Sessions by round and match number', params: TournamentParams, querystring: ListQuery } }, async (request) => {
    const { id } = request.params as Static<typeof TournamentParams>;
    const q = request.query as Static<typeof ListQuery>;
    const page = await listSessions(ctx.store, id, { phase: q.phase as Phase | undefined, round: q.round, playerId: q.player_id, limit: q.limit, cursor: q.cursor });
    return { items: page.items.map(sessionJson), next_cursor: page.nextCursor };
  });

  app.post('/api/v1/tournaments/:id/sessions/:session_id/result', { config: { role: 'operator' }, schema: { tags, summary: 'Record a result and move the winner on', params: SessionParams, body: ResultBody } }, async (request) => {
    const { id, session_id } = request.params as Static<typeof SessionParams>;
    const body = request.body as Static<typeof ResultBody>;
    const outcome = await submitResult(ctx.store, id, session_id, { winnerId: body.winner_id, score: [body.score[0], body.score[1]] });
    return { session: sessionJson(outcome.session), added_count: outcome.addedCount };
  });
}
