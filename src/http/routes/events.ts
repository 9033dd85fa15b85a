import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { getTournament } from '../../services/view-tournaments.ts';
import type { AppDeps } from '../app.ts';
import { TournamentParams } from '../schemas.ts';
import { tournamentDetailJson } from '../wire.ts';

const EventsQuery = Type.Object({ access_token: Type.Optional(Type.String({ maxLength: 4096 })) });

/**
 * Server-Sent Events: the tournament's detail whenever it changes (checked every
 * `intervalMs`), and a comment line every 15 s so proxies keep the stream open.
 */
export default async function eventRoutes(app: FastifyInstance, { ctx, eventIntervalMs = 1000 }: AppDeps) {
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const close of open) close();
  });

  app.get('/api/v1/tournaments/:id/events', {
    config: { queryToken: true },
    schema: { tags: ['tournaments'], summary: 'Live tournament changes as Server-Sent Events', params: TournamentParams, querystring: EventsQuery },
  }, async (request, reply) => {
    const { id } = request.params as { id: number };
    const first = JSON.stringify(tournamentDetailJson(await getTournament(ctx.store, id)));
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    let last = first;
    let sequence = 0;
    const emit = (data: string) => out.write(`id: ${++sequence}\nevent: tournament\ndata: ${data}\n\n`);
    out.write('retry: 3000\n\n');
    emit(first);
    let busy = false;
    const poll = setInterval(async () => {
      if (busy) return;
      busy = true;
      try {
        const next = JSON.stringify(tournamentDetailJson(await getTournament(ctx.store, id)));
        if (next !== last) {
          last = next;
          emit(next);
        }
      } catch (error) {
        out.write(`event: problem\ndata: ${JSON.stringify({ message: 'the server could not read the tournament; retrying' })}\n\n`);
        request.log.warn({ err: error }, 'event stream read failed');
      } finally {
        busy = false;
      }
    }, eventIntervalMs);
    const heartbeat = setInterval(() => out.write(': keep-alive\n\n'), 15_000);
    const stop = () => {
      clearInterval(poll);
      clearInterval(heartbeat);
      open.delete(stop);
      if (!out.writableEnded) out.end();
    };
    open.add(stop);
    request.raw.on('close', stop);
  });
}
