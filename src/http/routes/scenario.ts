import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { launchScenario } from '../../services/launch-scenario.ts';
import type { RouteDeps } from '../app.ts';
import { ErrorResponse } from '../contract/errors.ts';
import { ScenarioBody, ScenarioReply } from '../contract/tournaments.ts';

const scenarioRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { ctx }) => {
  app.post('/api/v1/tournaments/ops/run-scenario', {
    config: { role: 'admin' },
    schema: {
      tags: ['ops'],
      summary: 'Launch a tournament of synthetic players: sync under the async threshold, queued from it up',
      body: ScenarioBody,
      response: {
        201: { ...ScenarioReply, description: 'generated (and played and ranked, unless simulate is false) in this call' },
        202: { ...ScenarioReply, description: 'queued: poll generation-status with task_id' },
        503: ErrorResponse[503],
      },
    },
  }, async (request, reply) => {
    const body = request.body;
    const outcome = await launchScenario(ctx, {
      playerCount: body.player_count,
      format: body.format,
      name: body.name,
      seed: body.seed,
      settings: body.settings,
      simulate: body.simulate,
      confirmed: body.confirmed,
    });
    return reply.status(outcome.mode === 'async' ? 202 : 201).send({
      tournament_id: outcome.tournamentId,
      task_id: outcome.taskId,
      mode: outcome.mode,
      enrolled_count: outcome.enrolledCount,
      sessions_count: outcome.sessionsCount,
      rankings_count: outcome.rankingsCount,
      timings_ms: outcome.timingsMs,
    });
  });
};

export default scenarioRoutes;
