import type { FastifyInstance } from 'fastify';
import { checkReadiness } from '../../services/check-readiness.ts';
import type { AppDeps } from '../app.ts';

export default async function healthRoutes(app: FastifyInstance, { ctx }: AppDeps) {
  app.get('/healthz', { config: { role: 'public' }, schema: { tags: ['health'], summary: 'The process is up' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', {
    config: { role: 'public' },
    schema: { tags: ['health'], summary: 'Every dependency answers (database, job queue); 503 names the ones that do not' },
  }, async (_request, reply) => {
    const { ready, database, queue } = await checkReadiness(ctx);
    if (ready) return { status: 'ok', database, queue };
    const down = Object.entries({ database, queue }).filter(([, state]) => state !== 'ok').map(([name]) => name);
    return reply.status(503).send({
      error: { code: 'not_ready', message: `not ready: ${down.map((name) => `the ${name === 'queue' ? 'job queue' : name} is unreachable`).join('; ')}`, details: { database, queue, down } },
    });
  });
}
