import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { createUser, listUsers } from '../../services/manage-users.ts';
import type { AppDeps } from '../app.ts';

const CreateBody = Type.Object({
  email: Type.String({ pattern: '^[^\\s@]+@[^\\s@]+$', maxLength: 254 }),
  password: Type.String({ minLength: 8, maxLength: 1024 }),
  role: Type.Union([Type.Literal('admin'), Type.Literal('operator'), Type.Literal('viewer')]),
}, { additionalProperties: false });

export default async function userRoutes(app: FastifyInstance, { ctx }: AppDeps) {
  const tags = ['users'];
  app.post('/api/v1/users', { config: { role: 'admin' }, schema: { tags, summary: 'Create a user', body: CreateBody } }, async (request, reply) => {
    const body = request.body as Static<typeof CreateBody>;
    return reply.status(201).send(await createUser(ctx.store, body));
  });
  app.get('/api/v1/users', { config: { role: 'admin' }, schema: { tags, summary: 'Users' } }, async () => ({ items: await listUsers(ctx.store) }));
}
