import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ValidationError } from '../../domain/errors.ts';
import { exportTrf } from '../../services/export-trf.ts';
import { importTrf } from '../../services/import-trf.ts';
import type { RouteDeps } from '../app.ts';
import { ErrorResponse } from '../contract/errors.ts';
import { TournamentParams } from '../contract/tournaments.ts';
import { ImportTrfReply, TrfText } from '../contract/trf.ts';
import { tournamentJson } from '../wire.ts';

/** A 10,000-player TRF of 20 rounds is about 3 MB. */
const TRF_BODY_LIMIT = 16 * 1024 * 1024;

/** FIDE TRF-16: a Swiss out as text, and a Swiss in from text. */
const trfRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { ctx }) => {
  const tags = ['tournaments'];
  // TRF arrives as text; only this plugin's routes accept it.
  app.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit: TRF_BODY_LIMIT }, (_request, body, done) => done(null, body));

  app.get('/api/v1/tournaments/:id/export.trf', {
    schema: {
      tags,
      summary: 'A Swiss (any state) as FIDE TRF-16, for an endorsed pairing program to check; 409 not_swiss for another format',
      params: TournamentParams,
      response: { 200: TrfText, 404: ErrorResponse[404], 409: ErrorResponse[409] },
    },
  }, async (request, reply) => {
    const text = await exportTrf(ctx.store, request.params.id);
    return reply
      .type('text/plain; charset=utf-8')
      .header('content-disposition', `attachment; filename="tournament-${request.params.id}.trf"`)
      .send(text);
  });

  app.post('/api/v1/tournaments/import-trf', {
    config: { role: 'operator' },
    bodyLimit: TRF_BODY_LIMIT,
    schema: {
      tags,
      summary: 'Create a Swiss from a FIDE TRF-16 file (text/plain): players, rounds, results, withdrawals, half-point, full-point and zero-point byes; ready to pair the next round. Bad TRF is a 422 naming line and column',
      body: { type: 'string', description: 'TRF-16 text' },
      response: { 201: ImportTrfReply, 422: ErrorResponse[422] },
    },
  }, async (request, reply) => {
    const type = String(request.headers['content-type'] ?? '');
    if (!type.startsWith('text/plain')) throw new ValidationError('content-type', 'must be text/plain (a TRF file)');
    const out = await importTrf(ctx.store, String(request.body ?? ''));
    return reply.status(201).send({
      tournament: tournamentJson(out.tournament),
      players: out.players,
      rounds: out.rounds,
      sessions: out.sessions,
      withdrawn: out.withdrawn,
      absent: out.absent,
      added_count: out.addedCount,
    });
  });
};

export default trfRoutes;
