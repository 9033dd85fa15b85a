import type { FastifyInstance } from 'fastify';
import { describeFormats } from '../../services/describe-formats.ts';
import type { AppDeps } from '../app.ts';

export default async function formatRoutes(app: FastifyInstance, { ctx }: AppDeps) {
  app.get('/api/v1/formats', { schema: { tags: ['formats'], summary: 'Formats, their limits and settings, and the async threshold' } }, async () => {
    const formats = describeFormats();
    return {
      async_threshold: ctx.asyncThreshold,
      formats: formats.map((f) => ({
        name: f.name,
        min_players: f.minPlayers,
        max_players: f.maxPlayers,
        allows_draws: f.allowsDraws,
        settings: f.settings,
      })),
    };
  });
}
