import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createUser, deleteUser, listUsers, updateUser } from '../../services/manage-users.ts';
import type { RouteDeps } from '../app.ts';
import { ErrorResponse } from '../contract/errors.ts';
import { CreateUserBody, DeletedUser, UpdateUserBody, User, UserListQuery, UserPage, UserParams } from '../contract/users.ts';
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

  app.patch('/api/v1/users/:id', {
    config: { role: 'admin' },
    schema: {
      tags,
      summary: "Change a user's role and/or password; the user's tokens stop working (they log in again)",
      params: UserParams,
      body: UpdateUserBody,
      response: { 200: User, 404: ErrorResponse[404], 409: ErrorResponse[409] },
    },
  }, async (request) => {
    const user = await updateUser(ctx.store, request.params.id, request.body);
    app.access.holders.forget(user.id);
    return { id: user.id, email: user.email, role: user.role };
  });

  app.delete('/api/v1/users/:id', {
    config: { role: 'admin' },
    schema: { tags, summary: "Delete a user; the user's tokens stop working", params: UserParams, response: { 200: DeletedUser, 404: ErrorResponse[404], 409: ErrorResponse[409] } },
  }, async (request) => {
    await deleteUser(ctx.store, request.params.id);
    app.access.holders.forget(request.params.id);
    return { id: request.params.id, deleted: true as const };
  });
};

export default userRoutes;
