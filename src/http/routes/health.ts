import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { checkReadiness } from '../../services/check-readiness.ts';
import type { RouteDeps } from '../app.ts';
import { Liveness, NotReady, Readiness } from '../contract/health.ts';

const healthRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { ctx }) => {
  const tags = ['health'];
  app.get('/healthz', { config: { role: 'public' }, schema: { tags, summary: 'The process is up', response: { 200: Liveness } } }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', {
    config: { role: 'public' },
    schema: { tags, summary: 'Every dependency answers (database, job queue); 503 names the ones that do not', response: { 200: Readiness, 503: NotReady } },
  }, async (_request, reply) => {
    const { ready, database, queue } = await checkReadiness(ctx);
    if (ready) return reply.status(200).send({ status: 'ok', database, queue });
    const down = Object.entries({ database, queue }).filter(([, state]) => state !== 'ok').map(([name]) => name);
    return reply.status(503).send({
      error: { code: 'not_ready', message: `not ready: ${down.map((name) => `the ${name === 'queue' ? 'job queue' : name} is unreachable`).join('; ')}`, details: { database, queue, down } },
    });
  });
};

export default healthRoutes;
