import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { launchScenario } from '../../services/launch-scenario.ts';
import type { AppDeps } from '../app.ts';

const ScenarioBody = Type.Object(
  {
    player_count: Type.Integer({ minimum: 2, maximum: 1_048_576, description: 'how many synthetic players to enroll' }),
    format: Type.String({ default: 'knockout', minLength: 1, maxLength: 64 }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4_294_967_295, description: 'simulation seed' })),
    settings: Type.Optional(Type.Object({}, { additionalProperties: true, description: "the format's settings" })),
    simulate: Type.Boolean({ default: true, description: 'play and rank in the call (sync path only)' }),
    confirmed: Type.Optional(Type.Boolean({ description: 'required true from the async threshold up' })),
  },
  { additionalProperties: false },
);

export default async function scenarioRoutes(app: FastifyInstance, { ctx }: AppDeps) {
  app.post('/api/v1/tournaments/ops/run-scenario', {
    config: { role: 'admin' },
    schema: {
      tags: ['ops'],
      summary: 'Launch a tournament of synthetic players: sync under the async threshold, queued from it up',
      body: ScenarioBody,
    },
  }, async (request, reply) => {
    const body = request.body as Static<typeof ScenarioBody>;
    const outcome = await launchScenario(ctx, {
      playerCount: body.player_count,
      format: body.format,
      name: body.name,
      seed: body.seed,
      settings: body.settings as Record<string, unknown> | undefined,
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
}
