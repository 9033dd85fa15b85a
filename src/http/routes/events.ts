import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NotFoundError } from '../../domain/errors.ts';
import { TooManyError } from '../../services/errors.ts';
import { getTournament } from '../../services/view-tournaments.ts';
import type { RouteDeps } from '../app.ts';
import { ErrorResponse } from '../contract/errors.ts';
import { EventsQuery, EventStream, type StreamProblem } from '../contract/events.ts';
import { TournamentParams } from '../contract/tournaments.ts';
import { TournamentFeeds } from '../tournament-feeds.ts';
import { tournamentDetailJson } from '../wire.ts';

const PROBLEM: StreamProblem = { message: 'the server could not read the tournament; retrying' };

/** Open event streams one user may hold (per API process): each holds a connection and a poll. */
export const MAX_STREAMS_PER_USER = 10;

/**
 * Server-Sent Events: the tournament's detail whenever it changes (checked every
 * `eventIntervalMs` by one poller per tournament, shared by its streams), and a comment line
 * every 15 s so proxies keep the stream open.
 */
const eventRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { ctx, eventIntervalMs = 1000 }) => {
  const open = new Set<() => void>();
  const streamsOf = new Map<number, number>();
  const feeds = new TournamentFeeds(async (id) => JSON.stringify(tournamentDetailJson(await getTournament(ctx.store, id))), eventIntervalMs);
  app.addHook('onClose', async () => {
    for (const close of open) close();
    feeds.close();
  });

  app.get('/api/v1/tournaments/:id/events', {
    config: { ticket: 'events' },
    schema: {
      tags: ['tournaments'],
      summary: 'Live tournament changes as Server-Sent Events',
      params: TournamentParams,
      querystring: EventsQuery,
      response: { 200: EventStream, 404: ErrorResponse[404], 429: ErrorResponse[429] },
    },
  }, async (request, reply) => {
    const { id } = request.params;
    const user = request.user.sub;
    const held = streamsOf.get(user) ?? 0;
    if (held >= MAX_STREAMS_PER_USER) {
      throw new TooManyError('too_many_streams', `you have ${held} event streams open, the most one user may; close one (a tab showing a tournament) first`, undefined, { limit: MAX_STREAMS_PER_USER });
    }
    // The slot is taken before the first await, so concurrent requests cannot all pass the check.
    streamsOf.set(user, held + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (streamsOf.get(user) ?? 1) - 1;
      if (left > 0) streamsOf.set(user, left);
      else streamsOf.delete(user);
    };
    let first: string;
    try {
      first = JSON.stringify(tournamentDetailJson(await getTournament(ctx.store, id)));
    } catch (error) {
      release();
      throw error;
    }
    if (request.raw.socket.destroyed) {
      release();
      reply.hijack();
      return;
    }
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    let sequence = 0;
    const emit = (data: string) => out.write(`id: ${++sequence}\nevent: tournament\ndata: ${data}\n\n`);
    out.write('retry: 3000\n\n');
    emit(first);
    const unsubscribe = feeds.subscribe(id, first, {
      change: emit,
      problem: (error) => {
        // A tournament deleted while watched: the stream ends (a reconnect gets the 404).
        if (error instanceof NotFoundError) return stop();
        out.write(`event: problem\ndata: ${JSON.stringify(PROBLEM)}\n\n`);
        request.log.warn({ err: error }, 'event stream read failed');
      },
    });
    const heartbeat = setInterval(() => out.write(': keep-alive\n\n'), 15_000);
    const stop = () => {
      if (released) return;
      release();
      unsubscribe();
      clearInterval(heartbeat);
      open.delete(stop);
      if (!out.writableEnded) out.end();
    };
    open.add(stop);
    request.raw.on('close', stop);
  });
};

export default eventRoutes;
