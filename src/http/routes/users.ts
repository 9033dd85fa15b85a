import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createUser, listUsers } from '../../services/manage-users.ts';
import type { RouteDeps } from '../app.ts';
import { ErrorResponse } from '../contract/errors.ts';
import { CreateUserBody, User, UserListQuery, UserPage } from '../contract/users.ts';
import { nextKey } from '../wire.ts';

const userRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { ctx }) => {
  const tags = ['users'];
  app.post('/api/v1/users', {
    config: { role: 'admin' },
    schema: { tags, summary: 'Create a user', body: CreateUserBody, response: { 201: User, 409: ErrorResponse[409] } },
  }, async (request, reply) => reply.status(201).send(await createUser(ctx.store, request.body)));

  app.get('/api/v1/users', {
    config: { role: 'admin' },
    schema: { tags, summary: 'Users by id, paged', querystring: UserListQuery, response: { 200: UserPage } },
  }, async (request) => {
    const items = await listUsers(ctx.store, { limit: request.query.limit, afterId: request.query.after_id });
    return { items, next_after_id: nextKey(items, request.query.limit) };
  });
};

export default userRoutes;
