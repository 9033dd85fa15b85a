import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { viewStandings } from '../../services/view-standings.ts';
import type { RouteDeps } from '../app.ts';
import { ErrorResponse } from '../contract/errors.ts';
import { PhaseStandingsQuery, PhaseStandingsReply } from '../contract/phase-standings.ts';
import { TournamentParams } from '../contract/tournaments.ts';
import { phaseTableJson } from '../wire.ts';

const phaseStandingsRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { ctx }) => {
  app.get('/api/v1/tournaments/:id/phase-standings', {
    schema: {
      tags: ['tournaments'],
      summary: "The format's tables from the results so far, per phase and group, with the tie-break values that ordered them",
      params: TournamentParams,
      querystring: PhaseStandingsQuery,
      response: { 200: PhaseStandingsReply, 404: ErrorResponse[404] },
    },
  }, async (request) => {
    const { phase, group, limit, offset } = request.query;
    const tables = await viewStandings(ctx.store, request.params.id, { phase, group, limit, offset });
    return { tables: tables.map(phaseTableJson) };
  });
};

export default phaseStandingsRoutes;
