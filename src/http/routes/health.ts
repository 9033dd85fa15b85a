import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';

export default async function healthRoutes(app: FastifyInstance, { ctx }: AppDeps) {
  app.get('/healthz', { config: { role: 'public' }, schema: { tags: ['health'], summary: 'The process is up' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { role: 'public' }, schema: { tags: ['health'], summary: 'The database answers' } }, async (_request, reply) => {
    const ok = await ctx.store.ping();
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', database: ok ? 'ok' : 'unreachable' });
  });
}
