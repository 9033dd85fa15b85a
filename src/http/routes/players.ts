import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createPlayers, listPlayers } from '../../services/manage-players.ts';
import type { RouteDeps } from '../app.ts';
import { CreatedPlayers, CreatePlayersBody, PlayerListQuery, PlayerPage } from '../contract/players.ts';
import { nextKey } from '../wire.ts';

const playerRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { ctx }) => {
  const tags = ['players'];
  app.post('/api/v1/players', {
    config: { role: 'operator' },
    schema: { tags, summary: 'Create players', body: CreatePlayersBody, response: { 201: CreatedPlayers } },
  }, async (request, reply) => {
    const items = await createPlayers(ctx.store, request.body.names.map((name) => ({ name })));
    return reply.status(201).send({ items });
  });

  app.get('/api/v1/players', {
    schema: { tags, summary: 'Players by id, paged', querystring: PlayerListQuery, response: { 200: PlayerPage } },
  }, async (request) => {
    const q = request.query;
    const items = await listPlayers(ctx.store, { limit: q.limit, afterId: q.after_id, search: q.search });
    return { items, next_after_id: nextKey(items, q.limit) };
  });
};

export default playerRoutes;
