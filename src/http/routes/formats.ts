import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { describeFormats } from '../../services/describe-formats.ts';
import type { RouteDeps } from '../app.ts';
import { FormatsReply } from '../contract/formats.ts';

const formatRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { ctx }) => {
  app.get('/api/v1/formats', {
    schema: { tags: ['formats'], summary: 'Formats, their limits and settings, and the async threshold', response: { 200: FormatsReply } },
  }, async () => ({
    async_threshold: ctx.asyncThreshold,
    formats: describeFormats().map((f) => ({
      name: f.name,
      min_players: f.minPlayers,
      max_players: f.maxPlayers,
      allows_draws: f.allowsDraws,
      settings: f.settings.map(({ choices, ...s }) => (choices ? { ...s, choices: [...choices] } : s)),
    })),
  }));
};

export default formatRoutes;
