import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { describeFormats } from '../../services/describe-formats.ts';
import type { SettingDescription } from '../../domain/formats/format.ts';
import type { RouteDeps } from '../app.ts';
import { FormatsReply } from '../contract/formats.ts';

function settingJson({ choices, fields: _fields, ...s }: SettingDescription) {
  return choices ? { ...s, choices: [...choices] } : s;
}

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
      settings: f.settings.map(({ fields, ...s }) => ({ ...settingJson(s), ...(fields ? { fields: fields.map(settingJson) } : {}) })),
    })),
  }));
};

export default formatRoutes;
