import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { createPlayers, listPlayers } from '../../services/manage-players.ts';
import type { AppDeps } from '../app.ts';
import { PageLimit } from '../schemas.ts';

const CreateBody = Type.Object({
  names: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 10_000 }),
}, { additionalProperties: false });

const ListQuery = Type.Object({
  limit: PageLimit(1000, 100),
  after_id: Type.Optional(Type.Integer({ minimum: 0 })),
  search: Type.Optional(Type.String({ maxLength: 100 })),
}, { additionalProperties: false });

export default async function playerRoutes(app: FastifyInstance, { ctx }: AppDeps) {
  const tags = ['players'];
  app.post('/api/v1/players', { config: { role: 'operator' }, schema: { tags, summary: 'Create players', body: CreateBody } }, async (request, reply) => {
    const items = await createPlayers(ctx.store, (request.body as Static<typeof CreateBody>).names.map((name) => ({ name })));
    return reply.status(201).send({ items });
  });
  app.get('/api/v1/players', { schema: { tags, summary: 'Players by id, paged', querystring: ListQuery } }, async (request) => {
    const q = request.query as Static<typeof ListQuery>;
    const items = await listPlayers(ctx.store, { limit: q.limit, afterId: q.after_id, search: q.search });
    return { items, next_after_id: items.length === q.limit ? items[items.length - 1].id : null };
  });
}
