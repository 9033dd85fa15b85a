import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Serves the built web UI at / and answers deep links (/monitor, /tournaments/3/bracket)
 * with index.html; unknown /api paths stay JSON 404s, and a path served under other
 * methods is a 405 that lists them in Allow.
 */
export default fp(async function staticUi(app: FastifyInstance, options: { root: string }) {
  const hasUi = existsSync(path.join(options.root, 'index.html'));
  if (hasUi) {
    // One route per built file, no GET /* catch-all: a catch-all would match every unknown path
    // (an /api/ one, or one whose parameter is over the length limit), so it would need a token
    // and miss the 404, 405 and 414 answers below.
    await app.register(fastifyStatic, { root: options.root, index: ['index.html'], wildcard: false });
  }
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
    if (wantsPage && hasUi) return reply.type('text/html').sendFile('index.html');
    if (wantsPage) {
      return reply.type('text/html').send('<!doctype html><title>tourney</title><p>The web UI is not built yet: run <code>npm run build:web</code>. The API is at <a href="/docs">/docs</a>.</p>');
    }
    const path = request.url.split('?')[0];
    // The UI's catch-all (GET /*) serves files, not this path: it does not make a method allowed.
    const allowed = METHODS.filter((method) => {
      const found = app.findRoute({ method, url: path });
      return found !== null && !('*' in (found.params ?? {}));
    });
    if (allowed.length > 0) {
      return reply.status(405).header('allow', allowed.join(', ')).send({
        error: { code: 'method_not_allowed', message: `${request.method} is not allowed on ${path}; use ${allowed.join(' or ')}`, details: { allowed } },
      });
    }
    return reply.status(404).send({
      error: { code: 'not_found', message: `no route for ${request.method} ${path}`, details: {} },
    });
  });
});
