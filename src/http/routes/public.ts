import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NotFoundError } from '../../domain/errors.ts';
import { currentStandings } from '../../services/export-tournament.ts';
import { listSessions } from '../../services/list-sessions.ts';
import { findSharedTournament } from '../../services/share-tournament.ts';
import { getTournament } from '../../services/view-tournaments.ts';
import type { RouteDeps } from '../app.ts';
import { ErrorResponse } from '../contract/errors.ts';
import { PublicSessionsQuery, PublicTournament, SlugParams, StandingsQuery, StandingsReply } from '../contract/event-day.ts';
import { EventStream, type StreamProblem } from '../contract/events.ts';
import { SessionPage } from '../contract/sessions.ts';
import { TournamentFeeds } from '../tournament-feeds.ts';
import { publicTournamentJson, sessionJson, standingJson } from '../wire.ts';

const PROBLEM: StreamProblem = { message: 'the server could not read the tournament; retrying' };

/**
 * The public page's API: a shared tournament by its slug, without a login. Answers carry names,
 * clubs, ratings, seeds and results, nothing private (no emails, no ids of users, no tasks);
 * an unknown slug and a tournament whose sharing is off are the same 404.
 */
const publicRoutes: FastifyPluginAsyncTypebox<RouteDeps & { uiRoot: string }> = async (app, { ctx, eventIntervalMs = 1000, uiRoot }) => {
  const tags = ['public'];
  const config = { role: 'public' as const };
  const shared = async (slug: string) => getTournament(ctx.store, (await findSharedTournament(ctx.store, slug)).id);
  const view = async (overview: Awaited<ReturnType<typeof getTournament>>) => publicTournamentJson(overview);

  app.get('/api/v1/public/:slug', {
    config,
    schema: { tags, summary: 'A shared tournament: name, format, status, counts and rounds', params: SlugParams, response: { 200: PublicTournament, 404: ErrorResponse[404] } },
  }, async (request) => view(await shared(request.params.slug)));

  app.get('/api/v1/public/:slug/sessions', {
    config,
    schema: { tags, summary: "A shared tournament's sessions, paged by cursor", params: SlugParams, querystring: PublicSessionsQuery, response: { 200: SessionPage, 404: ErrorResponse[404] } },
  }, async (request) => {
    const t = await findSharedTournament(ctx.store, request.params.slug);
    const q = request.query;
    const page = await listSessions(ctx.store, t.id, { phase: q.phase, round: q.round, limit: q.limit, cursor: q.cursor });
    return { items: page.items.map(sessionJson), next_cursor: page.nextCursor };
  });

  app.get('/api/v1/public/:slug/standings', {
    config,
    schema: { tags, summary: "A shared tournament's standings now", params: SlugParams, querystring: StandingsQuery, response: { 200: StandingsReply, 404: ErrorResponse[404] } },
  }, async (request) => {
    const t = await findSharedTournament(ctx.store, request.params.slug);
    const s = await currentStandings(ctx.store, t.id);
    const { limit, offset } = request.query;
    return { items: s.rows.slice(offset, offset + limit).map(standingJson), total: s.rows.length, final: s.final };
  });

  // Viewers of one tournament share one poller (a club's parents may be hundreds).
  const open = new Set<() => void>();
  const feeds = new TournamentFeeds(async (id) => {
    const overview = await getTournament(ctx.store, id);
    // Sharing turned off ends every public stream of the tournament.
    if (!overview.tournament.sharing) throw new NotFoundError('no shared tournament at this link');
    return JSON.stringify(await view(overview));
  }, eventIntervalMs);
  app.addHook('onClose', async () => {
    for (const close of open) close();
    feeds.close();
  });

  app.get('/api/v1/public/:slug/events', {
    config,
    schema: { tags, summary: 'Live changes of a shared tournament as Server-Sent Events (`event: tournament`, a public tournament)', params: SlugParams, response: { 200: EventStream, 404: ErrorResponse[404] } },
  }, async (request, reply) => {
    const tournament = await findSharedTournament(ctx.store, request.params.slug);
    const first = JSON.stringify(await view(await getTournament(ctx.store, tournament.id)));
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    let sequence = 0;
    const emit = (data: string) => out.write(`id: ${++sequence}\nevent: tournament\ndata: ${data}\n\n`);
    out.write('retry: 3000\n\n');
    emit(first);
    const unsubscribe = feeds.subscribe(tournament.id, first, {
      change: emit,
      problem: (error) => {
        if (error instanceof NotFoundError) return stop();
        out.write(`event: problem\ndata: ${JSON.stringify(PROBLEM)}\n\n`);
        request.log.warn({ err: error }, 'public event stream read failed');
      },
    });
    const heartbeat = setInterval(() => out.write(': keep-alive\n\n'), 15_000);
    const stop = () => {
      unsubscribe();
      clearInterval(heartbeat);
      open.delete(stop);
      if (!out.writableEnded) out.end();
    };
    open.add(stop);
    request.raw.on('close', stop);
  });

  // The bracket as an <iframe> on another site: the same page, allowed inside any frame.
  app.get('/t/:slug/embed', { config, schema: { hide: true, params: SlugParams } }, async (_request, reply) => {
    let page = '<!doctype html><title>tourney</title><p>The web UI is not built yet: run <code>npm run build:web</code>.</p>';
    try {
      page = readFileSync(path.join(uiRoot, 'index.html'), 'utf8');
    } catch {
      // Not built: the notice above, framed like the page would be.
    }
    reply.removeHeader('x-frame-options');
    const csp = String(reply.getHeader('content-security-policy') ?? '').replace(/frame-ancestors[^;]*;?/, '');
    return reply.header('content-security-policy', `${csp}${csp && !csp.trim().endsWith(';') ? ';' : ''}frame-ancestors *`).type('text/html').send(page);
  });
};

export default publicRoutes;
